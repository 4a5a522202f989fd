// Reading every table whole (rebuild, jobs): every row once, in order, and no answer larger than the bytes allowed.
import { headerOf, type TableName } from '../../src/core/records/tables';
import { readAllTables } from '../../src/store/rebuild';
import type { ReadRequest, ReadResult } from '../../src/store/ports';
import { fixtureWorkbook } from '../support/fixture';

/** The fixture with `n` certifications and `n` audit rows (audit rows of uneven size, as real ones are). */
function big(n: number) {
  const wb = fixtureWorkbook();
  const cert = headerOf('Certifications');
  wb.seed('Certifications', cert, Array.from({ length: n }, (_, i) => cert.map((h) => (h === 'certificationId' ? `C${i}` : h === 'employeeId' ? `E${i % 500}`
    : h === 'competenceId' ? 'cpr' : h === 'achievedOn' ? '2026-01-01' : h === 'state' ? 'valid' : h === 'source' ? 'session' : ''))));
  const audit = headerOf('Audit');
  wb.seed('Audit', audit, Array.from({ length: n }, (_, i) => audit.map((h) => (h === 'at' ? '2026-11-22T09:00:00Z' : h === 'actorEmail' ? 'kari@kommune.example'
    : h === 'action' ? 'courses.signUp' : h === 'table' ? 'Enrollments' : h === 'after' ? JSON.stringify({ note: 'x'.repeat(i % 7 === 0 ? 400 : 20) }) : ''))));
  const answers: { bytes: number; requests: ReadRequest[] }[] = [];
  const read = wb.read.bind(wb);
  wb.read = (requests) => {
    const results: ReadResult[] = read(requests);
    answers.push({ bytes: JSON.stringify(results.map((r) => r.rows.map((x) => x.cells))).length, requests });
    return results;
  };
  return { wb, answers };
}

describe('readAllTables', () => {
  it('reads every row once and in order, each answer within the bytes allowed', () => {
    const { wb, answers } = big(6_000);
    const maxBytes = 200_000;
    const snap = readAllTables(wb, ['Employees', 'Certifications', 'Audit', 'Settings'] as TableName[], maxBytes);
    expect(snap.Certifications!.rows.map((r) => r.row.certificationId)).toEqual(Array.from({ length: 6_000 }, (_, i) => `C${i}`));
    expect(snap.Certifications!.rows.map((r) => r.rowNumber)).toEqual(Array.from({ length: 6_000 }, (_, i) => i + 2));
    expect(snap.Audit!.rows).toHaveLength(6_000);
    expect(snap.Settings!.rows.length).toBeGreaterThan(0);
    for (const a of answers) expect(a.bytes).toBeLessThanOrEqual(maxBytes);
    // Packed, not one call per table slice: the data over the bytes allowed, plus the first call and one for rounding.
    const total = answers.reduce((n, a) => n + a.bytes, 0);
    expect(answers.length).toBeLessThanOrEqual(Math.ceil(total / (maxBytes / 1.6)) + 2);
  });

  it('asks for no range past the last row the first answer reported', () => {
    const { wb, answers } = big(3_000);
    readAllTables(wb, ['Certifications', 'Audit'] as TableName[], 100_000);
    for (const a of answers.slice(1)) for (const r of a.requests) for (const range of r.ranges ?? []) expect(range.to).toBeLessThanOrEqual(3_001);
  });

});
