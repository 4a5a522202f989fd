// In-memory Chat, mail, calendar, lock, clock and id services (Drive and Docs in memory-drive.ts): the local workspace's Google, and the tests'.
import { mailSenderName, type CalendarPort, type ChatCreateOptions, type ChatPort, type CourseCalendarEvent, type GmailMessage, type GmailPort, type LogPort, type LeaseStore, type MailAttachment, type MailPort, type Ports, type SentMarks } from '../../app/ports';
import { isoDateIn } from '../../core/dates';
import { MAIL_RECIPIENTS_PER_DAY, QUOTA_DAY_MS } from '../../core/google-limits';
import { ExecutionWatchdog } from './execution-limits';
import type { ChatMessage } from '../../contract/card-types';
import { MeteredCache } from '../../store/cache-shards';
import { MemoryCache } from '../../store/strict-cache';
import { nodeCodec } from '../node/node-codec';
import { Meter, metered, type ArchiveShelf, type CachePort, type Clock, type IdSource, type LockPort, type WorkbookPort } from '../../store/ports';
import { MemoryArchiveShelf } from './memory-archives';
import { fromLegacy, type TwinDocument } from './docs-twin';
import { MemoryDocs, MemoryDrive, type DriveFile, type LegacyDoc } from './memory-drive';

export interface PostedMessage {
  name: string;
  space: string;
  threadName: string;
  message: ChatMessage;
  createTime: string;
  requestId?: string;
  /** Who posted: the app, or a user (local workspace chat input). */
  sender: { type: 'BOT' | 'HUMAN'; email?: string; displayName?: string };
}

export class MemoryChat implements ChatPort {
  messages: PostedMessage[] = [];
  /** Spaces where the app is installed: DMs by user e-mail. */
  dms = new Map<string, string>();
  /** Last number used in a generated name (persisted by the local workspace). */
  seq = 0;
  /** spaces.findDirectMessage calls made (each is a Chat API space read, and a UrlFetch call on Apps Script). */
  lookups = 0;
  constructor(private readonly now: () => Date, private readonly meter?: Meter) {}

  createMessage(space: string, message: ChatMessage, opts: ChatCreateOptions = {}) {
    this.meter?.call('chat.create');
    if (opts.requestId) {
      const same = this.messages.find((m) => m.requestId === opts.requestId && m.space === space);
      if (same) return { name: same.name, threadName: same.threadName };
    }
    // spaces.messages.create, messageId: "Begins with client-… up to 63 characters and only lowercase letters, numbers,
    // and hyphens. Is unique within a space. A Chat app can't use the same custom ID for different messages."
    if (opts.messageId !== undefined) {
      if (!/^client-[a-z0-9-]{1,56}$/.test(opts.messageId)) throw new Error(`Chat API create failed: HTTP 400 invalid messageId ${opts.messageId}`);
      if (this.messages.some((m) => m.name === `${space}/messages/${opts.messageId}`)) throw new Error('Chat API create failed: HTTP 409 ALREADY_EXISTS');
    }
    const id = opts.messageId ?? `m${++this.seq}`;
    const existingThread = opts.threadKey ? this.messages.find((m) => m.space === space && m.threadName.endsWith(`/threads/${opts.threadKey}`)) : undefined;
    const threadName = message.thread?.name ?? existingThread?.threadName ?? `${space}/threads/${opts.threadKey ?? id}`;
    const posted: PostedMessage = { name: `${space}/messages/${id}`, space, threadName, message, createTime: this.now().toISOString(),
      requestId: opts.requestId, sender: { type: 'BOT', displayName: 'Kompetent' } };
    this.messages.push(posted);
    return { name: posted.name, threadName };
  }

  updateMessage(messageName: string, message: ChatMessage): void {
    this.meter?.call('chat.update');
    const m = this.messages.find((x) => x.name === messageName);
    if (!m) throw new Error(`No message ${messageName}`);
    m.message = { ...m.message, ...message };
  }

  /**
   * spaces.messages.get with the app's chat.bot scope: only messages the app has access to — here, those it posted or that
   * were sent to it — and 404 (undefined) for any other name (Chat API reference, spaces.messages.get, "Authorization").
   */
  getMessage(messageName: string): { name: string; threadName?: string } | undefined {
    this.meter?.call('chat.get');
    const m = this.messages.find((x) => x.name === messageName && x.sender.type === 'BOT');
    return m ? { name: m.name, threadName: m.threadName } : undefined;
  }

