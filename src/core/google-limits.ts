// Google's documented limits the app and its fakes lean on, each with its source; the fakes enforce them, the bench prints them.

/**
 * Sheets API v4 usage limits (https://developers.google.com/workspace/sheets/api/limits): per-minute quotas, refilled
 * every minute — read requests 300 per minute per project and 60 per minute per user per project; write requests the
 * same. Past them the API answers `429: Too many requests`. Every records call goes through the one service account,
 * so the per-user figures bound the whole municipality.
 */
export const SHEETS_READS_PER_MINUTE_PER_USER = 60;
export const SHEETS_WRITES_PER_MINUTE_PER_USER = 60;
export const SHEETS_READS_PER_MINUTE_PER_PROJECT = 300;
export const SHEETS_WRITES_PER_MINUTE_PER_PROJECT = 300;

/**
 * Apps Script quotas and limits (https://developers.google.com/apps-script/guides/services/quotas), Google Workspace
 * accounts: "Email recipients per day (for example, with MailApp)" 1,500 (2,000 within the domain; we plan with the
 * lower figure); quotas are per user and reset 24 hours after the first request. "Script runtime 6 min / execution".
 * "URL Fetch response size 50 MB / call"; "URL Fetch calls 100,000 / day"; "Triggers total runtime 6 hr / day".
 * Exceeding one throws an exception and the execution stops (e.g. "Service invoked too many times for one day: email.").
 */
export const MAIL_RECIPIENTS_PER_DAY = 1_500;
export const QUOTA_DAY_MS = 24 * 60 * 60 * 1000;
export const SCRIPT_RUNTIME_MS = 6 * 60 * 1000;
export const URLFETCH_MAX_RESPONSE_BYTES = 50 * 1024 * 1024;
export const URLFETCH_CALLS_PER_DAY = 100_000;
export const TRIGGER_RUNTIME_PER_DAY_MS = 6 * 60 * 60 * 1000;

/**
 * An interaction (a Workspace add-on card action, a Chat app event) must be answered within 30 seconds: Chat apps
 * "must respond within 30 seconds" to an interaction event (https://developers.google.com/workspace/chat/receive-respond-interactions),
 * and add-on callbacks share the limit (DESIGN.md: a card answers within 30 s in the worst case).
 */
export const INTERACTION_MS = 30 * 1000;

/**
 * Google Chat API usage limits (https://developers.google.com/workspace/chat/limits), per project per 60 seconds:
 * message writes (spaces.messages.create/patch/delete) 3,000; space reads (spaces.get, spaces.list,
 * spaces.findDirectMessage) 3,000. There is no daily cap on the API itself; a job's Chat calls are UrlFetch calls, which
 * count towards the Kompetent account's URLFETCH_CALLS_PER_DAY.
 */
export const CHAT_MESSAGE_WRITES_PER_MINUTE = 3_000;
export const CHAT_SPACE_READS_PER_MINUTE = 3_000;

/** Google Sheets holds at most 10 million cells per spreadsheet (Drive help: files you can store); DESIGN.md keeps to half. */
export const SPREADSHEET_CELL_BUDGET = 5_000_000;

/**
 * Planning costs of one remote call (DESIGN.md performance model, from published measurements): the first Sheets read
 * ~175 ms then ~27.5 ms per 1,000 cells; a write with its flush ~500 ms; CacheService getAll ~14 ms, put ~75 ms; a lock
 * ~20 ms. Other UrlFetch calls (Chat, Drive, token) and MailApp are planned at ~150 ms and ~250 ms.
 */
export function modeledCallMs(kind: string): number {
  if (kind === 'cache.getAll') return 14;
  if (kind === 'cache.putAll' || kind === 'cache.removeAll') return 75;
  if (kind === 'lock' || kind.startsWith('lock.')) return 20;
  if (kind === 'properties' || kind.startsWith('properties.')) return 30;
  if (kind === 'mail.send') return 250;
  if (kind.startsWith('workbook.') || kind.startsWith('archive.')) return /write|ensureTable|delete/.test(kind) ? 500 : 175;
  return 150;
}

/** Modeled milliseconds of a set of calls counted by kind, plus the cells read (bench and budget tests). */
export function modeledMs(byKind: Record<string, number>, cellsRead: number, cellsWritten = 0): number {
  let ms = 0;
  for (const [kind, n] of Object.entries(byKind)) ms += n * modeledCallMs(kind);
  return ms + (cellsRead / 1000) * 27.5 + (cellsWritten / 1000) * 10;
}

/**
 * Google stopped the execution ("Exceeded maximum execution time"): on Apps Script nothing in the script can catch it,
 * so the fakes throw this and the request guard never turns it into a polite reply — a test past a limit fails loudly.
 */
export class GoogleLimitExceeded extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoogleLimitExceeded';
  }
}
