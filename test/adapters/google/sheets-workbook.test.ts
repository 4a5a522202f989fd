// SheetsWorkbook over real HTTP to the in-process Sheets double: the Workbook contract, auth, retries and errors.
import { generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import { createNodeSheetsTransport } from '../../../src/adapters/node/sheets-node-transport';
import { MemoryCache } from '../../../src/store/cache-shards';
import { Meter } from '../../../src/store/ports';
import { TokenCache } from '../../../src/adapters/google/jwt';
import type { AccessTokenProvider, HttpTransport } from '../../../src/adapters/google/transport';
import { BackoffError, UncertainWriteError } from '../../../src/store/write-errors';
import { SheetsWorkbook } from '../../../src/adapters/google/sheets-workbook';
import { SheetsDouble } from '../../support/sheets-double';
import { describeWorkbookContract, norm } from '../../store/workbook-contract';

let double: SheetsDouble;
let transport: HttpTransport;
const STATIC = 'static-token';
const staticAuth: AccessTokenProvider = { token: () => STATIC };

beforeAll(async () => {
  double = await SheetsDouble.start();
  await double.allowToken(STATIC);
  transport = createNodeSheetsTransport();
});
afterAll(async () => {
  await double.stop();
});
// Each test is its own minute: the double counts the Sheets API's per-minute quotas as Google does.
beforeEach(() => double.advanceClock(60_000));

let n = 0;
async function spreadsheet(): Promise<string> {
  const id = `book-${++n}`;
  await double.create(id);
  return id;
}

function workbook(spreadsheetId: string, extra: Partial<ConstructorParameters<typeof SheetsWorkbook>[0]> = {}): SheetsWorkbook {
  return new SheetsWorkbook({ spreadsheetId, transport, auth: staticAuth, root: double.url, sleep: () => undefined, ...extra });
}

describeWorkbookContract('SheetsWorkbook over HTTP (Sheets API double)', async () => {
  const id = await spreadsheet();
  return {
    workbook: workbook(id),
    seed: (table, header, rows) => double.seed(id, table, header, rows),
    stored: async (table) => (await double.dump(id, table))!.raw,
    reopen: () => workbook(id),
  };
});

describe('Sheets API per-minute quotas (60 reads and 60 writes a minute per user, 300 per project)', () => {
  it('answers 429 past 60 reads a minute for the service account, after the retries too, and reads again the next minute', async () => {
    const id = await spreadsheet();
    await double.seed(id, 'T', ['a'], [['1']]);
    const sleeps: number[] = [];
    const wb = workbook(id, { sleep: (ms) => { sleeps.push(ms); } });
    for (let i = 0; i < 60; i++) wb.read([{ table: 'T' }]);
    expect(() => wb.read([{ table: 'T' }])).toThrow(/HTTP 429 RESOURCE_EXHAUSTED: Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user'/);
    expect(sleeps).toHaveLength(3); // backed off and retried, as Google advises, inside the same minute
    // Writes have their own quota.
    wb.write({ updates: [{ table: 'T', rowNumber: 2, column: 0, value: '2' }], appends: [] });
    await double.advanceClock(60_000);
    expect(wb.read([{ table: 'T' }])[0]!.rows[0]!.cells).toEqual(['2']);
  });

  it('answers 429 past 60 writes a minute', async () => {
    const id = await spreadsheet();
    await double.seed(id, 'T', ['a'], [['1']]);
    const wb = workbook(id);
    wb.read([{ table: 'T' }]);
    for (let i = 0; i < 60; i++) wb.write({ updates: [{ table: 'T', rowNumber: 2, column: 0, value: String(i) }], appends: [] });
    expect(() => wb.write({ updates: [{ table: 'T', rowNumber: 2, column: 0, value: 'x' }], appends: [] }))
      .toThrow(/429 RESOURCE_EXHAUSTED: Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user'/);
  });

  it('answers 429 past 300 reads a minute for the project, whoever asks', async () => {
    const id = await spreadsheet();
    await double.seed(id, 'T', ['a'], [['1']]);
    const users = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
    for (const u of users) await double.allowToken(u);
    const as = (u: string) => workbook(id, { auth: { token: () => u } });
    for (const u of users.slice(0, 5)) for (let i = 0; i < 60; i++) as(u).read([{ table: 'T' }]);
    expect(() => as('u6').read([{ table: 'T' }])).toThrow(/limit 'Read requests per minute' of service/);
  });
});

describe('SheetsWorkbook specifics', () => {
  it('stores written text as stringValue (never a formula) and typed cells keep their kinds', async () => {
    const id = await spreadsheet();
    await double.seed(id, 'T', ['a', 'b', 'c', 'd'], [[45678, true, { formula: '=A2*2' }, 'x']]);
    const wb = workbook(id);
    const [r] = wb.read([{ table: 'T' }]);
    expect(r!.rows[0]!.cells).toEqual([45678, true, { formula: '=A2*2' }, 'x']);
    wb.write({ updates: [{ table: 'T', rowNumber: 2, column: 3, value: '=1+1' }], appends: [] });
    expect((await double.dump(id, 'T'))!.cells[1]![3]).toEqual({ stringValue: '=1+1' });
  });

  it('a write with no read before it looks up sheet ids first (one counted call more)', async () => {
    const id = await spreadsheet();
    await double.seed(id, 'T', ['a'], [['1']]);
    const wb = workbook(id);
    wb.write({ updates: [], appends: [{ table: 'T', rows: [['2']] }] });
    expect(wb.meter.byKind).toEqual({ 'workbook.metadata': 1, 'workbook.write': 1 });
    wb.write({ updates: [], appends: [{ table: 'T', rows: [['3']] }] });
    expect(wb.meter.byKind).toEqual({ 'workbook.metadata': 1, 'workbook.write': 2 });
    expect((await double.dump(id, 'T'))!.raw).toEqual([['a'], ['1'], ['2'], ['3']]);
  });

  it('learns the tabs when a read names a missing one (get, metadata, get again)', async () => {
    const id = await spreadsheet();
    await double.seed(id, 'T', ['a'], [['1']]);
    const wb = workbook(id);
    const [missing, t] = wb.read([{ table: 'Nowhere' }, { table: 'T' }]);
    expect(missing!.exists).toBe(false);
    expect(norm(t!.rows[0]!.cells)).toEqual(['1']);
    expect(wb.meter.calls).toBe(3);
    wb.meter.reset();
    expect(wb.read([{ table: 'Nowhere' }])[0]!.exists).toBe(false);
    expect(wb.meter.calls).toBe(2);
  });

  it('drops ranges that start below the grid after Google refuses them', async () => {
    const id = await spreadsheet();
    await double.seed(id, 'T', ['a'], [['1'], ['2']]);
    const wb = workbook(id);
    const [r] = wb.read([{ table: 'T', ranges: [{ from: 3, to: 3 }, { from: 40, to: 50 }, { from: 60 }] }]);
    expect(r!.rows.map((x) => x.rowNumber)).toEqual([3]);
    expect(r!.lastRow).toBe(3);
    expect((await double.log()).filter((e) => e.spreadsheetId === id).map((e) => e.status)).toEqual([400, 200, 200]);
  });

  it('reads "every row after the last" of a tab sized exactly to its data in one call (no grid-limit refusal)', async () => {
    const id = await spreadsheet();
    await double.seed(id, 'T', ['a'], [['1'], ['2']]); // a grid of exactly 3 rows, as provision and appendCells leave it
    const wb = workbook(id);
    wb.meter.reset();
    const [r] = wb.read([{ table: 'T', ranges: [{ from: 4 }] }]);
    expect(r).toMatchObject({ exists: true, rows: [], lastRow: 3 });
    expect(wb.meter.calls).toBe(1);
    expect((await double.log()).filter((e) => e.spreadsheetId === id).map((e) => e.status)).toEqual([200]);
    wb.write({ updates: [], appends: [{ table: 'T', rows: [['3']] }] });
    const [after] = wb.read([{ table: 'T', ranges: [{ from: 4 }] }]);
    expect(after!.rows.map((x) => [x.rowNumber, x.cells])).toEqual([[4, ['3']]]);
    expect(after!.lastRow).toBe(4);
  });

  it('on a hand-made tab (1000-row grid, sheetId 0) appends after the last data row', async () => {
    const id = await spreadsheet();
    await double.seed(id, 'Sheet', ['a', 'b'], [['1', 'x'], [], ['3', 'z']], { rowCount: 1000, sheetId: 0 });
    const wb = workbook(id);
    expect(wb.read([{ table: 'Sheet' }])[0]!.lastRow).toBe(4);
    // A bounded read only knows the grid: lastRow is its upper bound (documented).
    expect(wb.read([{ table: 'Sheet', ranges: [] }])[0]!.lastRow).toBe(1000);
    wb.write({ updates: [], appends: [{ table: 'Sheet', rows: [['5', 'w']] }] });
    const [r] = wb.read([{ table: 'Sheet' }]);
    expect(r!.rows.map((x) => x.rowNumber)).toEqual([2, 4, 5]);
  });

  it('ensureTable widens a narrow grid before writing new header cells', async () => {
    const id = await spreadsheet();
    await double.seed(id, 'T', ['a', 'b'], [['1', '2']], { columnCount: 2 });
    const wb = workbook(id);
    wb.ensureTable('T', ['a', 'b', 'c', 'd']);
    const dumped = (await double.dump(id, 'T'))!;
    expect(dumped.columnCount).toBe(4);
    expect(dumped.raw[0]).toEqual(['a', 'b', 'c', 'd']);
  });

  it('ensureTable creates a tab whose grid is exactly its header row', async () => {
    const id = await spreadsheet();
    await double.seed(id, 'Existing', ['x'], []);
    const wb = workbook(id);
    wb.ensureTable('New', ['a', 'b']);
    const dumped = (await double.dump(id, 'New'))!;
    expect([dumped.rowCount, dumped.columnCount, dumped.raw]).toEqual([1, 2, [['a', 'b']]]);
    expect(dumped.sheetId).not.toBe((await double.dump(id, 'Existing'))!.sheetId);
  });

  it('sends many ranges in a POST body (getByDataFilter) when the URL would pass 2 KB', async () => {
    const id = await spreadsheet();
    const rows = Array.from({ length: 300 }, (_, i) => [`r${i + 2}`]);
    await double.seed(id, 'Long tab name for a long URL', ['a'], rows);
    await double.clearLog();
    const wb = workbook(id);
    const ranges = Array.from({ length: 120 }, (_, i) => ({ from: 2 + i * 2, to: 2 + i * 2 }));
    const [r] = wb.read([{ table: 'Long tab name for a long URL', ranges }]);
    expect(r!.rows.map((x) => x.cells[0])).toEqual(ranges.map((x) => `r${x.from}`));
    expect((await double.log()).map((e) => e.route)).toEqual(['getByDataFilter']);
    expect(wb.meter.calls).toBe(1);
  });

  it('retries a 429 after Retry-After, counting every attempt', async () => {
    const id = await spreadsheet();
    await double.seed(id, 'T', ['a'], [['1']]);
    const sleeps: number[] = [];
    const wb = workbook(id, { sleep: (ms) => sleeps.push(ms) });
    await double.fail({ route: 'get', status: 429, retryAfter: 2 });
    const [r] = wb.read([{ table: 'T' }]);
    expect(norm(r!.rows[0]!.cells)).toEqual(['1']);
    expect(sleeps).toEqual([2000]);
    expect(wb.meter.byKind).toEqual({ 'workbook.read': 2 });
  });

  it('gives up after 3 retries of a 5xx on a read, with exponential backoff and a clear error', async () => {
    const id = await spreadsheet();
    await double.seed(id, 'T', ['a'], [['1']]);
    const sleeps: number[] = [];
    const wb = workbook(id, { sleep: (ms) => sleeps.push(ms) });
    await double.fail({ route: 'get', status: 500, times: 4 });
    expect(() => wb.read([{ table: 'T' }])).toThrow(/HTTP 500 INTERNAL: Internal error encountered/);
    expect(sleeps).toEqual([1000, 2000, 4000]);
    expect(wb.meter.byKind['workbook.read']).toBe(4);
  });

  describe('a write is retried only when it cannot have applied (issue #13: a lost answer doubled a write)', () => {
    const append = (wb: SheetsWorkbook) => wb.write({ updates: [], appends: [{ table: 'T', rows: [['2']] }] });

    it('a 500 answered AFTER the write applied is not retried: UncertainWriteError, one row', async () => {
      const id = await spreadsheet();
      await double.seed(id, 'T', ['a'], [['1']]);
      const wb = workbook(id);
      wb.read([{ table: 'T' }]);
      await double.fail({ route: 'batchUpdate', status: 500, after: true });
      expect(() => append(wb)).toThrow(UncertainWriteError);
      expect(wb.meter.byKind['workbook.write']).toBe(1);
      expect((await double.dump(id, 'T'))!.raw).toEqual([['a'], ['1'], ['2']]);
    });

    it('a 503 before applying is not retried either (the caller cannot tell it from a lost answer)', async () => {
      const id = await spreadsheet();
      await double.seed(id, 'T', ['a'], [['1']]);
      const wb = workbook(id);
      wb.read([{ table: 'T' }]);
      await double.fail({ route: 'batchUpdate', status: 503 });
      expect(() => append(wb)).toThrow(UncertainWriteError);
      expect((await double.dump(id, 'T'))!.raw).toEqual([['a'], ['1']]);
    });

    it('a connection dropped after the write applied (a timeout) is not retried', async () => {
      const id = await spreadsheet();
      await double.seed(id, 'T', ['a'], [['1']]);
      const wb = workbook(id);
      wb.read([{ table: 'T' }]);
      await double.fail({ route: 'batchUpdate', status: 0, hangup: true });
      expect(() => append(wb)).toThrow(UncertainWriteError);
      expect((await double.dump(id, 'T'))!.raw).toEqual([['a'], ['1'], ['2']]);
    });

    it('a 429 (refused before any work) is retried after Retry-After, and applies once', async () => {
      const id = await spreadsheet();
      await double.seed(id, 'T', ['a'], [['1']]);
      const sleeps: number[] = [];
      const wb = workbook(id, { sleep: (ms) => sleeps.push(ms) });
      wb.read([{ table: 'T' }]);
      await double.fail({ route: 'batchUpdate', status: 429, retryAfter: 3 });
      append(wb);
      expect(sleeps).toEqual([3000]);
      expect((await double.dump(id, 'T'))!.raw).toEqual([['a'], ['1'], ['2']]);
    });

    it('a refused connection is retried, and applies once', async () => {
      const id = await spreadsheet();
      await double.seed(id, 'T', ['a'], [['1']]);
      let refused = 0;
      const refusing: HttpTransport = {
        request: (req) => {
          if (req.method === 'POST' && refused++ === 0) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
          return transport.request(req);
        },
      };
      const wb = workbook(id, { transport: refusing });
      wb.read([{ table: 'T' }]);
      append(wb);
      expect(wb.meter.byKind['workbook.write']).toBe(2);
      expect((await double.dump(id, 'T'))!.raw).toEqual([['a'], ['1'], ['2']]);
    });

    it('never sleeps while the lock is held: a 429 under the lock throws BackoffError with the wait asked for', async () => {
      const id = await spreadsheet();
      await double.seed(id, 'T', ['a'], [['1']]);
      const sleeps: number[] = [];
      const wb = workbook(id, { sleep: (ms) => sleeps.push(ms), mayWait: () => false });
      await double.fail({ route: 'get', status: 429, retryAfter: 8 });
      let caught: unknown;
      try { wb.read([{ table: 'T' }]); } catch (e) { caught = e; }
      expect(caught).toBeInstanceOf(BackoffError);
      expect((caught as BackoffError).waitMs).toBe(8000);
      expect(sleeps).toEqual([]);
    });
  });

  it('turns a 403 into a clear error at once (no retry)', async () => {
    const id = await spreadsheet();
    await double.seed(id, 'T', ['a'], []);
    await double.deny(id);
    const wb = workbook(id);
    expect(() => wb.read([{ table: 'T' }])).toThrow(/HTTP 403 PERMISSION_DENIED: The caller does not have permission.*shared with the service account/);
    expect(wb.meter.calls).toBe(1);
  });

  it('names a 404 for an unknown spreadsheet', () => {
    const wb = workbook('no-such-book');
    expect(() => wb.tables()).toThrow(/HTTP 404 NOT_FOUND: Requested entity was not found.*spreadsheet id/);
  });

  it('after a 401 forgets the token and tries once more with a new one', async () => {
    const id = await spreadsheet();
    await double.seed(id, 'T', ['a'], [['1']]);
    const handed = ['revoked', STATIC];
    let invalidated = 0;
    const auth: AccessTokenProvider = { token: () => handed[Math.min(invalidated, 1)]!, invalidate: () => { invalidated++; } };
    const wb = workbook(id, { auth });
    expect(wb.read([{ table: 'T' }])[0]!.rows).toHaveLength(1);
    expect(invalidated).toBe(1);
    expect(wb.meter.calls).toBe(2);
  });

  it('rejects a malformed request with Google’s error shape (the double is strict)', async () => {
    const id = await spreadsheet();
    await double.seed(id, 'T', ['a'], []);
    const res = transport.request({
      method: 'POST',
      url: `${double.url}/v4/spreadsheets/${id}:batchUpdate`,
      headers: { Authorization: `Bearer ${STATIC}` },
      body: { requests: [{ updateCells: { start: { sheetId: 0 }, rows: [{ values: [{ userEnteredValue: { stringValue: 'x' } }] }] } }] },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 400, message: expect.stringMatching(/At least one field/), status: 'INVALID_ARGUMENT' } });
  });

  it('works through googleapis’ own auth client (OAuth2 with an access token) as the transport', async () => {
    const id = await spreadsheet();
    await double.seed(id, 'T', ['a'], [['via googleapis']]);
    await double.allowToken('gapi-token');
    const gapi = createNodeSheetsTransport({ auth: { kind: 'token', accessToken: 'gapi-token' } });
    const wb = new SheetsWorkbook({ spreadsheetId: id, transport: gapi, root: double.url });
    expect(wb.read([{ table: 'T' }])[0]!.rows[0]!.cells).toEqual(['via googleapis']);
    wb.write({ updates: [], appends: [{ table: 'T', rows: [['written']] }] });
    expect((await double.dump(id, 'T'))!.raw).toEqual([['a'], ['via googleapis'], ['written']]);
  }, 30_000); // googleapis loads slowly on a busy machine
});

describe('SheetsWorkbook with the service account (JWT bearer + token cache)', () => {
  const clientEmail = 'kompetent@municipality-project.iam.gserviceaccount.com';
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const sign = (data: Uint8Array) => cryptoSign('RSA-SHA256', data, keys.privateKey);

  function tokenCache(cache: MemoryCache, meter: Meter, now: () => number, signer = sign): TokenCache {
    return new TokenCache({
      cache, transport, meter, clientEmail, scopes: ['https://www.googleapis.com/auth/spreadsheets'], sign: signer,
      tokenUrl: double.tokenUrl, nowMs: now, sleep: () => undefined,
    });
  }

  it('fetches one token (a counted call), then reuses it across requests and executions until it nearly expires', async () => {
    await double.requireAssertion(keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(), clientEmail);
    const id = await spreadsheet();
    await double.seed(id, 'T', ['a'], [['1']]);
    let now = Date.UTC(2025, 0, 6, 8, 0, 0);
    const cache = new MemoryCache(() => now);
    const meter = new Meter();
    const wb = workbook(id, { meter, auth: tokenCache(cache, meter, () => now) });
    await double.clearLog();
    wb.read([{ table: 'T' }]);
    wb.read([{ table: 'T' }]);
    expect(meter.byKind).toEqual({ 'oauth.token': 1, 'workbook.read': 2 });

    const nextExecution = new Meter();
    now += 50 * 60_000;
    workbook(id, { meter: nextExecution, auth: tokenCache(cache, nextExecution, () => now) }).read([{ table: 'T' }]);
    expect(nextExecution.byKind).toEqual({ 'workbook.read': 1 });

    const later = new Meter();
    now += 6 * 60_000; // 56 minutes: the cache entry (TTL expires_in − 300 s) is gone
    workbook(id, { meter: later, auth: tokenCache(cache, later, () => now) }).read([{ table: 'T' }]);
    expect(later.byKind).toEqual({ 'oauth.token': 1, 'workbook.read': 1 });
    expect((await double.log()).filter((e) => e.route === 'token').map((e) => e.status)).toEqual([200, 200]);
  });

  it('reports a refused assertion clearly', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await double.requireAssertion(keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(), clientEmail);
    const meter = new Meter();
    const tokens = tokenCache(new MemoryCache(), meter, () => Date.now(), (d) => cryptoSign('RSA-SHA256', d, other.privateKey));
    expect(() => tokens.token()).toThrow(/token request failed: HTTP 400 invalid_grant: Invalid JWT Signature/);
    expect(meter.byKind).toEqual({ 'oauth.token': 1 });
  });
});

describe('tab titles (issue 15 §3: Norwegian tabs, English ones of a spreadsheet made before the labels)', () => {
  it('reads a Norwegian-titled tab in one call; an English-titled one costs a refused read and a metadata call once per execution', async () => {
    const id = await spreadsheet();
    await double.seed(id, 'Ansatte', ['Ansatt-ID', 'E-post'], [['e1', 'kari@kommune.example']]);
    await double.seed(id, 'Roles', ['roleId', 'name'], [['r1', 'Sykepleier']]);
    const wb = workbook(id);
    expect(wb.read([{ table: 'Employees' }])[0]!.rows).toHaveLength(1);
    expect(wb.meter.calls).toBe(1);
    wb.meter.reset();
    expect(wb.read([{ table: 'Roles' }])[0]).toMatchObject({ table: 'Roles', exists: true, header: ['roleId', 'name'] });
    expect(wb.meter.byKind).toEqual({ 'workbook.read': 3 }); // 'Roller' refused, the tabs listed, 'Roles' read
    wb.meter.reset();
    wb.read([{ table: 'Roles' }, { table: 'Employees' }]);
    wb.write({ updates: [], appends: [{ table: 'Roles', rows: [['r2', 'Lege']] }] });
    expect(wb.meter.calls).toBe(2); // known from now on in this execution: one read, one write
    expect((await double.dump(id, 'Roles'))!.raw).toEqual([['roleId', 'name'], ['r1', 'Sykepleier'], ['r2', 'Lege']]);
  });
});
