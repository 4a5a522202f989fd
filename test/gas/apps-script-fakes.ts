// Fakes of the Apps Script services the bundle touches, for running build/Code.js in a Node vm context.
import { randomUUID } from 'node:crypto';
import { URLFETCH_MAX_RESPONSE_BYTES } from '../../src/core/google-limits';
import { gunzipSync, gzipSync } from 'node:zlib';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JOBS } from '../../src/app/pipeline/entry-points';
import { headerOf, TABLE_NAMES, type Row, type TableName } from '../../src/core/records/tables';
import { encodeRow } from '../../src/store/table-parse';
import { ApiError, batchUpdate, getSpreadsheet, type Book } from '../support/sheets-double-model';
import { driveAnswer } from '../support/drive-double';
import { createFakeCardService } from '../support/fake-card-service';
import { fixtureData } from '../support/fixture';
import { MemoryCache } from '../../src/store/strict-cache';

export const SPREADSHEET_ID = 'records-123';
/** The dedicated account that owns Kompetent's triggers (README: deploy). */
export const KOMPETENT_ACCOUNT = 'kompetent@kommune.example';
/** Names a job's trigger is installed under (every job setupTriggers installs), for the time-driven event a trigger run receives. */
export const JOB_FUNCTIONS = Object.keys(JOBS);

/** An installable trigger as Apps Script keeps it: per project *and user* (ScriptApp.getProjectTriggers). */
export interface FakeTrigger { uid: string; fn: string; eventType: 'CLOCK' | 'ON_EDIT'; owner: string; afterMs?: number; /** forSpreadsheet(id) */ source?: string }

/** A spreadsheet in Google's shape, seeded with the fixture records. */
export function fixtureBook(): Book {
  const data = fixtureData() as Record<string, Row<TableName>[] | undefined>;
  return {
    sheets: TABLE_NAMES.map((t, i) => {
      const header = headerOf(t);
      const rows = (data[t] ?? []).map((r) => {
        const enc = encodeRow(t, r);
        return header.map((h) => (enc[h] === '' || enc[h] === undefined ? undefined : { stringValue: enc[h] }));
      });
      const cells = [header.map((h) => ({ stringValue: h })), ...rows];
      return { sheetId: 100 + i, title: t, rowCount: Math.max(1000, cells.length + 10), columnCount: 26, cells };
    })!,
  };
}

const signed = (buf: Buffer) => [...buf].map((b) => (b > 127 ? b - 256 : b));
const bytesOf = (bytes: number[]) => Buffer.from(bytes.map((b) => b & 255));

/** Blob as Apps Script has it: getBytes() gives signed bytes, getDataAsString() decodes UTF-8. */
class FakeBlob {
  constructor(readonly raw: Buffer, readonly mimeType?: string, readonly name?: string) {}
  getBytes() { return signed(this.raw); }
  getDataAsString() { return this.raw.toString('utf8'); }
  getContentType() { return this.mimeType ?? null; }
  getName() { return this.name ?? null; }
  get data() { return signed(this.raw); }
}

/** Drive API v3 (files, uploads): the Drive double answers. */
const DRIVE_URL = /^https:\/\/www\.googleapis\.com\/(upload\/)?drive\/v3\//;

class FakeResponse {
  constructor(private readonly status: number, private readonly body: unknown) {}
  getResponseCode() { return this.status; }
  getContentText() { return this.body === undefined ? '' : JSON.stringify(this.body); }
  getAllHeaders() { return { 'Content-Type': 'application/json' }; }
  getContent() { return [1, 2, 3]; }
}

/** A mail as MailApp sent it: `from` is the effective user, whatever the caller asked for. */
export interface FakeMail { from: string; to: string; subject: string; body: string; name?: string; attachments: { name: string; mimeType: string; data: unknown }[] }
export interface FakeCalendarEvent { id: string; summary?: string; start?: { dateTime?: string }; end?: { dateTime?: string }; status: string; attendees: { email: string }[]; writes: number }
/** A calendar: its owner, and whether this script made it (the scope calendar.app.created reaches only those). */
export interface FakeCalendar { id: string; owner: string; madeByApp: boolean; events: Map<string, FakeCalendarEvent> }

