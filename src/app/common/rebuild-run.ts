// One run of the read-model rebuild from a job (the hourly trigger, the heal job, an administrator's "refresh now"): it
// reads until its time is nearly spent and hands over to the next trigger run through a cursor (src/store/rebuild-resume.ts).
import { REBUILD_FLAG } from '../../store/packs';
import { TTL_SECONDS } from '../../store/read-model';
import { rebuildStep, type StepOutcome } from '../../store/rebuild-resume';
import { ACTIONS } from '../../contract/actions';
import type { JobEnv } from '../pipeline/handler';
import { releaseLease, takeLease } from '../pipeline/job-lease';
import { stampRebuild } from './rebuild-stamp';

/**
 * How long a run reads before it hands over: Google stops any execution after 6 minutes; the rest is left for writing
 * the stage (or, in the last run, reading it back, building the views and writing them) — DESIGN.md asks for each run
 * under 5 minutes.
 */
export const REBUILD_READ_MS = 180_000;

/**
 * Runs one step of the rebuild. `lease`: take the rebuild job's lease first (the heal job and the console), so two runs
 * never go on from the same cursor at once; the hourly trigger's own run already holds it. Undefined when another run
 * holds it.
 */
export function rebuildRun(env: JobEnv, opts: { lease?: boolean } = {}): StepOutcome | undefined {
  const holder = opts.lease ? takeLease(env.ports, ACTIONS.jobRebuild, env.ports.ids.next('run')) : undefined;
  if (opts.lease && !holder) return undefined;
  try {
    const clock = () => env.ports.clock.now().getTime();
    const deadline = Date.parse(env.now) + REBUILD_READ_MS;
    // Asked before each read call but the first: one call happened since it was last asked, so the next is expected to
    // take as long; stop when it would end past the deadline.
    let last = Date.parse(env.now);
    const stop = () => {
      const now = clock();
      const call = now - last;
      last = now;
      return now + call >= deadline;
    };
    const out = rebuildStep(env.ports.workbook, env.rm, env.ports.progress, {
      now: env.now, today: env.today, newGeneration: () => env.newId('g'), codec: env.ports.codec, stop,
    });
    if (out.done) {
      env.ports.log.info('read model rebuilt', { persons: out.result.personViews, issues: out.result.health.total, executions: out.executions });
      stampRebuild(env, out.result.meta.builtAt);
    } else {
      env.ports.log.info('read model rebuild continues in the next run', { executions: out.executions, next: out.next, stagedChars: out.stagedChars });
      // The heal job (every 10 minutes) goes on from the cursor; the hourly rebuild would too, should the flag be evicted.
      env.ports.cache.putAll({ [REBUILD_FLAG]: '1' }, TTL_SECONDS);
    }
    return out;
  } finally {
    if (holder) releaseLease(env.ports, ACTIONS.jobRebuild, holder);
  }
}
