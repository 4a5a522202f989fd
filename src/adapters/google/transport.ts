// The one synchronous HTTP seam under every Google REST adapter (Sheets, the OAuth token, Chat, Docs, Drive): UrlFetchApp on
// Apps Script (src/gas/http.ts), a synckit worker on Node (src/adapters/node), twins in memory. Auth is a layer above it:
// the Sheets adapter sets the service account's bearer itself (with one fresh token after a 401), the other APIs go
// through `withBearer`, which asks for the token of the scope each request names.
import type { ReadRound } from '../../store/ports';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * One HTTP request. A string body is sent as it is (set its Content-Type in headers); HttpBytes as their bytes; any
 * other body as JSON with `Content-Type: application/json`.
 */
export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** The OAuth scope the call needs: for the auth layer (withBearer) and the twins that check it; never sent. */
  scope?: string;
  /** Bytes, not text (Drive media): the answer's body comes back as base64 (HttpBytes). */
  bytesAnswer?: boolean;
}

/** A body of bytes (a file's content), carried as base64: sent as the bytes with this Content-Type. */
export interface HttpBytes { base64: string; contentType: string }

export function isBytes(body: unknown): body is HttpBytes {
  return typeof body === 'object' && body !== null && typeof (body as HttpBytes).base64 === 'string' && typeof (body as HttpBytes).contentType === 'string';
}

/** The answer: body parsed as JSON when it is JSON (decodeBody), else the text. Header names in lower case. */
export interface HttpResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Synchronous on purpose: Apps Script is synchronous, so the whole request path is. */
export interface HttpTransport {
  request(req: HttpRequest): HttpResponse;
  /**
   * Several requests sent together, in parallel, in one round trip; the answers in the order asked (Apps Script:
   * UrlFetchApp.fetchAll). An error status is an answer as in `request`; a failure to send may throw for the whole round.
   * Absent: the caller sends them one after another.
   */
  requestAll?(reqs: HttpRequest[]): HttpResponse[];
}

/**
 * The transport's requestAll as the store's ReadRound (ShardedWorkbook reads the records and person shards in one round
 * trip); undefined when it has none, and then the spreadsheets are read one after another.
 */
export function readRound(transport: HttpTransport): ReadRound | undefined {
  if (!transport.requestAll) return undefined;
  return (reqs) => transport.requestAll!(reqs as HttpRequest[]);
}

/** Gives a bearer token (the service account's), fetching it when needed. */
export interface AccessTokenProvider {
  token(): string;
  /** Forget the current token (the API answered 401). */
  invalidate?(): void;
}

/** Each request with `Authorization: Bearer <the token for its scope>` (Chat, Docs, Drive as the service account). */
export function withBearer(transport: HttpTransport, token: (scope: string | undefined) => string): HttpTransport {
  const authed = (req: HttpRequest): HttpRequest => ({ ...req, headers: { ...(req.headers ?? {}), Authorization: `Bearer ${token(req.scope)}` } });
  return {
    request: (req) => transport.request(authed(req)),
    ...(transport.requestAll ? { requestAll: (reqs: HttpRequest[]) => transport.requestAll!(reqs.map(authed)) } : {}),
  };
}

/**
 * A response body as Google's APIs send it: JSON when the Content-Type says so ("application/json; charset=UTF-8"), text
 * otherwise (an HTML error page from a front end, a CSV export). Without a Content-Type, JSON if it parses. Empty: undefined.
 */
export function decodeBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined;
  if (contentType !== undefined && contentType !== '' && !/json/i.test(contentType)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Google's error in an answer: the APIs' `{ error: { code, message, status } }` (AIP-193), or OAuth's
 * `{ error: "invalid_grant", error_description }`; a text body as it is (first 300 characters).
 */
export function googleError(body: unknown): { status?: string; message: string } {
  if (isObject(body)) {
    const e = body.error;
    if (isObject(e)) return { status: typeof e.status === 'string' ? e.status : undefined, message: String(e.message ?? '') };
    if (typeof e === 'string') {
      return { status: e, message: typeof body.error_description === 'string' ? body.error_description : e };
    }
  }
  return { message: typeof body === 'string' ? body.slice(0, 300) : '' };
}

/** The answer's body on 2xx; otherwise an error naming the call, the HTTP status and Google's message. */
export function okBody<T>(res: HttpResponse, what: string): T {
  if (res.status >= 200 && res.status < 300) return res.body as T;
  throw new Error(`${what} failed: HTTP ${res.status} ${googleError(res.body).message}`);
}