export interface FakeWorld {
  context: Record<string, unknown>;
  /**
   * Who the script runs as: in a request a person started, that person (Session.getEffectiveUser = getActiveUser); in a
   * time-driven trigger, the trigger's owner (developers.google.com/apps-script/guides/triggers/installable: "installable
   * triggers always run under the account of the person who created them").
   */
  effective: { email: string };
  mails: FakeMail[];
  mailQuota: { left: number };
  calendars: Map<string, FakeCalendar>;
  props: Record<string, string>;
  book: Book;
  fetches: { method: string; url: string; body?: unknown }[];
  chatPosts: { url: string; body: unknown }[];
  /**
   * People with no DM with the app: spaces.findDirectMessage answers them "404 NOT_FOUND" ("If no direct message space is
   * found, returns a 404 NOT_FOUND error": chat-v1-discovery.json, spaces.findDirectMessage).
   */
  noDm: Set<string>;
  logs: string[];
  /** Who is running: Session.getActiveUser(). Installable triggers are the effective user's (a trigger's owner when it fires). */
  user: { email: string };
  /** One-off rebuild triggers created through ScriptApp.newTrigger(...).timeBased().after(ms). */
  triggers: { fn: string; afterMs: number }[];
  /** Every installable trigger of the project, whoever owns it. */
  installed: FakeTrigger[];
  /** The time-driven event object a trigger run receives (guides/triggers/events#time-driven-events). */
  clockEvent(fn: string, owner?: string): Record<string, unknown>;
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
  const noDm = new Set<string>();
  const logs: string[] = [];
  const triggers: FakeWorld['triggers'] = [];
  const gmailTokens: string[] = [];
  const mails: FakeMail[] = [];
  const mailQuota = { left: 100 };
  const calendars = new Map<string, FakeCalendar>();
  const user = { email: userEmail };
  const effective = { email: userEmail };
  let nextUid = 4034124084959907503n;
  const installed: FakeTrigger[] = [
    ...JOB_FUNCTIONS.map((fn) => ({ uid: String(nextUid++), fn, eventType: 'CLOCK' as const, owner: KOMPETENT_ACCOUNT })),
    { uid: String(nextUid++), fn: 'onEditRecords', eventType: 'ON_EDIT' as const, owner: KOMPETENT_ACCOUNT },
  ];
  const triggerObject = (t: FakeTrigger) => ({
    getUniqueId: () => t.uid, getHandlerFunction: () => t.fn, getEventType: () => t.eventType,
    getTriggerSource: () => (t.eventType === 'CLOCK' ? 'CLOCK' : 'SPREADSHEETS'), getTriggerSourceId: () => (t.eventType === 'CLOCK' ? null : t.source ?? SPREADSHEET_ID),
  });
  const cache = new MemoryCache();
  const calls: FakeWorld['calls'] = [];
  const lock = { held: false };
  const userLocks = new Set<string>();
  const record = (what: string) => calls.push({ what, lockHeld: lock.held });
  const props: Record<string, string> = {
    RECORDS_SPREADSHEET_ID: SPREADSHEET_ID,
    KOMPETENT_TRIGGER_OWNER: KOMPETENT_ACCOUNT,
    SERVICE_ACCOUNT_KEY: JSON.stringify({ client_email: 'kompetent@project.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----\nfake\n-----END PRIVATE KEY-----\n' }),
  };

