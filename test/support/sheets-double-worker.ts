// Worker thread of the Sheets double: an HTTP server on 127.0.0.1 with the Sheets endpoints and the OAuth token endpoint.
import { createPublicKey, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort } from 'node:worker_threads';
import { ApiError, applyHandEdit, batchUpdate, getSpreadsheet, type Book, type HandEdit, type Sheet, type Value } from './sheets-double-model';
import { extraRoute } from './drive-double';
import {
  SHEETS_READS_PER_MINUTE_PER_PROJECT, SHEETS_READS_PER_MINUTE_PER_USER, SHEETS_WRITES_PER_MINUTE_PER_PROJECT, SHEETS_WRITES_PER_MINUTE_PER_USER,
} from '../../src/core/google-limits';

export type Route = 'get' | 'batchUpdate' | 'getByDataFilter' | 'token' | 'unknown';
/**
 * An injected failure. `after`: the request is applied first and then answered with `status` (a lost answer: Google did the
 * work, the caller sees a 5xx). `hangup`: applied, then the connection is dropped with no answer (a timeout).
 * `refuse`: the connection is dropped before anything is read or applied (as a refused connection).
 */
export interface Fault {
  route: Route | 'any'; status: number; times: number; retryAfter?: number; message?: string;
  after?: boolean; hangup?: boolean; refuse?: boolean;
  /** Only requests to this spreadsheet (the records, not a person shard); default any. */
  spreadsheetId?: string;
}
export interface LogEntry {
  method: string; route: Route; spreadsheetId?: string; ranges?: string[]; status: number;
  /** The request was applied and then the connection dropped with no answer (an injected `hangup`). */
  hungUp?: boolean;
}
export type SeedCell = string | number | boolean | null | { formula: string };
export interface SeedOptions { sheetId?: number; rowCount?: number; columnCount?: number }

const AUD = 'https://oauth2.googleapis.com/token';
const books = new Map<string, Book>();
const denied = new Set<string>();
const tokens = new Set<string>();
const faults: Fault[] = [];
const log: LogEntry[] = [];
/** Hand edits made just before the next batchUpdate that writes to their tab (a person, between the app's read and write). */
const handEdits: { spreadsheetId: string; title: string; edit: HandEdit }[] = [];
let assertionKey: { publicKeyPem: string; iss?: string } | undefined;
let issued = 0;
/** Who each access token belongs to (the assertion's issuer; a token allowed by hand is its own user). */
const owners = new Map<string, string>();
/**
 * The double's clock for quota minutes: modelled, moved on only by tests (`advanceClock`, `reset`). Real time made the
 * quota tests flaky: under load 61 requests could straddle a minute boundary and all be allowed.
 */
let clockOffsetMs = 0;
const nowMs = () => clockOffsetMs;

/**
 * Sheets API usage limits (https://developers.google.com/workspace/sheets/api/limits, see src/core/google-limits.ts):
 * read requests (spreadsheets.get, getByDataFilter) and write requests (batchUpdate) are counted per minute, per user
 * and per project; past 60 a minute for a user or 300 for the project the API answers 429 RESOURCE_EXHAUSTED, and
 * the quota refills the next minute. A refused request is not counted.
 */
const quota = { minute: -1, reads: new Map<string, number>(), writes: new Map<string, number>(), projectReads: 0, projectWrites: 0 };
function overQuota(route: Route, user: string): string | undefined {
  const kind = route === 'batchUpdate' ? 'write' : route === 'get' || route === 'getByDataFilter' ? 'read' : undefined;
  if (!kind) return undefined;
  const minute = Math.floor(nowMs() / 60_000);
  if (minute !== quota.minute) Object.assign(quota, { minute, reads: new Map(), writes: new Map(), projectReads: 0, projectWrites: 0 });
  const perUser = kind === 'read' ? quota.reads : quota.writes;
  const used = perUser.get(user) ?? 0;
  const Metric = kind === 'read' ? 'Read' : 'Write';
  if (used >= (kind === 'read' ? SHEETS_READS_PER_MINUTE_PER_USER : SHEETS_WRITES_PER_MINUTE_PER_USER)) {
    return `Quota exceeded for quota metric '${Metric} requests' and limit '${Metric} requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:000000000000'.`;
  }
  const project = kind === 'read' ? quota.projectReads : quota.projectWrites;
  if (project >= (kind === 'read' ? SHEETS_READS_PER_MINUTE_PER_PROJECT : SHEETS_WRITES_PER_MINUTE_PER_PROJECT)) {
    return `Quota exceeded for quota metric '${Metric} requests' and limit '${Metric} requests per minute' of service 'sheets.googleapis.com' for consumer 'project_number:000000000000'.`;
  }
  perUser.set(user, used + 1);
  if (kind === 'read') quota.projectReads++;
  else quota.projectWrites++;
  return undefined;
}

