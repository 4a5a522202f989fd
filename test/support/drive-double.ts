// In-process Drive API v3 double, served by the Sheets double's worker (files, folders, permissions, about, multipart
// upload; spreadsheets it creates are real books of the Sheets double), plus a test-side client for its control routes.
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError, type Book } from './sheets-double-model';
import {
  featureBatchUpdate, featureGet, resetSheetFeatures, wantsFeatureBatch, wantsFeatureFields,
} from '../cli/support/sheets-features-double';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface DrivePermission {
  id: string; type: 'user' | 'group' | 'domain' | 'anyone'; role: string;
  emailAddress?: string; domain?: string; allowFileDiscovery?: boolean;
}
export interface DriveFile {
  id: string; name: string; mimeType: string; parents: string[]; trashed: boolean;
  permissions: DrivePermission[]; content?: string; contentType?: string; createdTime: string;
  /** Private to the app that set them (Drive v3 `appProperties`). */
  appProperties?: Record<string, string>;
}
export interface DriveLogEntry { method: string; path: string; status: number }

export const FOLDER = 'application/vnd.google-apps.folder';
export const SPREADSHEET = 'application/vnd.google-apps.spreadsheet';
const ROOT = 'my-drive-root';

const files = new Map<string, DriveFile>();
const log: DriveLogEntry[] = [];
let user = 'admin@kommune.example';
let serial = 0;

function reset(): void {
  files.clear();
  log.length = 0;
  user = 'admin@kommune.example';
  resetSheetFeatures();
}

export interface ExtraContext { books: Map<string, Book>; tokens: Set<string>; denied: Set<string> }
export interface ExtraAnswer { status: number; body: object; headers?: Record<string, string> }

const err = (code: number, message: string) => new ApiError(code, message);

function newId(prefix: string): string {
  return `${prefix}${(++serial).toString(36).padStart(6, '0')}${Math.random().toString(36).slice(2, 8)}`;
}

function parseJson(text: string): Obj {
  if (text === '') return {};
  try {
    const v = JSON.parse(text) as unknown;
    if (isObj(v)) return v;
  } catch { /* answered below */ }
  throw err(400, 'Invalid JSON payload received.');
}

/** multipart/related (metadata JSON, then the media), as googleapis sends it for uploadType=multipart. */
function parseMultipart(body: string, contentType: string): { meta: Obj; media: string; mediaType: string } {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
  if (!boundary) throw err(400, 'Multipart upload without a boundary');
  const parts = body.split(`--${boundary}`).slice(1).filter((p) => !p.startsWith('--'));
  const parsed = parts.map((p) => {
    const at = p.indexOf('\r\n\r\n');
    const head = p.slice(0, at);
    return { type: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? '', text: p.slice(at + 4).replace(/\r\n$/, '') };
  });
  if (parsed.length !== 2) throw err(400, 'Multipart upload needs exactly a metadata part and a media part');
  return { meta: parseJson(parsed[0]!.text), media: parsed[1]!.text, mediaType: parsed[1]!.type };
}

function ancestors(f: DriveFile): DriveFile[] {
  const out: DriveFile[] = [];
  const seen = new Set<string>();
  const walk = (ids: string[]) => {
    for (const id of ids) {
      const p = files.get(id);
      if (!p || seen.has(id)) continue;
      seen.add(id);
      out.push(p);
      walk(p.parents);
    }
  };
  walk(f.parents);
  return out;
}

function principal(p: DrivePermission): string {
  return `${p.type}:${p.emailAddress ?? p.domain ?? ''}`;
}

/** Own permissions and those inherited from the folders above (Drive lists both for a file in a shared folder). */
function effectivePermissions(f: DriveFile): DrivePermission[] {
  const out = new Map<string, DrivePermission>();
  for (const p of f.permissions) out.set(principal(p), p);
  for (const a of ancestors(f)) for (const p of a.permissions) if (!out.has(principal(p)) && p.role !== 'owner') out.set(principal(p), p);
  return [...out.values()];
}

