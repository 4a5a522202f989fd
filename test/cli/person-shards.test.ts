// Person shards through the CLI against the Sheets/Drive double: provision --move-person-rows copies each row to its
// employee's shard, verifies it there before deleting it from the records, and moves nothing on a rerun; a copy whose
// answer was lost is not copied twice; Google's per-minute quota is waited out; export's backup and import read the shards'
// rows, and an import writes a new certification to its employee's shard.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tabTitle } from '../../src/core/records/labels';
import { headerOf, type TableName } from '../../src/core/records/tables';
import { SHARDED_TABLES, SHARD_SPAN, shardOfEmployee } from '../../src/store/shards';
import { columnMap } from '../../src/core/records/labels';
import { ShardedRemote, openRecords, shardIdsFor } from '../../src/cli/person-shards';
import { connect } from '../../src/cli/google';
import { movePersonRows } from '../../src/cli/move-person-rows';
import { RemoteRecords } from '../../src/cli/remote';
import { TOKEN, cli, config, emptyDrive, fixture, provisioned, sheetsClient, startDoubles, testIo, type Doubles, type TestIo } from './support/harness';
import { municipality, table } from './support/municipality';

let d: Doubles;
beforeAll(async () => { d = await startDoubles(); });
afterAll(async () => { await d.sheets.stop(); });
beforeEach(async () => { await emptyDrive(d); });

async function append(id: string, t: TableName, rows: string[][]): Promise<void> {
  const res = await sheetsClient(d).spreadsheets.get({ spreadsheetId: id, fields: 'sheets(properties(sheetId,title))' });
  const sheetId = res.data.sheets!.find((s) => s.properties?.title === tabTitle(t))!.properties!.sheetId ?? 0;
  await sheetsClient(d).spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ appendCells: {
    sheetId, fields: 'userEnteredValue', rows: rows.map((r) => ({ values: r.map((v) => (v ? { userEnteredValue: { stringValue: v } } : {})) })),
  } }] } });
}

const cert = (i: number, employee: string) => [`c${i}`, employee, 'brannvern', `2025-01-${String(1 + (i % 28)).padStart(2, '0')}`, '', 'kurs', '', '', 'gyldig', ''];
const shardIds = (io: TestIo) => (config(io) as unknown as { shardIds: string[] }).shardIds;
/** A tab's data rows as text, sorted (the order rows land in is not what is checked). */
const rowsOf = async (id: string, t: TableName) => {
  const dump = await d.sheets.dump(id, tabTitle(t));
  const width = headerOf(t).length;
  return (dump?.raw ?? []).slice(1).map((r) => Array.from({ length: width }, (_, i) => (r[i] === null || r[i] === undefined ? '' : String(r[i]))).join('|')).sort();
};

/** A provisioned set-up with two shards, and rows from before sharding in the records spreadsheet. */
async function sharded(io: TestIo, certs: string[][], skills: string[][] = []): Promise<{ id: string; ids: string[] }> {
  const id = await provisioned(io);
  expect(await cli(io, ['provision', '--person-shards', '2'])).toBe(0);
  await append(id, 'Certifications', certs);
  if (skills.length) await append(id, 'SkillAssessments', skills);
  return { id, ids: shardIds(io) };
}