const DEFAULT_FAULT_MESSAGE: Record<number, string> = {
  429: "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com'.",
  500: 'Internal error encountered.',
  503: 'The service is currently unavailable.',
  403: 'The caller does not have permission',
};

function toValue(c: SeedCell): Value | undefined {
  if (c === null || c === '') return undefined;
  if (typeof c === 'string') return { stringValue: c };
  if (typeof c === 'number') return { numberValue: c };
  if (typeof c === 'boolean') return { boolValue: c };
  return { formulaValue: c.formula };
}

function seed(id: string, title: string, header: string[], rows: SeedCell[][], o: SeedOptions = {}): void {
  const book = books.get(id) ?? { sheets: [] };
  books.set(id, book);
  const cells = [header, ...rows].map((r) => r.map(toValue));
  const width = Math.max(1, ...cells.map((r) => r.length));
  const used = new Set(book.sheets.filter((s) => s.title !== title).map((s) => s.sheetId));
  let sheetId = o.sheetId ?? 0;
  while (o.sheetId === undefined && used.has(sheetId)) sheetId++;
  const sheet: Sheet = { sheetId, title, rowCount: o.rowCount ?? cells.length, columnCount: o.columnCount ?? Math.max(26, width), cells };
  const at = book.sheets.findIndex((s) => s.title === title);
  if (at >= 0) book.sheets[at] = sheet;
  else book.sheets.push(sheet);
}

function dump(id: string, title: string): Sheet | undefined {
  const s = books.get(id)?.sheets.find((x) => x.title === title);
  return s && structuredClone(s);
}

function b64json(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The jwt-bearer grant: checks the assertion's header and claims (and its RS256 signature when a key is set). */
function token(body: string, contentType: string): { status: number; body: object } {
  const oauthError = (error: string, description: string) => ({ status: 400, body: { error, error_description: description } });
  if (!contentType.startsWith('application/x-www-form-urlencoded')) return oauthError('invalid_request', 'Expected a form body');
  const form = new URLSearchParams(body);
  if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
    return oauthError('unsupported_grant_type', `Invalid grant_type: ${form.get('grant_type') ?? ''}`);
  }
  const parts = (form.get('assertion') ?? '').split('.');
  if (parts.length !== 3) return oauthError('invalid_grant', 'Invalid JWT: not three segments');
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = b64json(parts[0]!);
    claims = b64json(parts[1]!);
  } catch {
    return oauthError('invalid_grant', 'Invalid JWT: segments are not base64url JSON');
  }
  if (header.alg !== 'RS256' || header.typ !== 'JWT') return oauthError('invalid_grant', 'Invalid JWT header');
  const { iss, scope, aud, iat, exp } = claims;
  if (typeof iss !== 'string' || typeof scope !== 'string' || scope === '' || aud !== AUD) {
    return oauthError('invalid_grant', 'Invalid JWT: iss, scope and aud are required');
  }
  if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= iat || exp - iat > 3600) {
    return oauthError('invalid_grant', 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.');
  }
  if (assertionKey) {
    if (assertionKey.iss && assertionKey.iss !== iss) return oauthError('invalid_grant', 'Invalid JWT: unknown issuer');
    const ok = verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), createPublicKey(assertionKey.publicKeyPem), Buffer.from(parts[2]!, 'base64url'));
    if (!ok) return oauthError('invalid_grant', 'Invalid JWT Signature.');
  }
  const accessToken = `ya29.double-${++issued}`;
  tokens.add(accessToken);
  owners.set(accessToken, iss);
  return { status: 200, body: { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' } };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function routeOf(method: string, path: string): { route: Route; id?: string } {
  if (method === 'POST' && path === '/token') return { route: 'token' };
  const m = /^\/v4\/spreadsheets\/([^/:]+)(?::(batchUpdate|getByDataFilter))?$/.exec(path);
  if (!m) return { route: 'unknown' };
  const id = decodeURIComponent(m[1]!);
  if (!m[2]) return method === 'GET' ? { route: 'get', id } : { route: 'unknown' };
  return method === 'POST' ? { route: m[2] as Route, id } : { route: 'unknown' };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ApiError(400, `Invalid JSON payload received. ${(e as Error).message}`);
  }
}