function fileOut(f: DriveFile): Obj {
  return {
    kind: 'drive#file', id: f.id, name: f.name, mimeType: f.mimeType, parents: f.parents, trashed: f.trashed,
    createdTime: f.createdTime, owners: [{ emailAddress: f.permissions.find((p) => p.role === 'owner')?.emailAddress }],
    webViewLink: `https://drive.example/${f.id}`, ...(f.appProperties ? { appProperties: { ...f.appProperties } } : {}),
  };
}

/**
 * Custom file properties (developers.google.com/drive/api/guides/properties, "Custom file properties limits"): at most
 * 30 private properties per app on a file, and at most 124 bytes for a property's key and value together in UTF-8. A
 * property set to null is removed ("Delete custom file properties": set it to null in files.update).
 */
export const APP_PROPERTIES_MAX = 30;
export const PROPERTY_BYTES_MAX = 124;

function withAppProperties(current: Record<string, string> | undefined, patch: unknown): Record<string, string> | undefined {
  if (patch === undefined) return current;
  if (!isObj(patch)) throw err(400, 'Invalid value for appProperties: expected an object.');
  const out: Record<string, string> = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) { delete out[k]; continue; }
    if (typeof v !== 'string') throw err(400, `Invalid value for appProperties.${k}: expected a string.`);
    if (Buffer.byteLength(k + v, 'utf8') > PROPERTY_BYTES_MAX) throw err(400, `The property ${k} is larger than ${PROPERTY_BYTES_MAX} bytes (key and value).`);
    out[k] = v;
  }
  if (Object.keys(out).length > APP_PROPERTIES_MAX) throw err(400, `A file may have at most ${APP_PROPERTIES_MAX} private properties per app.`);
  return Object.keys(out).length ? out : undefined;
}

function createFile(ctx: ExtraContext, meta: Obj, media?: { text: string; type: string }): DriveFile {
  const name = typeof meta.name === 'string' ? meta.name : 'Untitled';
  const mimeType = typeof meta.mimeType === 'string' ? meta.mimeType : media?.type ?? 'application/octet-stream';
  const parents = Array.isArray(meta.parents) ? meta.parents.map(String).map((p) => (p === 'root' ? ROOT : p)) : [ROOT];
  for (const p of parents) {
    const parent = files.get(p);
    if (p !== ROOT && (!parent || parent.mimeType !== FOLDER)) throw err(404, `File not found: ${p}.`);
  }
  const f: DriveFile = {
    id: newId(mimeType === FOLDER ? 'fld' : 'fil'), name, mimeType, parents, trashed: false,
    permissions: [{ id: newId('perm'), type: 'user', role: 'owner', emailAddress: user }],
    content: media?.text, contentType: media?.type, createdTime: new Date().toISOString(),
  };
  const props = withAppProperties(undefined, meta.appProperties);
  if (props) f.appProperties = props;
  files.set(f.id, f);
  if (mimeType === SPREADSHEET) {
    ctx.books.set(f.id, { sheets: [{ sheetId: 0, title: 'Sheet1', rowCount: 1000, columnCount: 26, cells: [] }] });
  }
  return f;
}

/**
 * The subset of the Drive query language Kompetent uses (developers.google.com/drive/api/guides/search-files): clauses
 * joined by `and`; `appProperties has { key='k' and value='v' }` (search-files#custom: "files with a custom file
 * property"), `createdTime < 'RFC 3339'` (times in UTC), name, parents, mimeType, trashed.
 */
