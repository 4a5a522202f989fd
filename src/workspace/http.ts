// Small HTTP helpers of the local workspace: bounded JSON bodies, answers, and errors that become 4xx replies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';

export class HttpError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

/** The admin sidebar may upload a 5 MB evidence file, base64-encoded in JSON (~6.7 MB). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** The request body as JSON; an empty body is `{}`. Malformed JSON is a 400 with the parser's words. */
export function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        fail(new HttpError(413, `The request body is larger than ${MAX_BODY_BYTES} bytes`));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (failed) return;
      const text = Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
      if (text.trim() === '') return ok({});
      try {
        ok(JSON.parse(text));
      } catch (e) {
        fail(new HttpError(400, `The request body is not valid JSON: ${(e as Error).message}`));
      }
    });
    req.on('error', (e) => { if (!failed) fail(new HttpError(400, `The request could not be read: ${e.message}`)); });
  });
}

export function send(res: ServerResponse, status: number, body: unknown, type = 'application/json; charset=utf-8', extra: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const data = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', ...extra,
  });
  res.end(data);
}

/** zod-checks a body; the answer names each bad field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) throw new HttpError(400, z.prettifyError(r.error));
  return r.data;
}

/**
 * Only pages served by this workspace may call it: a request from another site (Origin) or through a foreign host name
 * (DNS rebinding) is refused, so a web page open in the same browser cannot act as the chosen person.
 */
export function checkOrigin(req: IncomingMessage, port: number): void {
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  const host = req.headers.host ?? '';
  if (!allowed.includes(host)) throw new HttpError(403, `Unexpected Host header ${host}`);
  const origin = req.headers.origin;
  if (origin && !allowed.some((a) => origin === `http://${a}`)) throw new HttpError(403, `Requests from ${origin} are not accepted`);
}