type Answer = { status: number; body: object; headers?: Record<string, string>; entry: LogEntry; hangup?: boolean; refuse?: boolean };

async function handle(req: IncomingMessage): Promise<Answer> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = req.method ?? 'GET';
  const { route, id } = routeOf(method, url.pathname);
  const entry: LogEntry = { method, route, spreadsheetId: id, status: 0 };
  const body = await readBody(req);
  const fault = faults.find((f) => f.times > 0 && (f.route === 'any' || f.route === route) && (f.spreadsheetId === undefined || f.spreadsheetId === id));
  if (fault && (fault.after || fault.hangup)) {
    fault.times--;
    const done = await handleClean(req, url, method, route, id, entry, body);
    if (fault.hangup) return { ...done, hangup: true };
    const e = new ApiError(fault.status, fault.message ?? DEFAULT_FAULT_MESSAGE[fault.status] ?? 'Injected fault');
    return { status: fault.status, body: e.body(), entry };
  }
  if (fault) {
    fault.times--;
    if (fault.refuse) return { status: 0, body: {}, entry, refuse: true };
    const e = new ApiError(fault.status, fault.message ?? DEFAULT_FAULT_MESSAGE[fault.status] ?? 'Injected fault');
    const headers = fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : undefined;
    return { status: fault.status, body: e.body(), headers, entry };
  }
  return handleClean(req, url, method, route, id, entry, body);
}

async function handleClean(
  req: IncomingMessage, url: URL, method: string, route: Route, id: string | undefined, entry: LogEntry, body: string,
): Promise<Answer> {
  if (route === 'token') return { ...token(body, String(req.headers['content-type'] ?? '')), entry };
  const extra = await extraRoute(method, url, body, req.headers, { books, tokens, denied }); // Drive + Sheets features (drive-double.ts)
  if (extra) return { ...extra, entry };
  if (route === 'unknown' || id === undefined) return { status: 404, body: new ApiError(404, `Not found: ${method} ${url.pathname}`).body(), entry };
  const auth = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''));
  if (!auth || !tokens.has(auth[1]!)) {
    return {
      status: 401,
      body: new ApiError(401, 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.').body(),
      entry,
    };
  }
  if (denied.has(id)) return { status: 403, body: new ApiError(403, DEFAULT_FAULT_MESSAGE[403]!).body(), entry };
  const exhausted = overQuota(route, owners.get(auth[1]!) ?? auth[1]!);
  if (exhausted) return { status: 429, body: new ApiError(429, exhausted).body(), entry };
  const book = books.get(id);
  if (!book) return { status: 404, body: new ApiError(404, 'Requested entity was not found.').body(), entry };
  const fields = url.searchParams.get('fields') ?? undefined;
  if (route === 'get') {
    const ranges = url.searchParams.getAll('ranges');
    entry.ranges = ranges;
    return { status: 200, body: getSpreadsheet(id, book, ranges, url.searchParams.get('includeGridData') === 'true', fields) as object, entry };
  }
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) throw new ApiError(400, 'Expected a JSON body');
  const json = parseJson(body) as Record<string, unknown>;
  if (route === 'getByDataFilter') {
    const filters = Array.isArray(json?.dataFilters) ? json.dataFilters : undefined;
    if (!filters || filters.some((f) => typeof (f as Record<string, unknown>)?.a1Range !== 'string')) {
      throw new ApiError(400, 'Invalid dataFilters (the double supports a1Range filters only)');
    }
    const ranges = filters.map((f) => (f as { a1Range: string }).a1Range);
    entry.ranges = ranges;
    return { status: 200, body: getSpreadsheet(id, book, ranges, json.includeGridData === true, fields) as object, entry };
  }
  const sheetIds = new Set<number>();
  for (const r of Array.isArray(json.requests) ? json.requests : []) {
    const uc = (r as { updateCells?: { start?: { sheetId?: number }; range?: { sheetId?: number } } }).updateCells;
    if (uc) sheetIds.add(uc.start?.sheetId ?? uc.range?.sheetId ?? 0);
    // A write that only appends to the tab is a write to it too (the edit lands between the read and the append).
    const ac = (r as { appendCells?: { sheetId?: number } }).appendCells;
    if (ac) sheetIds.add(ac.sheetId ?? 0);
    // A person's edit lands just before a deletion of that tab's rows too (the rotation's witnessed delete).
    const dd = (r as { deleteDimension?: { range?: { sheetId?: number } } }).deleteDimension;
    if (dd) sheetIds.add(dd.range?.sheetId ?? 0);
  }
  for (let i = 0; i < handEdits.length; i++) {
    const h = handEdits[i];
    const sheet = h!.spreadsheetId === id ? book.sheets.find((s) => s.title === h!.title) : undefined;
    if (!sheet || !sheetIds.has(sheet.sheetId)) continue;
    applyHandEdit(sheet, h!.edit);
    handEdits.splice(i--, 1);
  }
  return { status: 200, body: batchUpdate(id, book, json, fields), entry };
}

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  void handle(req)
    .catch((e: unknown) => {
      const err = e instanceof ApiError ? e : new ApiError(500, `Double failed: ${(e as Error).message}`);
      const { route, id } = routeOf(req.method ?? 'GET', new URL(req.url ?? '/', 'http://x').pathname);
      const failed: Answer = { status: err.code, body: err.body(), entry: { method: req.method ?? '', route, spreadsheetId: id, status: 0 } };
      return failed;
    })
    .then(({ status, body, headers, entry, hangup, refuse }) => {
      entry.status = status;
      if (hangup) entry.hungUp = true;
      log.push(entry);
      if (hangup || refuse) { res.socket?.destroy(); return; }
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...(headers ?? {}) });
      res.end(JSON.stringify(body));
    });
});

