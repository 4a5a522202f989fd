// Data health: references to things that do not exist are reported with table, row and field.
import { healthReport } from '../../src/store/health';
import { Records } from '../../src/store/records';
import { fixtureData, fixtureWorkbook } from '../support/fixture';

it('reports a requirement naming a missing competence and an employee in an unknown unit', () => {
  const data = fixtureData();
  data.Requirements!.push({ roleId: 'nurse', competenceId: 'no-such-thing', level: 'required', dueWithinDays: undefined });
  data.Employees![0] = { ...data.Employees![0]!, unitId: 'gone' };
  const snap = new Records(fixtureWorkbook(data)).read(['Units', 'Employees', 'Roles', 'Competences', 'Requirements']);
  const report = healthReport(snap, '2026-11-22T09:00:00Z');
  expect(report.issues).toEqual(expect.arrayContaining([
    { table: 'Requirements', rowNumber: 7, field: 'competenceId', reason: 'unknown_reference', value: 'no-such-thing' },
    { table: 'Employees', rowNumber: 2, field: 'unitId', reason: 'unknown_reference', value: 'gone' },
  ]));
  expect(report.total).toBe(2);
});

it('is clean for the fixture', () => {
  const snap = new Records(fixtureWorkbook()).read(['Units', 'Employees', 'Roles', 'Competences', 'Requirements', 'Certifications']);
  expect(healthReport(snap, 'x').total).toBe(0);
});

it('names a person shard\'s row as HR finds it: in that spreadsheet, at its own row number', () => {
  const report = healthReport({
    Certifications: { name: 'Certifications', exists: true, header: [], columns: new Map(), rows: [], lastRow: 1, usable: true,
      issues: [{ table: 'Certifications', rowNumber: 2 * 2_000_000 + 17, field: 'achievedOn', reason: 'invalid_date' }, { table: 'Certifications', rowNumber: 5, field: 'achievedOn', reason: 'invalid_date' }] },
  }, '2026-12-04T10:00:00Z');
  expect(report.issues.filter((i) => i.table === 'Certifications').map((i) => [i.shard, i.rowNumber])).toEqual([[undefined, 5], [2, 17]]);
});