describe('provision --move-person-rows', () => {
  it('moves each row into its employee\'s shard, verified there before it is deleted from the records; a rerun moves nothing', async () => {
    const io = testIo(d);
    const people = Array.from({ length: 12 }, (_, i) => `e${i + 1}`);
    const certs = [...people.flatMap((e, i) => [cert(2 * i, e), cert(2 * i + 1, e)]), cert(99, '')];
    const skills = people.slice(0, 5).map((e) => [e, 'e-post', '2', '2026-01-10']);
    const { id, ids } = await sharded(io, certs, skills);
    const before = { certs: await rowsOf(id, 'Certifications'), skills: await rowsOf(id, 'SkillAssessments') };

    expect(await cli(io, ['provision', '--move-person-rows'])).toBe(0);
    const out = io.text();
    expect(out).toContain('Sertifiseringer: 25 rows in the records spreadsheet; 24 copied to the person shards, 24 deleted from the records after checking');
    expect(out).toContain('Digitale ferdigheter: 5 rows in the records spreadsheet; 5 copied to the person shards, 5 deleted from the records after checking');
    // A row with no employee id belongs to no shard: it stays, and is said.
    expect(out).toContain('! Sertifiseringer: 1 row without an employee number stays in the records spreadsheet');
    expect(out).toContain('The rows have moved: run jobRebuildReadModel');

    // Each row is in its employee's shard (src/store/shards.ts), once; only the row with no employee is left in the records.
    for (const [t, all] of [['Certifications', before.certs], ['SkillAssessments', before.skills]] as const) {
      const inShards = [...await rowsOf(ids[0]!, t), ...await rowsOf(ids[1]!, t)].sort();
      const left = await rowsOf(id, t);
      expect([...inShards, ...left].sort()).toEqual(all);
      for (const [k, sid] of ids.entries()) {
        for (const r of await rowsOf(sid, t)) expect(shardOfEmployee(r.split('|')[t === 'Certifications' ? 1 : 0]!, 2)).toBe(k + 1);
      }
    }
    expect(await rowsOf(id, 'Certifications')).toEqual([cert(99, '').join('|')]);
    expect(await rowsOf(id, 'SkillAssessments')).toEqual([]);

    // Again: nothing copied, nothing deleted, no write at all.
    const shardsBefore = await Promise.all(ids.map((s) => rowsOf(s, 'Certifications')));
    await d.sheets.clearLog();
    expect(await cli(io, ['provision', '--move-person-rows'])).toBe(0);
    expect(io.text()).toContain('Sertifiseringer: 1 row in the records spreadsheet; 0 copied to the person shards, 0 deleted from the records after checking');
    expect((await d.sheets.log()).filter((l) => l.method !== 'GET' && l.route !== 'unknown')).toEqual([]);
    expect(await Promise.all(ids.map((s) => rowsOf(s, 'Certifications')))).toEqual(shardsBefore);

    // The backup holds every row, wherever it lives (the local workspace opens a backup folder as its data).
    const dir = path.join(io.cwd, 'backup');
    expect(await cli(io, ['export', '--backup', dir])).toBe(0);
    const csv = fs.readFileSync(path.join(dir, 'Sertifiseringer.csv'), 'utf8').trim().split(/\r?\n/);
    expect(csv).toHaveLength(1 + certs.length);
    // In Norwegian by default (a minute later: the double counts Google's reads per minute as Google does).
    await d.sheets.advanceClock(60_000);
    const nb = testIo(d, { cwd: io.cwd, env: { LANG: '' } });
    expect(await cli(nb, ['provision', '--move-person-rows'])).toBe(0);
    expect(nb.text()).toContain('Sertifiseringer: 1 rad i registerarket; 0 kopiert til personregistrene, 0 slettet fra registerarket etter kontroll');
  }, 30_000);

  it('a copy whose answer was lost is not copied twice, and nothing leaves the records before its shard holds it', async () => {
    const io = testIo(d);
    const certs = Array.from({ length: 10 }, (_, i) => cert(i, `e${i}`));
    const { id, ids } = await sharded(io, certs);
    const all = await rowsOf(id, 'Certifications');
    // Provision first extends the drop-down lists over the rows appended by hand (a write of its own).
    expect(await cli(io, ['provision'])).toBe(0);
    // The first copy is applied, then its answer is lost (a 500 after the work: Google did it, the CLI cannot know).
    await d.sheets.fail({ route: 'batchUpdate', status: 500, after: true });
    expect(await cli(io, ['provision', '--move-person-rows'])).not.toBe(0);
    expect(await rowsOf(id, 'Certifications')).toEqual(all);
    const copied = (await rowsOf(ids[0]!, 'Certifications')).length + (await rowsOf(ids[1]!, 'Certifications')).length;
    expect(copied).toBeGreaterThan(0);
    expect(copied).toBeLessThan(10);

    expect(await cli(io, ['provision', '--move-person-rows'])).toBe(0);
    expect(io.text()).toContain(`Sertifiseringer: 10 rows in the records spreadsheet; ${10 - copied} copied to the person shards, 10 deleted from the records after checking`);
    expect([...await rowsOf(ids[0]!, 'Certifications'), ...await rowsOf(ids[1]!, 'Certifications')].sort()).toEqual(all);
    expect(await rowsOf(id, 'Certifications')).toEqual([]);
  }, 30_000);
});

