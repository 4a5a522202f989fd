// The local workspace's archive shelf: archives are folders of CSV files that survive a restart, found again by name.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CsvArchiveShelf } from '../../../src/adapters/node/csv-archives';
import { Meter } from '../../../src/store/ports';

it('creates, finds after a restart, and opens an archive as a workbook; an unknown id is not found', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kompetent-archives-'));
  const meter = new Meter();
  const shelf = new CsvArchiveShelf(dir, meter);
  expect(shelf.list()).toEqual([]);
  const id = shelf.create(2025);
  const wb = shelf.open(id);
  wb.ensureTable('Audit', ['at', 'actorEmail']);
  wb.write({ updates: [], appends: [{ table: 'Audit', rows: [['2025-01-01T00:00:00Z', 'a@kommune.example']] }] });
  const again = new CsvArchiveShelf(dir, new Meter());
  expect(again.list()).toEqual([{ year: 2025, spreadsheetId: id }]);
  expect(again.open(id).read([{ table: 'Audit' }])[0]!.rows.map((r) => r.cells)).toEqual([['2025-01-01T00:00:00Z', 'a@kommune.example']]);
  expect(again.create(2025)).not.toBe(id);
  expect(() => again.open('../records')).toThrow(/not found/);
  expect(meter.byKind).toMatchObject({ 'drive.list': 1, 'drive.create': 1 });
  fs.rmSync(dir, { recursive: true, force: true });
});