  findDirectMessage(userEmail: string): string | undefined {
    this.meter?.call('chat.findDirectMessage');
    this.lookups++;
    return this.dms.get(userEmail.toLowerCase());
  }
}

export interface SentMail {
  to: string; subject: string; text: string; html?: string; attachments?: MailAttachment[]; sentAt: string;
  /** The sender: the account the script ran as (or, for mail from outside, MemoryGmail.deliver's). */
  from?: string;
  /** The display name shown for the sender (MailApp's `name` option), e.g. «Kompetent». */
  fromName?: string;
}

/** The sender as Gmail shows it (GmailMessage.getFrom: "Kompetent <kompetent@…>"), or the bare address. */
export function senderLine(m: Pick<SentMail, 'from' | 'fromName'>): string {
  const from = m.from ?? KOMPETENT_ACCOUNT;
  return m.fromName ? `${m.fromName.replace(/[<>"]/g, '')} <${from}>` : from;
}

/** The account the Kompetent jobs and triggers run as locally (on Google: the dedicated user that owns the triggers). */
export const KOMPETENT_ACCOUNT = 'kompetent@localhost';

/**
 * Who the code is running as, as Google decides it: in a request a person started, that person (Session's effective
 * user = active user); in a trigger, the trigger's owner. The local workspace and tests set it per execution.
 */
export interface RunningUser { email: string }

/**
 * MailApp as Google documents it: the mail goes "from the effective user" (the account the script runs as, never a
 * name the caller picks; developers.google.com/apps-script/reference/mail/mail-app); at most MAIL_RECIPIENTS_PER_DAY
 * recipients a day for a Workspace account (core/google-limits.ts), the day counted from the first send and reset
 * 24 hours later (getRemainingDailyQuota); past it sendEmail throws "Service invoked too many times for one day: email."
 */
export class MemoryMail implements MailPort {
  sent: SentMail[] = [];
  /** Recipients still allowed in the current quota day (tests may set it to model a day already spent). */
  quota = MAIL_RECIPIENTS_PER_DAY;
  private dayStartedMs: number | undefined;
  constructor(private readonly now: () => Date, private readonly runAs: RunningUser = { email: KOMPETENT_ACCOUNT }, private readonly meter?: Meter) {}
  nowIso(): string { return this.now().toISOString(); }
  private roll(): void {
    const t = this.now().getTime();
    if (this.dayStartedMs !== undefined && t - this.dayStartedMs >= QUOTA_DAY_MS) {
      this.dayStartedMs = undefined;
      this.quota = MAIL_RECIPIENTS_PER_DAY;
    }
  }
  send(mail: Omit<SentMail, 'sentAt' | 'from' | 'fromName'>): void {
    this.meter?.call('mail.send');
    this.roll();
    // "recipient: the addresses of the recipients, separated by commas"; each one counts against the quota.
    const to = mail.to.split(',').map((x) => x.trim());
    if (to.some((x) => !/^[^@\s,;]+@[^@\s,;]+$/.test(x))) throw new Error(`Invalid email: ${mail.to}`);
    if (to.length > this.quota) throw new Error('Service invoked too many times for one day: email.');
    this.dayStartedMs ??= this.now().getTime();
    this.quota -= to.length;
    this.sent.push({ ...mail, from: this.runAs.email, fromName: mailSenderName(), sentAt: this.now().toISOString() });
  }
  remainingQuota(): number {
    this.roll();
    return this.quota;
  }
}

export interface CalendarEvent {
  id: string; title: string; startsAt: string; endsAt: string; location?: string; description?: string; guests: string[]; updates: number;
  /** The calendar that holds it (its owner's); Google keeps a cancelled event under its id with status cancelled. */
  calendar?: string; status?: 'confirmed' | 'cancelled'; uid?: string;
}

/**
 * The Kompetent course calendar, owned by the Kompetent account. As on Google, only an account with access may write it:
 * a request running as anyone else gets "Not Found" (Calendar API answers 404 for a calendar the caller cannot see), so
 * code that wrote it from a person's click fails here as it would in a tenant. Guests are added and removed quietly.
 */
