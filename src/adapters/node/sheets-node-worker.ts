// synckit worker behind the Node HTTP transport: performs one HTTP request, or several in parallel (googleapis auth, or plain fetch).
import { runAsWorker } from 'synckit';
import { decodeBody, isBytes, type HttpRequest, type HttpResponse } from '../google/transport';
import type { NodeAuth } from './sheets-node-transport';

interface AuthClient {
  request(opts: Record<string, unknown>): Promise<{ status: number; data: unknown; headers: unknown }>;
}

const clients = new Map<string, Promise<AuthClient>>();

/** googleapis' own auth clients: a fixed access token (OAuth2), or a service-account key (GoogleAuth → JWT). */
function clientFor(auth: Exclude<NodeAuth, { kind: 'none' }>): Promise<AuthClient> {
  const key = JSON.stringify(auth);
  let client = clients.get(key);
  if (!client) {
    client = (async () => {
      const { google } = await import('googleapis');
      if (auth.kind === 'token') {
        const c = new google.auth.OAuth2();
        c.setCredentials({ access_token: auth.accessToken });
        return c as unknown as AuthClient;
      }
      const ga = new google.auth.GoogleAuth({
        keyFile: auth.keyFile,
        credentials: auth.credentials,
        scopes: auth.scopes,
        clientOptions: auth.subject ? { subject: auth.subject } : undefined,
      });
      return (await ga.getClient()) as unknown as AuthClient;
    })();
    clients.set(key, client);
  }
  return client;
}

function encodeBody(req: HttpRequest): { body?: string | Uint8Array; headers: Record<string, string> } {
  const headers = { ...(req.headers ?? {}) };
  if (req.body === undefined) return { headers };
  if (typeof req.body === 'string') return { body: req.body, headers };
  if (isBytes(req.body)) return { body: Buffer.from(req.body.base64, 'base64'), headers: { ...headers, 'Content-Type': req.body.contentType } };
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  return { body: JSON.stringify(req.body), headers };
}

function headerRecord(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  const entries: Iterable<[string, unknown]> =
    typeof (h as Headers).forEach === 'function' && typeof (h as Headers).entries === 'function'
      ? (h as Headers).entries()
      : Object.entries(h as Record<string, unknown>);
  for (const [k, v] of entries) out[k.toLowerCase()] = String(v);
  return out;
}

/** One request, or several sent together (the transport's requestAll) and answered in order. */
runAsWorker((req: HttpRequest | HttpRequest[], auth: NodeAuth): Promise<HttpResponse | HttpResponse[]> =>
  Array.isArray(req) ? Promise.all(req.map((r) => one(r, auth))) : one(req, auth));

async function one(req: HttpRequest, auth: NodeAuth): Promise<HttpResponse> {
  const { body, headers } = encodeBody(req);
  const answer = (status: number, out: Record<string, string>, bytes: Buffer): HttpResponse => ({
    status, headers: out,
    body: req.bytesAnswer && status >= 200 && status < 300
      ? { base64: bytes.toString('base64'), contentType: out['content-type'] ?? '' }
      : decodeBody(bytes.toString('utf8'), out['content-type']),
  });
  if (auth.kind === 'none') {
    const res = await fetch(req.url, { method: req.method, headers, body });
    return answer(res.status, headerRecord(res.headers), Buffer.from(await res.arrayBuffer()));
  }
  const client = await clientFor(auth);
  const res = await client.request({
    url: req.url,
    method: req.method,
    headers,
    data: body,
    responseType: 'arraybuffer',
    validateStatus: () => true,
    retry: false,
  });
  return answer(res.status, headerRecord(res.headers), Buffer.from(res.data as ArrayBuffer));
}
