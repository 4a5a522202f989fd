// The local workspace's engine: records in CSV files, Google's services in memory (persisted), and the real handlers.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { guarded } from '../../app/handle';
import type { Handlers } from '../../app/handler';
import { allHandlers } from '../../app/router';
import type { Ports } from '../../app/ports';
import { headerOf, TABLE_NAMES, type Row, type TableName } from '../../core/records/tables';
import { CsvWorkbook } from '../../store/csv-workbook';
import { viewsAffectedByEdit } from '../../store/edit-invalidation';
import { Meter } from '../../store/ports';
import { ReadModel } from '../../store/read-model';
import { Records } from '../../store/records';
import { rebuildReadModel } from '../../store/rebuild';
import { encodeRow } from '../../store/table-parse';
import { DEMO_PERSONAS, generateDemo } from '../demo';
import { localPorts, MovableClock, type LocalServices } from '../memory-services';

/** What survives a restart besides the CSV records: everything the app "sent" through Google's services. */
interface SavedState {
  clockOffsetMs: number;
  chat: { messages: LocalServices['chat']['messages']; dms: [string, string][] };
  mails: LocalServices['mail']['sent'];
  calendar: [string, ReturnType<LocalServices['calendar']['events']['get']>][];
  drive: { folders: [string, string][]; files: [string, unknown][] };
  docs: [string, unknown][];
}

export interface WorkspaceOptions { dataDir: string; employees?: number; log?: boolean }

export class Workspace {
  readonly ports: Ports & { services: LocalServices };
  readonly handlers: Handlers;
  readonly records: CsvWorkbook;
  private readonly stateFile: string;

  constructor(readonly opts: WorkspaceOptions) {
    const recordsDir = join(opts.dataDir, 'records');
    mkdirSync(recordsDir, { recursive: true });
    this.records = new CsvWorkbook(recordsDir, new Meter());
    this.stateFile = join(opts.dataDir, 'workspace-state.json');
    const clock = new MovableClock('Europe/Oslo');
    this.ports = localPorts(this.records, { clock, echoLog: opts.log, idSalt: Date.now().toString(36).slice(-4) });
    this.ports.scheduleRebuild = () => setImmediate(() => this.rebuild());
    this.handlers = allHandlers();
    this.load();
    if (this.records.tables().length === 0) this.createDemo(opts.employees ?? 600);
    this.rebuild();
  }

  get services(): LocalServices { return this.ports.services; }

  /** A synthetic municipality, written as a person would see it in the spreadsheet. */
  createDemo(employees: number): void {
    const data = generateDemo({ employees, today: this.ports.clock.today() }) as Record<string, Row<TableName>[]>;
    new Records(this.records).ensureSchema();
    const appends = TABLE_NAMES.map((t) => {
      const header = headerOf(t);
      return { table: t, rows: (data[t] ?? []).map((r) => { const e = encodeRow(t, r); return header.map((h) => e[h]); }) };
    }).filter((a) => a.rows.length > 0);
    this.records.write({ updates: [], appends });
  }

  rebuild() {
    const now = this.ports.clock.now().toISOString();
    return rebuildReadModel(this.records, new ReadModel(this.ports.cache, () => `g${Date.now()}`), { now, today: this.ports.clock.today(), generation: 'local' });
  }

  /** Runs one Google event through the same pipeline as Apps Script. */
  run(event: unknown, defaults: Parameters<typeof guarded>[3]) {
    const out = guarded(this.ports, this.handlers, event, defaults);
    this.save();
    return out;
  }

  /** A hand edit of one cell (as in the spreadsheet), then what the onEdit trigger does: drop views, rebuild. */
  editCell(table: string, rowNumber: number, column: number, value: string): void {
    const [res] = this.records.read([{ table, ranges: [{ from: rowNumber, to: rowNumber }] }]);
    if (!res.exists) throw new Error(`No table ${table}`);
    if (column < 0 || column >= res.header.length) throw new Error(`No column ${column} in ${table}`);
    if (rowNumber === 1) throw new Error('The header row is protected');
    this.records.write({ updates: [{ table, rowNumber, column, value }], appends: [] });
    const cells = res.rows[0]?.cells ?? [];
    const row = Object.fromEntries(res.header.map((h, i) => [h, i === column ? value : String(cells[i] ?? '')]));
    new ReadModel(this.ports.cache, () => 'edit').invalidate(viewsAffectedByEdit(table, row).keys);
    this.rebuild();
  }

  personas() { return DEMO_PERSONAS; }

  private load(): void {
    if (!existsSync(this.stateFile)) return;
    const s = JSON.parse(readFileSync(this.stateFile, 'utf8')) as SavedState;
    const sv = this.services;
    sv.clock.advance(s.clockOffsetMs);
    sv.chat.messages = s.chat.messages;
    sv.chat.dms = new Map(s.chat.dms);
    sv.mail.sent = s.mails;
    sv.calendar.events = new Map(s.calendar as never);
    sv.drive.folders = new Map(s.drive.folders);
    sv.drive.files = new Map(s.drive.files as never);
    sv.docs.docs = new Map(s.docs as never);
  }

  /** Written atomically (temp file + rename), like the records. */
  save(): void {
    const sv = this.services;
    const state: SavedState = {
      clockOffsetMs: sv.clock.now().getTime() - Date.now(),
      chat: { messages: sv.chat.messages, dms: [...sv.chat.dms] },
      mails: sv.mail.sent,
      calendar: [...sv.calendar.events] as never,
      drive: { folders: [...sv.drive.folders], files: [...sv.drive.files] },
      docs: [...sv.docs.docs],
    };
    const tmp = `${this.stateFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(state));
    renameSync(tmp, this.stateFile);
  }
}