function matches(f: DriveFile, q: string): boolean {
  const lit = (s: string) => s.replace(/^'|'$/g, '').replace(/\\'/g, "'").replace(/\\\\/g, '\\');
  const STR = "'(?:[^'\\\\]|\\\\.)*'";
  const props: [string, string][] = [];
  const rest = q.replace(new RegExp(`appProperties\\s+has\\s+\\{\\s*key\\s*=\\s*(${STR})\\s+and\\s+value\\s*=\\s*(${STR})\\s*\\}`, 'g'), (_m, k: string, v: string) => {
    props.push([lit(k), lit(v)]);
    return `__prop${props.length - 1}`;
  });
  const clauses = rest.split(/\s+and\s+/i).map((c) => c.trim()).filter(Boolean);
  return clauses.every((c) => {
    const prop = /^__prop(\d+)$/.exec(c);
    if (prop) { const [k, v] = props[Number(prop[1])]!; return f.appProperties?.[k] === v; }
    const time = /^createdTime\s*(<=|>=|<|>|=)\s*('(?:[^'\\]|\\.)*')$/.exec(c);
    if (time) {
      const at = Date.parse(lit(time[2]!));
      if (!Number.isFinite(at)) throw err(400, `Invalid Value: ${c}`);
      const mine = Date.parse(f.createdTime);
      return { '<': mine < at, '<=': mine <= at, '>': mine > at, '>=': mine >= at, '=': mine === at }[time[1] as '<'];
    }
    let m = /^name\s*=\s*('(?:[^'\\]|\\.)*')$/.exec(c);
    if (m) return f.name === lit(m[1]!);
    m = /^('(?:[^'\\]|\\.)*')\s+in\s+parents$/.exec(c);
    if (m) return f.parents.includes(lit(m[1]!) === 'root' ? ROOT : lit(m[1]!));
    m = /^mimeType\s*(!?=)\s*('(?:[^'\\]|\\.)*')$/.exec(c);
    if (m) return (f.mimeType === lit(m[2]!)) === (m[1] === '=');
    m = /^trashed\s*=\s*(true|false)$/.exec(c);
    if (m) return f.trashed === (m[1] === 'true');
    throw err(400, `Invalid Value: unsupported query clause ${c}`);
  });
}

function fileOr404(id: string): DriveFile {
  if (id === 'root' || id === ROOT) {
    return { id: ROOT, name: 'My Drive', mimeType: FOLDER, parents: [], trashed: false, createdTime: '2020-01-01T00:00:00Z',
      permissions: [{ id: 'perm-root', type: 'user', role: 'owner', emailAddress: user }] };
  }
  const f = files.get(id);
  if (!f) throw err(404, `File not found: ${id}.`);
  return f;
}

