// UrlFetchApp as the synchronous HTTP transport under the Sheets, Chat and Drive adapters.
import type { JsonRequest, JsonResponse, JsonTransport } from '../adapters/google/chat-api';
import type { HttpRequest, HttpResponse, SheetsTransport } from '../adapters/google/transport';

function parse(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
}

export function urlFetchTransport(): SheetsTransport {
  return {
    request(req: HttpRequest): HttpResponse {
      const isText = typeof req.body === 'string';
      const res = UrlFetchApp.fetch(req.url, {
        method: req.method === 'GET' ? 'get' : 'post',
        headers: req.headers ?? {},
        muteHttpExceptions: true,
        ...(req.body !== undefined ? {
          contentType: isText ? (req.headers?.['Content-Type'] ?? 'text/plain') : 'application/json',
          payload: isText ? (req.body as string) : JSON.stringify(req.body),
        } : {}),
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.getAllHeaders() as Record<string, unknown>)) headers[k.toLowerCase()] = String(v);
      return { status: res.getResponseCode(), body: parse(res.getContentText()), headers };
    },
  };
}

/** JSON calls with the service account's token for a scope (Chat API, Drive API). */
export function jsonTransport(token: (scope: string) => string): JsonTransport {
  return (req: JsonRequest, scope: string): JsonResponse => {
    const res = UrlFetchApp.fetch(req.url, {
      method: req.method,
      headers: { Authorization: `Bearer ${token(scope)}` },
      muteHttpExceptions: true,
      ...(req.body !== undefined ? { contentType: 'application/json', payload: JSON.stringify(req.body) } : {}),
    });
    return { status: res.getResponseCode(), body: parse(res.getContentText()) };
  };
}
