// Issue #13: a row inserted, deleted or sorted by hand between the commit's read and its write never makes an update land
// on another record — over the Sheets API double (real HTTP) and the in-memory workbook, each edit at that very moment.
import { headerOf, type Row } from '../../src/core/records/tables';
import { createNodeSheetsTransport } from '../../src/adapters/node/sheets-node-transport';
import { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';
import type { RawCell } from '../../src/core/records/cells';
import type { WorkbookPort } from '../../src/store/ports';
import { insert, Records, update } from '../../src/store/records';
import { WITNESS_TAB } from '../../src/adapters/google/sheets-requests';
import { SheetsWorkbook } from '../../src/adapters/google/sheets-workbook';
import { encodeRow } from '../../src/store/table-parse';
import { FaultyWorkbook } from '../support/faults';
import { SheetsDouble } from '../support/sheets-double';
import type { HandEdit } from '../support/sheets-double-model';
import { VALUE_LABELS } from '../../src/core/records/value-labels';

/** What the sheet holds for a certificate's state (the Norwegian label, value-labels.ts). */
const PENDING = VALUE_LABELS.certState.pending;
const VALID = VALUE_LABELS.certState.valid;

const AUDIT = { actorEmail: 'leder@kommune.example', action: 'verify', at: '2026-11-22T10:00:00Z' };
const H = headerOf('Certifications');
const cert = (id: string, employeeId: string): Row<'Certifications'> => ({
  certificationId: id, employeeId, competenceId: 'cpr', achievedOn: '2026-01-10', expiresOn: undefined, source: 'document',
  evidenceFileId: undefined, verifiedBy: undefined, state: 'pending', note: undefined,
});
const CERTS = [cert('C1', 'E1'), cert('C2', 'E2'), cert('C3', 'E3'), cert('C4', 'E4')];
const cells = (r: Row<'Certifications'>) => { const e = encodeRow('Certifications', r); return H.map((h) => e[h] ?? ''); };
const idCol = H.indexOf('certificationId');

interface Harness { workbook: WorkbookPort; edit(e: HandEdit): Promise<void>; rows(): Promise<RawCell[][]> }

let double: SheetsDouble;
beforeAll(async () => {
  double = await SheetsDouble.start();
  await double.allowToken('t');
});
afterAll(async () => { await double.stop(); });

let n = 0;
async function sheets(): Promise<Harness> {
  const id = `wv-${++n}`;
  await double.create(id);
  await double.seed(id, 'Certifications', H, CERTS.map(cells));
  await double.seed(id, 'Audit', headerOf('Audit'), []);
  const workbook = new SheetsWorkbook({ spreadsheetId: id, transport: createNodeSheetsTransport(), auth: { token: () => 't' }, root: double.url, sleep: () => undefined });
  return {
    workbook,
    edit: (e) => double.handEdit(id, 'Certifications', e),
    rows: async () => (await double.dump(id, 'Certifications'))!.raw.slice(1),
  };
}

function memory(): Harness {
  const mem = new MemoryWorkbook();
  mem.seed('Certifications', H, CERTS.map(cells));
  mem.seed('Audit', headerOf('Audit'), []);
  const workbook = new FaultyWorkbook(mem);
  return {
    workbook,
    edit: async (e) => {
      workbook.beforeWrite = () => {
        workbook.beforeWrite = undefined;
        mem.handStructure('Certifications', 'insertAbove' in e ? { insertAt: e.insertAbove } : 'deleteRow' in e ? { deleteAt: e.deleteRow } : { sortBy: e.sortBy, descending: e.descending });
      };
    },
    rows: async () => mem.dump('Certifications')!.rows,
  };
}

/** Verifies C2 (read at row 3) with the edit made just before the write. */
async function verifyC2(h: Harness, edit: HandEdit) {
  const records = new Records(h.workbook);
  const snap = records.read(['Certifications', 'Audit'], { Audit: [] });
  const c2 = snap.Certifications!.rows.find((r) => r.row.certificationId === 'C2')!;
  expect(c2.rowNumber).toBe(3);
  await h.edit(edit);
  h.workbook.meter.reset();
  const res = records.commit([update('Certifications', c2.rowNumber, c2.row, { ...c2.row, state: 'valid', verifiedBy: AUDIT.actorEmail })], AUDIT);
  const rows = (await h.rows()).filter((r) => r.some((c) => c !== null && c !== ''));
  const byId = new Map(rows.map((r) => [String(r[idCol]), r]));
  return { res, rows, byId, calls: h.workbook.meter.snapshot().byKind };
}

const at = (r: RawCell[] | undefined, f: string) => String(r?.[H.indexOf(f)] ?? '');

const EDITS: [string, HandEdit, 'applied' | 'gone'][] = [
  ['a row inserted above the record', { insertAbove: 3 }, 'applied'],
  ['a row inserted above another record above it', { insertAbove: 2 }, 'applied'],
  ['the row above it (C1) deleted', { deleteRow: 2 }, 'applied'],
  ['the record itself deleted', { deleteRow: 3 }, 'gone'],
  ['the rows sorted (Z→A by id)', { sortBy: idCol, descending: true }, 'applied'],
];

describe.each([['Sheets API double', sheets], ['memory workbook', async () => memory()]] as const)('%s', (_name, make) => {
  it.each(EDITS)('%s between read and write: only C2 is verified, no other row changes', async (_what, edit, outcome) => {
    const h = await make();
    const { res, byId, rows } = await verifyC2(h, edit);
    // Nobody else's certification got the leader's name, and no row was left half-written.
    expect(byId.has('C3')).toBe(true);
    for (const id of ['C1', 'C3', 'C4'].filter((x) => byId.has(x))) {
      expect(at(byId.get(id), 'verifiedBy')).toBe('');
      expect(at(byId.get(id), 'state')).toBe(PENDING);
    }
    expect(rows.every((r) => String(r[idCol] ?? '') !== '')).toBe(true);
    if (outcome === 'applied') {
      expect(res).toMatchObject({ ok: true });
      expect(at(byId.get('C2'), 'verifiedBy')).toBe(AUDIT.actorEmail);
      expect(at(byId.get('C2'), 'state')).toBe(VALID);
    } else {
      // The record was deleted by hand: the answer says so; nothing was written elsewhere.
      expect(res).toMatchObject({ ok: false, reason: 'not_found', table: 'Certifications' });
      expect(byId.has('C2')).toBe(false);
    }
  });

  it('with no hand edit the write is checked in the same call: one read, one write', async () => {
    const h = await make();
    const records = new Records(h.workbook);
    const change = (id: string, measure = false) => {
      const snap = records.read(['Certifications', 'Audit'], { Audit: [] });
      const c = snap.Certifications!.rows.find((r) => r.row.certificationId === id)!;
      if (measure) h.workbook.meter.reset();
      return records.commit([update('Certifications', c.rowNumber, c.row, { ...c.row, state: 'valid' })], AUDIT);
    };
    // (On Google the very first witnessed write of a spreadsheet also makes the hidden witness tab: see below.)
    expect(change('C1').ok).toBe(true);
    const res = change('C2', true);
    expect(res.ok).toBe(true);
    const calls = h.workbook.meter.snapshot().byKind;
    expect(calls['workbook.write']).toBe(1);
    expect(calls['workbook.read']).toBe(1);
  });
});

it('Sheets: the misdirected case costs one whole-tab read and one repair write more, and the witness tab stays hidden work', async () => {
  const h = await sheets();
  const { res, calls } = await verifyC2(h, { insertAbove: 2 });
  expect(res.ok).toBe(true);
  // The commit's read and write, then one read of the tab and one write that puts C1 back and writes C2 at its row; the
  // first witnessed write of this spreadsheet was refused (no witness tab yet: nothing applied), the tab made
  // (ensureTable), and the write sent again.
  expect(calls['workbook.read']).toBe(2);
  expect(calls['workbook.write']).toBe(3);
  expect(calls['workbook.ensureTable']).toBe(1);
  const tab = (await double.dump(`wv-${n}`, WITNESS_TAB))!;
  expect(tab.raw.length).toBe(2); // the witness tab holds the last write's copies only (C1 put back, C2 written)
});

describe.each([['Sheets API double', sheets], ['memory workbook', async () => memory()]] as const)('%s: a change whose record is deleted at the moment of the write', (_name, make) => {
  it('is taken back whole: no Audit row keeps its request key, no row it inserted stays, and a retry is refused the same way', async () => {
    const h = await make();
    const records = new Records(h.workbook);
    records.keying = { requestKey: 'k:test-deleted.1' };
    const snap = records.read(['Certifications', 'Audit'], { Audit: [] });
    const c2 = snap.Certifications!.rows.find((r) => r.row.certificationId === 'C2')!;
    await h.edit({ deleteRow: 3 });
    const changes = [
      update('Certifications', c2.rowNumber, c2.row, { ...c2.row, state: 'valid', verifiedBy: AUDIT.actorEmail }),
      insert('Certifications', cert('C9', 'E2')),
    ];
    expect(records.commit(changes, AUDIT)).toMatchObject({ ok: false, reason: 'not_found', table: 'Certifications' });
    const audit = new Records(h.workbook).read(['Audit']).Audit!.rows.map((r) => r.row);
    expect(audit.filter((a) => a.requestKey === 'k:test-deleted.1')).toEqual([]);
    const left = (await h.rows()).filter((r) => r.some((c) => c !== null && c !== ''));
    expect(left.map((r) => String(r[idCol])).sort()).toEqual(['C1', 'C3', 'C4']);
    for (const r of left) expect(at(r, 'verifiedBy')).toBe('');
    // The person tries again (the same key): not "already done" — the record is gone, and the answer says so again.
    const again = new Records(h.workbook);
    again.keying = { requestKey: 'k:test-deleted.1' };
    const snap2 = again.read(['Certifications', 'Audit'], { Audit: [] });
    expect(snap2.Certifications!.rows.some((r) => r.row.certificationId === 'C2')).toBe(false);
    expect(again.commit(changes, AUDIT)).toMatchObject({ ok: false, reason: 'not_found' });
    expect((await h.rows()).filter((r) => String(r[idCol] ?? '') === 'C9')).toEqual([]);
  });
});

describe.each([['Sheets API double', sheets], ['memory workbook', async () => memory()]] as const)('%s: a sheet written before the value labels', (_name, make) => {
  it('an update of a row whose enumerations are still in English lands, also when a hand edit moves it (values compared, not spellings)', async () => {
    const h = await make();
    const records = new Records(h.workbook);
    const english = records.read(['Certifications']).Certifications!;
    // Rewrite C2's row as an older Kompetent (or a person typing English) left it: keys, in English, and 'Pending' by hand.
    const c2at = english.rows.find((r) => r.row.certificationId === 'C2')!;
    const legacy: Record<string, string> = { ...encodeRow('Certifications', c2at.row), state: 'Pending', source: 'document' };
    h.workbook.write({ appends: [], updates: H.map((f, column) => ({ table: 'Certifications', rowNumber: c2at.rowNumber, column, value: legacy[f] ?? '' })) });
    const snap = records.read(['Certifications', 'Audit'], { Audit: [] });
    const c2 = snap.Certifications!.rows.find((r) => r.row.certificationId === 'C2')!;
    expect(c2.row).toMatchObject({ state: 'pending', source: 'document' });
    // A row inserted above it by hand at that moment: the write misses, and the redo checks the row still holds 'pending'.
    await h.edit({ insertAbove: 2 });
    const res = records.commit([update('Certifications', c2.rowNumber, c2.row, { ...c2.row, state: 'valid', verifiedBy: AUDIT.actorEmail })], AUDIT);
    expect(res).toMatchObject({ ok: true });
    const row = (await h.rows()).find((r) => r[idCol] === 'C2');
    expect(at(row, 'state')).toBe(VALID);
    expect(at(row, 'source')).toBe('document'); // an unchanged cell is left as it was written
  });
});
