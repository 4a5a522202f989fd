// Google clients for the CLI (googleapis Sheets v4 + Drive v3) with a service-account key, ADC or a bare token, and
// the translation of Google's errors into the CLI's messages and exit codes.
import * as fs from 'node:fs';
import { google, type drive_v3, type sheets_v4 } from 'googleapis';
import { CliError, EXIT, accessError } from './errors';

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
  call<T>(kind: string, what: string, fn: () => Promise<T>): Promise<T>;
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
    throw accessError(`The key file ${file} cannot be read.`, 'Give the path of the service account JSON key with --key or GOOGLE_APPLICATION_CREDENTIALS.');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw accessError(`The key file ${file} is not JSON.`, 'Download a JSON key for the service account (Cloud console → IAM → Service accounts → Keys).');
  }
  const k = json as Record<string, unknown>;
  if (k.type !== 'service_account' || typeof k.client_email !== 'string' || typeof k.private_key !== 'string') {
    throw accessError(`The key file ${file} is not a service account key (type "service_account" with client_email and private_key).`);
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
    async call<T>(kind: string, what: string, fn: () => Promise<T>): Promise<T> {
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

/** Google's answer as a CliError with what to do about it. */
export function googleFailure(e: unknown, what: string, keyEmail?: string): CliError {
  if (e instanceof CliError) return e;
  const g = (e ?? {}) as GaxiosLike;
  const status = g.response?.status;
  const cause = (e as { cause?: { message?: string } } | undefined)?.cause?.message;
  const message = apiMessage(g.response?.data) || [g.message, cause].filter(Boolean).join(': ') || String(e);
  const who = keyEmail ? `the service account ${keyEmail}` : 'these credentials';
  if (/Could not load the default credentials|Unable to detect a Project Id|invalid_grant|invalid_client/i.test(message)) {
    return accessError(`No usable Google credentials: ${message}`,
      'Use --key <service-account.json>, or run: gcloud auth application-default login --scopes=' + SCOPES.join(','));
  }
  if (status === 401) return accessError(`Google refused the credentials while ${what} (401): ${message}`, 'Check the key file, or log in again.');
  if (status === 403 && /rate limit|quota/i.test(message)) {
    return new CliError(EXIT.problems, `Google's quota was exceeded while ${what}: ${message}`, 'Wait a minute and run the command again.');
  }
  if (status === 403) {
    return accessError(`No access while ${what} (403): ${message}`,
      `Share the records spreadsheet and folders with ${who} (kompetent provision does it), and enable the Sheets and Drive APIs in the Cloud project.`);
  }
  if (status === 404) return accessError(`Not found while ${what} (404): ${message}`, `Check the id, and that it is shared with ${who}.`);
  if (status === 429) return new CliError(EXIT.problems, `Google's quota was exceeded while ${what} (429): ${message}`, 'Wait a minute and run the command again.');
  if (status === 400) return new CliError(EXIT.problems, `Google rejected a request while ${what} (400): ${message}`);
  if (status !== undefined) return new CliError(EXIT.problems, `Google answered ${status} while ${what}: ${message}`, 'Try again in a moment.');
  if (typeof g.code === 'string' && /^E[A-Z]+/.test(g.code)) {
    return new CliError(EXIT.problems, `Google could not be reached while ${what}: ${message}`, 'Check the network connection.');
  }
  return new CliError(EXIT.problems, `Failed while ${what}: ${message}`);
}

/** batchUpdate is not retried by googleapis (POST); 429 means it was not applied, so it is safe to send again. */
export const RETRY_429 = {
  retryConfig: { retry: 4, httpMethodsToRetry: ['GET', 'POST'], statusCodesToRetry: [[429, 429]], retryDelayMultiplier: 2 },
};
