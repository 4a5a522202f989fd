// Fakes of the Apps Script services the bundle touches, for running build/Code.js in a Node vm context.
import { randomUUID } from 'node:crypto';
import { URLFETCH_MAX_RESPONSE_BYTES } from '../../src/core/google-limits';
import { headerOf, TABLE_NAMES, type Row, type TableName } from '../../src/core/records/tables';
import { encodeRow } from '../../src/store/table-parse';
import { ApiError, batchUpdate, getSpreadsheet, type Book } from '../support/sheets-double-model';
import { createFakeCardService } from '../support/fake-card-service';
import { fixtureData } from '../support/fixture';
import { MemoryCache } from '../../src/store/strict-cache';

export const SPREADSHEET_ID = 'records-123';

/** A spreadsheet in Google's shape, seeded with the fixture records. */
export function fixtureBook(): Book {
  const data = fixtureData() as Record<string, Row<TableName>[] | undefined>;
  return {
    sheets: TABLE_NAMES.map((t, i) => {
      const header = headerOf(t);
      const rows = (data[t] ?? []).map((r) => {
        const enc = encodeRow(t, r);
        return header.map((h) => (enc[h] === '' ? undefined : { stringValue: enc[h] }));
      });
      const cells = [header.map((h) => ({ stringValue: h })), ...rows];
      return { sheetId: 100 + i, title: t, rowCount: Math.max(1000, cells.length + 10), columnCount: 26, cells };
    }),
  };
}

class FakeResponse {
  constructor(private readonly status: number, private readonly body: unknown) {}
  getResponseCode() { return this.status; }
  getContentText() { return this.body === undefined ? '' : JSON.stringify(this.body); }
  getAllHeaders() { return { 'Content-Type': 'application/json' }; }
  getContent() { return [1, 2, 3]; }
}

export interface FakeWorld {
  context: Record<string, unknown>;
  book: Book;
  fetches: { method: string; url: string; body?: unknown }[];
  chatPosts: { url: string; body: unknown }[];
  logs: string[];
  user: { email: string };
  triggers: { fn: string; afterMs: number }[];
  /** Access tokens the add-on handed to GmailApp.setCurrentMessageAccessToken. */
  gmailTokens: string[];
  /** Every remote call in order (UrlFetch by URL, CacheService, PropertiesService, LockService) and whether the script lock was held. */
  calls: { what: string; lockHeld: boolean }[];
  /** The project's one script lock (LockService.getScriptLock: "prevents any user from concurrently running a section of code"). */
  lock: { held: boolean };
  /** The script cache behind CacheService.getScriptCache() (strict: Google's limits; tests may evict from it). */
  cache: MemoryCache;
}

