// Drive API v3 over a JSON transport: the endpoint, scope, answer check and query literal shared by every Drive adapter.

export const DRIVE_FILES_API = 'https://www.googleapis.com/drive/v3/files';
export const DRIVE_SCOPE = 'https://www.googleapis.com/auth/drive';

/** The answer's body on 2xx; otherwise an error naming the call and Google's message. */
export function driveOk<T>(res: { status: number; body: unknown }, what: string): T {
  if (res.status >= 200 && res.status < 300) return res.body as T;
  const msg = (res.body as { error?: { message?: string } } | undefined)?.error?.message ?? '';
  throw new Error(`Drive ${what} failed: HTTP ${res.status} ${msg}`);
}

/** Drive query string literal (single quotes and backslashes escaped, per the Drive search syntax). */
export function driveLiteral(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
