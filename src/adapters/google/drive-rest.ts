// Drive API v3 over the HTTP transport: the endpoint, scope, answer check and query literal shared by every Drive adapter.
import { okBody, type HttpResponse } from './transport';

export const DRIVE_FILES_API = 'https://www.googleapis.com/drive/v3/files';
export const DRIVE_SCOPE = 'https://www.googleapis.com/auth/drive';

/** The answer's body on 2xx; otherwise an error naming the call and Google's message. */
export function driveOk<T>(res: HttpResponse, what: string): T {
  return okBody<T>(res, `Drive ${what}`);
}

/** Drive query string literal (single quotes and backslashes escaped, per the Drive search syntax). */
export function driveLiteral(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