  type FetchParams = { method?: string; payload?: unknown; headers?: Record<string, string>; contentType?: string };
  const UrlFetchApp = {
    fetch(url: string, params: FetchParams = {}) {
      record(`fetch ${(params.method ?? 'get').toLowerCase()} ${url.split('?')[0]}`);
      return fetchOne(url, params);
    },
    /**
     * fetchAll(requests): each request a URL or an object with `url` and fetch's params; the HTTPResponses in the order
     * asked, all in one service call (developers.google.com/apps-script/reference/url-fetch/url-fetch-app#fetchAll(Object)).
     */
    fetchAll(requests: (string | (FetchParams & { url: string }))[]) {
      const list = requests.map((r) => (typeof r === 'string' ? { url: r } : r));
      record(`fetchAll ${list.map((r) => `${(r.method ?? 'get').toLowerCase()} ${r.url.split('?')[0]}`).join(' | ')}`);
      return list.map(({ url, ...params }) => fetchOne(url, params));
    },
  };
  function fetchOne(url: string, params: FetchParams) {
    const method = (params.method ?? 'get').toLowerCase();
    const body = typeof params.payload === 'string' && params.payload.startsWith('{') ? JSON.parse(params.payload) : params.payload;
    fetches.push({ method, url, body });
    const res = DRIVE_URL.test(url) ? drive(url, method, params) : route(url, body);
    // Apps Script quotas: "URL Fetch response size 50 MB / call" — past it fetch throws instead of answering.
    if (Buffer.byteLength(res.getContentText(), 'utf8') > URLFETCH_MAX_RESPONSE_BYTES) {
      throw new Error(`Exception: Response from ${url.split('?')[0]} exceeds the UrlFetchApp limit of 50 MB`);
    }
    return res;
  }
  // Drive API v3 answered by the Drive double (test/support/drive-double.ts), in-process and synchronously as UrlFetchApp is.
  const driveCtx = { books: new Map(), tokens: new Set(['ya29.fake']), denied: new Set<string>() };
  function drive(url: string, method: string, params: { payload?: unknown; headers?: Record<string, string>; contentType?: string }): FakeResponse {
    const p = params.payload;
    const text = p === undefined ? '' : typeof p === 'string' ? p : Buffer.from((p as number[]).map((b) => b & 0xff)).toString('utf8');
    const headers = { authorization: params.headers?.Authorization ?? '', 'content-type': params.contentType ?? '' };
    const res = driveAnswer(method.toUpperCase(), new URL(url), text, headers, driveCtx);
    return new FakeResponse(res.status, res.body);
  }
  function route(url: string, body: unknown): FakeResponse {
    if (url.startsWith('https://oauth2.googleapis.com/token')) return new FakeResponse(200, { access_token: 'ya29.fake', expires_in: 3600, token_type: 'Bearer' });
    const sheets = /^https:\/\/sheets\.googleapis\.com\/v4\/spreadsheets\/([^/?:]+)(:\w+)?/.exec(url);
    if (sheets) {
      try {
        const u = new URL(url);
        // The field mask applies to the batchUpdate response as to any other (system parameter `fields`,
        // https://cloud.google.com/apis/docs/system-parameters): a witnessed write asks for the copies' grid data by it.
        if (sheets[2] === ':batchUpdate') return new FakeResponse(200, batchUpdate(sheets[1]!, book, body, u.searchParams.get('fields') ?? undefined));
        if (sheets[2] === ':getByDataFilter') {
          const ranges = ((body as { dataFilters?: { a1Range: string }[] }).dataFilters ?? []).map((f) => f.a1Range);
          return new FakeResponse(200, getSpreadsheet(sheets[1]!, book, ranges, true, u.searchParams.get('fields') ?? undefined));
        }
        return new FakeResponse(200, getSpreadsheet(sheets[1]!, book, u.searchParams.getAll('ranges'), u.searchParams.get('includeGridData') === 'true', u.searchParams.get('fields') ?? undefined));
      } catch (e) {
        if (e instanceof ApiError) return new FakeResponse(e.code, e.body());
        throw e;
      }
    }
    if (url.startsWith('https://chat.googleapis.com/')) {
      const dm = /spaces:findDirectMessage\?name=users%2F([^&]+)/.exec(url) ?? /spaces:findDirectMessage\?name=users\/([^&]+)/.exec(url);
      if (dm && noDm.has(decodeURIComponent(dm[1]!).toLowerCase())) {
        return new FakeResponse(404, { error: { code: 404, message: 'Direct message space not found.', status: 'NOT_FOUND' } });
      }
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
        hasLock: () => lock.held,
      }),
      // A user lock: "prevents concurrent access to a section of code by the current user" (one per user and project).
      getUserLock: () => {
        const key = effective.email;
        return {
          tryLock: () => { record('lock.user.tryLock'); if (userLocks.has(key)) return false; userLocks.add(key); return true; },
          releaseLock: () => { userLocks.delete(key); },
          hasLock: () => userLocks.has(key),
        };
      },
    },
    PropertiesService: {
      getScriptProperties: () => ({
        getProperty: (k: string) => { record('properties.get'); return props[k] ?? null; },
        getProperties: () => { record('properties.getAll'); return { ...props }; },
        setProperty: (k: string, v: string) => { record('properties.set'); props[k] = String(v); },
        deleteProperty: (k: string) => { record('properties.delete'); delete props[k]; },
      }),
    },
    Session: {
      getActiveUser: () => ({ getEmail: () => user.email }),
      getEffectiveUser: () => ({ getEmail: () => effective.email }),
      getScriptTimeZone: () => 'Europe/Oslo',
    },
    Utilities: {
      formatDate: (d: Date, tz: string) => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d),
      getUuid: () => randomUUID(),
      computeRsaSha256Signature: () => [1, 2, 3, 4],
      base64EncodeWebSafe: (b: number[] | string) => Buffer.from(b as never).toString('base64url'),
      base64Encode: (b: number[] | string) => (typeof b === 'string' ? Buffer.from(b, 'utf8') : bytesOf(b)).toString('base64'),
      // Apps Script bytes are Java bytes: signed, -128..127.
      base64Decode: (s: string) => signed(Buffer.from(s, 'base64')),
      newBlob: (data: string | number[], mimeType?: string, name?: string) => new FakeBlob(typeof data === 'string' ? Buffer.from(data, 'utf8') : bytesOf(data), mimeType, name),
      // Utilities.gzip(blob) / ungzip(blob): "gzip-compresses the provided Blob data and returns it in a new Blob object".
      gzip: (blob: FakeBlob) => new FakeBlob(gzipSync(blob.raw), 'application/x-gzip'),
      ungzip: (blob: FakeBlob) => new FakeBlob(gunzipSync(blob.raw)),
      sleep: () => {},
    },
    MailApp: fakeMailApp(effective, mails, mailQuota),
    Calendar: fakeCalendarApi(effective, calendars, manifestScopes()),
    GmailApp: {
      // The opened message: an app mail about session S1, with a certificate attached.
      setCurrentMessageAccessToken: (token: string) => { gmailTokens.push(token); },
      getMessageById: (id: string) => (id === 'msg-f:1234567' ? {
        getSubject: () => 'Påmeldt: D-HLR oppfriskning 10. desember 2026', getFrom: () => 'Kompetent <kompetent@kommune.example>',
        getPlainBody: () => 'Hei!\n\nDu er påmeldt D-HLR oppfriskning.\n\nKurs-ID: S1',
        getAttachments: () => [{ getName: () => 'kursbevis.pdf', getContentType: () => 'application/pdf', getSize: () => 12, getBytes: () => [37, 80, 68, 70] }],
      } : null),
    },
    // The built-in service writes the running user's own calendar ("getDefaultCalendar: Gets the user's default
    // calendar"); Kompetent must never use it. Any call is recorded as a write to that person's calendar.
    CalendarApp: { getDefaultCalendar: () => { const c = ownCalendar(effective.email, calendars); return { createEvent: (title: string) => { c.events.set(`own${c.events.size}`, { id: `own${c.events.size}`, summary: title, status: 'confirmed', attendees: [], writes: 1 }); return { getId: () => 'own' }; }, getEventById: () => null }; } },
    DocumentApp: {},
    SpreadsheetApp: {},
    // HtmlService as documented (developers.google.com/apps-script/reference/html): an HtmlOutput holds its content
    // and title; XFrameOptionsMode DEFAULT unless set to ALLOWALL; a file is looked up among the project's HTML files
    // (build/<name>.html here), and a missing one throws.
    HtmlService: {
      XFrameOptionsMode: { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' },
      createHtmlOutput: (html = '') => htmlOutput(String(html)),
      createHtmlOutputFromFile: (name: string) => {
        const file = join(__dirname, '..', '..', 'build', `${name}.html`);
        if (!existsSync(file)) throw new Error(`No HTML file named ${name} was found.`);
        return Object.assign(htmlOutput(readFileSync(file, 'utf8')), { file: name });
      },
    },
    ScriptApp: {
      EventType: { CLOCK: 'CLOCK', ON_EDIT: 'ON_EDIT', ON_OPEN: 'ON_OPEN', ON_CHANGE: 'ON_CHANGE', ON_FORM_SUBMIT: 'ON_FORM_SUBMIT' },
      WeekDay: { MONDAY: 'MONDAY', TUESDAY: 'TUESDAY', WEDNESDAY: 'WEDNESDAY', THURSDAY: 'THURSDAY', FRIDAY: 'FRIDAY', SATURDAY: 'SATURDAY', SUNDAY: 'SUNDAY' },
      // "Gets all installable triggers associated with the current project and current user"
      // (developers.google.com/apps-script/reference/script/script-app#getprojecttriggers): never another user's.
      getProjectTriggers: () => installed.filter((t) => t.owner === effective.email).map(triggerObject),
      deleteTrigger: (trigger: { getUniqueId(): string }) => {
        const i = installed.findIndex((t) => t.uid === trigger.getUniqueId() && t.owner === effective.email);
        if (i < 0) throw new Error('fake ScriptApp: no such trigger of the current user');
        installed.splice(i, 1);
      },
      newTrigger: (fn: string) => {
        const spec: FakeTrigger = { uid: '', fn, eventType: 'CLOCK', owner: effective.email };
        const b = {
          timeBased: () => b, forSpreadsheet: (id: string) => { spec.source = id; return b; }, onEdit: () => { spec.eventType = 'ON_EDIT'; return b; },
          after: (ms: number) => { spec.afterMs = ms; triggers.push({ fn, afterMs: ms }); return b; },
          everyHours: () => b, everyDays: () => b, atHour: () => b, onWeekDay: () => b, everyMinutes: () => b, nearMinute: () => b,
          create: () => { const t = { ...spec, uid: String(nextUid++) }; installed.push(t); return triggerObject(t); },
        };
        return b;
      },
    },
  };
  const clockEvent = (fn: string, owner = KOMPETENT_ACCOUNT) => {
    const t = installed.find((x) => x.fn === fn && x.owner === owner && x.eventType === 'CLOCK');
    if (!t) throw new Error(`fake: no ${fn} trigger of ${owner}`);
    return { authMode: 'FULL', 'day-of-month': 3, 'day-of-week': 4, hour: 6, minute: 0, month: 12, second: 0, timezone: 'UTC', triggerUid: t.uid, 'week-of-year': 49, year: 2026 };
  };
  return { context, book, fetches, chatPosts, noDm, logs, user, triggers, installed, clockEvent, gmailTokens, cache, effective, mails, mailQuota, calendars, props, calls, lock };
}

