// The archive shelf of the local workspace: one folder of CSV files per archive spreadsheet, so archives survive a restart.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { archiveName, archiveYearOf } from '../../core/drive-names';
import { type ArchiveShelf, type Meter, type WorkbookPort } from '../../store/ports';
import { CsvWorkbook } from './csv-workbook';

/** `<dir>/<id>/` holds the archive's tabs as CSV files and `name.txt` its name (as Drive would list it). */
export class CsvArchiveShelf implements ArchiveShelf {
  constructor(private readonly dir: string, private readonly meter: Meter) {}

  list(): { year: number; spreadsheetId: string }[] {
    this.meter.call('drive.list');
    if (!fs.existsSync(this.dir)) return [];
    return fs.readdirSync(this.dir).flatMap((id) => {
      const file = path.join(this.dir, id, 'name.txt');
      const year = fs.existsSync(file) ? archiveYearOf(fs.readFileSync(file, 'utf8').trim()) : undefined;
      return year === undefined ? [] : [{ year, spreadsheetId: id }];
    }).sort((a, b) => a.year - b.year);
  }

  create(year: number): string {
    this.meter.call('drive.create');
    let n = 1;
    while (fs.existsSync(path.join(this.dir, `archive-${year}-${n}`))) n++;
    const id = `archive-${year}-${n}`;
    fs.mkdirSync(path.join(this.dir, id), { recursive: true });
    fs.writeFileSync(path.join(this.dir, id, 'name.txt'), `${archiveName(year)}\n`);
    return id;
  }

  open(spreadsheetId: string): WorkbookPort {
    if (!/^archive-\d{4}-\d+$/.test(spreadsheetId) || !fs.existsSync(path.join(this.dir, spreadsheetId))) {
      throw new Error(`Requested entity was not found: archive ${spreadsheetId} (404)`);
    }
    return new CsvWorkbook(path.join(this.dir, spreadsheetId), this.meter);
  }
}