export class MemoryCalendar implements CalendarPort {
  events = new Map<string, CalendarEvent>();
  /** Last number used in a generated name (persisted by the local workspace). */
  seq = 0;
  constructor(private readonly runAs: RunningUser = { email: KOMPETENT_ACCOUNT }, readonly owner = KOMPETENT_ACCOUNT) {}
  private access(): void {
    if (this.runAs.email !== this.owner) throw new Error(`Calendar API: 404 Not Found (calendar of ${this.owner} as ${this.runAs.email || 'nobody'})`);
  }
  syncEvent(e: CourseCalendarEvent, addGuests: string[], removeGuests: string[]): void {
    this.access();
    if (!/^[a-v0-9]{5,1024}$/.test(e.id)) throw new Error(`Calendar API: 400 Invalid resource id value (${e.id})`);
    const existing = this.events.get(e.id);
    const gone = new Set(removeGuests.map((g) => g.toLowerCase()));
    const guests = [...new Set([...(existing?.guests ?? []), ...addGuests.map((g) => g.toLowerCase())])].filter((g) => !gone.has(g));
    this.events.set(e.id, { ...e, calendar: this.owner, status: 'confirmed', guests, updates: existing ? existing.updates + 1 : 0 });
  }
  cancelEvent(id: string): void {
    this.access();
    const existing = this.events.get(id);
    if (existing && existing.status !== 'cancelled') this.events.set(id, { ...existing, status: 'cancelled', updates: existing.updates + 1 });
  }
  getEvent(id: string) {
    this.access();
    const e = this.events.get(id);
    return e ? { id: e.id, title: e.title, startsAt: e.startsAt, endsAt: e.endsAt, location: e.location, description: e.description, guests: [...e.guests], status: e.status ?? 'confirmed' } : undefined;
  }
  /** The events a person is a guest of and that still stand (their calendar in the local workspace). */
  eventsOf(email: string): CalendarEvent[] {
    return [...this.events.values()].filter((e) => e.status !== 'cancelled' && e.guests.includes(email.toLowerCase()));
  }
}

/** Send marks in memory (Script Properties on Apps Script). */
export class MemoryMarks implements SentMarks {
  readonly ids = new Set<string>();
  marked(ids: string[]): Set<string> { return new Set(ids.filter((i) => this.ids.has(i))); }
  mark(id: string): void { this.ids.add(id); }
  clear(ids: string[]): void { for (const i of ids) this.ids.delete(i); }
}

/**
 * Script Properties as the job leases use them: shared by every user of the project; a value over 9 KB and a store over
 * 500 KB throw, as Google documents ("Properties value size 9 KB / val", "Properties total storage 500 KB / property
 * store": https://developers.google.com/apps-script/guides/services/quotas). Each call counts on the meter.
 */
export class MemoryLeases implements LeaseStore {
  readonly values = new Map<string, string>();
  /** `prefix`: the property names' prefix; `siblings`: other stores in the same Script Properties (their bytes count too). */
  constructor(private readonly meter?: Meter, private readonly prefix = 'job-lease:', private readonly siblings: MemoryLeases[] = []) {}
  get(job: string): string | undefined { this.meter?.call('properties.get'); return this.values.get(job); }
  set(job: string, value: string): void {
    this.meter?.call('properties.set');
    const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
    if (bytes(value) > 9 * 1024) throw new Error('Argument too large: value');
    let total = bytes(`${this.prefix}${job}`) + bytes(value);
    for (const [k, v] of this.values) if (k !== job) total += bytes(`${this.prefix}${k}`) + bytes(v);
    for (const other of this.siblings) total += other.bytes();
    if (total > 500 * 1024) throw new Error('You have exceeded the property storage quota.');
    this.values.set(job, value);
  }
  /** Bytes this store's properties take (names and values, UTF-8). */
  bytes(): number {
    let n = 0;
    for (const [k, v] of this.values) n += Buffer.byteLength(`${this.prefix}${k}`, 'utf8') + Buffer.byteLength(v, 'utf8');
    return n;
  }
  remove(job: string): void { this.meter?.call('properties.delete'); this.values.delete(job); }
}

/**
 * The local Gmail: the mails the app sent (message id `msg-f:<n>`, n = their place in MemoryMail.sent, as the local
 * workspace's inbox numbers them) and mails from outside delivered with `deliver` (e.g. a course certificate).
 */
