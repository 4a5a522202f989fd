// The archive shelf in memory (tests, bench, local workspace without files): one MemoryWorkbook per archive spreadsheet.
import { archiveName, archiveYearOf } from '../../core/drive-names';
import { type ArchiveShelf, type Meter, type WorkbookPort } from '../../store/ports';
import { MemoryWorkbook } from './memory-workbook';

/** Like Drive: files.list and files.create are one call each (metered as `drive.*`), and the workbooks share the meter. */
export class MemoryArchiveShelf implements ArchiveShelf {
  readonly books = new Map<string, { name: string; workbook: MemoryWorkbook }>();
  private seq = 0;

  constructor(private readonly meter: Meter) {}

  list(): { year: number; spreadsheetId: string }[] {
    this.meter.call('drive.list');
    return [...this.books].flatMap(([spreadsheetId, b]) => {
      const year = archiveYearOf(b.name);
      return year === undefined ? [] : [{ year, spreadsheetId }];
    }).sort((a, b) => a.year - b.year);
  }

  create(year: number): string {
    this.meter.call('drive.create');
    const id = `archive-${year}-${++this.seq}`;
    // A new Google Sheets file has one empty tab, "Sheet1" (as the Drive double makes it).
    const workbook = new MemoryWorkbook(this.meter);
    workbook.seed('Sheet1', [], []);
    this.books.set(id, { name: archiveName(year), workbook });
    return id;
  }

  open(spreadsheetId: string): WorkbookPort {
    const b = this.books.get(spreadsheetId);
    if (!b) throw new Error(`Requested entity was not found: spreadsheet ${spreadsheetId} (404)`);
    return b.workbook;
  }
}
