// What `kompetent doctor` checks of the person shards (src/store/shards.ts): each reachable, with both tabs made as the
// records' are and the records' columns, its cells against the budget; and rows still left in the records spreadsheet.
import { personShardName } from '../core/drive-names';
import { columnLabel, fieldOfHeader, tabTitle, tableOfTitle } from '../core/records/labels';
import type { ReadResult } from '../store/ports';
import { namesOf } from '../store/rotation';
import { SHARDED_TABLES, areaOfRow } from '../store/shards';
import type { TableName } from '../core/records/tables';
import type { Finding, Tr } from './doctor';
import { CliError } from './errors';
import type { Google } from './google';
import { ShardedRemote } from './person-shards';
import type { RemoteRecords } from './remote';
import { readTabs, structureProblems, type TabState } from './sheet-setup';

/** Google's cap on one spreadsheet ("up to 10 million cells", Drive help: files you can store). */
export const GOOGLE_CELL_LIMIT = 10_000_000;

export interface ShardProbe { k: number; remote: RemoteRecords; tabs?: TabState[]; gone: boolean }

/** Each shard's tabs (two calls a shard, more for English values); a shard Google answers 404 for is gone. */
export async function probeShards(rr: RemoteRecords): Promise<ShardProbe[]> {
  if (!(rr instanceof ShardedRemote)) return [];
  const out: ShardProbe[] = [];
  for (const [i, remote] of rr.shards.entries()) {
    if (!remote) continue;
    try {
      out.push({ k: i + 1, remote, tabs: await readTabs(remote), gone: false });
    } catch (e) {
      if (!(e instanceof CliError && e.status === 404)) throw e;
      out.push({ k: i + 1, remote, gone: true });
    }
  }
  return out;
}

/** The records with the shards that answered (a gone one left out, so the rest is still read). */
export function readerOf(g: Google, rr: RemoteRecords, probes: ShardProbe[]): RemoteRecords {
  if (!probes.some((p) => p.gone)) return rr;
  return new ShardedRemote(g, rr.spreadsheetId, probes.map((p) => (p.gone ? null : p.remote)));
}

function headerOf(tabs: readonly TabState[], table: TableName): string[] | undefined {
  return tabs.find((t) => tableOfTitle(t.meta.title) === table)?.header;
}

/** One finding for the shards: per shard its rows and cells, and what is wrong with it. */
export function shardFinding(probes: ShardProbe[], recordsTabs: TabState[], raw: Map<TableName, ReadResult>, o: { sa?: string; me: string; budget: number; tr: Tr }):
  Finding | undefined {
  if (probes.length === 0) return undefined;
  const { tr } = o;
  const detail: string[] = [];
  let level: Finding['level'] = 'ok';
  const worse = (l: Finding['level']) => { if (l === 'fail' || (l === 'warn' && level === 'ok')) level = l; };
  let total = 0;
  for (const p of probes) {
    const name = personShardName(p.k);
    if (p.gone || !p.tabs) {
      detail.push(tr('cli.doc.gone', { label: name, id: p.remote.spreadsheetId, me: o.me }));
      worse('fail');
      continue;
    }
    const rows = SHARDED_TABLES.reduce((n, t) => n + (raw.get(t)?.rows.filter((r) => areaOfRow(r.rowNumber) === p.k).length ?? 0), 0);
    total += rows;
    const cells = p.tabs.reduce((n, t) => n + t.meta.rowCount * t.meta.columnCount, 0);
    const share = cells / o.budget;
    detail.push(tr('cli.doc.shard.line', { name, rows, cells, budget: o.budget, percent: Math.round(share * 100), limit: GOOGLE_CELL_LIMIT }));
    worse(share >= 1 ? 'fail' : share >= 0.8 ? 'warn' : 'ok');
    for (const x of structureProblems(p.tabs, o.sa ? [o.sa] : [], SHARDED_TABLES)) {
      detail.push(tr('cli.doc.shard.problem', { name, problem: tr(x.key, x.params) }));
      worse('fail');
    }
    // The records' columns by field (a column HR added there too): a row moved or written here keeps only what both have.
    for (const table of SHARDED_TABLES) {
      const mine = headerOf(p.tabs, table);
      const theirs = headerOf(recordsTabs, table);
      if (!mine || !theirs) continue;
      const have = new Set(namesOf(mine, table));
      const lacking = namesOf(theirs, table).filter((n) => !have.has(n));
      if (lacking.length === 0) continue;
      detail.push(tr('cli.doc.shard.columns', { name, tab: tabTitle(table), list: lacking.map((n) => (fieldOfHeader(table, n) ? columnLabel(table, n) : n)).join(', ') }));
      worse('warn');
    }
  }
  return { area: tr('cli.doc.area.shards'), level, text: tr('cli.doc.shard.summary', { count: probes.length, rows: total }), detail, fix: tr('cli.doc.shard.fix') };
}

/** Rows of the sharded tables still in the records spreadsheet while shards are set up: readable there, to be moved. */
export function leftInRecords(probes: ShardProbe[], raw: Map<TableName, ReadResult>, tr: Tr): Finding | undefined {
  if (probes.length === 0) return undefined;
  const left = SHARDED_TABLES.map((t) => ({ t, n: raw.get(t)?.rows.filter((r) => areaOfRow(r.rowNumber) === 0).length ?? 0 })).filter((x) => x.n > 0);
  if (left.length === 0) return undefined;
  return { area: tr('cli.doc.area.shards'), level: 'warn',
    text: tr('cli.doc.shard.left', { rows: left.reduce((n, x) => n + x.n, 0), tabs: left.map((x) => `${tabTitle(x.t)} ${x.n}`).join(', ') }) };
}
