// In-memory Chat, mail, calendar, Drive, Docs, lock, clock and id services: the local workspace's Google, and the tests'.
import { findTable, PLACEHOLDER } from '../app/docs-api';
import type { CalendarPort, ChatPort, DocsPort, DrivePort, GmailMessage, GmailPort, LogPort, MailAttachment, MailPort, Ports } from '../app/ports';
import { isoDateIn } from '../core/dates';
import { MAIL_RECIPIENTS_PER_DAY, QUOTA_DAY_MS } from '../core/google-limits';
import { ExecutionWatchdog } from './execution-limits';
import type { ChatMessage } from '../ui/card-types';
import { MemoryCache, MeteredCache } from '../store/cache-shards';
import { Meter, type CachePort, type Clock, type IdSource, type LockPort, type WorkbookPort } from '../store/ports';

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

  createMessage(space: string, message: ChatMessage, opts: { threadKey?: string; requestId?: string } = {}) {
    this.meter?.call('chat.create');
    if (opts.requestId) {
      const same = this.messages.find((m) => m.requestId === opts.requestId && m.space === space);
      if (same) return { name: same.name, threadName: same.threadName };
    }
    const id = `m${++this.seq}`;
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

  findDirectMessage(userEmail: string): string | undefined {
    this.meter?.call('chat.findDirectMessage');
    this.lookups++;
    return this.dms.get(userEmail.toLowerCase());
  }
}

export interface SentMail { to: string; subject: string; text: string; html?: string; attachments?: MailAttachment[]; sentAt: string; /** Set for mail from outside (MemoryGmail.deliver). */ from?: string }

/**
 * MailApp as Google documents it (core/google-limits.ts): at most MAIL_RECIPIENTS_PER_DAY recipients per day for a
 * Workspace account, the day counted from the first send and reset 24 hours later; past it `sendEmail` throws
 * "Service invoked too many times for one day: email." Every recipient counts (a comma-separated `to` counts each).
 */
export class MemoryMail implements MailPort {
  sent: SentMail[] = [];
  /** Recipients still allowed in the current quota day (tests may set it to model a day already spent). */
  quota = MAIL_RECIPIENTS_PER_DAY;
  private dayStartedMs: number | undefined;
  constructor(private readonly now: () => Date, private readonly meter?: Meter) {}
  nowIso(): string { return this.now().toISOString(); }
  private roll(): void {
    const t = this.now().getTime();
    if (this.dayStartedMs !== undefined && t - this.dayStartedMs >= QUOTA_DAY_MS) {
      this.dayStartedMs = undefined;
      this.quota = MAIL_RECIPIENTS_PER_DAY;
    }
  }
  send(mail: Omit<SentMail, 'sentAt'>): void {
    this.meter?.call('mail.send');
    this.roll();
    const recipients = mail.to.split(',').map((x) => x.trim()).filter(Boolean).length;
    if (recipients > this.quota) throw new Error('Service invoked too many times for one day: email.');
    this.dayStartedMs ??= this.now().getTime();
    this.quota -= recipients;
    this.sent.push({ ...mail, sentAt: this.now().toISOString() });
  }
  remainingQuota(): number {
    this.roll();
    return this.quota;
  }
}

export interface CalendarEvent { id: string; uid?: string; title: string; startsAt: string; endsAt: string; location?: string; description?: string; guests: string[]; updates: number }

