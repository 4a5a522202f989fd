// Google clients for the CLI (googleapis Sheets v4 + Drive v3) with a service-account key, ADC or a bare token, and
// the translation of Google's errors into the CLI's messages and exit codes.
import * as fs from 'node:fs';
import { google, type drive_v3, type sheets_v4 } from 'googleapis';
import { CliError, EXIT, accessError, msg, type CliText } from './errors';

export const SCOPES = ['https://www.googleapis.com/auth/spreadsheets', 'https://www.googleapis.com/auth/drive'];

export interface Google {
  sheets: sheets_v4.Sheets;
  drive: drive_v3.Drive;
  /** The service account's e-mail when a key file was used. */
  keyEmail?: string;
  /** The API root when it is not Google's (tests). */
  rootUrl?: string;
  /** Remote calls made, by kind (what this run spent of the quotas). */
  calls: Record<string, number>;
  /** Runs one API call: counts it and turns Google's errors into CliErrors. */
  call<T>(kind: string, what: CliText, fn: () => Promise<T>): Promise<T>;
}

export interface ConnectOptions {
  /** Service account key file. */
  key?: string;
  /** A ready access token (tests, or `gcloud auth print-access-token`). */
  accessToken?: string;
  /** API root for both services (the in-process double in tests). */
  rootUrl?: string;
}

type AuthClient = NonNullable<sheets_v4.Options['auth']>;

function readKey(file: string): { client_email: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw accessError(msg('cli.google.keyUnreadable', { file }), msg('cli.google.keyUnreadableHint'));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw accessError(msg('cli.google.keyNotJson', { file }), msg('cli.google.keyNotJsonHint'));
  }
  const k = json as Record<string, unknown>;
  if (k.type !== 'service_account' || typeof k.client_email !== 'string' || typeof k.private_key !== 'string') {
    throw accessError(msg('cli.google.keyNotSa', { file }));
  }
  return { client_email: k.client_email };
}

/**
 * Node's own fetch for every request (API calls and token requests): gaxios otherwise loads node-fetch with a dynamic
 * import, which fails where modules are loaded through a VM (jest).
 */
const transporterOptions = { fetchImplementation: fetch };

export function connect(o: ConnectOptions): Google {
  let auth: AuthClient;
  let keyEmail: string | undefined;
  if (o.accessToken) {
    const c = new google.auth.OAuth2({ transporterOptions });
    c.setCredentials({ access_token: o.accessToken });
    auth = c;
  } else if (o.key) {
    keyEmail = readKey(o.key).client_email;
    auth = new google.auth.GoogleAuth({ keyFile: o.key, scopes: SCOPES, clientOptions: { transporterOptions } });
  } else {
    auth = new google.auth.GoogleAuth({ scopes: SCOPES, clientOptions: { transporterOptions } });
  }
  const rootUrl = o.rootUrl ? `${o.rootUrl.replace(/\/+$/, '')}/` : undefined;
  const common = { auth, fetchImplementation: fetch, ...(rootUrl ? { rootUrl } : {}) };
  const sheets = google.sheets({ version: 'v4', ...common });
  const drive = google.drive({ version: 'v3', ...common });
  const calls: Record<string, number> = {};
  return {
    sheets, drive, keyEmail, calls, rootUrl,
    async call<T>(kind: string, what: CliText, fn: () => Promise<T>): Promise<T> {
      calls[kind] = (calls[kind] ?? 0) + 1;
      try {
        return await fn();
      } catch (e) {
        const failure = googleFailure(e, what, keyEmail);
        failure.status ??= (e as GaxiosLike | undefined)?.response?.status;
        throw failure;
      }
    },
  };
}

interface GaxiosLike { response?: { status?: number; data?: unknown }; code?: string | number; message?: string }

function apiMessage(data: unknown): string {
  const e = (data as { error?: unknown } | undefined)?.error;
  if (e && typeof e === 'object') return String((e as { message?: unknown }).message ?? '');
  if (typeof e === 'string') return String((data as { error_description?: unknown }).error_description ?? e);
  return '';
}

/** Google's answer as a CliError with what to do about it (Google's own message as Google wrote it). */
export function googleFailure(e: unknown, what: CliText, keyEmail?: string): CliError {
  if (e instanceof CliError) return e;
  const g = (e ?? {}) as GaxiosLike;
  const status = g.response?.status;
  const cause = (e as { cause?: { message?: string } } | undefined)?.cause?.message;
  const message = apiMessage(g.response?.data) || [g.message, cause].filter(Boolean).join(': ') || String(e);
  const who = keyEmail ? msg('cli.google.whoSa', { email: keyEmail }) : msg('cli.google.whoCredentials');
  const said = { what, message };
  if (/Could not load the default credentials|Unable to detect a Project Id|invalid_grant|invalid_client/i.test(message)) {
    return accessError(msg('cli.google.noCredentials', { message }), msg('cli.google.noCredentialsHint', { scopes: SCOPES.join(',') }));
  }
  if (status === 401) return accessError(msg('cli.google.refused', said), msg('cli.google.refusedHint'));
  if (status === 403 && /rate limit|quota/i.test(message)) return new CliError(EXIT.problems, msg('cli.google.quota', said), msg('cli.google.waitHint'));
  if (status === 403) return accessError(msg('cli.google.forbidden', said), msg('cli.google.forbiddenHint', { who }));
  if (status === 404) return accessError(msg('cli.google.notFound', said), msg('cli.google.notFoundHint', { who }));
  if (status === 429) return new CliError(EXIT.problems, msg('cli.google.quota429', said), msg('cli.google.waitHint'));
  if (status === 400) return new CliError(EXIT.problems, msg('cli.google.rejected', said));
  if (status !== undefined) return new CliError(EXIT.problems, msg('cli.google.status', { ...said, status: String(status) }), msg('cli.google.statusHint'));
  if (typeof g.code === 'string' && /^E[A-Z]+/.test(g.code)) {
    return new CliError(EXIT.problems, msg('cli.google.unreachable', said), msg('cli.google.unreachableHint'));
  }
  return new CliError(EXIT.problems, msg('cli.google.failed', said));
}

/** batchUpdate is not retried by googleapis (POST); 429 means it was not applied, so it is safe to send again. */
export const RETRY_429 = {
  retryConfig: { retry: 4, httpMethodsToRetry: ['GET', 'POST'], statusCodesToRetry: [[429, 429]], retryDelayMultiplier: 2 },
};
