// The one HTTP transport (src/adapters/google/transport.ts): one contract, run against both adapters — UrlFetchApp
// (src/gas/http.ts, over the Apps Script fake that follows UrlFetchApp's documented params) and the Node worker
// (src/adapters/node) over real HTTP — with the Drive double answering as Drive API v3 does. Auth is the layer above:
// withBearer adds the token; without it Google answers 401. Error answers come back as answers, never thrown.
import { appsScriptWorld } from '../../gas/apps-script-fakes';
import { driveDoubleFiles, resetDriveDouble, DriveDoubleClient } from '../../support/drive-double';
import { SheetsDouble } from '../../support/sheets-double';
import { urlFetchTransport } from '../../../src/gas/http';
import { createNodeSheetsTransport } from '../../../src/adapters/node/sheets-node-transport';
import { decodeBody, okBody, readRound, withBearer, type HttpRequest, type HttpTransport } from '../../../src/adapters/google/transport';
import { DRIVE_SCOPE } from '../../../src/adapters/google/drive-rest';

interface Adapter { transport: () => HttpTransport; root: () => string; contentOf: (id: string) => Promise<string | undefined> }

function transportContract(name: string, adapter: Adapter) {
  describe(`HTTP transport contract: ${name}`, () => {
    const api = () => withBearer(adapter.transport(), (scope) => { expect(scope).toBe(DRIVE_SCOPE); return 'ya29.fake'; });
    const files = () => `${adapter.root()}/drive/v3/files`;

    it('sends a JSON body as JSON and reads Google\'s JSON answer as an object', () => {
      const res = api().request({ method: 'POST', scope: DRIVE_SCOPE, url: `${files()}?fields=id`, body: { name: 'plan.txt', mimeType: 'text/plain' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'plan.txt', id: expect.any(String) });
      expect(res.headers?.['content-type']).toMatch(/application\/json/);
    });

    it('sends bytes as bytes with their Content-Type (a media upload)', async () => {
      const { id } = okBody<{ id: string }>(api().request({ method: 'POST', scope: DRIVE_SCOPE, url: files(), body: { name: 'bevis.txt' } }), 'create');
      const text = 'Kursbevis – Kari Nordmann, ærlig og øvet';
      const res = api().request({ method: 'PATCH', scope: DRIVE_SCOPE, url: `${adapter.root()}/upload/drive/v3/files/${id}?uploadType=media`,
        body: { base64: Buffer.from(text, 'utf8').toString('base64'), contentType: 'text/plain' } });
      expect(res.status).toBe(200);
      expect(await adapter.contentOf(id)).toBe(text);
    });

    it('answers an error status as an answer with Google\'s error (muteHttpExceptions), which okBody names', () => {
      const res = api().request({ method: 'PATCH', scope: DRIVE_SCOPE, url: `${files()}/no-such-file`, body: { trashed: true } });
      expect(res.status).toBe(404);
      expect(() => okBody(res, 'Drive trash')).toThrow(/^Drive trash failed: HTTP 404 \S/);
    });

    it('sends several requests together (requestAll) and answers them in order, an error status as an answer', () => {
      const t = api();
      const { id } = okBody<{ id: string }>(t.request({ method: 'POST', scope: DRIVE_SCOPE, url: files(), body: { name: 'a.txt' } }), 'create');
      const res = t.requestAll!([
        { method: 'GET', scope: DRIVE_SCOPE, url: `${files()}/${id}?fields=id,name` },
        { method: 'GET', scope: DRIVE_SCOPE, url: `${files()}/no-such-file` },
      ]);
      expect(res.map((r) => r.status)).toEqual([200, 404]);
      expect(res[0]!.body).toMatchObject({ id, name: 'a.txt' });
      expect(t.requestAll!([])).toEqual([]);
    });

    it('leaves auth to the layer above: without withBearer Google refuses the call (401)', () => {
      const res = adapter.transport().request({ method: 'GET', url: files() });
      expect(res.status).toBe(401);
      expect(() => okBody(res, 'Drive list')).toThrow('Drive list failed: HTTP 401 Request had invalid authentication credentials.');
    });
  });
}

const world = appsScriptWorld('kompetent@kommune.example');
const g = globalThis as Record<string, unknown>;
transportContract('UrlFetchApp (Apps Script)', {
  transport: () => {
    g.UrlFetchApp = world.context.UrlFetchApp;
    g.Utilities = world.context.Utilities;
    return urlFetchTransport();
  },
  root: () => 'https://www.googleapis.com',
  contentOf: (id) => Promise.resolve(driveDoubleFiles().find((f) => f.id === id)?.content),
});

describe('UrlFetchApp transport: requestAll is one UrlFetchApp.fetchAll', () => {
  it('sends the requests in one service call, each with fetch\'s params (method, headers, JSON payload)', () => {
    g.UrlFetchApp = world.context.UrlFetchApp;
    g.Utilities = world.context.Utilities;
    const before = world.calls.length;
    const t = withBearer(urlFetchTransport(), () => 'ya29.fake');
    const res = t.requestAll!([
      { method: 'GET', url: 'https://www.googleapis.com/drive/v3/files/no-such-file' },
      { method: 'POST', url: 'https://www.googleapis.com/drive/v3/files?fields=id', body: { name: 'b.txt' } },
    ]);
    expect(res.map((r) => r.status)).toEqual([404, 200]);
    expect(world.calls.slice(before).map((c) => c.what)).toEqual(['fetchAll get https://www.googleapis.com/drive/v3/files/no-such-file | post https://www.googleapis.com/drive/v3/files']);
    expect(world.fetches.slice(-1)[0]).toMatchObject({ method: 'post', body: { name: 'b.txt' } });
  });
});

let double: SheetsDouble;
const node = createNodeSheetsTransport();
transportContract('Node worker (real HTTP)', {
  transport: () => node,
  root: () => double.url,
  contentOf: async (id) => (await new DriveDoubleClient(double.url).files()).find((f) => f.id === id)?.content,
});

beforeAll(async () => {
  double = await SheetsDouble.start();
  await double.allowToken('ya29.fake');
});
afterAll(async () => {
  await double.stop();
  delete g.UrlFetchApp;
  delete g.Utilities;
});
beforeEach(() => resetDriveDouble());

describe('decodeBody: JSON vs text as the Content-Type says', () => {
  it('parses JSON answers, keeps text answers as text, and reads an empty body as nothing', () => {
    expect(decodeBody('{"a":1}', 'application/json; charset=UTF-8')).toEqual({ a: 1 });
    // A front end's HTML error page, or a CSV, is text even when it looks like JSON.
    expect(decodeBody('<html>502</html>', 'text/html')).toBe('<html>502</html>');
    expect(decodeBody('[1,2]', 'text/csv')).toBe('[1,2]');
    expect(decodeBody('', 'application/json')).toBeUndefined();
    expect(decodeBody('not json', 'application/json')).toBe('not json');
    expect(decodeBody('{"b":2}', undefined)).toEqual({ b: 2 });
  });
});

describe('withBearer', () => {
  it('adds the token for the scope each request names, keeping its other headers', () => {
    const seen: unknown[] = [];
    const t = withBearer({ request: (req) => { seen.push(req.headers); return { status: 200, body: undefined }; } }, (scope) => `tok-${scope}`);
    t.request({ method: 'GET', url: 'https://x', scope: 's1', headers: { Accept: 'application/json' } });
    expect(seen).toEqual([{ Accept: 'application/json', Authorization: 'Bearer tok-s1' }]);
  });

  it('adds it to requests sent together too, and has requestAll only when the transport has it', () => {
    const seen: unknown[] = [];
    const inner = { request: () => ({ status: 200, body: undefined }), requestAll: (rs: HttpRequest[]) => rs.map((r) => { seen.push(r.headers); return { status: 200, body: undefined }; }) };
    withBearer(inner, (scope) => `tok-${scope}`).requestAll!([{ method: 'GET', url: 'https://a', scope: 's1' }, { method: 'GET', url: 'https://b', scope: 's2' }]);
    expect(seen).toEqual([{ Authorization: 'Bearer tok-s1' }, { Authorization: 'Bearer tok-s2' }]);
    expect(withBearer({ request: inner.request }, () => 't').requestAll).toBeUndefined();
  });
});

describe('readRound', () => {
  it('is the transport\'s requestAll for the store, or nothing when it has none (then reads go one after another)', () => {
    const t = { request: () => ({ status: 200, body: undefined }), requestAll: (rs: HttpRequest[]) => rs.map((r) => ({ status: 200, body: r.url })) };
    expect(readRound(t)!([{ method: 'GET', url: 'u1' }, { method: 'GET', url: 'u2' }])).toEqual([{ status: 200, body: 'u1' }, { status: 200, body: 'u2' }]);
    expect(readRound({ request: t.request })).toBeUndefined();
  });
});