describe('movePersonRows', () => {
  it('waits out Google\'s per-minute quota and goes on (a refused call was not applied)', async () => {
    const io = testIo(d);
    const { id, ids } = await sharded(io, [cert(1, 'e1'), cert(2, 'e2'), cert(3, 'e3')]);
    const g = connect({ accessToken: TOKEN, rootUrl: d.sheets.url });
    const waits: number[] = [];
    // Past the retries googleapis makes of a GET by itself (gaxios: 3).
    await d.sheets.fail({ route: 'get', status: 429, times: 4 });
    const moved = await movePersonRows(new RemoteRecords(g, id), ids.map((s) => new RemoteRecords(g, s)), async (ms) => { waits.push(ms); await d.sheets.advanceClock(ms); });
    expect(waits).toEqual([61_000]);
    expect(moved[0]).toMatchObject({ table: 'Certifications', rows: 3, copied: 3, removed: 3, noEmployee: 0, unverified: [] });
    expect(moved[1]).toMatchObject({ table: 'SkillAssessments', rows: 0, copied: 0, removed: 0 });
    expect(await rowsOf(id, 'Certifications')).toEqual([]);
  }, 30_000);
});

describe('import with person shards', () => {
  it('writes each new certification to its employee\'s shard and its Audit row to the records; a re-import writes nothing', async () => {
    const io = testIo(d);
    const id = await municipality(d, io);
    const ids = [`${id}-p1`, `${id}-p2`];
    for (const s of ids) {
      await d.sheets.create(s);
      for (const t of SHARDED_TABLES) await d.sheets.seed(s, t, headerOf(t), []);
    }
    fs.writeFileSync(path.join(io.cwd, 'kompetent.json'), JSON.stringify({ spreadsheetId: id, personShards: 2, shardIds: ids }));
    expect(await cli(io, ['import', fixture('kursoversikt-helse.csv'), '--accept-rejects'])).toBe(0);
    expect(io.text()).toContain('Written: 2 employees added, 0 changed, 4 certifications added (6 audit rows');
    // The municipality's tabs are under the tables' English names (a spreadsheet from before the labels).
    const certs = async (sid: string) => (await table(d, sid, 'Certifications')).slice(1);
    expect((await certs(id)).map((r) => r[0])).toEqual(['cert-1']);
    const added = [...await certs(ids[0]!), ...await certs(ids[1]!)];
    expect(added.map((r) => `${r[1]} ${r[2]}`).sort()).toEqual(['1001 d-hlr', '1004 d-hlr', '1004 legemiddel', '1005 forstehjelp-barn']);
    for (const [k, sid] of ids.entries()) for (const r of await certs(sid)) expect(shardOfEmployee(r[1]!, 2)).toBe(k + 1);
    const audit = (await table(d, id, 'Audit')).slice(1);
    expect(audit.filter((a) => a[3] === 'Sertifiseringer').map((a) => a[4]).sort()).toEqual(added.map((r) => r[0]).sort());

    // The certifications in the shards count as recorded: nothing is written again.
    const after = await Promise.all([id, ...ids].map((sid) => certs(sid)));
    expect(await cli(io, ['import', fixture('kursoversikt-helse.csv'), '--accept-rejects'])).toBe(0);
    expect(io.text()).toContain('Nothing to write: everything in the file is already in the records.');
    expect(await Promise.all([id, ...ids].map((sid) => certs(sid)))).toEqual(after);
  }, 30_000);
});

describe('ShardedRemote (the CLI\'s records with their person shards)', () => {
  it('reads a sharded table from the records and every shard, shard rows under their store row numbers, in the records\' column order', async () => {
    const io = testIo(d);
    const { id, ids } = await sharded(io, [cert(1, 'e1')]);
    await append(ids[1]!, 'Certifications', [cert(2, 'e2')]);
    const g = connect({ accessToken: TOKEN, rootUrl: d.sheets.url });
    const rr = openRecords(g, id, config(io) as never);
    expect(rr).toBeInstanceOf(ShardedRemote);
    const r = (await rr.read(['Certifications', 'Employees'])).get('Certifications')!;
    expect(r.rows.map((x) => x.rowNumber)).toEqual([2, 2 * SHARD_SPAN + 2]);
    expect(r.rows[1]!.cells.slice(0, 2)).toEqual(['c2', 'e2']);
    // The records' own last row: what the CLI appends goes to the records spreadsheet.
    expect(r.lastRow).toBe(2);
    expect(r.areaLastRows).toEqual({ 0: 2, 1: SHARD_SPAN + 1, 2: 2 * SHARD_SPAN + 2 });
    // A row in a shard is never written through it.
    await expect(rr.writeUnits([{ table: 'Certifications', rowNumber: 2 * SHARD_SPAN + 2, column: 9, value: 'x' }], [], () => undefined))
      .rejects.toThrow(/person shard/);
    // Shards belong to the records spreadsheet kompetent.json names; another spreadsheet is read alone.
    expect(shardIdsFor({ spreadsheetId: id, shardIds: ids }, 'another')).toEqual([]);
    expect(openRecords(g, 'another', { spreadsheetId: id, shardIds: ids })).not.toBeInstanceOf(ShardedRemote);
  });

  it('maps columns by field, whatever their order or label', () => {
    const header = headerOf('Certifications');
    expect(columnMap('Certifications', ['Ansatt-ID', 'certificationId'], header).slice(0, 3)).toEqual([1, 0, -1]);
  });
});

