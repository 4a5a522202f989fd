// UrlFetchApp as the one synchronous HTTP transport under the Sheets, OAuth, Chat, Docs and Drive adapters.
// UrlFetchApp.fetch(url, params) as documented (developers.google.com/apps-script/reference/url-fetch/url-fetch-app):
// `method` get | delete | patch | post | put; `contentType` defaults to application/x-www-form-urlencoded and a JavaScript
// object as `payload` is taken as form fields, so a JSON body is sent as a string with contentType application/json;
// `muteHttpExceptions: true` returns an error status as an HTTPResponse instead of throwing, so Google's error body is
// kept. HTTPResponse: getResponseCode(), getContentText(), getContent() (bytes), getAllHeaders()
// (developers.google.com/apps-script/reference/url-fetch/http-response).
import { decodeBody, isBytes, type HttpRequest, type HttpResponse, type HttpTransport } from '../adapters/google/transport';

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

export function urlFetchTransport(): HttpTransport {
  return {
    request(req: HttpRequest): HttpResponse {
      const res = UrlFetchApp.fetch(req.url, {
        method: req.method.toLowerCase() as GoogleAppsScript.URL_Fetch.HttpMethod,
        headers: req.headers ?? {},
        muteHttpExceptions: true,
        ...payload(req),
      });
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.getAllHeaders() as Record<string, unknown>)) out[k.toLowerCase()] = String(v);
      const status = res.getResponseCode();
      const body = req.bytesAnswer && status >= 200 && status < 300
        ? { base64: Utilities.base64Encode(res.getContent()), contentType: out['content-type'] ?? '' }
        : decodeBody(res.getContentText(), out['content-type']);
      return { status, body, headers: out };
    },
  };
}