function driveRoute(method: string, path: string, url: URL, body: string, headers: IncomingHttpHeaders, ctx: ExtraContext): ExtraAnswer {
  const auth = /^Bearer (.+)$/.exec(String(headers.authorization ?? ''));
  if (!auth || !ctx.tokens.has(auth[1]!)) throw err(401, 'Request had invalid authentication credentials.');
  const contentType = String(headers['content-type'] ?? '');
  if (path === '/upload/drive/v3/files' && method === 'POST') {
    if (url.searchParams.get('uploadType') !== 'multipart') throw err(400, 'The double supports uploadType=multipart only');
    const { meta, media, mediaType } = parseMultipart(body, contentType);
    return { status: 200, body: fileOut(createFile(ctx, meta, { text: media, type: mediaType })) };
  }
  // files.update with uploadType=media: the file's content only (developers.google.com/drive/api/guides/manage-uploads#simple).
  const upload = /^\/upload\/drive\/v3\/files\/([^/]+)$/.exec(path);
  if (upload && method === 'PATCH') {
    if (url.searchParams.get('uploadType') !== 'media') throw err(400, 'The double supports uploadType=media for an update');
    const f = fileOr404(decodeURIComponent(upload[1]!));
    f.content = body;
    f.contentType = contentType;
    return { status: 200, body: fileOut(f) };
  }
  if (path === '/drive/v3/about' && method === 'GET') {
    return { status: 200, body: { kind: 'drive#about', user: { emailAddress: user, displayName: user.split('@')[0] },
      storageQuota: { limit: '16106127360', usage: '1048576', usageInDrive: '1048576' } } };
  }
  if (path === '/drive/v3/files' && method === 'GET') {
    const q = url.searchParams.get('q') ?? '';
    const list = [...files.values()].filter((f) => (q ? matches(f, q) : !f.trashed)).map(fileOut);
    return { status: 200, body: { kind: 'drive#fileList', files: list } };
  }
  if (path === '/drive/v3/files' && method === 'POST') return { status: 200, body: fileOut(createFile(ctx, parseJson(body))) };
  let m = /^\/drive\/v3\/files\/([^/]+)$/.exec(path);
  if (m) {
    const f = fileOr404(decodeURIComponent(m[1]!));
    if (method === 'GET') return { status: 200, body: fileOut(f) };
    if (method === 'PATCH') {
      const patch = parseJson(body);
      const props = withAppProperties(f.appProperties, patch.appProperties);
      if (typeof patch.name === 'string') f.name = patch.name;
      if (typeof patch.trashed === 'boolean') f.trashed = patch.trashed;
      if (props) f.appProperties = props;
      else delete f.appProperties;
      return { status: 200, body: fileOut(f) };
    }
    if (method === 'DELETE') { files.delete(f.id); ctx.books.delete(f.id); return { status: 204, body: {} }; }
  }
  // files.copy: the request body is the copy's metadata (name, parents, appProperties), the content the source's.
  m = /^\/drive\/v3\/files\/([^/]+)\/copy$/.exec(path);
  if (m && method === 'POST') {
    const src = fileOr404(decodeURIComponent(m[1]!));
    const meta = parseJson(body);
    const copy = createFile(ctx, { mimeType: src.mimeType, name: `Copy of ${src.name}`, parents: src.parents, ...meta }, { text: src.content ?? '', type: src.contentType ?? src.mimeType });
    return { status: 200, body: fileOut(copy) };
  }
  m = /^\/drive\/v3\/files\/([^/]+)\/permissions(?:\/([^/]+))?$/.exec(path);
  if (m) {
    const f = fileOr404(decodeURIComponent(m[1]!));
    if (!m[2] && method === 'GET') return { status: 200, body: { kind: 'drive#permissionList', permissions: effectivePermissions(f) } };
    if (!m[2] && method === 'POST') {
      const p = parseJson(body);
      const type = String(p.type ?? '');
      if (!['user', 'group', 'domain', 'anyone'].includes(type)) throw err(400, 'Invalid permission type.');
      if ((type === 'user' || type === 'group') && typeof p.emailAddress !== 'string') throw err(400, 'The permission emailAddress field is required.');
      const perm: DrivePermission = { id: newId('perm'), type: type as DrivePermission['type'], role: String(p.role ?? 'reader'),
        ...(typeof p.emailAddress === 'string' ? { emailAddress: p.emailAddress.toLowerCase() } : {}),
        ...(typeof p.domain === 'string' ? { domain: p.domain } : {}) };
      const same = f.permissions.find((x) => principal(x) === principal(perm));
      if (same) { same.role = perm.role; return { status: 200, body: same }; }
      f.permissions.push(perm);
      return { status: 200, body: perm };
    }
    if (m[2] && method === 'DELETE') {
      const at = f.permissions.findIndex((p) => p.id === decodeURIComponent(m![2]!));
      if (at < 0) throw err(404, `Permission not found: ${m[2]}.`);
      f.permissions.splice(at, 1);
      return { status: 204, body: {} };
    }
  }
  throw err(404, `Not found: ${method} ${path}`);
}

/** Control routes for tests (no auth): `/__drive/<op>` with a JSON body. */
function control(op: string, args: Obj): unknown {
  switch (op) {
    case 'reset': reset(); return {};
    case 'user': user = String(args.email); return {};
    case 'files': return [...files.values()].map((f) => ({ ...f, effective: effectivePermissions(f) }));
    case 'log': return [...log];
    case 'share': {
      const f = fileOr404(String(args.fileId));
      const p = args.permission as Omit<DrivePermission, 'id'>;
      const perm = { id: newId('perm'), ...p };
      f.permissions.push(perm);
      return perm;
    }
    default: throw err(404, `Unknown control ${op}`);
  }
}

/**
 * The worker's hook: answers Drive routes, the control routes, and Sheets requests that use features the Sheets model
 * leaves out; undefined lets the Sheets double answer as before.
 */
