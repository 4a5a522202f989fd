// Bad input and missing access: a clear message, the documented exit code, and nothing written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TABLE_NAMES } from '../../src/core/records/tables';
import { cli, fixture, startDoubles, testIo, type Doubles, type TestIo } from './support/harness';
import { municipality, table } from './support/municipality';

let d: Doubles;
beforeAll(async () => { d = await startDoubles(); });
afterAll(async () => { await d.sheets.stop(); });

async function unchanged(io: TestIo, argv: string[], code: number, message: RegExp | string): Promise<void> {
  const id = await municipality(d, io);
  const before = await Promise.all(TABLE_NAMES.map((t) => table(d, id, t)));
  await d.sheets.clearLog();
  expect(await cli(io, argv)).toBe(code);
  const err = io.stderr.join('\n');
  if (typeof message === 'string') expect(err).toContain(message);
  else expect(err).toMatch(message);
  expect((await d.sheets.log()).filter((l) => l.route === 'batchUpdate')).toEqual([]);
  expect(await Promise.all(TABLE_NAMES.map((t) => table(d, id, t)))).toEqual(before);
}

describe('a file that is not a spreadsheet → exit 2 before any Google call', () => {
  it.each([
    ['bilde.csv', 'bilde.csv is not a spreadsheet or CSV file (it contains binary data).'],
    ['ikke-regneark.xlsx', 'ikke-regneark.xlsx is not a real .xlsx file (an .xlsx file is a zip archive).'],
  ])('%s', async (file, message) => {
    const io = testIo(d);
    await unchanged(io, ['import', fixture(file)], 2, message);
    expect(await d.sheets.log()).toEqual([]);
  });

  it('an old .xls, a PDF and a missing file', async () => {
    const io = testIo(d);
    fs.writeFileSync(path.join(io.cwd, 'old.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    fs.writeFileSync(path.join(io.cwd, 'liste.pdf'), '%PDF-1.4\n%âãÏÓ\n');
    await unchanged(io, ['import', 'old.xls'], 2, 'old.xls is an old Excel 97–2003 (.xls) file.');
    await unchanged(io, ['import', 'liste.pdf'], 2, 'liste.pdf is a PDF, not a spreadsheet.');
    await unchanged(io, ['import', 'borte.csv'], 2, /borte\.csv cannot be read \(does it exist\?\)/);
  });

  it('an .xlsx file needs the xlsx adapter (exceljs)', async () => {
    const io = testIo(d);
    // A zip archive's local file header, as every .xlsx starts.
    fs.writeFileSync(path.join(io.cwd, 'liste.xlsx'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 0, 0]));
    await unchanged(io, ['import', 'liste.xlsx'], 2, /needs the exceljs package|not a readable \.xlsx file/);
  });
});

describe('a sheet with no recognisable columns → exit 2', () => {
  it('prose saved as text', async () => {
    const io = testIo(d);
    await unchanged(io, ['import', fixture('notat.txt')], 2, 'No recognisable columns');
    expect(io.stderr.join('\n')).toContain('The file starts with: Hei!');
  });

  it('columns, but none that tells who each row is', async () => {
    const io = testIo(d);
    fs.writeFileSync(path.join(io.cwd, 'kurs.csv'), 'Kurs;Dato;Sted\nBrannvern;01.02.2025;Rådhuset\n');
    await unchanged(io, ['import', 'kurs.csv'], 2, 'No column tells who each row is');
  });
});

describe('credentials without access → exit 3, nothing written', () => {
  it('the spreadsheet is not shared with the service account (403)', async () => {
    const io = testIo(d);
    const id = await municipality(d, io);
    await d.sheets.deny(id);
    expect(await cli(io, ['import', fixture('ansatte-ren.csv')])).toBe(3);
    expect(io.stderr[0]).toMatch(/^Error: No access while listing the tabs of the records spreadsheet \(403\): The caller does not have permission/);
    expect(io.stderr[1]).toContain('Share the records spreadsheet and folders with these credentials');
    await d.sheets.deny(id, false);
    expect((await table(d, id, 'Employees')).length).toBe(4);
  });

  it('a token Google does not accept (401)', async () => {
    const io = testIo(d, { env: { KOMPETENT_ACCESS_TOKEN: 'expired-token' } });
    await unchanged(io, ['doctor'], 3, 'Google refused the credentials');
  });

  it('a key file that is not a service account key', async () => {
    const io = testIo(d, { env: { KOMPETENT_ACCESS_TOKEN: '' } });
    fs.writeFileSync(path.join(io.cwd, 'key.json'), JSON.stringify({ type: 'authorized_user', client_id: 'x' }));
    await unchanged(io, ['import', fixture('ansatte-ren.csv'), '--key', 'key.json'], 3, 'is not a service account key');
  });

  it('a spreadsheet id that does not exist (404)', async () => {
    const io = testIo(d);
    await unchanged(io, ['export', '--backup', 'b', '--spreadsheet', 'no-such-sheet'], 3, 'Not found while listing the tabs');
    expect(fs.existsSync(path.join(io.cwd, 'b'))).toBe(false);
  });
});

describe('usage', () => {
  it('unknown command, missing argument, no spreadsheet configured', async () => {
    const io = testIo(d);
    expect(await cli(io, ['imprt'])).toBe(2);
    expect(io.stderr[0]).toBe('Unknown command "imprt".');
    expect(await cli(io, ['import'])).toBe(2);
    expect(io.stderr[0]).toBe('Error: "import" needs <file>');
    expect(await cli(io, ['doctor'])).toBe(2);
    expect(io.stderr[0]).toBe('Error: No records spreadsheet given.');
    expect(await cli(io, [])).toBe(0);
    expect(io.text()).toContain('Exit codes: 0 ok, 1 problems found, 2 bad usage or input');
  });
});
