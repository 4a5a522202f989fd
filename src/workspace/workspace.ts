// The local workspace's engine: records in CSV files, Google's services in memory (kept on disk), the real handlers.
import { join } from 'node:path';
import { JOBS } from '../app/pipeline/entry-points';
import { runRequestedJobs } from '../app/pipeline/job-requests';
import { guarded, type Outcome } from '../app/pipeline/handle';
import type { Handlers } from '../app/pipeline/handler';
import type { Ports } from '../app/ports';
import { allHandlers } from '../app/pipeline/router';
import { kindsOf, resolveActor, type ActorKind } from '../core/access';
import { normaliseEmail } from '../core/records/cells';
import { headerOf, TABLE_NAMES, type Employee, type Question, type Row, type TableName, type Unit } from '../core/records/tables';
import { CsvWorkbook } from '../adapters/node/csv-workbook';
import { CsvArchiveShelf } from '../adapters/node/csv-archives';
import type { HealthReport } from '../store/health';
import { Meter } from '../store/ports';
import { ReadModel } from '../store/read-model';
import { Records } from '../store/records';
import { directoryOf, readAllTables, rebuildReadModel, type RebuildResult } from '../store/rebuild';
import { encodeRow } from '../store/table-parse';
import type { DirectoryView } from '../store/read-model';
import { seedDefaultTemplates } from '../adapters/memory/appraisal-templates';
import { ensureAppraisalDocs } from '../demo/appraisal-docs';
import { DEFAULT_DEMO_SEED, generateDemo } from '../demo';
import { postDemoThreads } from '../demo/forum-threads';
import { KOMPETENT_ACCOUNT, localPorts, MovableClock, type LocalServices } from '../adapters/memory/memory-services';
import { ACTIONS } from '../contract/actions';
import { isDm } from './web/google-events';
import { lockDataDir } from './data-lock';
import { PersistentIds, StateFiles } from './persist';

/** The demo's choices a tenant makes in Settings: the employee may write in their own appraisal document. */
const DEMO_SETTINGS: Record<string, string> = { appraisalEmployeeAccess: 'edit' };

export interface WorkspaceOptions {
  dataDir: string;
  /** Size of the demo municipality created when the data folder has no records. */
  employees?: number;
  seed?: number;
  /** Echo the app's log to the console. */
  log?: boolean;
  /** Where the clock starts on a fresh data folder (tests); otherwise now. */
  startAt?: string;
  /** The app's handlers; tests may pass their own (default: every feature's, as on Apps Script). */
  handlers?: Handlers;
}

export interface Room { name: string; displayName: string; kind: 'forum' | 'announcements' | 'other' }

export interface DirectorySnapshot { dir: DirectoryView; employees: Employee[]; byEmail: Map<string, Employee> }

export class Workspace {
  readonly ports: Ports & { services: LocalServices };
  readonly handlers: Handlers;
  readonly records: CsvWorkbook;
  /** Goes up with every change a person could see; open browser tabs poll it to refresh. */
  version = 0;
  health: HealthReport | undefined;
  private readonly state: StateFiles;
  private readonly ids: PersistentIds;
  private readonly release: () => void;
  private directoryMemo: DirectorySnapshot | undefined;
  private rebuildQueued = false;
  private recordWrites = 0;
  private closed = false;

  constructor(readonly opts: WorkspaceOptions) {
    this.release = lockDataDir(opts.dataDir);
    try {
      this.records = new CsvWorkbook(join(opts.dataDir, 'records'), new Meter());
      const clock = new MovableClock('Europe/Oslo');
      // Wall-clock time here (the limits are still enforced on the calls' planning costs).
      this.ports = localPorts(this.records, { clock, echoLog: opts.log, modelTime: false, archives: new CsvArchiveShelf(join(opts.dataDir, 'archives'), this.records.meter) });
      this.state = new StateFiles(opts.dataDir);
      this.ids = this.state.load(this.services);
      this.ports.ids = this.ids;
      this.ports.scheduleRebuild = () => this.queueRebuild();
      // A person has a DM with the app once they have opened it (Chat sends ADDED_TO_SPACE then); until then the
      // app's findDirectMessage finds nothing and reminders fall back to mail, as they would in a pilot.
      this.handlers = opts.handlers ?? allHandlers();
      if (this.records.tables().length === 0) {
        if (opts.startAt) clock.set(opts.startAt);
        this.createDemo(opts.employees ?? 600, opts.seed ?? DEFAULT_DEMO_SEED);
      }
      this.provision();
      this.rebuild();
      this.state.save(this.services, this.ids);
    } catch (e) {
      this.release();
      throw e;
    }
  }

