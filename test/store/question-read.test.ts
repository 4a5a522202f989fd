// One question read under the lock: its row where it was seen last, with the headers of the tables a change appends to,
// in one call; a row moved by hand is found again by key in one more.
import { headerOf } from '../../src/core/records/tables';
import { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';
import { Records } from '../../src/store/records';
import { readQuestion } from '../../src/store/question-read';

function question(id: string, text: string): (string | null)[] {
  return headerOf('Questions').map((f) => ({ questionId: id, askerEmail: 'kari@kommune.example', text, status: 'open', askedAt: '2026-11-20T08:00:00Z', anonymous: 'false' } as Record<string, string>)[f] ?? null);
}

function setup() {
  const wb = new MemoryWorkbook();
  wb.seed('Questions', headerOf('Questions'), [question('q1', 'Hvordan deler jeg en mappe?'), question('q2', 'Hvor finner jeg lønnsslippen?'), question('q3', 'Kan jeg bruke Chat på mobil?')]);
  wb.seed('Audit', headerOf('Audit'), []);
  wb.seed('Outbox', headerOf('Outbox'), []);
  wb.seed('Faq', headerOf('Faq'), []);
  const records = new Records(wb);
  return { wb, read: records.read.bind(records) };
}

it('reads only the question\'s row and the headers of Audit, Outbox and the extra tables, in one call', () => {
  const { wb, read } = setup();
  const got = readQuestion(read, 'q2', 3, ['Faq']);
  expect(got?.q).toEqual({ rowNumber: 3, row: expect.objectContaining({ questionId: 'q2', text: 'Hvor finner jeg lønnsslippen?' }) });
  expect(got?.snap.Questions?.rows.map((r) => r.row.questionId)).toEqual(['q2']);
  expect([got?.snap.Audit?.rows, got?.snap.Outbox?.rows, got?.snap.Faq?.rows]).toEqual([[], [], []]);
  expect(wb.meter.snapshot().byKind['workbook.read']).toBe(1);
});

it('finds a question whose row moved (a hand sort) by reading the Questions tab once more, and says so', () => {
  const { wb, read } = setup();
  const moved: number[] = [];
  const got = readQuestion(read, 'q3', 2, [], (row) => moved.push(row));
  expect(got?.q.rowNumber).toBe(4);
  expect(got?.q.row.questionId).toBe('q3');
  expect(moved).toEqual([2]);
  expect(wb.meter.snapshot().byKind['workbook.read']).toBe(2);
});

it('reads the whole tab at once without a hint, and answers undefined for an unknown or empty id', () => {
  const { wb, read } = setup();
  expect(readQuestion(read, 'q1', undefined)?.q.rowNumber).toBe(2);
  expect(readQuestion(read, 'q9', undefined)).toBeUndefined();
  expect(readQuestion(read, 'q9', 2)).toBeUndefined();
  const before = wb.meter.snapshot().byKind['workbook.read'];
  expect(readQuestion(read, '', 2)).toBeUndefined();
  expect(wb.meter.snapshot().byKind['workbook.read']).toBe(before);
});
