// The bench's records: the demo municipality written as `provision` leaves a tenant's spreadsheet, so the bench measures
// the path a tenant takes (Norwegian tab titles, header labels and enumerated values; an English-named spreadsheet costs
// the Sheets adapter a refused read and a metadata call per execution until provision renames it).
import { headerOf, TABLE_NAMES, type Row, type TableName } from '../core/records/tables';
import { labelledHeader, tabTitle } from '../core/records/labels';
import { MemoryWorkbook } from '../adapters/memory/memory-workbook';
import { encodeRow } from '../store/table-parse';
import { generateDemo } from '../demo';
import { time } from './time';

export function seedMunicipality(employees: number, today: string): { wb: MemoryWorkbook; rows: number; ms: number } {
  const [data, ms] = time(() => generateDemo({ employees, today }));
  const wb = new MemoryWorkbook();
  let rows = 0;
  for (const t of TABLE_NAMES) {
    const fields = headerOf(t);
    const list = ((data as Record<string, Row<TableName>[]>)[t] ?? []).map((r) => {
      const enc = encodeRow(t, r);
      return fields.map((h) => enc[h] ?? ''); // encodeRow writes every column
    });
    rows += list.length;
    wb.seed(tabTitle(t), labelledHeader(t), list);
  }
  return { wb, rows, ms };
}
