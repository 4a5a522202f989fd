// The contract every WorkbookPort adapter must keep (run by each adapter's test file against its own storage).
import type { RawCell } from '../../src/core/records/cells';
import { labelledHeader } from '../../src/core/records/labels';
import type { WorkbookPort } from '../../src/store/ports';

export interface WorkbookFixture {
  workbook: WorkbookPort;
  /** Lays out a table as a person typed it (not counted): text, and `{ formula }` for a typed formula. */
  seed(table: string, header: string[], rows: RawCell[][]): void | Promise<void>;
  /** The table as stored, header row first (text, `{ formula }`, null for empty). */
  stored(table: string): RawCell[][] | Promise<RawCell[][]>;
  /** A new adapter over the same storage: what a restart sees. */
  reopen(): WorkbookPort;
}

/** Empty cells compare equal whether an adapter says '' or null, and trailing empties do not count. */
export function norm(cells: readonly RawCell[]): RawCell[] {
  const out = cells.map((c) => (c === '' ? null : c));
  while (out.length > 0 && out[out.length - 1] === null) out.pop();
  return out;
}

const HEADER = ['id', 'name', 'note'];
const DATA: RawCell[][] = [
  ['e1', 'Kari', 'a'],
  ['e2', 'Ola', 'b'],
  ['e3', 'Per', 'c'],
  ['e4', 'Liv', 'd'],
  ['e5', 'Åse', 'e'],
  ['e6', 'Nils', 'f'],
];