/** The local workspace's calendar: one event per session, guests added and removed, every update counted. */
export class MemoryCalendar implements CalendarPort {
  events = new Map<string, CalendarEvent>();
  /** Last number used in a generated name (persisted by the local workspace). */
  seq = 0;
  upsertEvent(e: Omit<CalendarEvent, 'id' | 'updates' | 'guests'> & { id?: string; guests: string[]; removeGuests?: string[] }): string {
    const existing = e.id ? this.events.get(e.id) : undefined;
    // An id the calendar does not know yet (demo sessions name theirs) is taken as given.
    const id = existing?.id ?? e.id ?? `cal${++this.seq}`;
    const gone = new Set((e.removeGuests ?? []).map((g) => g.toLowerCase()));
    const guests = [...new Set([...(existing?.guests ?? []), ...e.guests.map((g) => g.toLowerCase())])].filter((g) => !gone.has(g));
    const { removeGuests: _removed, ...fields } = e;
    this.events.set(id, { ...fields, id, guests, updates: existing ? existing.updates + 1 : 0 });
    return id;
  }
  removeEvent(id: string): void { this.events.delete(id); }
  /** The events a person is a guest of (their calendar in the local workspace). */
  eventsOf(email: string): CalendarEvent[] {
    return [...this.events.values()].filter((e) => e.guests.includes(email.toLowerCase()));
  }
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
      id: messageId, subject: m.subject, from: m.from ?? 'Kompetent', body: m.text,
      attachments: (m.attachments ?? []).map((a) => {
        const base64 = a.encoding === 'base64' ? a.content.replace(/\s/g, '') : Buffer.from(a.content, 'utf8').toString('base64');
        return { name: a.fileName, mimeType: a.mimeType, size: Math.floor((base64.length * 3) / 4), base64: opts.withContent ? base64 : '' };
      }),
    };
  }
}

export interface DriveFile { id: string; name: string; mimeType: string; folderId: string; content: string; readers: string[]; writers: string[]; commenters: string[]; trashed?: boolean }

export class MemoryDrive implements DrivePort {
  /** `docs`: copying a document copies its text too (appraisal templates), and its PDF holds the text. */
  constructor(private readonly docs?: MemoryDocs) {}
  folders = new Map<string, string>();
  files = new Map<string, DriveFile>();
  /** Last number used in a generated name (persisted by the local workspace). */
  seq = 0;
  ensureFolder(path: string[]): string {
    const key = path.join('/');
    if (!this.folders.has(key)) this.folders.set(key, `folder${++this.seq}`);
    return this.folders.get(key)!;
  }
  createFile(folderId: string, name: string, mimeType: string, base64: string): string {
    const id = `file${++this.seq}`;
    this.files.set(id, { id, name, mimeType, folderId, content: base64, readers: [], writers: [], commenters: [] });
    return id;
  }
  share(fileId: string, readers: string[], writers: string[], commenters: string[] = []): void {
    const f = this.files.get(fileId);
    if (!f) throw new Error(`No file ${fileId}`);
    Object.assign(f, { readers: [...readers], writers: [...writers], commenters: [...commenters] });
  }
  copy(fileId: string, folderId: string, name: string): string {
    const f = this.files.get(fileId);
    if (!f) throw new Error(`No file ${fileId}`);
    const id = this.createFile(folderId, name, f.mimeType, f.content);
    const doc = this.docs?.docs.get(fileId);
    if (doc) this.docs!.docs.set(id, { id, title: name, body: doc.body, tables: doc.tables.map((t) => ({ heading: t.heading, rows: t.rows.map((r) => [...r]) })) });
    return id;
  }
  exportPdf(fileId: string, folderId: string, name: string): string {
    const f = this.files.get(fileId);
    if (!f) throw new Error(`No file ${fileId}`);
    const doc = this.docs?.docs.get(fileId);
    const text = doc && [doc.title, doc.body, ...doc.tables.map((t) => [t.heading, ...t.rows.map((r) => r.join(' | '))].join('\n'))].join('\n\n');
    return this.createFile(folderId, name, 'application/pdf', text !== undefined ? Buffer.from(text, 'utf8').toString('base64') : f.content);
  }
  trash(fileId: string): void {
    const f = this.files.get(fileId);
    if (!f) throw new Error(`No file ${fileId}`);
    f.trashed = true;
  }
  unshare(fileId: string, emails: string[]): void {
    const f = this.files.get(fileId);
    if (!f) throw new Error(`No file ${fileId}`);
    const gone = new Set(emails.map((e) => e.toLowerCase()));
    const keep = (list: string[]) => list.filter((e) => !gone.has(e.toLowerCase()));
    Object.assign(f, { readers: keep(f.readers), writers: keep(f.writers), commenters: keep(f.commenters) });
  }
}

/** Documents as plain text with tables, so the local workspace can render them readably. */
export interface LocalDoc { id: string; title: string; body: string; tables: { heading: string; rows: string[][] }[] }

