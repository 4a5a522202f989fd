// The bench's records look like a provisioned tenant's: Norwegian tabs, header labels and enumerated values, read as keys.
import { seedMunicipality } from '../../src/bench/seed';
import { labelledHeader, tabTitle } from '../../src/core/records/labels';
import { TABLE_NAMES } from '../../src/core/records/tables';
import { Records } from '../../src/store/records';

it('seeds every table under its Norwegian tab with labelled headers and Norwegian values, and the store reads it in one call', () => {
  const { wb, rows } = seedMunicipality(40, '2026-11-22');
  expect(rows).toBeGreaterThan(40);
  expect(wb.tables()).toEqual(TABLE_NAMES.map(tabTitle));
  for (const t of TABLE_NAMES) expect(wb.dump(t)!.header).toEqual(labelledHeader(t));
  const emp = wb.dump('Employees')!;
  const status = emp.header.indexOf('Status');
  expect(new Set(emp.rows.map((r) => r[status]))).toContain('aktiv');
  expect(emp.rows.some((r) => r[status] === 'active')).toBe(false);
  wb.meter.reset();
  const snap = new Records(wb).read(['Employees', 'Certifications']);
  expect(wb.meter.snapshot().byKind).toEqual({ 'workbook.read': 1 });
  expect(snap.Employees!.issues).toEqual([]);
  expect(snap.Employees!.rows.every((r) => ['active', 'leave', 'left'].includes(r.row.status))).toBe(true);
  expect(snap.Certifications!.rows.some((r) => r.row.state === 'valid')).toBe(true);
});
