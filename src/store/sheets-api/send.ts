// One metered HTTP call with bounded retries (429, 5xx, network errors) and Google's errors made readable.
import type { Meter } from '../ports';
import { googleError } from './requests';
import type { HttpRequest, HttpResponse, SheetsTransport } from './transport';

export interface SendOptions {
  transport: SheetsTransport;
  meter: Meter;
  /** Meter kind: every attempt counts as one call. */
  kind: string;
  /** Synchronous sleep (Apps Script: Utilities.sleep). */
  sleep: (ms: number) => void;
  /** Retries after the first attempt (default 3). */
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/** An API answer that is an error, with Google's own status and message. */
export class SheetsApiError extends Error {
  constructor(
    readonly status: number,
    readonly googleStatus: string | undefined,
    readonly googleMessage: string,
    what: string,
  ) {
    super(`${what} failed: HTTP ${status}${googleStatus ? ` ${googleStatus}` : ''}: ${googleMessage || '(no message)'}${hint(status)}`);
    this.name = 'SheetsApiError';
  }
}

function hint(status: number): string {
  if (status === 401) return ' (the access token was refused)';
  if (status === 403) return ' (is the spreadsheet shared with the service account, and the Sheets API enabled?)';
  if (status === 404) return ' (check the spreadsheet id)';
  if (status === 429) return ' (quota exceeded; retried with backoff)';
  return '';
}

export function apiError(res: HttpResponse, what: string): SheetsApiError {
  const e = googleError(res.body);
  return new SheetsApiError(res.status, e.status, e.message, what);
}

function retryable(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Retry-After in seconds (the HTTP-date form is not used by Google APIs). */
function retryAfterMs(res: HttpResponse): number | undefined {
  const v = res.headers?.['retry-after'];
  if (v === undefined) return undefined;
  const s = Number(v);
  return Number.isFinite(s) && s >= 0 ? s * 1000 : undefined;
}

function transportFailure(req: HttpRequest, cause: unknown): Error {
  const err = new Error(`${req.method} ${req.url.split('?')[0]} failed: ${(cause as Error)?.message ?? String(cause)}`);
  Object.defineProperty(err, 'cause', { value: cause });
  return err;
}

/**
 * Sends with truncated exponential backoff, as Google advises for 429 and 5xx. Returns the last answer (which
 * may be an error for the caller to turn into one); throws only when the transport itself keeps failing.
 */
export function send(req: HttpRequest, o: SendOptions): HttpResponse {
  const max = o.maxRetries ?? 3;
  const base = o.baseDelayMs ?? 1000;
  // Capped so three retries stay well inside a card's 30 s.
  const cap = o.maxDelayMs ?? 8000;
  for (let attempt = 0; ; attempt++) {
    let res: HttpResponse;
    try {
      res = o.transport.request(req);
    } catch (e) {
      o.meter.call(o.kind);
      if (attempt >= max) throw transportFailure(req, e);
      o.sleep(Math.min(cap, base * 2 ** attempt));
      continue;
    }
    o.meter.call(o.kind);
    if (!retryable(res.status) || attempt >= max) return res;
    o.sleep(Math.min(cap, retryAfterMs(res) ?? base * 2 ** attempt));
  }
}
