// The standing heal job (every 10 minutes, owned by the Kompetent account): a rebuild someone asked for, or the packs the
// cache lost put back from their durable copy, so eviction costs users at most a few cold requests.
import { DURABLE_TABLE, durableRequest, durableTexts } from '../../store/durable';
import { allPacks, durablePacks, REBUILD_FLAG } from '../../store/packs';
import type { JobEnv } from '../pipeline/handler';
import { rebuildRun } from './rebuild-run';

/** `continuing`: a rebuild run that read what it could and handed over to the next run (the old views still serve). */
export interface HealResult { rebuilt: boolean; refilled: string[]; continuing?: boolean }

export function healReadModel(env: JobEnv): HealResult {
  const cache = env.ports.cache;
  const asked = cache.getAll([REBUILD_FLAG])[REBUILD_FLAG] !== undefined;
  env.rm.loadPacks(allPacks());
  const missing = durablePacks().filter((p) => !env.rm.has(p));
  const rebuild = (): HealResult => {
    const out = rebuildRun(env, { lease: true });
    if (!out?.done) return { rebuilt: false, refilled: [], continuing: !!out };
    cache.removeAll([REBUILD_FLAG]);
    return { rebuilt: true, refilled: [] };
  };
  // Asked for (or a rebuild under way handed over: it leaves the flag), or the list of who changed since the rebuild is
  // gone (records rebuilt then are no longer trusted): a rebuild, or its next run.
  if (asked || !env.rm.has('pstale')) return rebuild();
  if (missing.length === 0) return { rebuilt: false, refilled: [] };
  const request = durableRequest(missing);
  const [result] = request ? env.ports.workbook.read([request]) : [];
  const texts = durableTexts(result?.table === DURABLE_TABLE ? result : undefined);
  if (missing.some((p) => !texts.has(p))) return rebuild();
  for (const [pack, { text }] of texts) {
    const value = env.rm.decodeText(text);
    if (!value) return rebuild();
    // What a request wrote into the lost pack since (a partial pack) stays on top of the durable copy.
    const partial = env.rm.pack(pack);
    env.rm.putPack(pack, partial ? { ...value, e: { ...value.e, ...partial.e } } : value);
  }
  env.rm.flush();
  return { rebuilt: false, refilled: missing };
}