type Op =
  | { op: 'create'; args: [string] }
  | { op: 'seed'; args: [string, string, string[], SeedCell[][], SeedOptions?] }
  | { op: 'dump'; args: [string, string] }
  | { op: 'fail'; args: [Fault] }
  | { op: 'log' | 'clearLog' | 'reset'; args: [] }
  | { op: 'allowToken'; args: [string] }
  | { op: 'requireAssertion'; args: [{ publicKeyPem: string; iss?: string }] }
  | { op: 'deny'; args: [string, boolean] }
  | { op: 'handEdit'; args: [string, string, HandEdit] }
  | { op: 'advanceClock'; args: [number] };

function run(m: Op): unknown {
  switch (m.op) {
    case 'create': if (!books.has(m.args[0])) books.set(m.args[0], { sheets: [] }); return undefined;
    case 'seed': return seed(...m.args);
    case 'dump': return dump(...m.args);
    case 'fail': faults.push({ ...m.args[0] }); return undefined;
    case 'handEdit': handEdits.push({ spreadsheetId: m.args[0], title: m.args[1], edit: m.args[2] }); return undefined;
    case 'log': return [...log];
    case 'clearLog': log.length = 0; return undefined;
    case 'allowToken': tokens.add(m.args[0]); return undefined;
    case 'requireAssertion': assertionKey = m.args[0]; return undefined;
    case 'deny': if (m.args[1]) denied.add(m.args[0]); else denied.delete(m.args[0]); return undefined;
    case 'advanceClock': clockOffsetMs += m.args[0]; return undefined;
    case 'reset':
      books.clear(); denied.clear(); faults.length = 0; log.length = 0; handEdits.length = 0; assertionKey = undefined;
      // A new minute: the quotas start afresh.
      clockOffsetMs += 60_000;
      return undefined;
  }
}

parentPort!.on('message', (m: Op & { id: number }) => {
  try {
    parentPort!.postMessage({ id: m.id, result: run(m) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: (e as Error).message });
  }
});

server.listen(0, '127.0.0.1', () => {
  parentPort!.postMessage({ ready: true, port: (server.address() as AddressInfo).port });
});