/**
 * MailApp as documented (developers.google.com/apps-script/reference/mail/mail-app): the mail is sent "from" the account
 * the script runs as — the options `name` and `replyTo` change the display name and reply address, never the sender;
 * every recipient counts against the daily quota (getRemainingDailyQuota), and past it sendEmail throws
 * "Service invoked too many times for one day: email." (developers.google.com/apps-script/guides/services/quotas).
 */
function fakeMailApp(effective: { email: string }, mails: FakeMail[], quota: { left: number }) {
  return {
    sendEmail(message: { to?: string; subject?: string; body?: string; name?: string; attachments?: { name: string; mimeType: string; data: unknown }[] }) {
      if (typeof message !== 'object' || !message.to || message.subject === undefined) throw new Error('Invalid argument: message (to and subject are required)');
      const to = message.to.split(',').map((x) => x.trim()).filter(Boolean);
      if (!effective.email) throw new Error('Authorization is required to perform that action.');
      if (quota.left < to.length) throw new Error('Service invoked too many times for one day: email.');
      quota.left -= to.length;
      for (const t of to) mails.push({ from: effective.email, to: t, subject: message.subject, body: message.body ?? '', name: message.name, attachments: message.attachments ?? [] });
    },
    getRemainingDailyQuota: () => quota.left,
  };
}

