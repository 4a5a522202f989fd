// The records and a person shard read in one round trip (SheetsWorkbook.prepareRead + ShardedWorkbook `together` over the
// transport's requestAll): over real HTTP to the Sheets API double, which counts every request against the quotas.
import { createNodeSheetsTransport } from '../../../src/adapters/node/sheets-node-transport';
import { Meter } from '../../../src/store/ports';
import { ShardedWorkbook } from '../../../src/store/sharded-workbook';
import { storeRow } from '../../../src/store/shards';
import { tabTitle } from '../../../src/core/records/labels';
import { readRound, type AccessTokenProvider, type HttpResponse, type HttpTransport } from '../../../src/adapters/google/transport';
import { SheetsWorkbook } from '../../../src/adapters/google/sheets-workbook';
import { SheetsDouble } from '../../support/sheets-double';

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
beforeEach(async () => {
  await double.advanceClock(60_000);
  await double.clearLog();
});

const EMP = tabTitle('Employees');
const CERT = tabTitle('Certifications');
let n = 0;

/** The records (Employees, old Certifications rows) and one person shard (newer Certifications rows). */
async function sharded(o: { together?: boolean; transport?: HttpTransport; sleeps?: number[] } = {}) {
  const records = `round-records-${++n}`;
  const shard = `round-shard-${n}`;
  await double.create(records);
  await double.create(shard);
  await double.seed(records, EMP, ['id', 'name'], [['e1', 'Kari'], ['e2', 'Ola']]);
  await double.seed(records, CERT, ['certificationId', 'employeeId'], [['c-old', 'e1']]);
  await double.seed(shard, CERT, ['certificationId', 'employeeId'], [['c1', 'e1'], ['c2', 'e2']]);
  const meter = new Meter();
  const t = o.transport ?? transport;
  const book = (spreadsheetId: string) => new SheetsWorkbook({
    spreadsheetId, transport: t, auth: staticAuth, root: double.url, meter, sleep: (ms) => { o.sleeps?.push(ms); },
  });
  const wb = new ShardedWorkbook(book(records), [book(shard)], o.together === false ? {} : { together: readRound(t) });
  return { wb, meter, records, shard };
}

const aPerson = [
  { table: 'Employees', ranges: [{ from: 2, to: 2 }] },
  { table: 'Certifications', ranges: [{ from: 2, to: 2 }, { from: storeRow(1, 2), to: storeRow(1, 3) }] },
];

function expectAnswers(res: ReturnType<ShardedWorkbook['read']>) {
  expect(res[0]!.rows.map((r) => r.cells)).toEqual([['e1', 'Kari']]);
  // A sharded table's rows come in the table's own header (labels in field order), mapped by field from each area's.
  expect(res[1]!.rows.map((r) => [r.rowNumber, ...r.cells.slice(0, 2)])).toEqual([[2, 'c-old', 'e1'], [storeRow(1, 2), 'c1', 'e1'], [storeRow(1, 3), 'c2', 'e2']]);
  expect(res[1]!.areaLastRows).toEqual({ 0: 2, 1: storeRow(1, 3) });
}

