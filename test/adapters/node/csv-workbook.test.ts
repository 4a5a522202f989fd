// CsvWorkbook: the Workbook contract on local files, plus file format, corrupt files, locks and concurrent appends.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RawCell } from '../../../src/core/records/cells';
import { bundleForNode } from '../../../src/adapters/node/sheets-node-transport';
import { parseCsv } from '../../../src/adapters/node/csv-format';
import { CsvWorkbook } from '../../../src/adapters/node/csv-workbook';
import { hooks as journalHooks } from '../../../src/adapters/node/csv-journal';
import { describeWorkbookContract, norm } from '../../store/workbook-contract';

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'kompetent-csv-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A file as a spreadsheet program (or a person in a text editor) would have written it: formulas unquoted. */
function handWritten(rows: RawCell[][]): string {
  const field = (c: RawCell) => {
    if (c === null) return '';
    if (typeof c === 'object') return c.formula;
    const s = String(c);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

function storedRows(dir: string, table: string): RawCell[][] {
  return parseCsv(fs.readFileSync(path.join(dir, `${table}.csv`))).rows.map((r) => norm(r));
}

describeWorkbookContract('CsvWorkbook', () => {
  const dir = tempDir();
  return {
    workbook: new CsvWorkbook(dir),
    seed: (table, header, rows) => fs.writeFileSync(path.join(dir, `${table}.csv`), handWritten([header, ...rows])),
    stored: (table) => storedRows(dir, table),
    reopen: () => new CsvWorkbook(dir),
  };
});

describe('CsvWorkbook files', () => {
  it('writes UTF-8 with BOM, CRLF, RFC 4180 quoting and an apostrophe before formula-like text', () => {
    const dir = tempDir();
    const wb = new CsvWorkbook(dir);
    wb.ensureTable('Notes', ['id', 'text']);
    wb.write({ updates: [], appends: [{ table: 'Notes', rows: [['n1', '=1+1'], ['n2', 'æ, "ø"\nå'], ['n3', "'x"], ['n4', '-5']] }] });
    const text = fs.readFileSync(path.join(dir, 'Notes.csv'), 'utf8');
    expect(text).toBe("\uFEFFid,text\r\nn1,'=1+1\r\nn2,\"æ, \"\"ø\"\"\nå\"\r\nn3,''x\r\nn4,'-5\r\n");
  });

  it('keeps a hand-typed formula as it was when it rewrites the file', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'T.csv'), handWritten([['a', 'b'], ['1', { formula: '=SUM(A1:A2)' }]]));
    const wb = new CsvWorkbook(dir);
    wb.write({ updates: [{ table: 'T', rowNumber: 2, column: 0, value: '2' }], appends: [] });
    expect(fs.readFileSync(path.join(dir, 'T.csv'), 'utf8')).toBe('\uFEFFa,b\r\n2,=SUM(A1:A2)\r\n');
    expect(wb.read([{ table: 'T' }])[0]!.rows[0]!.cells).toEqual(['2', { formula: '=SUM(A1:A2)' }]);
  });

  it('reads numbers as text, a quoted "=" as text, and strips one leading apostrophe', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'T.csv'), 'a,b,c,d\n12.5,"=not a formula",\'+47,\'\'x\n');
    const [r] = new CsvWorkbook(dir).read([{ table: 'T' }]);
    expect(r!.rows[0]!.cells).toEqual(['12.5', '=not a formula', '+47', "'x"]);
  });

  it('replaces the file atomically and leaves no temp or lock files', () => {
    const dir = tempDir();
    const wb = new CsvWorkbook(dir);
    wb.ensureTable('T', ['a']);
    const before = fs.statSync(path.join(dir, 'T.csv')).ino;
    wb.write({ updates: [], appends: [{ table: 'T', rows: [['1']] }] });
    expect(fs.statSync(path.join(dir, 'T.csv')).ino).not.toBe(before);
    expect(fs.readdirSync(dir)).toEqual(['T.csv']);
  });

  it('sees a change made to the file by somebody else (the parse cache follows the file)', () => {
    const dir = tempDir();
    const wb = new CsvWorkbook(dir);
    fs.writeFileSync(path.join(dir, 'T.csv'), 'a\n1\n');
    expect(wb.read([{ table: 'T' }])[0]!.rows).toHaveLength(1);
    fs.writeFileSync(path.join(dir, 'T.csv.new'), 'a\n1\n2\n');
    fs.renameSync(path.join(dir, 'T.csv.new'), path.join(dir, 'T.csv'));
    expect(wb.read([{ table: 'T' }])[0]!.rows.map((x) => x.cells[0])).toEqual(['1', '2']);
  });

  it('refuses table names that are not plain names', () => {
    const wb = new CsvWorkbook(tempDir());
    expect(() => wb.read([{ table: '../etc/passwd' }])).toThrow(/Invalid table name/);
    expect(() => wb.ensureTable('a/b', ['x'])).toThrow(/Invalid table name/);
  });

  it('is empty (not failing) when the directory does not exist yet', () => {
    const wb = new CsvWorkbook(path.join(tempDir(), 'not-yet'));
    expect(wb.tables()).toEqual([]);
    expect(wb.read([{ table: 'T' }])[0]!.exists).toBe(false);
  });
});

