// The bench's records look like a provisioned tenant's: Norwegian tabs, header labels and enumerated values, read as keys.
import { seedMunicipality } from '../../src/bench/seed';
import { labelledHeader, tabTitle } from '../../src/core/records/labels';
import { TABLE_NAMES } from '../../src/core/records/tables';
import { Records } from '../../src/store/records';

it('seeds every table under its Norwegian tab with labelled headers and Norwegian values, and the store reads it in one call', () => {
  const { wb: port, records: wb, rows } = seedMunicipality(40, '2026-11-22');
  expect(port).toBe(wb);
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

it('with person shards, puts each employee\'s Certifications and SkillAssessments rows in their shard, and the store reads them all', () => {
  const one = seedMunicipality(60, '2026-11-22');
  const { wb, records, shards } = seedMunicipality(60, '2026-11-22', 3);
  expect(shards).toHaveLength(3);
  expect(records.dump(tabTitle('Certifications'))!.rows).toEqual([]);
  const whole = new Records(wb).read(['Certifications', 'SkillAssessments']);
  const flat = new Records(one.wb).read(['Certifications', 'SkillAssessments']);
  expect(whole.Certifications!.rows.map((r) => r.row).sort((a, b) => a.certificationId.localeCompare(b.certificationId)))
    .toEqual(flat.Certifications!.rows.map((r) => r.row).sort((a, b) => a.certificationId.localeCompare(b.certificationId)));
  expect(whole.SkillAssessments!.rows).toHaveLength(flat.SkillAssessments!.rows.length);
  for (const s of shards) expect(s.dump(tabTitle('Certifications'))!.rows.length).toBeGreaterThan(0);
});
