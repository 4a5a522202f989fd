// `npm run bench`: figures at municipal scale (BENCH_EMPLOYEES, 15,000 by default; BENCH_CHAT_SHARE, the share of staff with
// the Chat app, 0.5 by default) — calls, cells, sizes and times, each against its limit with ✓ or ✗ (src/bench/run.ts).
import { failed, runBench } from './run';

runBench(Number(process.env.BENCH_EMPLOYEES ?? 15_000), console.log, Number(process.env.BENCH_CHAT_SHARE ?? 0.5)).catch(failed);