describe('CsvWorkbook with a corrupt file', () => {
  it('reads around an unbalanced quote, reports the row, and never overwrites the file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'People.csv');
    const text = 'id,name\r\ne1,Kari\r\ne2,"Ola\r\ne3,Per\r\ne4,"Liv"x\r\ne5,Åse\r\n';
    fs.writeFileSync(file, text);
    const wb = new CsvWorkbook(dir);
    const [r] = wb.read([{ table: 'People' }]);
    expect(r!.header).toEqual(['id', 'name']);
    expect(r!.rows.map((x) => [x.rowNumber, x.cells])).toEqual([[2, ['e1', 'Kari']], [4, ['e3', 'Per']], [6, ['e5', 'Åse']]]);
    expect(r!.problems?.map((p) => p.row)).toEqual([3, 5]);
    expect(r!.problems?.[0]!.message).toMatch(/row 3/);
    expect(() => wb.write({ updates: [], appends: [{ table: 'People', rows: [['e6', 'Nils']] }] })).toThrow(/People\.csv/);
    expect(() => wb.ensureTable('People', ['id', 'name', 'email'])).toThrow(/could not be read cleanly/);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
  });

  it('survives binary garbage and refuses to write over it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'Bin.csv');
    const garbage = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0xfe, 0x22, 0x0a, 0x41]);
    fs.writeFileSync(file, garbage);
    const wb = new CsvWorkbook(dir);
    const [r] = wb.read([{ table: 'Bin' }]);
    expect(r!.exists).toBe(true);
    expect(r!.problems?.map((p) => p.message).join(' ')).toMatch(/UTF-8|binary/);
    expect(() => wb.write({ updates: [{ table: 'Bin', rowNumber: 2, column: 0, value: 'x' }], appends: [] })).toThrow(/Bin\.csv/);
    expect(fs.readFileSync(file).equals(garbage)).toBe(true);
  });

  it('parses a clean file without problems', () => {
    expect(parseCsv(Buffer.from('\uFEFFa,b\r\n1,"x\r\ny"\r\n')).problems).toEqual([]);
  });
});