export class MemoryDocs implements DocsPort {
  docs = new Map<string, LocalDoc>();
  fillPlaceholders(docId: string, values: Record<string, string>): string[] {
    const d = this.get(docId);
    const unknown = new Set<string>();
    // The same placeholder and table rules as the Docs API adapter (src/app/docs-api.ts).
    d.body = d.body.replace(PLACEHOLDER, (m, name: string) => {
      if (name in values) return values[name];
      unknown.add(name);
      return m;
    });
    return [...unknown];
  }
  readTable(docId: string, headers: string[]): string[][] | undefined {
    return findTable(this.get(docId).tables.map((t) => t.rows), headers);
  }
  appendTable(docId: string, heading: string, rows: string[][]): void {
    this.get(docId).tables.push({ heading, rows });
  }
  title(docId: string): string { return this.get(docId).title; }
  private get(id: string): LocalDoc {
    const d = this.docs.get(id);
    if (!d) throw new Error(`No document ${id}`);
    return d;
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
  clock: MovableClock; lock: ProcessLock; rawCache: CachePort;
  /** Moves the clock by each call's planning cost and enforces Google's execution time limits. */
  watchdog: ExecutionWatchdog;
}

/** The same object with every method call counted by the meter as `<service>.<method>` (an outward API call on Google). */
function metered<T extends object>(service: string, target: T, meter: Meter): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      const v = Reflect.get(t, prop, receiver) as unknown;
      if (typeof v !== 'function' || typeof prop !== 'string') return v;
      return (...args: unknown[]) => {
        meter.call(`${service}.${prop}`);
        return (v as (...a: unknown[]) => unknown).apply(t, args);
      };
    },
  });
}

/** Ports over a workbook with in-memory everything else; the meter counts every remote call (workbook, cache, lock, outward APIs). */
export function localPorts(
  workbook: WorkbookPort,
  opts: { clock?: MovableClock; cache?: CachePort; echoLog?: boolean; idSalt?: string; /** Move the clock by each call's planning cost (default). */ modelTime?: boolean } = {},
): Ports & { services: LocalServices } {
  const meter = workbook.meter;
  const clock = opts.clock ?? new MovableClock();
  const rawCache = opts.cache ?? new MemoryCache(() => clock.now().getTime());
  const docs = new MemoryDocs();
  const mail = new MemoryMail(() => clock.now(), meter);
  const watchdog = new ExecutionWatchdog(clock, opts.modelTime ?? true);
  meter.observer = watchdog;
  const services: LocalServices = {
    rebuildRequests: 0,
    chat: new MemoryChat(() => clock.now(), meter), mail, gmail: new MemoryGmail(mail), calendar: new MemoryCalendar(),
    drive: new MemoryDrive(docs), docs, log: new ConsoleLog(opts.echoLog), clock, lock: new ProcessLock(meter), rawCache, watchdog,
  };
  return {
    workbook, cache: new MeteredCache(rawCache, meter), lock: services.lock, clock, ids: new SequentialIds(opts.idSalt),
    chat: services.chat, mail: services.mail, gmail: metered('gmail', services.gmail, meter), calendar: metered('calendar', services.calendar, meter),
    drive: metered('drive', services.drive, meter), docs: metered('docs', services.docs, meter), log: services.log,
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
  drive: { folders: [string, string][]; files: DriveFile[]; seq: number };
  docs: { docs: LocalDoc[] };
}

export function snapshotServices(s: LocalServices): LocalServicesSnapshot {
  return {
    clockOffsetMs: s.clock.offset(),
    chat: { messages: s.chat.messages, dms: [...s.chat.dms], seq: s.chat.seq },
    mail: { sent: s.mail.sent },
    calendar: { events: [...s.calendar.events.values()], seq: s.calendar.seq },
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
  if (snap.drive) Object.assign(s.drive, { folders: new Map(snap.drive.folders), files: new Map(snap.drive.files.map((f) => [f.id, f])), seq: snap.drive.seq });
  if (snap.docs) s.docs.docs = new Map(snap.docs.docs.map((d) => [d.id, d]));
}