export class MemoryGmail implements GmailPort {
  /** Every message handed to the add-on, for tests: it must only ever be the one that was opened. */
  reads: string[] = [];
  constructor(private readonly mail: MemoryMail) {}

  /** A mail arriving from outside; returns its message id. */
  deliver(m: { to: string; from: string; subject: string; text: string; attachments?: MailAttachment[] }): string {
    this.mail.sent.push({ to: m.to, from: m.from, subject: m.subject, text: m.text, attachments: m.attachments, sentAt: this.mail.nowIso() });
    return `msg-f:${this.mail.sent.length - 1}`;
  }

  currentMessage(messageId: string, accessToken: string, opts: { withContent?: boolean } = {}): GmailMessage | undefined {
    const n = /^msg-f:(\d+)$/.exec(messageId);
    const m = n && accessToken ? this.mail.sent[Number(n[1])] : undefined;
    if (!m) return undefined;
    this.reads.push(messageId);
    return {
      id: messageId, subject: m.subject, from: senderLine(m), body: m.text,
      attachments: (m.attachments ?? []).map((a) => {
        const base64 = a.encoding === 'base64' ? a.content.replace(/\s/g, '') : Buffer.from(a.content, 'utf8').toString('base64');
        return { name: a.fileName, mimeType: a.mimeType, size: Math.floor((base64.length * 3) / 4), base64: opts.withContent ? base64 : '' };
      }),
    };
  }
}

/** A lock for one process (sync code cannot interleave, so it only tracks nesting and contention for tests). */
export class ProcessLock implements LockPort {
  held = false;
  acquisitions = 0;
  constructor(private readonly meter?: Meter) {}
  tryLock(): boolean {
    this.meter?.call('lock');
    if (this.held) return false;
    this.held = true;
    this.acquisitions++;
    return true;
  }
  release(): void { this.held = false; }
  holding(): boolean { return this.held; }
}

/** A clock that can be set and moved forward (the local workspace's time control). */
export class MovableClock implements Clock {
  private offsetMs = 0;
  constructor(readonly timeZone = 'Europe/Oslo', private base: () => number = () => Date.now()) {}
  now(): Date { return new Date(this.base() + this.offsetMs); }
  today(): string { return isoDateIn(this.now(), this.timeZone); }
  set(iso: string): void { this.offsetMs = Date.parse(iso) - this.base(); }
  advance(ms: number): void { this.offsetMs += ms; }
  offset(): number { return this.offsetMs; }
  setOffset(ms: number): void { this.offsetMs = ms; }
}

export class SequentialIds implements IdSource {
  private n = 0;
  constructor(private readonly salt = '') {}
  next(prefix: string): string { return `${prefix}-${this.salt}${(++this.n).toString(36).padStart(4, '0')}`; }
}

export class ConsoleLog implements LogPort {
  entries: { level: 'error' | 'info'; message: string; detail?: unknown }[] = [];
  constructor(private readonly echo = false) {}
  error(message: string, detail?: unknown): void {
    this.entries.push({ level: 'error', message, detail });
    if (this.echo) console.error(message, detail ?? '');
  }
  info(message: string, detail?: unknown): void {
    this.entries.push({ level: 'info', message, detail });
    if (this.echo) console.log(message, detail ?? '');
  }
}

export interface LocalServices {
  /** Times a rebuild was asked for (the local workspace runs it right after the reply). */
  rebuildRequests: number;
  chat: MemoryChat; mail: MemoryMail; gmail: MemoryGmail; calendar: MemoryCalendar; drive: MemoryDrive; docs: MemoryDocs; log: ConsoleLog;
  clock: MovableClock; lock: ProcessLock; rawCache: CachePort; marks: MemoryMarks; leases: MemoryLeases; progress: MemoryLeases;
  /** Who the code runs as now (set per execution: the person in a request, KOMPETENT_ACCOUNT in a job). */
  runAs: RunningUser;
  /** Moves the clock by each call's planning cost and enforces Google's execution time limits. */
  watchdog: ExecutionWatchdog;
}