export function describeWorkbookContract(name: string, make: () => WorkbookFixture | Promise<WorkbookFixture>): void {
  describe(`WorkbookPort contract: ${name}`, () => {
    let f: WorkbookFixture;
    let wb: WorkbookPort;
    beforeEach(async () => {
      f = await make();
      wb = f.workbook;
    });

    const calls = () => wb.meter.calls;
    const rowsOf = (r: { rows: { rowNumber: number; cells: RawCell[] }[] }) => r.rows.map((x) => [x.rowNumber, norm(x.cells)]);

    it('reads a missing table as exists:false with nothing in it', () => {
      const [r] = wb.read([{ table: 'Nowhere' }]);
      expect(r).toEqual({ table: 'Nowhere', exists: false, header: [], rows: [], lastRow: 0 });
    });

    it('reads a whole table in one call: header, non-empty rows by row number, lastRow, exact cell count', async () => {
      await f.seed('People', HEADER, [['e1', 'Kari', 'a'], [], ['e3', '', 'c'], [null, null, null], ['e5', 'Åse']]);
      wb.meter.reset();
      const [r] = wb.read([{ table: 'People' }]);
      expect(wb.meter.snapshot()).toMatchObject({ calls: 1, cellsRead: 3 * 6, cellsWritten: 0, byKind: { 'workbook.read': 1 } });
      expect(r!.exists).toBe(true);
      expect(r!.header).toEqual(HEADER);
      expect(r!.lastRow).toBe(6);
      expect(rowsOf(r!)).toEqual([[2, ['e1', 'Kari', 'a']], [4, ['e3', null, 'c']], [6, ['e5', 'Åse']]]);
      for (const row of r!.rows) expect(row.cells.length).toBeGreaterThanOrEqual(3);
    });

    it('returns reordered and extra columns as they are (mapping is the table layer’s job)', async () => {
      await f.seed('People', ['note', 'extra', 'id', 'name'], [['n', 'x', 'e1', 'Kari']]);
      const [r] = wb.read([{ table: 'People' }]);
      expect(r!.header).toEqual(['note', 'extra', 'id', 'name']);
      expect(rowsOf(r!)).toEqual([[2, ['n', 'x', 'e1', 'Kari']]]);
    });

    it('reads bounded and open-ended ranges of several tables in one call, each row once', async () => {
      await f.seed('People', HEADER, DATA);
      await f.seed('Other', ['k', 'v'], [['a', '1'], ['b', '2']]);
      wb.meter.reset();
      const [p, o] = wb.read([
        { table: 'People', ranges: [{ from: 3, to: 4 }, { from: 4, to: 4 }, { from: 6 }] },
        { table: 'Other' },
      ]);
      expect(calls()).toBe(1);
      expect(p!.header).toEqual(HEADER);
      expect(p!.rows.map((x) => x.rowNumber)).toEqual([3, 4, 6, 7]);
      expect(norm(p!.rows[0]!.cells)).toEqual(DATA[1]);
      expect(p!.lastRow).toBe(7);
      expect(rowsOf(o!)).toEqual([[2, ['a', '1']], [3, ['b', '2']]]);
      // People: header + rows 3, 4, 6, 7 (3 cells each); Other: header + 2 rows (2 cells each).
      expect(wb.meter.cellsRead).toBe(3 * 5 + 2 * 3);
    });

    it('reads only the header (and lastRow) with an empty range list', async () => {
      await f.seed('People', HEADER, DATA);
      wb.meter.reset();
      const [r] = wb.read([{ table: 'People', ranges: [] }]);
      expect(r).toMatchObject({ exists: true, header: HEADER, rows: [], lastRow: 7 });
      expect(wb.meter.snapshot()).toMatchObject({ calls: 1, cellsRead: 3 });
    });

    it('reads nothing (and does not fail) for a range below the last row', async () => {
      await f.seed('People', HEADER, DATA.slice(0, 2));
      const [r] = wb.read([{ table: 'People', ranges: [{ from: 50, to: 60 }, { from: 70 }] }]);
      expect(r).toMatchObject({ exists: true, header: HEADER, rows: [] });
    });

    it('updates single cells in one call and leaves the others alone', async () => {
      await f.seed('People', HEADER, DATA.slice(0, 3));
      wb.read([{ table: 'People' }]);
      wb.meter.reset();
      wb.write({ updates: [{ table: 'People', rowNumber: 3, column: 2, value: 'changed' }, { table: 'People', rowNumber: 4, column: 0, value: 'e3b' }], appends: [] });
      expect(wb.meter.snapshot()).toMatchObject({ calls: 1, cellsWritten: 2, byKind: { 'workbook.write': 1 } });
      const [r] = wb.read([{ table: 'People' }]);
      expect(rowsOf(r!)).toEqual([[2, DATA[0]], [3, ['e2', 'Ola', 'changed']], [4, ['e3b', 'Per', 'c']]]);
    });

    it('reports what each witnessed row held the instant before the write, in the same call (write-verify, issue #13)', async () => {
      await f.seed('People', HEADER, DATA.slice(0, 3));
      wb.read([{ table: 'People' }]);
      // Twice, so an adapter that makes something the first time (Sheets: the hidden witness tab) is measured after.
      for (const value of ['first', 'second']) {
        wb.meter.reset();
        const res = wb.write({
          updates: [{ table: 'People', rowNumber: 3, column: 2, value }],
          appends: [{ table: 'People', rows: [['e9', 'Ny', '']] }],
          witness: [{ table: 'People', rowNumber: 3 }, { table: 'People', rowNumber: 2 }],
        });
        expect(res.before.map(norm)).toEqual([['e2', 'Ola', value === 'first' ? 'b' : 'first'], DATA[0]]);
      }
      expect(wb.meter.snapshot().byKind).toEqual({ 'workbook.write': 1 });
      const [r] = wb.read([{ table: 'People' }]);
      expect(rowsOf(r!).slice(0, 2)).toEqual([[2, DATA[0]], [3, ['e2', 'Ola', 'second']]]);
    });

    it('appends after the last row in header order, several tables and updates in one call', async () => {
      await f.seed('People', HEADER, DATA.slice(0, 2));
      await f.seed('Log', ['at', 'what'], []);
      wb.read([{ table: 'People' }, { table: 'Log' }]);
      wb.meter.reset();
      wb.write({
        updates: [{ table: 'People', rowNumber: 2, column: 1, value: 'Kari N.' }],
        appends: [
          { table: 'People', rows: [['e7', 'Eva', 'g'], ['e8', '', 'h']] },
          { table: 'Log', rows: [['2025-01-01T10:00:00Z', 'append']] },
        ],
      });
      expect(wb.meter.snapshot()).toMatchObject({ calls: 1, cellsWritten: 1 + 6 + 2 });
      const [p, l] = wb.read([{ table: 'People' }, { table: 'Log' }]);
      expect(p!.lastRow).toBe(5);
      expect(rowsOf(p!)).toEqual([[2, ['e1', 'Kari N.', 'a']], [3, DATA[1]], [4, ['e7', 'Eva', 'g']], [5, ['e8', null, 'h']]]);
      expect(rowsOf(l!)).toEqual([[2, ['2025-01-01T10:00:00Z', 'append']]]);
    });

    it('refuses to write to a table that does not exist', () => {
      expect(() => wb.write({ updates: [], appends: [{ table: 'Nowhere', rows: [['x']] }] })).toThrow(/Nowhere/);
    });

    it('ensureTable creates a missing table with its header, then appends work', () => {
      wb.ensureTable('Fresh', ['a', 'b', 'c']);
      const [r] = wb.read([{ table: 'Fresh', ranges: [] }]);
      expect(r).toMatchObject({ exists: true, header: ['a', 'b', 'c'], rows: [], lastRow: 1 });
      expect(wb.tables()).toContain('Fresh');
      wb.write({ updates: [], appends: [{ table: 'Fresh', rows: [['1', '2', '3']] }] });
      const [again] = wb.read([{ table: 'Fresh' }]);
      expect(rowsOf(again!)).toEqual([[2, ['1', '2', '3']]]);
      expect(again!.lastRow).toBe(2);
    });

    it('ensureTable adds missing columns at the end, keeps rows and hand-made order, and is idempotent', async () => {
      await f.seed('People', ['name', 'id'], [['Kari', 'e1']]);
      wb.ensureTable('People', ['id', 'name', 'note', 'email']);
      wb.ensureTable('People', ['id', 'name', 'note', 'email']);
      const [r] = wb.read([{ table: 'People' }]);
      expect(r!.header).toEqual(['name', 'id', 'note', 'email']);
      expect(rowsOf(r!)).toEqual([[2, ['Kari', 'e1']]]);
      wb.write({ updates: [{ table: 'People', rowNumber: 2, column: 3, value: 'kari@example.no' }], appends: [] });
      expect(norm(wb.read([{ table: 'People' }])[0]!.rows[0]!.cells)).toEqual(['Kari', 'e1', null, 'kari@example.no']);
    });

    it('writes text that looks like a formula or a number as raw text, and reads back the same text', async () => {
      const tricky = ['=1+1', '+47 999', '-5', '@all', "'quoted", '=HYPERLINK("http://x";"y")'];
      await f.seed('Notes', ['a', 'b', 'c', 'd', 'e', 'f'], [['', '', '', '', '', '']]);
      wb.read([{ table: 'Notes' }]);
      wb.write({
        updates: tricky.map((value, column) => ({ table: 'Notes', rowNumber: 2, column, value })),
        appends: [{ table: 'Notes', rows: [tricky] }],
      });
      const [r] = wb.read([{ table: 'Notes' }]);
      expect(rowsOf(r!)).toEqual([[2, tricky], [3, tricky]]);
      const stored = await f.stored('Notes');
      expect(stored[1]).toEqual(tricky);
      expect(stored[2]).toEqual(tricky);
    });

    it('reads a formula typed by hand as { formula }', async () => {
      await f.seed('People', HEADER, [['e1', { formula: '=1+1' }, 'x']]);
      const [r] = wb.read([{ table: 'People' }]);
      expect(r!.rows[0]!.cells[1]).toEqual({ formula: '=1+1' });
      expect(r!.rows[0]!.cells[0]).toBe('e1');
    });

    it('round-trips æøå, commas, quotes and line breaks, also after a restart', async () => {
      const row = ['Ærlige Øyvind Åsen', 'a, b; c', 'sa "hei"', 'linje 1\nlinje 2', 'ÆØÅ æøå'];
      wb.ensureTable('Texts', ['a', 'b', 'c', 'd', 'e']);
      wb.write({ updates: [], appends: [{ table: 'Texts', rows: [row] }] });
      expect(norm(wb.read([{ table: 'Texts' }])[0]!.rows[0]!.cells)).toEqual(row);
      const restarted = f.reopen();
      const [r] = restarted.read([{ table: 'Texts' }]);
      expect(r!.header).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(norm(r!.rows[0]!.cells)).toEqual(row);
      expect(restarted.meter.calls).toBe(1);
    });

    it('lists its tables in one call', async () => {
      await f.seed('People', HEADER, []);
      wb.ensureTable('Fresh', ['a']);
      wb.meter.reset();
      const names = wb.tables();
      expect(calls()).toBe(1);
      expect(names).toEqual(expect.arrayContaining(['People', 'Fresh']));
      expect(names).not.toContain('Nowhere');
    });

    it('deletes whole rows (blocks at once), rows below move up, and reports what each deleted row held then', async () => {
      await f.seed('People', HEADER, DATA);
      const gone = wb.deleteRows!('People', [{ from: 5, to: 6 }, { from: 2, to: 2 }]);
      expect(gone.map(norm)).toEqual([DATA[3], DATA[4], DATA[0]]);
      expect((await f.stored('People')).map(norm)).toEqual([HEADER, DATA[1], DATA[2], DATA[5]]);
      const r = f.reopen().read([{ table: 'People' }])[0];
      expect(r!.rows.map((x) => [x.rowNumber, ...norm(x.cells)])).toEqual([[2, ...DATA[1]!], [3, ...DATA[2]!], [4, ...DATA[5]!]]);
      // Never the header, and never rows past the end (refused whole: nothing deleted).
      expect(() => wb.deleteRows!('People', [{ from: 1, to: 1 }])).toThrow();
      expect(() => wb.deleteRows!('People', [{ from: 3, to: 3 }, { from: 9, to: 12 }])).toThrow();
      expect((await f.stored('People')).map(norm)).toEqual([HEADER, DATA[1], DATA[2], DATA[5]]);
    });

    // Issue 15 §3: the records tabs carry Norwegian titles; a spreadsheet made before keeps its English ones and works.
    it('finds a records table under its Norwegian title, or its English key in a spreadsheet made before the labels', async () => {
      await f.seed('Ansatte', ['Ansatt-ID', 'E-post'], [['e1', 'kari@kommune.example']]);
      await f.seed('Roles', ['roleId', 'name'], [['r1', 'Sykepleier']]);
      const [e, r] = wb.read([{ table: 'Employees' }, { table: 'Roles' }]);
      expect(e).toMatchObject({ table: 'Employees', exists: true, header: ['Ansatt-ID', 'E-post'], lastRow: 2 });
      expect(r).toMatchObject({ table: 'Roles', exists: true, header: ['roleId', 'name'], lastRow: 2 });
      wb.write({ updates: [{ table: 'Employees', rowNumber: 2, column: 1, value: 'kari.n@kommune.example' }],
        appends: [{ table: 'Roles', rows: [['r2', 'Helsefagarbeider']] }] });
      expect((await f.stored('Ansatte')).map(norm)).toEqual([['Ansatt-ID', 'E-post'], ['e1', 'kari.n@kommune.example']]);
      expect((await f.stored('Roles')).map(norm)).toEqual([['roleId', 'name'], ['r1', 'Sykepleier'], ['r2', 'Helsefagarbeider']]);
      expect(wb.tables()).not.toContain('Roller');
    });

    it('makes a records table under its Norwegian title (space and æøå in A1 ranges), and adds no column a tab has under its English key', async () => {
      wb.ensureTable('SkillAssessments', labelledHeader('SkillAssessments'));
      wb.ensureTable('Enrollments', labelledHeader('Enrollments'));
      expect(wb.tables()).toEqual(expect.arrayContaining(['Digitale ferdigheter', 'Påmeldinger']));
      wb.write({ updates: [], appends: [{ table: 'SkillAssessments', rows: [['e1', 'email', '3', '2026-01-05']] }, { table: 'Enrollments', rows: [['en1', 's1', 'e1', 'enrolled']] }] });
      const [s, en] = f.reopen().read([{ table: 'SkillAssessments', ranges: [{ from: 2 }] }, { table: 'Enrollments' }]);
      expect(s!.header).toEqual(['Ansatt-ID', 'Område', 'Nivå (0–4)', 'Vurdert dato']);
      expect(s!.rows.map((x) => norm(x.cells))).toEqual([['e1', 'email', '3', '2026-01-05']]);
      expect(en!.rows.map((x) => norm(x.cells))).toEqual([['en1', 's1', 'e1', 'enrolled']]);
      // An English-headed tab gets only the column it lacks, under its label.
      await f.seed('Roles', ['roleId', 'Name'], []);
      wb.ensureTable('Roles', labelledHeader('Roles'));
      expect((await f.stored('Roles')).map(norm)).toEqual([['roleId', 'Name', 'Beskrivelse']]);
    });
  });
}
