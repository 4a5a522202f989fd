// Outward ports of the app (Chat API, mail, calendar, Drive, Docs, logging); Apps Script adapters in src/gas, in-memory ones in src/adapters/memory.
import type { ChatMessage } from '../contract/card-types';
import type { Codec } from '../store/codec';
import type { ArchiveShelf, CachePort, Clock, IdSource, LockPort, Meter, WorkbookPort } from '../store/ports';
import type { MailAttachment } from '../contract/request';
import { t } from '../core/i18n';
export type { MailAttachment } from '../contract/request';

export interface ChatCreateOptions { threadKey?: string; requestId?: string; messageId?: string }

/** Posts as the app through the Chat API (service account, scope chat.bot). */
export interface ChatPort {
  /**
   * spaces.messages.create. `threadKey` with REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD keeps one thread per question;
   * `requestId` makes a retry return the same message instead of posting twice; `messageId` (`client-…`) names it.
   */
  createMessage(space: string, message: ChatMessage, opts?: ChatCreateOptions): { name: string; threadName?: string };
  /** spaces.messages.patch (updateMask text,cardsV2) of a message the app posted. */
  updateMessage(messageName: string, message: ChatMessage): void;
  /** The DM space between the app and a user (spaces.findDirectMessage), if the app is installed for them. */
  findDirectMessage(userEmail: string): string | undefined;
  /**
   * spaces.messages.get of a message the app posted (scope chat.bot: "a message the Chat app has access to"); undefined
   * when it is gone (404). Used to learn the thread a question's card started.
   */
  getMessage(messageName: string): { name: string; threadName?: string } | undefined;
}

/**
 * Mail as the account the script runs as: MailApp sends "from the effective user" (Apps Script reference, MailApp), so
 * only the outbox job (a trigger owned by the Kompetent account) may call it — never a request a person started.
 */
export interface MailPort {
  // Every adapter sends with the display name mailSenderName() (MailApp's `name` option: "the name of the sender of the
  // email (default: the user's name)", Apps Script reference, MailApp.sendEmail(message)), so people see «Kompetent».
  send(mail: { to: string; subject: string; text: string; html?: string; attachments?: MailAttachment[] }): void;
  /** Recipients the script may still mail today (MailApp.getRemainingDailyQuota). */
  remainingQuota(): number;
}

/** The display name of the app's mails: the product's name from the catalogue (the same in nb, en and sv). */
export function mailSenderName(): string {
  return t('nb', 'app.name');
}

/** A course session's event in the one Kompetent course calendar (never a person's own calendar). */
export interface CourseCalendarEvent { id: string; title: string; startsAt: string; endsAt: string; location?: string; description?: string }

/**
 * The Kompetent course calendar: one event per session (id from courseEventId), participants as guests. Nobody is
 * e-mailed by Calendar (`sendUpdates: 'none'`): the outbox's confirmation mail carries the invitation. Called only by the
 * outbox job, as the Kompetent account that owns the calendar.
 */
export interface CalendarPort {
  /** Creates the event (or restores a cancelled one) and brings it up to date; adds missing guests and takes off `removeGuests`. Repeating it changes nothing. */
  syncEvent(event: CourseCalendarEvent, addGuests: string[], removeGuests: string[]): void;
  /** Cancels the event (the one event: nothing new is made). A missing or already cancelled event is fine. */
  cancelEvent(id: string): void;
  /** The event as the calendar holds it (guests in lower case), or undefined when there is none. */
  getEvent(id: string): (CourseCalendarEvent & { guests: string[]; status: 'confirmed' | 'cancelled' }) | undefined;
}

/**
 * Durable "already sent" marks between a send and the batched write that records it (Script Properties on Apps Script):
 * a run that dies after sending leaves the mark, so the next run does not send again.
 */
/** One small durable value per job (Script Properties `job-lease:<job>` on Apps Script). */
export interface LeaseStore {
  get(job: string): string | undefined;
  set(job: string, value: string): void;
  remove(job: string): void;
}

export interface SentMarks {
  /** Ids among these that are marked sent (one read). */
  marked(ids: string[]): Set<string>;
  mark(id: string): void;
  clear(ids: string[]): void;
}

/** A file attached to the opened message. `base64` is empty unless the content was asked for. */
export interface GmailAttachment { name: string; mimeType: string; size: number; base64: string }
export interface GmailMessage { id: string; subject: string; from: string; body: string; attachments: GmailAttachment[] }

