// The Sheets sender's retry rules for writes: only what cannot have applied is sent again (a refused connection, a 429);
// a 5xx or a lost answer is an UncertainWriteError for the commit to re-check by key; no backoff sleep under the lock.
import { createServer, type AddressInfo } from 'node:net';
import { neverSent, send } from '../../../src/adapters/google/send';
import { createNodeSheetsTransport } from '../../../src/adapters/node/sheets-node-transport';
import { Meter } from '../../../src/store/ports';
import { BackoffError, UncertainWriteError } from '../../../src/store/write-errors';
import type { HttpRequest, HttpResponse } from '../../../src/adapters/google/transport';

const REQ: HttpRequest = { method: 'POST', url: 'https://sheets.googleapis.com/v4/spreadsheets/x:batchUpdate', body: {} };

function scripted(...answers: (HttpResponse | Error)[]) {
  const seen: HttpRequest[] = [];
  return { seen, transport: { request: (r: HttpRequest) => { seen.push(r); const a = answers.shift()!; if (a instanceof Error) throw a; return a; } } };
}

describe('neverSent', () => {
  it('knows a refused connection as Node reports it: "fetch failed" with the reason in its cause', async () => {
    const probe = createServer();
    await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((ok) => probe.close(ok));
    let caught: unknown;
    try { createNodeSheetsTransport().request({ method: 'POST', url: `http://127.0.0.1:${port}/v4/spreadsheets/x:batchUpdate`, body: {} }); } catch (e) { caught = e; }
    expect(String(caught)).toMatch(/fetch failed/);
    expect(neverSent(caught)).toBe(true);
  });

  it('as Apps Script reports it, and not a reset or a timeout (those may come after Google applied the write)', () => {
    expect(neverSent(new Error('Address unavailable: https://sheets.googleapis.com/v4/…'))).toBe(true);
    expect(neverSent(new Error('DNS error: https://sheets.googleapis.com'))).toBe(true);
    expect(neverSent(Object.assign(new Error('fetch failed'), { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) }))).toBe(false);
    expect(neverSent(new Error('Timeout: https://sheets.googleapis.com/v4/…'))).toBe(false);
  });
});

describe('send, for a write', () => {
  const refused = () => Object.assign(new Error('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 1.2.3.4:443'), { code: 'ECONNREFUSED' }) });
  const ok: HttpResponse = { status: 200, body: {} };

  it('sends again after a refused connection and after a 429 (neither can have applied)', () => {
    const t = scripted(refused(), { status: 429, body: {} }, ok);
    const sleeps: number[] = [];
    expect(send(REQ, { transport: t.transport, meter: new Meter(), kind: 'w', sleep: (ms) => sleeps.push(ms), write: true }).status).toBe(200);
    expect(t.seen).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('never sends again after a 5xx or a dropped answer: the commit re-checks by key', () => {
    for (const first of [{ status: 500, body: {} }, { status: 503, body: {} }, new Error('read ECONNRESET')] as (HttpResponse | Error)[]) {
      const t = scripted(first, ok);
      expect(() => send(REQ, { transport: t.transport, meter: new Meter(), kind: 'w', sleep: () => undefined, write: true })).toThrow(UncertainWriteError);
      expect(t.seen).toHaveLength(1);
    }
  });

  it('under the lock it does not sleep: it gives the wait back to the pipeline (BackoffError)', () => {
    for (const first of [refused(), { status: 429, body: {} } as HttpResponse]) {
      const t = scripted(first, ok);
      const sleeps: number[] = [];
      expect(() => send(REQ, { transport: t.transport, meter: new Meter(), kind: 'w', sleep: (ms) => sleeps.push(ms), write: true, mayWait: () => false })).toThrow(BackoffError);
      expect(sleeps).toEqual([]);
      expect(t.seen).toHaveLength(1);
    }
  });
});

describe('send, with the first answer already had (a read sent in a round with others)', () => {
  it('takes that answer as the first attempt, uncounted, and retries as usual', () => {
    const t = scripted({ status: 200, body: { ok: 1 } });
    const meter = new Meter();
    const sleeps: number[] = [];
    const res = send(REQ, { transport: t.transport, meter, kind: 'r', sleep: (ms) => sleeps.push(ms), answered: { status: 429, body: {}, headers: { 'retry-after': '2' } } });
    expect(res.body).toEqual({ ok: 1 });
    expect(sleeps).toEqual([2000]);
    expect(t.seen).toHaveLength(1);
    expect(meter.calls).toBe(1); // the round was counted by whoever sent it
    const done = scripted();
    expect(send(REQ, { transport: done.transport, meter, kind: 'r', sleep: () => undefined, answered: { status: 200, body: 'x' } }).body).toBe('x');
    expect(done.seen).toHaveLength(0);
  });
});