  get services(): LocalServices { return this.ports.services; }
  get dataDir(): string { return this.opts.dataDir; }

  /** A synthetic municipality written as a person would see it in the spreadsheet (its "today" is the clock's). */
  private createDemo(employees: number, seed: number): void {
    const data = generateDemo({ employees, seed, today: this.ports.clock.today() }) as Record<string, Row<TableName>[]>;
    data.Questions = this.postThreads(data);
    new Records(this.records).ensureSchema();
    const appends = TABLE_NAMES.map((t) => {
      const header = headerOf(t);
      return { table: t, rows: (data[t] ?? []).map((r) => { const e = encodeRow(t, r); return header.map((h) => e[h] ?? ''); }) };
    }).filter((a) => a.rows.length > 0);
    this.records.write({ updates: [], appends });
  }

  /** Each demo question's thread card in the guides' space, dated when it was asked (oldest first, as Chat lists them). */
  private postThreads(data: Record<string, Row<TableName>[]>): Question[] {
    const chat = this.services.chat;
    const questions = [...(data.Questions ?? []) as Question[]].sort((a, b) => a.askedAt.localeCompare(b.askedAt));
    const before = chat.messages.length;
    const posted = postDemoThreads(chat, {
      questions, employees: (data.Employees ?? []) as Employee[], units: (data.Units ?? []) as Unit[], timeZone: this.ports.clock.timeZone,
    });
    chat.messages.slice(before).forEach((m, i) => { m.createTime = questions[i]!.askedAt; });
    return posted;
  }

  /**
   * Like `kompetent provision` for a tenant: the Kompetent folders and default templates in the local Drive and Docs, and
   * the Settings that name them. Runs on every start and only adds what is missing (HR's own values are kept).
   */
  private provision(): void {
    const want: Record<string, string> = { ...seedDefaultTemplates(this.services), ...DEMO_SETTINGS };
    const have = new Set((readAllTables(this.records, ['Settings']).Settings?.rows ?? []).map((r) => r.row.key));
    const header = headerOf('Settings');
    const rows = Object.entries(want).filter(([key]) => !have.has(key)).map(([key, value]) => {
      const e = encodeRow('Settings', { key, value } as Row<'Settings'>);
      return header.map((h) => e[h] ?? '');
    });
    if (rows.length) this.records.write({ updates: [], appends: [{ table: 'Settings', rows }] });
    const snap = readAllTables(this.records, ['Appraisals', 'Employees', 'Units', 'Settings']);
    ensureAppraisalDocs(this.services, {
      appraisals: (snap.Appraisals?.rows ?? []).map((r) => r.row), employees: (snap.Employees?.rows ?? []).map((r) => r.row),
      units: (snap.Units?.rows ?? []).map((r) => r.row),
      settings: Object.fromEntries((snap.Settings?.rows ?? []).map((r) => [r.row.key, r.row.value ?? ''])),
    });
  }

  /** What the hourly job does: the read model (cache) from the records, and the data-health report. */
  rebuild(): RebuildResult {
    this.rebuildQueued = false;
    const now = this.ports.clock.now().toISOString();
    const result = rebuildReadModel(this.records, new ReadModel(this.ports.cache, () => this.ids.next('g'), this.ports.codec), { now, today: this.ports.clock.today(), generation: this.ids.next('g') });
    this.health = result.health;
    this.directoryMemo = undefined;
    return result;
  }

  /** Apps Script would run a one-off trigger soon; here, right after the current reply. */
  private queueRebuild(): void {
    if (this.rebuildQueued) return;
    this.rebuildQueued = true;
    setImmediate(() => {
      if (!this.rebuildQueued || this.closed) return;
      this.rebuild();
      this.touch(true);
    });
  }

