// Entry of the admin CLI (`npx kompetent …`, `npm run cli -- …`): runs one command and exits with its code.
import { processIo } from './io';
import { runCli } from './main';

runCli(process.argv.slice(2), processIo()).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stderr.write(`Unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
