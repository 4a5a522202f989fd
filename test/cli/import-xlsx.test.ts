// A real .xlsx (built with exceljs, as Excel saves it) through the import: merged title row, Norwegian headers, æøå,
// Date cells, dd.mm.yyyy text, serial numbers, formula dates, hyperlinked e-mails, error cells and a totals row.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { cli, startDoubles, testIo, type Doubles } from './support/harness';
import { municipality, table } from './support/municipality';

let d: Doubles;
beforeAll(async () => { d = await startDoubles(); });
afterAll(async () => { await d.sheets.stop(); });

const utc = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));

/** The workbook an HR office keeps: a title merged over the columns, then the list, then a sum. */
async function legacyWorkbook(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Kurs 2024');
  ws.mergeCells('A1:H1');
  ws.getCell('A1').value = 'Kursoversikt Helse og omsorg 2024';
  ws.addRow(['Ansattnr.', 'Navn', 'E-postadresse', 'Enhet', 'Kurs', 'Tatt dato', 'Gyldig til', 'Kommentar']);
  // A Date cell; the e-mail a hyperlink whose text is rich text.
  ws.addRow([1001, 'Nordmann, Kari', { text: { richText: [{ text: 'kari.nordmann' }, { font: { bold: true }, text: '@kommune.example' }] },
    hyperlink: 'mailto:kari.nordmann@kommune.example' }, 'Solbakken sykehjem', 'HLR', utc(2024, 3, 15), '15.03.2026', null]);
  // A dd.mm.yyyy text date, æøå, a plain hyperlink.
  ws.addRow([1004, 'Øystein Håkonsen', { text: 'oystein.hakonsen@kommune.example', hyperlink: 'mailto:oystein.hakonsen@kommune.example' },
    'Hjemmetjenesten Øst', 'Legemiddelhåndtering', '02.05.2023', null, 'Tatt på nytt; ny instruktør']);
  // A serial number (the date column lost its format), a name in capitals.
  ws.addRow([1005, 'SIGRID BERGE', 'sigrid.berge@kommune.example', 'Eplehagen barnehage', 'Førstehjelp barn', 45363, null, null]);
  // A formula date (shown as a date) and an error in the expiry column.
  ws.addRow([1003, 'Åse Sæther', 'aase.saether@kommune.example', 'Eplehagen barnehage', 'Brannvern',
    { formula: 'F3-5', result: utc(2024, 3, 10) }, { error: '#N/A' }, null]);
  ws.getCell('F6').numFmt = 'dd.mm.yyyy';
  ws.addRow([]);
  ws.addRow(['Sum', { formula: 'COUNTA(B3:B6)', result: 4 }]);
  const file = path.join(dir, 'kursoversikt.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

const REPORT = `Import of kursoversikt.xlsx, sheet "Kurs 2024", header on row 2 (mapping guessed: --write-mapping <file> saves it to confirm or edit)
Columns:
  A  Ansattnr.      → employeeId
  B  Navn           → name
  C  E-postadresse  → email
  D  Enhet          → unit
  E  Kurs           → competence
  F  Tatt dato      → achievedOn
  G  Gyldig til     → expiresOn
  H  Kommentar      → note (kept on the certifications of the row)
Names matched by a guess (confirm them in a mapping file): "HLR" → HLR med hjertestarter (d-hlr)
Rows:
  row 3     add       HLR med hjertestarter 2024-03-15 (valid to 2026-03-15)
  row 4     add       new employee 1004 Øystein Håkonsen <oystein.hakonsen@kommune.example>, Hjemmetjenesten Øst; Legemiddelhåndtering 2023-05-02 with a note
  row 5     add       new employee 1005 Sigrid Berge <sigrid.berge@kommune.example>, Eplehagen barnehage; Førstehjelp barn 2024-03-12
  row 6     add       Brannvern 2024-03-10
Skipped: row 1 above the header; blank: 7; totals: 8
Summary: 4 rows: 4 add, 0 change, 0 unchanged, 0 skip, 0 reject (2 new employees, 0 changed, 4 new certifications)
Dry run: nothing written. The import is clean.`;

describe('a real .xlsx file', () => {
  it('dry run: reports every row, reading dates, formulas, hyperlinks and æøå as a person sees them', async () => {
    const io = testIo(d);
    await municipality(d, io);
    const file = await legacyWorkbook(fs.mkdtempSync(path.join(os.tmpdir(), 'kompetent-xlsx-')));
    expect(await cli(io, ['import', file, '--dry-run'])).toBe(0);
    expect(io.text()).toBe(REPORT);
  });

  it('writes the people and certificates, and a re-import writes nothing', async () => {
    const io = testIo(d);
    const id = await municipality(d, io);
    const file = await legacyWorkbook(io.cwd);
    expect(await cli(io, ['import', 'kursoversikt.xlsx'])).toBe(0);
    expect(io.text()).toContain('Written: 2 employees added, 0 changed, 4 certifications added');
    expect((await table(d, id, 'Employees')).slice(4)).toEqual([
      ['1004', 'oystein.hakonsen@kommune.example', 'Øystein Håkonsen', 'u-hjem', '', '', '', '', 'aktiv', '', '', ''],
      ['1005', 'sigrid.berge@kommune.example', 'Sigrid Berge', 'u-eple', '', '', '', '', 'aktiv', '', '', ''], // new rows in Norwegian (value-labels.ts)
    ]);
    expect((await table(d, id, 'Certifications')).slice(2).map((r) => [r[1], r[2], r[3], r[4], r[5], r[8], r[9]])).toEqual([
      ['1001', 'd-hlr', '2024-03-15', '2026-03-15', 'importert', 'gyldig', ''],
      ['1004', 'legemiddel', '2023-05-02', '', 'importert', 'gyldig', 'Tatt på nytt; ny instruktør'],
      ['1005', 'forstehjelp-barn', '2024-03-12', '', 'importert', 'gyldig', ''],
      ['1003', 'brannvern', '2024-03-10', '', 'importert', 'gyldig', ''],
    ]);
    expect(await cli(io, ['import', file])).toBe(0);
    expect(io.text()).toContain('Nothing to write: everything in the file is already in the records.');
  });
});
