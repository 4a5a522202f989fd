// UrlFetchApp as the one synchronous HTTP transport under the Sheets, OAuth, Chat, Docs and Drive adapters.
// UrlFetchApp.fetch(url, params) as documented (developers.google.com/apps-script/reference/url-fetch/url-fetch-app):
// `method` get | delete | patch | post | put; `contentType` defaults to application/x-www-form-urlencoded and a JavaScript
// object as `payload` is taken as form fields, so a JSON body is sent as a string with contentType application/json;
// `muteHttpExceptions: true` returns an error status as an HTTPResponse instead of throwing, so Google's error body is
// kept. HTTPResponse: getResponseCode(), getContentText(), getContent() (bytes), getAllHeaders()
// (developers.google.com/apps-script/reference/url-fetch/http-response).
import { decodeBody, isBytes, readRound, type HttpRequest, type HttpResponse, type HttpTransport } from '../adapters/google/transport';
import type { ReadRound } from '../store/ports';

function contentTypeOf(headers: Record<string, string> | undefined): string | undefined {
  return Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
}

function payload(req: HttpRequest): GoogleAppsScript.URL_Fetch.URLFetchRequestOptions {
  const { body } = req;
  if (body === undefined) return {};
  if (typeof body === 'string') return { contentType: contentTypeOf(req.headers) ?? 'text/plain', payload: body };
  if (isBytes(body)) return { contentType: body.contentType, payload: Utilities.base64Decode(body.base64) };
  return { contentType: 'application/json', payload: JSON.stringify(body) };
}

function params(req: HttpRequest): GoogleAppsScript.URL_Fetch.URLFetchRequestOptions {
  return {
    method: req.method.toLowerCase() as GoogleAppsScript.URL_Fetch.HttpMethod,
    headers: req.headers ?? {},
    muteHttpExceptions: true,
    ...payload(req),
  };
}

function answer(req: HttpRequest, res: GoogleAppsScript.URL_Fetch.HTTPResponse): HttpResponse {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.getAllHeaders() as Record<string, unknown>)) out[k.toLowerCase()] = String(v);
  const status = res.getResponseCode();
  const body = req.bytesAnswer && status >= 200 && status < 300
    ? { base64: Utilities.base64Encode(res.getContent()), contentType: out['content-type'] ?? '' }
    : decodeBody(res.getContentText(), out['content-type']);
  return { status, body, headers: out };
}

/**
 * `requestAll` is UrlFetchApp.fetchAll(requests): "Makes multiple requests to fetch multiple URLs using optional
 * advanced parameters" — each request an object with `url` and the params fetch takes, the HTTPResponses in the order
 * asked (developers.google.com/apps-script/reference/url-fetch/url-fetch-app#fetchAll(Object)). The requests go out in
 * parallel within the one service call, so k reads cost about one round trip (the Sheets quota still counts k).
 */
export function urlFetchTransport(): HttpTransport {
  return {
    request: (req) => answer(req, UrlFetchApp.fetch(req.url, params(req))),
    requestAll(reqs: HttpRequest[]): HttpResponse[] {
      if (reqs.length === 0) return [];
      const res = UrlFetchApp.fetchAll(reqs.map((req) => ({ url: req.url, ...params(req) })));
      return reqs.map((req, i) => answer(req, res[i]!));
    },
  };
}

/**
 * What the Apps Script wiring gives ShardedWorkbook (`together`) so a read of the records and a person shard is one
 * UrlFetchApp.fetchAll: `new ShardedWorkbook(records, shards, { together: urlFetchReadRound() })`.
 */
export function urlFetchReadRound(): ReadRound {
  return readRound(urlFetchTransport())!;
}
