// The read-model rebuild in the bench as the jobs run it: runs of at most REBUILD_READ_MS of reading each (on the fakes'
// modelled clock), handing over through the cursor, until one run publishes; what each run cost against Google's limit.
import type { localPorts } from '../adapters/memory/memory-services';
import { REBUILD_READ_MS } from '../app/common/rebuild-run';
import { ReadModel } from '../store/read-model';
import { rebuildStep } from '../store/rebuild-resume';
import type { RebuildResult } from '../store/rebuild';

export interface RebuildBench {
  result: RebuildResult;
  executions: number;
  /** Modelled time of each run (the fakes' clock moves by each call's planning cost). */
  runMs: number[];
  /** Characters staged by the runs that handed over (compressed text in the RebuildStage tab). */
  stagedChars: number;
}

export function benchRebuild(ports: ReturnType<typeof localPorts>, opts: { now: () => string; today: string; generation: string }): RebuildBench {
  const clock = ports.services.clock;
  const runMs: number[] = [];
  let stagedChars = 0;
  for (let run = 1; run <= 20; run++) {
    const start = clock.now().getTime();
    const deadline = start + REBUILD_READ_MS;
    let last = start;
    const stop = () => {
      const now = clock.now().getTime();
      const call = now - last;
      last = now;
      return now + call >= deadline;
    };
    ports.meter.beginExecution('job');
    let out;
    try {
      out = rebuildStep(ports.workbook, new ReadModel(ports.cache, () => opts.generation, ports.codec), ports.services.progress, {
        now: opts.now(), today: opts.today, newGeneration: () => opts.generation, codec: ports.codec, stop,
      });
    } finally {
      ports.meter.endExecution();
    }
    runMs.push(clock.now().getTime() - start);
    if (out.done) return { result: out.result, executions: out.executions, runMs, stagedChars };
    stagedChars += out.stagedChars;
    // The next run: the heal job, ten minutes on.
    clock.advance(600_000);
  }
  throw new Error('The rebuild did not finish in 20 runs');
}