/** Ports over a workbook with in-memory everything else; the meter counts every remote call (workbook, cache, lock, outward APIs). */
export function localPorts(
  workbook: WorkbookPort,
  opts: { clock?: MovableClock; cache?: CachePort; archives?: ArchiveShelf; echoLog?: boolean; idSalt?: string; /** Move the clock by each call's planning cost (default). */ modelTime?: boolean } = {},
): Ports & { services: LocalServices } {
  const meter = workbook.meter;
  const clock = opts.clock ?? new MovableClock();
  const rawCache = opts.cache ?? new MemoryCache(() => clock.now().getTime());
  const docs = new MemoryDocs();
  const runAs: RunningUser = { email: KOMPETENT_ACCOUNT };
  const mail = new MemoryMail(() => clock.now(), runAs, meter);
  const watchdog = new ExecutionWatchdog(clock, opts.modelTime ?? true);
  meter.observer = watchdog;
  // Job leases and job progress share the one Script Properties store, and its 500 KB.
  const sharing: MemoryLeases[] = [];
  const leases = new MemoryLeases(meter, 'job-lease:', sharing);
  const progress = new MemoryLeases(meter, 'job-progress:', [leases]);
  sharing.push(progress);
  const services: LocalServices = {
    rebuildRequests: 0,
    chat: new MemoryChat(() => clock.now(), meter), mail, gmail: new MemoryGmail(mail), calendar: new MemoryCalendar(runAs),
    drive: new MemoryDrive(docs, () => clock.now()), docs, log: new ConsoleLog(opts.echoLog), clock, lock: new ProcessLock(meter), rawCache,
    marks: new MemoryMarks(), leases, progress, runAs, watchdog,
  };
  return {
    workbook, cache: new MeteredCache(rawCache, meter), codec: nodeCodec, lock: services.lock, clock, ids: new SequentialIds(opts.idSalt),
    chat: services.chat, mail: services.mail, gmail: metered('gmail', services.gmail, meter), calendar: metered('calendar', services.calendar, meter),
    drive: metered('drive', services.drive, meter), docs: metered('docs', services.docs, meter), log: services.log,
    archives: opts.archives ?? new MemoryArchiveShelf(meter),
    marks: metered('properties', services.marks, meter), leases: services.leases, progress: services.progress,
    meter, services,
    scheduleRebuild: () => { services.rebuildRequests++; },
  };
}

/** Everything the local services hold, as plain JSON (the local workspace keeps it between runs). */
export interface LocalServicesSnapshot {
  clockOffsetMs: number;
  chat: { messages: PostedMessage[]; dms: [string, string][]; seq: number };
  mail: { sent: SentMail[] };
  calendar: { events: CalendarEvent[]; seq: number };
  marks?: string[];
  drive: { folders: [string, string][]; files: DriveFile[]; seq: number };
  docs: { docs: (TwinDocument | LegacyDoc)[] };
}

export function snapshotServices(s: LocalServices): LocalServicesSnapshot {
  return {
    clockOffsetMs: s.clock.offset(),
    chat: { messages: s.chat.messages, dms: [...s.chat.dms], seq: s.chat.seq },
    mail: { sent: s.mail.sent },
    calendar: { events: [...s.calendar.events.values()], seq: s.calendar.seq },
    marks: [...s.marks.ids],
    drive: { folders: [...s.drive.folders], files: [...s.drive.files.values()], seq: s.drive.seq },
    docs: { docs: [...s.docs.docs.values()] },
  };
}

/** Puts a snapshot back; parts missing from an older snapshot stay empty. */
export function restoreServices(s: LocalServices, snap: Partial<LocalServicesSnapshot>): void {
  if (snap.clockOffsetMs !== undefined) s.clock.setOffset(snap.clockOffsetMs);
  if (snap.chat) Object.assign(s.chat, { messages: snap.chat.messages, dms: new Map(snap.chat.dms), seq: snap.chat.seq });
  if (snap.mail) s.mail.sent = snap.mail.sent;
  if (snap.calendar) Object.assign(s.calendar, { events: new Map(snap.calendar.events.map((e) => [e.id, e])), seq: snap.calendar.seq });
  if (snap.marks) { s.marks.ids.clear(); for (const m of snap.marks) s.marks.ids.add(m); }
  if (snap.drive) Object.assign(s.drive, { folders: new Map(snap.drive.folders), files: new Map(snap.drive.files.map((f) => [f.id, f])), seq: snap.drive.seq });
  if (snap.docs) s.docs.docs = new Map(snap.docs.docs.map((d) => ('documentId' in d ? d : fromLegacy(d))).map((d) => [d.documentId, d]));
}
