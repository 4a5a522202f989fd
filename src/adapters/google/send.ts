// One metered HTTP call: reads retried on 429/5xx/network errors, writes only when they cannot have applied; never a wait under the lock.
import type { Meter } from '../../store/ports';
import { googleError, type HttpRequest, type HttpResponse, type HttpTransport } from './transport';
import { BackoffError, UncertainWriteError } from '../../store/write-errors';

export interface SendOptions {
  transport: HttpTransport;
  meter: Meter;
  /** Meter kind: every attempt counts as one call. */
  kind: string;
  /** Synchronous sleep (Apps Script: Utilities.sleep). */
  sleep: (ms: number) => void;
  /** Retries after the first attempt (default 3). */
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /**
   * The request changes the spreadsheet (batchUpdate). It is retried only when it cannot have applied: a 429 (the quota
   * refused it before any work) or a connection that was never made. A 5xx or a lost answer may come after the change
   * was applied (DESIGN.md Reliability), so it throws `UncertainWriteError` and the commit re-checks by its key.
   */
  write?: boolean;
  /** False while the script lock is held: a retry that must wait throws `BackoffError` instead of sleeping. */
  mayWait?: () => boolean;
  /**
   * The first attempt's answer, already had: the request went out in a round with others (transport.requestAll), which
   * the caller has metered. Only the retries, as usual, are sent (and counted) here.
   */
  answered?: HttpResponse;
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

function retryable(status: number, write: boolean): boolean {
  return status === 429 || (!write && status >= 500);
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
 * A transport error raised before any byte reached Google (the connection was refused, the name did not resolve):
 * the request cannot have applied. UrlFetchApp reports these as "Address unavailable" or "DNS error"; Node as
 * ECONNREFUSED / ENOTFOUND. Anything else (a reset, a timeout) may come after Google applied the request.
 */
export function neverSent(cause: unknown): boolean {
  // Node's fetch says only "fetch failed" and names the reason in `cause` (connect ECONNREFUSED …): follow the chain.
  for (let e = cause, depth = 0; e !== undefined && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const text = `${(e as { code?: string }).code ?? ''} ${(e as Error).message ?? String(e)}`;
    if (/ECONNREFUSED|ENOTFOUND|connection refused|Address unavailable|DNS error/i.test(text)) return true;
  }
  return false;
}

/**
 * Sends with truncated exponential backoff, as Google advises for 429 and 5xx. Returns the last answer (which
 * may be an error for the caller to turn into one); throws only when the transport itself keeps failing, when a write's
 * outcome is unknown (`UncertainWriteError`), or when a retry would have to wait under the lock (`BackoffError`).
 */
export function send(req: HttpRequest, o: SendOptions): HttpResponse {
  const max = o.maxRetries ?? 3;
  const base = o.baseDelayMs ?? 1000;
  // Capped so three retries stay well inside a card's 30 s.
  const cap = o.maxDelayMs ?? 8000;
  const write = o.write ?? false;
  const what = `${req.method} ${req.url.split('?')[0]}`;
  const wait = (ms: number) => {
    if (o.mayWait && !o.mayWait()) throw new BackoffError(ms, what);
    o.sleep(ms);
  };
  for (let attempt = 0; ; attempt++) {
    let res: HttpResponse;
    if (attempt === 0 && o.answered) res = o.answered;
    else {
      try {
        res = o.transport.request(req);
      } catch (e) {
        o.meter.call(o.kind);
        if (write && !neverSent(e)) throw new UncertainWriteError(what, (e as Error)?.message ?? String(e));
        if (attempt >= max) throw transportFailure(req, e);
        wait(Math.min(cap, base * 2 ** attempt));
        continue;
      }
      o.meter.call(o.kind);
    }
    if (write && res.status >= 500) throw new UncertainWriteError(what, `HTTP ${res.status}`);
    if (!retryable(res.status, write) || attempt >= max) return res;
    wait(Math.min(cap, retryAfterMs(res) ?? base * 2 ** attempt));
  }
}