/**
 * The one Gmail message the add-on was opened on, and nothing else (the contextual trigger's `gmail.messageId` and
 * per-message `gmail.accessToken`, also present on card clicks inside that card). Apps Script:
 * `GmailApp.setCurrentMessageAccessToken(accessToken)`, then `GmailApp.getMessageById(messageId)`; subject `getSubject()`,
 * from `getFrom()`, body `getPlainBody()`, attachments `getAttachments({ includeInlineImages: false })` as
 * `{ name: getName(), mimeType: getContentType(), size: getSize(), base64: withContent ? Utilities.base64Encode(getBytes()) : '' }`.
 * Needs the scopes gmail.addons.current.message.readonly (and .action for the click) and gmail.addons.execute.
 */
export interface GmailPort {
  /** Undefined when the message cannot be read (token expired, message gone): the card then says so. */
  currentMessage(messageId: string, accessToken: string, opts?: { withContent?: boolean }): GmailMessage | undefined;
}

/**
 * Private file properties of the app (Drive API v3 `appProperties`): set in the same call that makes the file, so a file
 * never exists without them. Limits (Drive guide "Add custom file properties"): at most 30 private properties per file
 * from one app, each key + value at most 124 bytes in UTF-8.
 */
export type FileMarks = Record<string, string>;

/** A file found by its marks (files.list, `appProperties has { key=… and value=… }`). */
export interface MarkedFile { id: string; name: string; createdTime: string; marks: FileMarks }

export interface DrivePort {
  ensureFolder(path: string[]): string;
  createFile(folderId: string, name: string, mimeType: string, base64: string, marks?: FileMarks): string;
  /** Shares with exactly these people (no domain or link sharing). */
  share(fileId: string, readers: string[], writers: string[], commenters?: string[]): void;
  copy(fileId: string, folderId: string, name: string, marks?: FileMarks): string;
  exportPdf(fileId: string, folderId: string, name: string, marks?: FileMarks): string;
  /** Untrashed files carrying the mark `key`=`value`, made before `createdBefore` (ISO), at most `max` (one files.list). */
  findMarked(key: string, value: string, createdBefore: string, max: number): MarkedFile[];
  /** Sets marks (a null value removes the mark; files.update). */
  setMarks(fileId: string, marks: Record<string, string | null>): void;
  /** Moves a file to the trash (a document created half-way is never left behind). */
  trash(fileId: string): void;
  /** Removes these people's access to a file (a leader who no longer leads the employee). */
  unshare(fileId: string, emails: string[]): void;
}

export interface DocsPort {
  /** Replaces {{placeholders}}; returns the placeholders found in the document that had no value. */
  fillPlaceholders(docId: string, values: Record<string, string>): string[];
  /** Rows of the first table whose header row contains every one of these headers. */
  readTable(docId: string, headers: string[]): string[][] | undefined;
  appendTable(docId: string, heading: string, rows: string[][]): void;
  title(docId: string): string;
}

export interface LogPort {
  error(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
}

/** Everything a request can touch; one set for Apps Script, one for the local workspace. */
export interface Ports {
  workbook: WorkbookPort;
  cache: CachePort;
  /** Compression of read-model values (gzip + base64); without it values are stored as JSON (small tests only). */
  codec?: Codec;
  lock: LockPort;
  clock: Clock;
  ids: IdSource;
  chat: ChatPort;
  mail: MailPort;
  calendar: CalendarPort;
  /** Outbox send marks (see SentMarks). */
  marks: SentMarks;
  /**
   * Where each job's lease lives (Apps Script: Script Properties, shared by every user of the project, so the trigger's
   * run and an administrator's "run now" see the same lease; a user lock would not, it is per user). Read and set only
   * under the script lock (see src/app/pipeline/job-lease.ts).
   */
  leases: LeaseStore;
  /**
   * A job's progress between executions (Apps Script: Script Properties `job-progress:<key>`), e.g. the read-model
   * rebuild's cursor when it continues in the next trigger run (src/store/rebuild-resume.ts).
   */
  progress: LeaseStore;
  /** The opened Gmail message (Gmail add-on only); absent where no adapter is wired (the card then offers no message actions). */
  gmail?: GmailPort;
  drive: DrivePort;
  docs: DocsPort;
  /** The yearly archive spreadsheets of Audit and Notifications (the rotation job writes them; exports and doctor read them). */
  archives?: ArchiveShelf;
  log: LogPort;
  meter: Meter;
  /**
   * Asks for a read-model rebuild soon (Apps Script: a flag the standing heal trigger picks up, never a new trigger;
   * locally: right after the reply).
   */
  scheduleRebuild?: () => void;
  /** Waits (Apps Script: Utilities.sleep; locally and in tests: moves the clock). Lets the Chat outbox keep 1 write/s/space. */
  sleep?: (ms: number) => void;
}
