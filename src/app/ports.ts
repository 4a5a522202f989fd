// Outward ports of the app (Chat API, mail, calendar, Drive, Docs, logging); Apps Script adapters in src/gas, local ones in src/local.
import type { ChatMessage } from '../ui/card-types';
import type { CachePort, Clock, IdSource, LockPort, Meter, WorkbookPort } from '../store/ports';

/** Posts as the app through the Chat API (service account, scope chat.bot). */
export interface ChatPort {
  /**
   * spaces.messages.create. `threadKey` with REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD keeps one thread per question;
   * `requestId` makes a retry return the same message instead of posting twice.
   */
  createMessage(space: string, message: ChatMessage, opts?: { threadKey?: string; requestId?: string }): { name: string; threadName?: string };
  /** spaces.messages.patch (updateMask text,cardsV2) of a message the app posted. */
  updateMessage(messageName: string, message: ChatMessage): void;
  /** The DM space between the app and a user (spaces.findDirectMessage), if the app is installed for them. */
  findDirectMessage(userEmail: string): string | undefined;
}

/** A mail attachment: text (an iCal invitation) or base64 bytes (a PDF). */
export interface MailAttachment { fileName: string; mimeType: string; content: string; encoding?: 'text' | 'base64' }
export interface MailPort {
  send(mail: { to: string; subject: string; text: string; html?: string; attachments?: MailAttachment[] }): void;
  /** Recipients the script may still mail today (MailApp.getRemainingDailyQuota). */
  remainingQuota(): number;
}

export interface CalendarPort {
  /** Creates or updates the event of a session; returns its id. Updates are sent without inviting anyone again. */
  upsertEvent(event: { id?: string; title: string; startsAt: string; endsAt: string; location?: string; description?: string; guests: string[] }): string;
  removeEvent(id: string): void;
}

export interface DrivePort {
  ensureFolder(path: string[]): string;
  createFile(folderId: string, name: string, mimeType: string, base64: string): string;
  /** Shares with exactly these people (no domain or link sharing). */
  share(fileId: string, readers: string[], writers: string[], commenters?: string[]): void;
  copy(fileId: string, folderId: string, name: string): string;
  exportPdf(fileId: string, folderId: string, name: string): string;
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
  lock: LockPort;
  clock: Clock;
  ids: IdSource;
  chat: ChatPort;
  mail: MailPort;
  calendar: CalendarPort;
  drive: DrivePort;
  docs: DocsPort;
  log: LogPort;
  meter: Meter;
  /** Asks for a read-model rebuild soon (Apps Script: a one-off time trigger; locally: right after the reply). */
  scheduleRebuild?: () => void;
}
