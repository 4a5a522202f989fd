// Reading a records tab by header name: Norwegian labels and the English keys of an older spreadsheet give the same rows.
import { labelledHeader } from '../../src/core/records/labels';
import { headerOf } from '../../src/core/records/tables';
import type { RawCell } from '../../src/core/records/cells';
import { mapHeader, parseTable } from '../../src/store/table-parse';

const ROWS: RawCell[][] = [
  ['1001', 'kari.nordmann@kommune.example', 'Kari Nordmann', 'u-sol', 'sykepleier', '', '2019-08-01', '', 'active', 'nb', '', ''],
  ['1002', 'ola.hansen@kommune.example', 'Ola Hansen', 'u-sol', 'helsefagarbeider', '', '', '', 'leave', '', '', ''],
];
const read = (header: string[], rows: RawCell[][]) => ({ table: 'Employees', exists: true, header, rows: rows.map((cells, i) => ({ rowNumber: i + 2, cells })), lastRow: rows.length + 1 });

it('an English-headed and a Norwegian-headed tab give the same records, columns in any order', () => {
  const english = parseTable('Employees', read(headerOf('Employees'), ROWS));
  const norwegian = parseTable('Employees', read(labelledHeader('Employees'), ROWS));
  // Reordered by hand, some headers retyped in another case.
  const order = [2, 0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11].reverse();
  const mixed = labelledHeader('Employees').map((h, i) => (i === 1 ? 'e-post' : i === 0 ? 'employeeId' : h));
  const shuffled = parseTable('Employees', read(order.map((i) => mixed[i]!), ROWS.map((r) => order.map((i) => r[i] ?? null))));
  expect(english.issues).toEqual([]);
  expect(norwegian.issues).toEqual([]);
  expect(shuffled.issues).toEqual([]);
  expect(norwegian.rows).toEqual(english.rows);
  expect(shuffled.rows).toEqual(english.rows);
  expect(english.rows.map((r) => r.row.email)).toEqual(['kari.nordmann@kommune.example', 'ola.hansen@kommune.example']);
});

it('a header typo is reported as that column missing, and a required one makes the tab unusable (nothing guessed)', () => {
  const header = labelledHeader('Employees').map((h) => (h === 'E-post' ? 'Epost' : h));
  const p = parseTable('Employees', read(header, ROWS));
  expect(p.issues).toEqual([{ table: 'Employees', rowNumber: 1, field: 'email', reason: 'missing_column' }]);
  expect(p.usable).toBe(false);
  expect(p.rows).toEqual([]);
});

it('a column under both its label and its key is reported; the first one is read', () => {
  const header = [...labelledHeader('Roles'), 'name'];
  const { columns, issues } = mapHeader('Roles', header);
  expect(columns.get('name')).toBe(1);
  expect(issues).toEqual([{ table: 'Roles', rowNumber: 1, field: 'name', reason: 'duplicate_column' }]);
});