  /**
   * One Google event through the same pipeline as Apps Script (src/gas/main.ts), running as Google would run it: as the
   * person who acted (a job: as the Kompetent account). After a person's request, the outbox job runs at once as the
   * Kompetent account (on Google its trigger runs within the minute), so the mail and calendar effects go out from the app.
   */
  run(event: unknown, defaults: Parameters<typeof guarded>[3]): Outcome {
    const runAs = this.services.runAs;
    const chatUser = (event as { chat?: { user?: { email?: unknown } } } | null)?.chat?.user?.email;
    runAs.email = defaults.host === 'job' ? KOMPETENT_ACCOUNT : (defaults.userEmail || (typeof chatUser === 'string' ? chatUser : '') || '');
    try {
      return guarded(this.ports, this.handlers, event, defaults);
    } finally {
      runAs.email = KOMPETENT_ACCOUNT;
      if (defaults.host !== 'job') {
        const asApp = (action: string) => guarded(this.ports, this.handlers, {}, { host: 'job', action, userEmail: '', fromTrigger: true });
        asApp(ACTIONS.jobOutbox);
        runRequestedJobs(this.ports, asApp);
      }
    }
  }

  /** After every request: write the state files; if records or services changed, bump the version. */
  touch(force = false): void {
    if (this.closed) return;
    const writes = this.records.meter.byKind['workbook.write'] ?? 0;
    const changed = this.state.save(this.services, this.ids) || writes !== this.recordWrites || force;
    this.recordWrites = writes;
    if (changed) {
      this.version++;
      this.directoryMemo = undefined;
    }
  }

  /** Runs a time-driven job now and says what it sent. */
  runJob(name: string) {
    const job = JOBS[name as keyof typeof JOBS];
    if (!job) return undefined;
    const before = { mails: this.services.mail.sent.length, messages: this.services.chat.messages.length, errors: this.errors() };
    const { reply } = this.run({}, { host: 'job', action: job.action, userEmail: '', fromTrigger: true });
    if (job.action === JOBS.jobRebuildReadModel.action) this.rebuild();
    this.touch();
    const errors = this.services.log.entries.filter((e) => e.level === 'error').slice(before.errors).map((e) => e.message);
    return {
      job: name, action: job.action, handled: this.handlers[job.action] !== undefined, reply: reply.kind,
      mails: this.services.mail.sent.length - before.mails, messages: this.services.chat.messages.length - before.messages, errors,
    };
  }

  private errors(): number { return this.services.log.entries.filter((e) => e.level === 'error').length; }

  /** Moves the clock forward and rebuilds (statuses like "expires in 30 days" depend on today). */
  advanceClock(ms: number): void {
    this.services.clock.advance(ms);
    this.rebuild();
    this.touch(true);
  }

  directory(): DirectorySnapshot {
    if (!this.directoryMemo) {
      const snap = readAllTables(this.records, ['Units', 'Employees', 'Guides', 'Settings']);
      const employees = (snap.Employees?.rows ?? []).map((r) => r.row);
      this.directoryMemo = { dir: directoryOf(snap), employees, byEmail: new Map(employees.map((e) => [e.email, e])) };
    }
    return this.directoryMemo;
  }

  /** The access kinds of a person, by the same rules the handlers use (src/core/access.ts). */
  kindsOf(email: string): ActorKind[] {
    const d = this.directory();
    return kindsOf(resolveActor(email, {
      units: d.dir.units, adminEmails: d.dir.adminEmails,
      employeeByEmail: (e) => d.byEmail.get(normaliseEmail(e)),
      guideByEmail: (e) => d.dir.guides.find((g) => g.email === normaliseEmail(e)),
    }));
  }

  /** Rooms the app posts into: the guide forum and announcements (Settings), and any other room it has posted in. */
  rooms(): Room[] {
    const s = this.directory().dir.settings;
    const out: Room[] = [];
    if (s.guideForumSpace) out.push({ name: s.guideForumSpace, displayName: 'Google-guider', kind: 'forum' });
    if (s.announcementsSpace) out.push({ name: s.announcementsSpace, displayName: 'Kunngjøringer', kind: 'announcements' });
    for (const m of this.services.chat.messages) {
      if (!isDm(m.space) && !out.some((r) => r.name === m.space)) out.push({ name: m.space, displayName: m.space.replace(/^spaces\//, ''), kind: 'other' });
    }
    return out;
  }

  /** Writes everything and lets another process open the folder. */
  close(): void {
    if (this.closed) return;
    this.state.save(this.services, this.ids);
    this.closed = true;
    this.release();
  }
}