/** The oauthScopes the manifest declares (what every user grants, and all the script may do). */
export function manifestScopes(): string[] {
  return (JSON.parse(readFileSync(join(__dirname, '..', '..', 'appsscript.json'), 'utf8')) as { oauthScopes: string[] }).oauthScopes;
}

/** The running user's own (primary) calendar, made on first use. */
function ownCalendar(email: string, calendars: Map<string, FakeCalendar>): FakeCalendar {
  let c = calendars.get(email);
  if (!c) calendars.set(email, c = { id: email, owner: email, madeByApp: false, events: new Map() });
  return c;
}

/**
 * The Calendar API advanced service (developers.google.com/apps-script/advanced/calendar; reference
 * developers.google.com/calendar/api/v3/reference/events): "primary" is the calendar of the account the script runs as;
 * any other calendar must be one that account can write (here: owns). With only calendar.app.created in the manifest,
 * only calendars the script made (Calendars.insert) may be touched. Event ids are base32hex (a–v, 0–9), 5–1024 long;
 * inserting an existing id answers 409; `sendUpdates` is all | externalOnly | none; patch replaces arrays whole.
 * Errors are thrown as the advanced services throw them: "API call to calendar.events.<m> failed with error: <message>".
 */
function fakeCalendarApi(effective: { email: string }, calendars: Map<string, FakeCalendar>, scopes: string[]) {
  const fail = (m: string, message: string): never => { throw new Error(`API call to calendar.${m} failed with error: ${message}`); };
  const anyCalendar = scopes.some((x) => /\/auth\/calendar(\.events)?$/.test(x));
  const appCalendars = scopes.includes('https://www.googleapis.com/auth/calendar.app.created');
  const cal = (m: string, calendarId: string): FakeCalendar => {
    if (!effective.email) fail(m, 'Login Required');
    const c = calendarId === 'primary' ? ownCalendar(effective.email, calendars) : calendars.get(calendarId);
    if (!c || c.owner !== effective.email) return fail(m, 'Not Found');
    if (!anyCalendar && !(appCalendars && c.madeByApp)) fail(m, 'Request had insufficient authentication scopes.');
    return c;
  };
  const quiet = (m: string, opts: { sendUpdates?: string } | undefined) => {
    if (opts?.sendUpdates !== undefined && !['all', 'externalOnly', 'none'].includes(opts.sendUpdates)) fail(m, `Invalid value for sendUpdates: ${opts.sendUpdates}`);
  };
  const attendees = (m: string, list: unknown): { email: string }[] => {
    if (list === undefined) return [];
    if (!Array.isArray(list) || list.some((a) => !a || typeof a.email !== 'string' || !a.email.includes('@'))) return fail(m, 'Invalid attendee email.');
    return list.map((a: { email: string }) => ({ email: a.email }));
  };
  return {
    Calendars: {
      insert(resource: { summary?: string }) {
        if (!anyCalendar && !appCalendars) fail('calendars.insert', 'Request had insufficient authentication scopes.');
        if (!resource?.summary) fail('calendars.insert', 'Missing summary.');
        const id = `app-${calendars.size}@group.calendar.google.com`;
        calendars.set(id, { id, owner: effective.email, madeByApp: true, events: new Map() });
        return { id, summary: resource.summary };
      },
    },
    Events: {
      insert(resource: FakeCalendarEvent & { attendees?: unknown }, calendarId: string, opts?: { sendUpdates?: string }) {
        const c = cal('events.insert', calendarId);
        quiet('events.insert', opts);
        const id = resource.id ?? `ev${c.events.size}`;
        if (!/^[a-v0-9]{5,1024}$/.test(id)) fail('events.insert', 'Invalid resource id value.');
        if (c.events.has(id)) fail('events.insert', 'The requested identifier already exists.');
        const e = { ...resource, id, status: resource.status ?? 'confirmed', attendees: attendees('events.insert', resource.attendees), writes: 1 };
        c.events.set(id, e);
        return { ...e };
      },
      get(calendarId: string, eventId: string) {
        const e = cal('events.get', calendarId).events.get(eventId);
        return e ? { ...e, attendees: e.attendees.map((a) => ({ ...a })) } : fail('events.get', 'Not Found');
      },
      patch(resource: Partial<FakeCalendarEvent> & { attendees?: unknown }, calendarId: string, eventId: string, opts?: { sendUpdates?: string }) {
        const c = cal('events.patch', calendarId);
        quiet('events.patch', opts);
        const e = c.events.get(eventId) ?? fail('events.patch', 'Not Found');
        const next = { ...e, ...resource, id: eventId, attendees: resource.attendees !== undefined ? attendees('events.patch', resource.attendees) : e.attendees, writes: e.writes + 1 };
        c.events.set(eventId, next);
        return { ...next };
      },
      remove(calendarId: string, eventId: string, opts?: { sendUpdates?: string }) {
        const c = cal('events.delete', calendarId);
        quiet('events.delete', opts);
        const e = c.events.get(eventId);
        if (!e) fail('events.delete', 'Not Found');
        if (e!.status === 'cancelled') fail('events.delete', 'Resource has been deleted');
        c.events.set(eventId, { ...e!, status: 'cancelled', writes: e!.writes + 1 });
      },
    },
  };
}

/** An HtmlOutput as plain data plus its documented setters (content, title, X-Frame-Options mode). */
function htmlOutput(content: string) {
  const out = {
    content, title: '', frame: 'DEFAULT',
    getContent: () => out.content,
    getTitle: () => out.title,
    setTitle(t: string) { out.title = t; return out; },
    setXFrameOptionsMode(m: string) { out.frame = m; return out; },
  };
  return out;
}