describe('ShardedWorkbook over SheetsWorkbooks: several spreadsheets in one round trip', () => {
  it('reads the records and a shard as one round trip, counting both requests for the quota', async () => {
    const { wb, meter, records, shard } = await sharded();
    expectAnswers(wb.read(aPerson));
    expect(meter.calls).toBe(1);
    expect(meter.byKind['workbook.read']).toBe(2); // the Sheets quota (60 reads a minute per user) counts two requests
    expect(meter.alongsideByKind).toEqual({ 'workbook.read': 1 });
    expect(meter.cellsRead).toBe(2 * 2 + 2 * 2 + 3 * 2); // each area's header and rows, as a read alone counts them
    const log = await double.log();
    expect(log.filter((e) => e.route === 'get').map((e) => e.spreadsheetId).sort()).toEqual([records, shard].sort());
  });

  it('reads a whole sharded table (every area) in one round too', async () => {
    const { wb, meter } = await sharded();
    const [certs] = wb.read([{ table: 'Certifications' }]);
    expect(certs!.rows.map((r) => r.cells[0])).toEqual(['c-old', 'c1', 'c2']);
    expect(meter.calls).toBe(1);
  });

  it('without `together` reads one spreadsheet after another, as before (two round trips)', async () => {
    const { wb, meter } = await sharded({ together: false });
    expectAnswers(wb.read(aPerson));
    expect(meter.calls).toBe(2);
    expect(meter.byKind['workbook.read']).toBe(2);
    expect(meter.alongsideByKind).toEqual({});
  });

  it('a read of one spreadsheet is one plain request, no round', async () => {
    let rounds = 0;
    const counting: HttpTransport = { request: (r) => transport.request(r), requestAll: (rs) => { rounds++; return transport.requestAll!(rs); } };
    const { wb, meter } = await sharded({ transport: counting });
    const [emp] = wb.read([{ table: 'Employees' }]);
    expect(emp!.rows).toHaveLength(2);
    expect(rounds).toBe(0);
    expect(meter.calls).toBe(1);
    expect(meter.byKind['workbook.read']).toBe(1);
    expect(meter.alongsideByKind).toEqual({});
  });

  it('a 429 on one of the round falls back to that spreadsheet’s usual read (backoff, retry) and still answers right', async () => {
    const sleeps: number[] = [];
    const { wb, meter } = await sharded({ sleeps });
    await double.fail({ route: 'get', status: 429, retryAfter: 2 });
    expectAnswers(wb.read(aPerson));
    expect(sleeps).toEqual([2000]);
    expect(meter.calls).toBe(2); // the round, then the one retry
    expect(meter.byKind['workbook.read']).toBe(3);
    const log = await double.log();
    expect(log.filter((e) => e.route === 'get').map((e) => e.status).sort()).toEqual([200, 200, 429]);
  });

  it('a round that fails as a whole (no connection) reads each spreadsheet the usual way', async () => {
    const failing: HttpTransport = { request: (r) => transport.request(r), requestAll: () => { throw new Error('Address unavailable'); } };
    const { wb, meter } = await sharded({ transport: failing });
    expectAnswers(wb.read(aPerson));
    expect(meter.calls).toBe(3);
  });

  it('a refused token in the round (401) is renewed once, as a read alone does', async () => {
    const handed = ['revoked', STATIC];
    let invalidated = 0;
    const auth: AccessTokenProvider = { token: () => handed[Math.min(invalidated, 1)]!, invalidate: () => { invalidated++; } };
    const meter = new Meter();
    const ids = [`round-401-${++n}`, `round-401s-${n}`];
    for (const id of ids) await double.create(id);
    await double.seed(ids[0]!, EMP, ['id'], [['e1']]);
    await double.seed(ids[1]!, CERT, ['certificationId'], [['c1']]);
    const book = (spreadsheetId: string) => new SheetsWorkbook({ spreadsheetId, transport, auth, root: double.url, meter, sleep: () => undefined });
    const wb = new ShardedWorkbook(book(ids[0]!), [book(ids[1]!)], { together: readRound(transport) });
    const [emp, certs] = wb.read([{ table: 'Employees' }, { table: 'Certifications', ranges: [{ from: storeRow(1, 2) }] }]);
    expect(emp!.rows.map((r) => r.cells)).toEqual([['e1']]);
    expect(certs!.rows.map((r) => r.cells[0])).toEqual(['c1']);
    expect(invalidated).toBe(1);
    expect(meter.calls).toBe(3); // the round (both refused), then each again with the new token
  });

  it('a shard whose tab still has its English name (a range refused in the round) is read by learning its grid', async () => {
    const meter = new Meter();
    const ids = [`round-en-${++n}`, `round-ens-${n}`];
    for (const id of ids) await double.create(id);
    await double.seed(ids[0]!, EMP, ['id'], [['e1']]);
    await double.seed(ids[1]!, 'Certifications', ['certificationId'], [['c1']]);
    const book = (spreadsheetId: string) => new SheetsWorkbook({ spreadsheetId, transport, auth: staticAuth, root: double.url, meter, sleep: () => undefined });
    const wb = new ShardedWorkbook(book(ids[0]!), [book(ids[1]!)], { together: readRound(transport) });
    const [emp, certs] = wb.read([{ table: 'Employees' }, { table: 'Certifications', ranges: [{ from: storeRow(1, 2) }] }]);
    expect(emp!.rows.map((r) => r.cells)).toEqual([['e1']]);
    expect(certs!.rows.map((r) => r.cells[0])).toEqual(['c1']);
    expect(meter.calls).toBe(3); // the round, the shard's metadata, its read again
  });

  it('an answer that is no HTTP response is read again the usual way', async () => {
    const odd: HttpTransport = { request: (r) => transport.request(r), requestAll: (rs) => rs.map(() => undefined as unknown as HttpResponse) };
    const { wb, meter } = await sharded({ transport: odd });
    expectAnswers(wb.read(aPerson));
    expect(meter.calls).toBe(3);
  });
});
