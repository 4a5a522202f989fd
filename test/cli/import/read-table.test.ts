// The .xlsx adapter reads cells as a person sees them: formulas by their result (dates as dates), errors as empty,
// rich text and hyperlinks by their text.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { readTable } from '../../../src/cli/import/read-table';

async function rowOf(cells: ExcelJS.CellValue[], formats: Record<number, string> = {}): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Ark1');
  const row = ws.addRow(cells);
  for (const [col, fmt] of Object.entries(formats)) row.getCell(Number(col)).numFmt = fmt;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kompetent-cells-')), 'celler.xlsx');
  await wb.xlsx.writeFile(file);
  return (await readTable(file)).sheets[0]!.rows[0]!;
}

const date = new Date(Date.UTC(2024, 2, 15));

it('a formula whose result is a date reads as the ISO date, like a plain date cell', async () => {
  expect(await rowOf([date, { formula: 'A1+1', result: new Date(Date.UTC(2024, 2, 16)) }], { 1: 'dd.mm.yyyy', 2: 'dd.mm.yyyy' }))
    .toEqual(['2024-03-15', '2024-03-16']);
});

it('formulas with a number, a text or no result read as that number, text or nothing', async () => {
  expect(await rowOf([{ formula: '2+2', result: 4 }, { formula: 'UPPER("hlr")', result: 'HLR' }, { formula: 'A1' } as ExcelJS.CellFormulaValue, 'x']))
    .toEqual(['4', 'HLR', '', 'x']);
});

it('error cells, and formulas that give an error, read as empty', async () => {
  expect(await rowOf(['a', { error: '#N/A' } as ExcelJS.CellErrorValue, { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue, 'b']))
    .toEqual(['a', '', '', 'b']);
});

it('rich text, and hyperlinks whose text is plain or rich, read as their text', async () => {
  expect(await rowOf([
    { richText: [{ text: 'Åse ' }, { font: { bold: true }, text: 'Sæther' }] },
    { text: 'ola@kommune.example', hyperlink: 'mailto:ola@kommune.example' },
    { text: { richText: [{ text: 'kari' }, { text: '@kommune.example' }] }, hyperlink: 'mailto:kari@kommune.example' } as unknown as ExcelJS.CellHyperlinkValue,
  ])).toEqual(['Åse Sæther', 'ola@kommune.example', 'kari@kommune.example']);
});