describe('review (session 19): the move and the app at the same time', () => {
  it('a row changed in the records between its copy and its delete (the app verifies it; no lock is shared) does not end up twice', async () => {
    const io = testIo(d);
    const { id, ids } = await sharded(io, [cert(1, 'e1'), cert(2, 'e2')]);
    const g = connect({ accessToken: TOKEN, rootUrl: d.sheets.url });
    const records = new RemoteRecords(g, id);
    const meta = records.meta.bind(records);
    let edited = false;
    let calls = 0;
    // deleteVerified asks for the tabs after every copy and before the first delete: the app's commit lands then, changing
    // c1's state in the records (row 2, column I) as verify.ts would.
    records.meta = async () => {
      // The first call is the scan's own (RemoteRecords.read learns the tabs); the next is deleteVerified's.
      if (!edited && ++calls === 2) {
        edited = true;
        const res = await sheetsClient(d).spreadsheets.get({ spreadsheetId: id, fields: 'sheets(properties(sheetId,title))' });
        const sheetId = res.data.sheets!.find((s) => s.properties?.title === tabTitle('Certifications'))!.properties!.sheetId ?? 0;
        await sheetsClient(d).spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ updateCells: {
          start: { sheetId, rowIndex: 1, columnIndex: 9 }, fields: 'userEnteredValue', rows: [{ values: [{ userEnteredValue: { stringValue: 'sjekket' } }] }],
        } }] } });
      }
      return meta();
    };
    await movePersonRows(records, ids.map((s) => new RemoteRecords(g, s)));
    expect(edited).toBe(true);
    // The rerun the README advises ("safe to rerun").
    await d.sheets.advanceClock(60_000);
    await movePersonRows(new RemoteRecords(g, id), ids.map((s) => new RemoteRecords(g, s)));
    const everywhere = [...await rowsOf(id, 'Certifications'), ...await rowsOf(ids[0]!, 'Certifications'), ...await rowsOf(ids[1]!, 'Certifications')];
    // Each certification once, wherever it lives: two rows with the key c1 make the store's reads ambiguous.
    expect(everywhere.map((r) => r.split('|')[0]).sort()).toEqual(['c1', 'c2']);
  }, 30_000);
});

describe('review (session 19): import when the records refuse the write after the shards took theirs', () => {
  it('leaves no certification in a shard without its Audit row, not even after the rerun', async () => {
    const io = testIo(d);
    const id = await municipality(d, io);
    const ids = [`${id}-p1`, `${id}-p2`];
    for (const s of ids) {
      await d.sheets.create(s);
      for (const t of SHARDED_TABLES) await d.sheets.seed(s, t, headerOf(t), []);
    }
    fs.writeFileSync(path.join(io.cwd, 'kompetent.json'), JSON.stringify({ spreadsheetId: id, personShards: 2, shardIds: ids }));
    // The records' next write is refused (400: not applied); the shards' writes, made first, landed.
    await d.sheets.fail({ route: 'batchUpdate', status: 400, spreadsheetId: id, times: 1 });
    expect(await cli(io, ['import', fixture('kursoversikt-helse.csv'), '--accept-rejects'])).not.toBe(0);
    // The operator runs it again, as a failed import invites.
    expect(await cli(io, ['import', fixture('kursoversikt-helse.csv'), '--accept-rejects'])).toBe(0);
    const certs = async (sid: string) => (await table(d, sid, 'Certifications')).slice(1);
    const inShards = [...await certs(ids[0]!), ...await certs(ids[1]!)].map((r) => r[0]!).sort();
    const audited = (await table(d, id, 'Audit')).slice(1).filter((a) => a[3] === 'Sertifiseringer').map((a) => a[4]!);
    expect(inShards.length).toBeGreaterThan(0);
    expect(inShards.filter((c) => !audited.includes(c))).toEqual([]);
  }, 30_000);
});