export async function extraRoute(method: string, url: URL, body: string, headers: IncomingHttpHeaders, ctx: ExtraContext): Promise<ExtraAnswer | undefined> {
  const path = url.pathname;
  const ctl = /^\/__drive\/(\w+)$/.exec(path);
  if (ctl) return { status: 200, body: { result: control(ctl[1]!, parseJson(body)) } };
  if (path.startsWith('/drive/') || path.startsWith('/upload/drive/')) {
    const entry: DriveLogEntry = { method, path, status: 0 };
    log.push(entry);
    try {
      const res = driveRoute(method, path, url, body, headers, ctx);
      entry.status = res.status;
      return res;
    } catch (e) {
      entry.status = e instanceof ApiError ? e.code : 500;
      throw e;
    }
  }
  const sheet = /^\/v4\/spreadsheets\/([^/:]+)(:batchUpdate)?$/.exec(path);
  if (!sheet) return undefined;
  const fields = url.searchParams.get('fields') ?? undefined;
  const isGet = method === 'GET' && !sheet[2] && wantsFeatureFields(fields);
  let json: Obj | undefined;
  if (method === 'POST' && sheet[2]) {
    try { json = JSON.parse(body) as Obj; } catch { return undefined; }
    if (!wantsFeatureBatch(json)) return undefined;
  } else if (!isGet) return undefined;
  const id = decodeURIComponent(sheet[1]!);
  const auth = /^Bearer (.+)$/.exec(String(headers.authorization ?? ''));
  if (!auth || !ctx.tokens.has(auth[1]!)) throw err(401, 'Request had invalid authentication credentials.');
  if (ctx.denied.has(id)) throw err(403, 'The caller does not have permission');
  const book = ctx.books.get(id);
  if (!book) throw err(404, 'Requested entity was not found.');
  if (isGet) return { status: 200, body: featureGet(id, book, url.searchParams.getAll('ranges'), fields!) as object };
  return { status: 200, body: featureBatchUpdate(id, book, json!) };
}

/**
 * The same Drive routes answered in-process and synchronously, as UrlFetchApp answers the Apps Script adapters
 * (test/gas/apps-script-fakes.ts): an API error becomes its HTTP status and Google's error body.
 */
export function driveAnswer(method: string, url: URL, body: string, headers: IncomingHttpHeaders, ctx: ExtraContext): ExtraAnswer {
  const entry: DriveLogEntry = { method, path: url.pathname, status: 0 };
  log.push(entry);
  try {
    const res = driveRoute(method, url.pathname, url, body, headers, ctx);
    entry.status = res.status;
    return res;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    entry.status = e.code;
    return { status: e.code, body: e.body() as object };
  }
}

/** In-process tests: start from an empty Drive, and look at its files. */
export function resetDriveDouble(): void { reset(); }
export function driveDoubleFiles(): DriveFile[] { return [...files.values()]; }

/** Test side: the Drive double's state and switches, over its control routes. */
export class DriveDoubleClient {
  constructor(private readonly root: string) {}

  private async call<T>(op: string, args: object = {}): Promise<T> {
    const res = await fetch(`${this.root}/__drive/${op}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args) });
    const json = (await res.json()) as { result?: T; error?: { message: string } };
    if (!res.ok) throw new Error(json.error?.message ?? `HTTP ${res.status}`);
    return json.result as T;
  }

  reset(): Promise<void> { return this.call('reset'); }
  /** Who the credentials belong to (the owner of files they create; `about.user`). */
  setUser(email: string): Promise<void> { return this.call('user', { email }); }
  files(): Promise<(DriveFile & { effective: DrivePermission[] })[]> { return this.call('files'); }
  log(): Promise<DriveLogEntry[]> { return this.call('log'); }
  /** A permission added behind Kompetent's back (e.g. "anyone with the link"). */
  share(fileId: string, permission: Omit<DrivePermission, 'id'>): Promise<DrivePermission> { return this.call('share', { fileId, permission }); }
}
