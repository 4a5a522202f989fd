// Issue #13: a change that cannot be completed after its batch applied clears the rows it appended (undoAppends), which
// leaves blank rows. Every reader skips them without calling them malformed, a stale row number never reaches the record
// that later takes the row, and the rows to clear are found wherever a hand edit has moved them (not only in the last 200).
import { headerOf, TABLE_NAMES, tableDef, type Row, type TableName } from '../../src/core/records/tables';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawCell } from '../../src/core/records/cells';
import { createNodeSheetsTransport } from '../../src/adapters/node/sheets-node-transport';
import { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';
import { serializeCsv } from '../../src/adapters/node/csv-format';
import { CsvWorkbook } from '../../src/adapters/node/csv-workbook';
import { SheetsWorkbook } from '../../src/adapters/google/sheets-workbook';
import type { WorkbookPort } from '../../src/store/ports';
import { insert, Records, update } from '../../src/store/records';
import { MemoryCache } from '../../src/store/strict-cache';
import { ReadModel } from '../../src/store/read-model';
import { rebuildReadModel } from '../../src/store/rebuild';
import { encodeRow } from '../../src/store/table-parse';
import { nodeCodec } from '../../src/adapters/node/node-codec';
import { UNDO_TAIL_ROWS } from '../../src/store/write-verify';
import { FaultyWorkbook } from '../support/faults';
import { fixtureWorkbook, TODAY } from '../support/fixture';
import { SheetsDouble } from '../support/sheets-double';
import { VALUE_LABELS } from '../../src/core/records/value-labels';

/** What the sheet holds for a certificate's state (the Norwegian label, value-labels.ts). */
const PENDING = VALUE_LABELS.certState.pending;
const VALID = VALUE_LABELS.certState.valid;

const AUDIT = { actorEmail: 'leder@kommune.example', action: 'verify', at: `${TODAY}T10:00:00Z` };
const blank = (width: number): RawCell[] => Array.from({ length: width }, () => null);

let double: SheetsDouble;
beforeAll(async () => {
  double = await SheetsDouble.start();
  await double.allowToken('t');
});
afterAll(async () => { await double.stop(); });

/** Every tab of the fixture, as given or with blank rows (as a cleared append leaves them) before, between and after its rows. */
function tabs(withBlanks: boolean): Map<TableName, { header: string[]; rows: RawCell[][] }> {
  const wb = fixtureWorkbook();
  const out = new Map<TableName, { header: string[]; rows: RawCell[][] }>();
  for (const t of TABLE_NAMES) {
    const { header, rows } = wb.dump(t)!;
    if (!withBlanks) { out.set(t, { header, rows }); continue; }
    const spaced: RawCell[][] = [blank(header.length)];
    for (const r of rows) spaced.push(r, blank(header.length));
    spaced.push(blank(header.length));
    out.set(t, { header, rows: spaced });
  }
  return out;
}

let n = 0;
async function sheetsOf(data: Map<TableName, { header: string[]; rows: RawCell[][] }>): Promise<WorkbookPort> {
  const id = `blank-${++n}`;
  await double.advanceClock(60_000);
  await double.create(id);
  for (const [t, { header, rows }] of data) await double.seed(id, t, header, rows);
  return new SheetsWorkbook({ spreadsheetId: id, transport: createNodeSheetsTransport(), auth: { token: () => 't' }, root: double.url, sleep: () => undefined });
}
/** The local workspace's CSV files (one per tab, as the workbook writes them). */
function csvOf(data: Map<TableName, { header: string[]; rows: RawCell[][] }>): WorkbookPort {
  const dir = mkdtempSync(join(tmpdir(), 'kompetent-blank-'));
  const text = (c: RawCell) => (c === null || c === undefined ? '' : typeof c === 'object' ? c : String(c));
  for (const [t, { header, rows }] of data) writeFileSync(join(dir, `${t}.csv`), serializeCsv([header, ...rows.map((r) => r.map(text))]));
  return new CsvWorkbook(dir);
}
function memoryOf(data: Map<TableName, { header: string[]; rows: RawCell[][] }>): WorkbookPort {
  const wb = new MemoryWorkbook();
  for (const [t, { header, rows }] of data) wb.seed(t, header, rows);
  return wb;
}

/** What the readers make of the records: every row by key and every problem reported, without row numbers. */
function seen(workbook: WorkbookPort) {
  const snap = new Records(workbook).read([...TABLE_NAMES]);
  const rows: Record<string, unknown> = {};
  const issues: string[] = [];
  for (const t of TABLE_NAMES) {
    const p = snap[t]!;
    p.rows.forEach((r, i) => { rows[`${t}:${tableDef(t).key.map((k) => String((r.row as Record<string, unknown>)[k])).join('|') || i}`] = r.row; });
    for (const x of p.issues) issues.push(`${t} ${x.field ?? ''} ${x.reason}`);
  }
  const rebuilt = rebuildReadModel(workbook, new ReadModel(new MemoryCache(() => Date.parse(`${TODAY}T09:00:00Z`)), () => 'g1', nodeCodec),
    { now: `${TODAY}T09:00:00Z`, today: TODAY, generation: 'g1' });
  const health = rebuilt.health.issues.map((x) => `${x.table} ${x.field ?? ''} ${x.reason}`).sort();
  return { rows, issues: issues.sort(), health };
}

describe.each([
  ['Sheets API double', sheetsOf],
  ['memory workbook', async (d: Parameters<typeof memoryOf>[0]) => memoryOf(d)],
  ['CSV workbook (local workspace)', async (d: Parameters<typeof csvOf>[0]) => csvOf(d)],
] as const)('%s', (_name, make) => {
  it('blank rows in every tab are skipped by every reader (the records, the rebuild, data health), never reported as malformed', async () => {
    const plain = seen(await make(tabs(false)));
    const spaced = seen(await make(tabs(true)));
    expect(Object.keys(plain.rows).length).toBeGreaterThan(20);
    expect(spaced.rows).toEqual(plain.rows);
    expect(spaced.issues).toEqual(plain.issues);
    expect(spaced.health).toEqual(plain.health);
  });
});

// ---- The undo itself, over one tab of certifications.

const H = headerOf('Certifications');
const cert = (id: string, employeeId: string): Row<'Certifications'> => ({
  certificationId: id, employeeId, competenceId: 'cpr', achievedOn: '2026-01-10', expiresOn: undefined, source: 'document',
  evidenceFileId: undefined, verifiedBy: undefined, state: 'pending', note: undefined,
});
const cells = (t: TableName, r: Row<TableName>) => { const e = encodeRow(t, r); return headerOf(t).map((h) => e[h] ?? ''); };
const CERTS = [cert('C1', 'E1'), cert('C2', 'E2'), cert('C3', 'E3')];
const idCol = H.indexOf('certificationId');
const oldAudit = (i: number): Row<'Audit'> => ({ at: `2026-01-01T${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`, actorEmail: 'hr@kommune.example', action: 'import', table: 'Certifications', key: `old-${i}`, before: undefined, after: '{}', requestKey: undefined });

/** Verifies C2 while it is deleted by hand at the moment of the write, and inserts C9 in the same change: a failed repair. */
function failedChange(workbook: FaultyWorkbook, memory: MemoryWorkbook, after?: () => void) {
  const records = new Records(workbook);
  records.keying = { requestKey: 'k:blank-rows.1' };
  const snap = records.read(['Certifications', 'Audit'], { Audit: [] });
  const c2 = snap.Certifications!.rows.find((r) => r.row.certificationId === 'C2')!;
  const changes = [update('Certifications', c2.rowNumber, c2.row, { ...c2.row, state: 'valid', verifiedBy: AUDIT.actorEmail }), insert('Certifications', cert('C9', 'E2'))];
  workbook.beforeWrite = () => {
    workbook.beforeWrite = after && (() => { workbook.beforeWrite = undefined; after(); });
    memory.handStructure('Certifications', { deleteAt: 3 });
  };
  return { res: records.commit(changes, AUDIT), changes };
}

function certificationsWorkbook(auditRows = 0) {
  const memory = new MemoryWorkbook();
  memory.seed('Certifications', H, CERTS.map((c) => cells('Certifications', c as Row<TableName>)));
  memory.seed('Audit', headerOf('Audit'), Array.from({ length: auditRows }, (_, i) => cells('Audit', oldAudit(i) as Row<TableName>)));
  return { memory, workbook: new FaultyWorkbook(memory) };
}

it('the row a cleared append leaves is taken by the next append, and a stale row number for the cleared record reaches nothing', () => {
  const { memory, workbook } = certificationsWorkbook();
  const { res } = failedChange(workbook, memory);
  expect(res).toMatchObject({ ok: false, reason: 'not_found' });
  // C9 was appended at row 4 (after C1, C3 once C2 was deleted) and cleared again: the tab ends with C3.
  const ids = () => memory.dump('Certifications')!.rows.map((r) => String(r[idCol] ?? ''));
  expect(ids().filter(Boolean)).toEqual(['C1', 'C3']);
  // The next change appends C10 where C9 was (appendCells: after the last row with data).
  const next = new Records(workbook).commit([insert('Certifications', cert('C10', 'E3'))], AUDIT);
  expect(next.ok).toBe(true);
  expect(ids()).toEqual(['C1', 'C3', 'C10']);
  // The row number the commit reports for C10 is a hint only: a header-only read (the commit's) gives the grid's row count,
  // which still counts the cleared row (Google does the same: clearing cells does not shrink the grid), so it says row 5.
  const reported = next.ok ? next.inserted[0]!.rowNumber : 0;
  expect(reported).toBe(5);
  // Anyone still holding "C9 is at row 4" writes nothing to C10: the key is checked under the lock, the write witnessed.
  const stale = new Records(workbook).commit([update('Certifications', 4, cert('C9', 'E2'), { ...cert('C9', 'E2'), state: 'valid' })], AUDIT);
  expect(stale).toMatchObject({ ok: false, reason: 'not_found', key: 'C9' });
  expect(memory.dump('Certifications')!.rows.find((r) => r[idCol] === 'C10')![H.indexOf('state')]).toBe(PENDING);
  // And the hint that is too high still reaches C10 and only C10 (found by its key), never a record appended there later.
  new Records(workbook).commit([insert('Certifications', cert('C11', 'E1'))], AUDIT);
  const c10 = cert('C10', 'E3');
  expect(new Records(workbook).commit([update('Certifications', reported, c10, { ...c10, state: 'valid' })], AUDIT)).toMatchObject({ ok: true });
  const rows = memory.dump('Certifications')!.rows;
  expect(rows.map((r) => [r[idCol], r[H.indexOf('state')]])).toEqual([['C1', PENDING], ['C3', PENDING], ['C10', VALID], ['C11', PENDING]]);
});

it(`the rows to clear are found when a hand edit has moved them above the last ${UNDO_TAIL_ROWS} rows (Audit sorted newest first)`, () => {
  const { memory, workbook } = certificationsWorkbook(UNDO_TAIL_ROWS + 100);
  // Between the change's write and its undo, someone sorts Audit by time, newest first: the change's Audit rows go to the
  // top, 300 rows above the end the undo starts from.
  const { res, changes } = failedChange(workbook, memory, () => memory.handStructure('Audit', { sortBy: headerOf('Audit').indexOf('at'), descending: true }));
  expect(res).toMatchObject({ ok: false, reason: 'not_found' });
  const audit = new Records(workbook).read(['Audit']).Audit!;
  expect(audit.rows.filter((r) => r.row.requestKey === 'k:blank-rows.1')).toEqual([]);
  expect(audit.rows).toHaveLength(UNDO_TAIL_ROWS + 100);
  // So the same action again is decided afresh ("not found" again), never answered "already done" by a stale Audit row.
  const again = new Records(workbook);
  again.keying = { requestKey: 'k:blank-rows.1' };
  again.read(['Certifications', 'Audit'], { Audit: [] });
  expect(again.commit(changes, AUDIT)).toMatchObject({ ok: false, reason: 'not_found' });
});