/** Every global the bundle may use on Apps Script, and nothing Node has that Apps Script lacks (no fetch, URL, timers…). */
export function appsScriptWorld(userEmail: string): FakeWorld {
  const book = fixtureBook();
  const fetches: FakeWorld['fetches'] = [];
  const chatPosts: FakeWorld['chatPosts'] = [];
  const logs: string[] = [];
  const triggers: FakeWorld['triggers'] = [];
  const gmailTokens: string[] = [];
  const user = { email: userEmail };
  const cache = new MemoryCache();
  const calls: FakeWorld['calls'] = [];
  const lock = { held: false };
  const record = (what: string) => calls.push({ what, lockHeld: lock.held });
  const props: Record<string, string> = {
    RECORDS_SPREADSHEET_ID: SPREADSHEET_ID,
    SERVICE_ACCOUNT_KEY: JSON.stringify({ client_email: 'kompetent@project.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----\nfake\n-----END PRIVATE KEY-----\n' }),
  };

  const UrlFetchApp = {
    fetch(url: string, params: { method?: string; payload?: unknown } = {}) {
      const method = (params.method ?? 'get').toLowerCase();
      const body = typeof params.payload === 'string' && params.payload.startsWith('{') ? JSON.parse(params.payload) : params.payload;
      fetches.push({ method, url, body });
      record(`fetch ${method} ${url.split('?')[0]}`);
      const res = route(url, body);
      // Apps Script quotas: "URL Fetch response size 50 MB / call" — past it fetch throws instead of answering.
      if (Buffer.byteLength(res.getContentText(), 'utf8') > URLFETCH_MAX_RESPONSE_BYTES) {
        throw new Error(`Exception: Response from ${url.split('?')[0]} exceeds the UrlFetchApp limit of 50 MB`);
      }
      return res;
    },
  };
  function route(url: string, body: unknown): FakeResponse {
    if (url.startsWith('https://oauth2.googleapis.com/token')) return new FakeResponse(200, { access_token: 'ya29.fake', expires_in: 3600, token_type: 'Bearer' });
    const sheets = /^https:\/\/sheets\.googleapis\.com\/v4\/spreadsheets\/([^/?:]+)(:\w+)?/.exec(url);
    if (sheets) {
      try {
        const u = new URL(url);
        if (sheets[2] === ':batchUpdate') return new FakeResponse(200, batchUpdate(sheets[1], book, body));
        if (sheets[2] === ':getByDataFilter') {
          const ranges = ((body as { dataFilters?: { a1Range: string }[] }).dataFilters ?? []).map((f) => f.a1Range);
          return new FakeResponse(200, getSpreadsheet(sheets[1], book, ranges, true, u.searchParams.get('fields') ?? undefined));
        }
        return new FakeResponse(200, getSpreadsheet(sheets[1], book, u.searchParams.getAll('ranges'), u.searchParams.get('includeGridData') === 'true', u.searchParams.get('fields') ?? undefined));
      } catch (e) {
        if (e instanceof ApiError) return new FakeResponse(e.code, e.body());
        throw e;
      }
    }
    if (url.startsWith('https://chat.googleapis.com/')) {
      chatPosts.push({ url, body });
      return new FakeResponse(200, { name: 'spaces/GUIDES/messages/m1', thread: { name: 'spaces/GUIDES/threads/t1' } });
    }
    return new FakeResponse(404, { error: { code: 404, message: `fake: no route for ${url}` } });
  }

  const context: Record<string, unknown> = {
    console: { log: (...a: unknown[]) => logs.push(a.map(String).join(' ')), error: (...a: unknown[]) => logs.push(`ERROR ${a.map(String).join(' ')}`), warn: () => {}, info: () => {} },
    CardService: createFakeCardService(),
    UrlFetchApp,
    CacheService: {
      // The same strict fake as everywhere (src/store/strict-cache.ts: Google's documented limits), in CacheService's shape.
      getScriptCache: () => ({
        getAll: (keys: string[]) => { record('cache.getAll'); return cache.getAll(keys); },
        get: (key: string) => { record('cache.get'); return cache.getAll([key])[key] ?? null; },
        putAll: (values: Record<string, string>, ttl?: number) => { record('cache.putAll'); cache.putAll(values, ttl); },
        put: (key: string, value: string, ttl?: number) => { record('cache.put'); cache.putAll({ [key]: value }, ttl); },
        removeAll: (keys: string[]) => { record('cache.removeAll'); cache.removeAll(keys); },
        remove: (key: string) => { record('cache.remove'); cache.removeAll([key]); },
      }),
    },
    // One script lock per project, shared by every execution (a lock held by another execution is not granted).
    LockService: {
      getScriptLock: () => ({
        tryLock: () => { record('lock.tryLock'); if (lock.held) return false; lock.held = true; return true; },
        releaseLock: () => { lock.held = false; },
      }),
    },
    PropertiesService: {
      getScriptProperties: () => ({
        getProperty: (k: string) => { record('properties.get'); return props[k] ?? null; },
        getProperties: () => { record('properties.getAll'); return { ...props }; },
      }),
    },
    Session: { getActiveUser: () => ({ getEmail: () => user.email }), getScriptTimeZone: () => 'Europe/Oslo' },
    Utilities: {
      formatDate: (d: Date, tz: string) => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d),
      getUuid: () => randomUUID(),
      computeRsaSha256Signature: () => [1, 2, 3, 4],
      base64EncodeWebSafe: (b: number[] | string) => Buffer.from(b as never).toString('base64url'),
      base64Encode: (b: number[] | string) => Buffer.from(b as never).toString('base64'),
      base64Decode: (s: string) => [...Buffer.from(s, 'base64')],
      newBlob: (data: unknown, mimeType: string, name: string) => ({ data, mimeType, name, getBytes: () => data }),
      sleep: () => {},
    },
    MailApp: { sendEmail: () => {}, getRemainingDailyQuota: () => 1500 },
    GmailApp: {
      // The opened message: an app mail about session S1, with a certificate attached.
      setCurrentMessageAccessToken: (token: string) => { gmailTokens.push(token); },
      getMessageById: (id: string) => (id === 'msg-f:1234567' ? {
        getSubject: () => 'Påmeldt: D-HLR oppfriskning [kompetent:session=S1]', getFrom: () => 'Kompetent <kompetent@kommune.example>',
        getPlainBody: () => 'Hei!\n\n[kompetent:session=S1]',
        getAttachments: () => [{ getName: () => 'kursbevis.pdf', getContentType: () => 'application/pdf', getSize: () => 12, getBytes: () => [37, 80, 68, 70] }],
      } : null),
    },
    CalendarApp: {},
    DocumentApp: {},
    SpreadsheetApp: {},
    HtmlService: {},
    ScriptApp: {
      newTrigger: (fn: string) => {
        const b = { timeBased: () => b, after: (ms: number) => { triggers.push({ fn, afterMs: ms }); return b; }, create: () => ({}) };
        return b;
      },
    },
  };
  return { context, book, fetches, chatPosts, logs, user, triggers, gmailTokens, cache, calls, lock };
}