describe('CsvWorkbook locks', () => {
  it('breaks a lock left behind by a crashed process (older than 30 s)', () => {
    const dir = tempDir();
    const wb = new CsvWorkbook(dir);
    wb.ensureTable('T', ['a']);
    const lock = path.join(dir, 'T.csv.lock');
    fs.writeFileSync(lock, 'dead');
    const old = new Date(Date.now() - 31_000);
    fs.utimesSync(lock, old, old);
    wb.write({ updates: [], appends: [{ table: 'T', rows: [['1']] }] });
    expect(fs.existsSync(lock)).toBe(false);
    expect(wb.read([{ table: 'T' }])[0]!.rows).toHaveLength(1);
  });

  it('waits for a live lock and gives up with a clear error', () => {
    const dir = tempDir();
    const wb = new CsvWorkbook(dir, undefined, { lockTimeoutMs: 150 });
    wb.ensureTable('T', ['a']);
    fs.writeFileSync(path.join(dir, 'T.csv.lock'), 'alive');
    const started = Date.now();
    expect(() => wb.write({ updates: [], appends: [{ table: 'T', rows: [['1']] }] })).toThrow(/Timed out .*T\.csv\.lock/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(wb.read([{ table: 'T' }])[0]!.rows).toHaveLength(0);
  });

  it('never loses an append when several threads write the same table at once', async () => {
    const dir = tempDir();
    new CsvWorkbook(dir).ensureTable('Enrollments', ['enrollmentId', 'worker']);
    const moduleFile = bundleForNode(path.join(__dirname, '../../../src/adapters/node/csv-workbook.ts'));
    const code = `
      const { workerData, parentPort } = require('node:worker_threads');
      const { CsvWorkbook } = require(${JSON.stringify(moduleFile)});
      const wb = new CsvWorkbook(workerData.dir);
      for (let i = 0; i < workerData.count; i++) {
        wb.write({ updates: [], appends: [{ table: 'Enrollments', rows: [['w' + workerData.id + '-' + i, String(workerData.id)]] }] });
      }
      parentPort.postMessage('done');`;
    const threads = 4;
    const count = 25;
    await Promise.all(
      Array.from({ length: threads }, (_, id) => new Promise<void>((resolve, reject) => {
        const w = new Worker(code, { eval: true, workerData: { dir, id, count } });
        w.once('message', () => resolve());
        w.once('error', reject);
      })),
    );
    const [r] = new CsvWorkbook(dir).read([{ table: 'Enrollments' }]);
    const ids = r!.rows.map((x) => x.cells[0]);
    expect(ids).toHaveLength(threads * count);
    expect(new Set(ids).size).toBe(threads * count);
    expect(r!.rows.map((x) => x.rowNumber)).toEqual(Array.from({ length: threads * count }, (_, i) => i + 2));
  });
});

describe('CsvWorkbook: a change to several tables is all or nothing (issue #13)', () => {
  afterEach(() => { journalHooks.afterRename = undefined; journalHooks.afterStage = undefined; });

  it('a process that dies after its commit point leaves a journal; the next reader finishes the change first', () => {
    const dir = tempDir();
    const wb = new CsvWorkbook(dir);
    wb.ensureTable('Enrollments', ['enrollmentId']);
    wb.ensureTable('Audit', ['key']);
    journalHooks.afterRename = () => { throw new Error('killed half-way'); };
    expect(() => wb.write({ updates: [], appends: [{ table: 'Audit', rows: [['e1']] }, { table: 'Enrollments', rows: [['e1']] }] })).toThrow('killed half-way');
    journalHooks.afterRename = undefined;
    // On disk right now: Audit renamed, Enrollments still aside — but no reader ever sees that.
    const fresh = new CsvWorkbook(dir);
    const [audit, enrollments] = fresh.read([{ table: 'Audit' }, { table: 'Enrollments' }]);
    expect(audit!.rows.map((r) => r.cells[0])).toEqual(['e1']);
    expect(enrollments!.rows.map((r) => r.cells[0])).toEqual(['e1']);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.') && f !== '.commits')).toEqual([]);
  });

  it('a process that dies before its commit point leaves the tables as they were', () => {
    const dir = tempDir();
    const wb = new CsvWorkbook(dir);
    wb.ensureTable('Enrollments', ['enrollmentId']);
    wb.ensureTable('Audit', ['key']);
    let n = 0;
    journalHooks.afterStage = () => { if (++n === 2) throw new Error('disk full'); };
    expect(() => wb.write({ updates: [], appends: [{ table: 'Audit', rows: [['e1']] }, { table: 'Enrollments', rows: [['e1']] }] })).toThrow('disk full');
    journalHooks.afterStage = undefined;
    const [audit, enrollments] = new CsvWorkbook(dir).read([{ table: 'Audit' }, { table: 'Enrollments' }]);
    expect([audit!.rows.length, enrollments!.rows.length]).toEqual([0, 0]);
  });
});
