// `provision --person-shards N`: the person shards beside the records (src/store/shards.ts), found by id or name, made
// when missing, shared as the records are, with the Certifications and SkillAssessments tabs set up as the records' are.
import { personShardName } from '../core/drive-names';
import type { MessageKey, Params } from '../core/i18n';
import { SHARDED_TABLES } from '../store/shards';
import type { Parsed } from './args';
import { str } from './args';
import type { Config } from './config';
import { SPREADSHEET, ensureChild, findChild, type Found } from './drive';
import { msg, usageError } from './errors';
import type { Google } from './google';
import { RemoteRecords } from './remote';
import { planStructure, readTabs } from './sheet-setup';

/** How many person shards to keep: --person-shards, else kompetent.json's personShards, else as many as it names. */
export function shardCountOf(p: Parsed, config: Config): number {
  const given = str(p, 'person-shards');
  if (given === undefined) return config.personShards ?? config.shardIds?.length ?? 0;
  if (!/^\d{1,3}$/.test(given)) throw usageError(msg('cli.prov.shardsBad', { value: given }), msg('cli.prov.shardsBadHint'));
  return Number(given);
}

export interface ShardsDone {
  ids: string[];
  notes: string[];
}

/**
 * Finds or makes shards 1 … `count` in `folder` (the records' folder): each by its id in kompetent.json, else by its name,
 * else created. Fewer than there are is refused (their rows would no longer be read): the shards named in kompetent.json,
 * and one more found by name in the folder, count as there. Their tabs are planned as the records' are (sheet-setup.ts).
 */
export async function ensureShards(g: Google, config: Config, count: number, folder: string, editors: string[],
  tr: (key: MessageKey, params?: Params) => string, said: { note(what: string, f: Found): void; made(text: string): void }): Promise<ShardsDone> {
  const known = config.shardIds ?? [];
  if (count < known.length) throw usageError(msg('cli.prov.fewerShards', { have: known.length, want: count }), msg('cli.prov.fewerShardsHint', { have: known.length }));
  if (count > 0 && await findChild(g, folder, personShardName(count + 1), SPREADSHEET)) {
    throw usageError(msg('cli.prov.fewerShards', { have: count + 1, want: count }), msg('cli.prov.fewerShardsHint', { have: count + 1 }));
  }
  const out: ShardsDone = { ids: [], notes: [] };
  for (let k = 1; k <= count; k++) {
    const name = personShardName(k);
    const f = await ensureChild(g, known[k - 1], folder, name, SPREADSHEET);
    said.note(tr('cli.prov.spreadsheet', { name }), f);
    const rr = new RemoteRecords(g, f.id);
    const plan = planStructure(await readTabs(rr), editors, f.created, SHARDED_TABLES);
    await rr.batchUpdate(plan.requests, msg('cli.what.setupShard', { name }));
    for (const a of plan.actions) said.made(`${name}: ${tr(a.key, a.params)}`);
    for (const n of plan.notes) out.notes.push(`${name}: ${tr(n.key, n.params)}`);
    out.ids.push(f.id);
  }
  return out;
}

/** The Script Property line of the remaining steps (empty without shards). */
export function shardStepLine(ids: readonly string[]): string {
  return ids.length === 0 ? '' : `\n       RECORDS_SHARD_IDS      = ${ids.join(',')}`;
}
