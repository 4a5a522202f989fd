// `npx kompetent` end to end: the bin shim bundles the CLI when needed and runs it as a process, exit codes included.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { TOKEN, fixture, startDoubles, testIo, type Doubles } from './support/harness';
import { municipality } from './support/municipality';

let d: Doubles;
beforeAll(async () => { d = await startDoubles(); });
afterAll(async () => { await d.sheets.stop(); });

const BIN = path.join(__dirname, '..', '..', 'bin', 'kompetent.js');

it('runs a dry-run import against the double and exits 1 for its rejects; --help exits 0', async () => {
  const io = testIo(d);
  await municipality(d, io);
  // The report follows the person's locale from the environment: a Norwegian one here (LC_ALL unset, LANG nb_NO).
  const env = { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'nb_NO.UTF-8', KOMPETENT_GOOGLE_ROOT_URL: d.sheets.url, KOMPETENT_ACCESS_TOKEN: TOKEN, INIT_CWD: io.cwd };
  const run = spawnSync(process.execPath, [BIN, 'import', fixture('kursoversikt-helse.csv'), '--dry-run'], { cwd: io.cwd, env, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(1);
  expect(run.stdout).toContain('  rad 13    avvis     ukjent enhet «Nordpolen»\n');
  expect(run.stdout.trimEnd().split('\n').pop()).toBe('Prøvekjøring: ingenting er skrevet. 5 rader ville blitt avvist.');
  const help = spawnSync(process.execPath, [BIN, 'import', '--help'], { cwd: io.cwd, env, encoding: 'utf8' });
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('Bruk: kompetent import <file> [valg]'); // help in the admin's language too (issue 15)
  expect(help.stdout).toContain('  --dry-run                vis hva som ville blitt lagt til, endret eller avvist, og skriv ingenting');
  const bad = spawnSync(process.execPath, [BIN, 'import', fixture('bilde.csv')], { cwd: io.cwd, env, encoding: 'utf8' });
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain('Feil: bilde.csv er ikke et regneark eller en CSV-fil'); // usage errors in the locale too
}, 60_000);
