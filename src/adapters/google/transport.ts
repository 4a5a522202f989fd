// The synchronous HTTP seam under the Sheets adapter: UrlFetchApp on Apps Script, a synckit worker on Node.

/**
 * One HTTP request. A string body is sent as it is (set its Content-Type in headers); any other body is sent as
 * JSON with `Content-Type: application/json`.
 */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** The answer: body parsed as JSON when it is JSON, else the text. Header names in lower case. */
export interface HttpResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Synchronous on purpose: Apps Script is synchronous, so the whole request path is. */
export interface SheetsTransport {
  request(req: HttpRequest): HttpResponse;
}

/** Gives the bearer token for the Sheets API (the service account's), fetching it when needed. */
export interface AccessTokenProvider {
  token(): string;
  /** Forget the current token (the API answered 401). */
  invalidate?(): void;
}
