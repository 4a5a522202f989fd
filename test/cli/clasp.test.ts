// push / deploy: the checks, then the Apps Script bundle, then clasp, with the commands checked (none of them is run); the
// fast checks when asked (--skip-browser-tests) or when Chromium is missing, said before and after.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import type { Io } from '../../src/cli/io';
import { CHROMIUM } from '../../src/cli/clasp';

function io(lang = 'en_GB.UTF-8'): Io & { out: jest.Mock; err: jest.Mock } {
  return { out: jest.fn(), err: jest.fn(), errRaw: () => undefined, errIsTTY: false, cwd: os.tmpdir(), env: { LANG: lang }, now: () => new Date() };
}

function project(scriptId: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kompetent-clasp-'));
  fs.writeFileSync(path.join(root, '.clasp.json'), JSON.stringify({ scriptId, rootDir: 'build' }));
  return root;
}

it('push runs the checks, builds the bundle, then runs clasp push --force in the project folder', async () => {
  const root = project('1AbCdEf');
  const calls: string[][] = [];
  const spawn = async (cmd: string, args: string[], cwd: string) => { calls.push([path.basename(cmd), ...args, `@${cwd}`]); return 0; };
  expect(await runCli(['push'], io(), { spawn, root, chromium: () => true })).toBe(0);
  expect(calls).toEqual([
    [process.platform === 'win32' ? 'npm.cmd' : 'npm', 'run', 'check', `@${root}`],
    [path.basename(process.execPath), path.join(root, 'scripts', 'build.mjs'), 'gas', `@${root}`],
    ['npx', 'clasp', 'push', '--force', `@${root}`],
  ]);
});

it('deploy passes the deployment id, description and project file to clasp', async () => {
  const root = project('1AbCdEf');
  const calls: string[][] = [];
  const spawn = async (_cmd: string, args: string[]) => { calls.push(args); return 0; };
  fs.writeFileSync(path.join(root, 'bound.clasp.json'), JSON.stringify({ scriptId: 'bound-1' }));
  expect(await runCli(['deploy', '--project', 'bound.clasp.json', '--deployment-id', 'AKfy1', '--description', 'Vårkurs'], io(), { spawn, root, chromium: () => true })).toBe(0);
  expect(calls.slice(2)).toEqual([
    ['clasp', '--project', 'bound.clasp.json', 'push', '--force'],
    ['clasp', '--project', 'bound.clasp.json', 'deploy', '--deploymentId', 'AKfy1', '--description', 'Vårkurs'],
  ]);
});

it('refuses a project without a script id, and reports a failed step', async () => {
  const spawn = jest.fn(async () => 0);
  const out = io();
  expect(await runCli(['push'], out, { spawn, root: project('REPLACE_WITH_YOUR_SCRIPT_ID'), chromium: () => true })).toBe(2);
  expect(out.err.mock.calls[0][0]).toBe('Error: .clasp.json has no script id yet.');
  expect(spawn).not.toHaveBeenCalled();
  const failing = io();
  expect(await runCli(['push'], failing, { spawn: async (_c, args) => (args.includes('push') ? 1 : 0), root: project('1AbC'), chromium: () => true })).toBe(1);
  expect(failing.err.mock.calls.map((c) => c[0])).toContain('Error: clasp push failed (exit code 1).');
});

it('pushes nothing when the checks fail', async () => {
  const calls: string[][] = [];
  const out = io();
  const spawn = async (_cmd: string, args: string[]) => { calls.push(args); return args.includes('check') ? 1 : 0; };
  expect(await runCli(['deploy'], out, { spawn, root: project('1AbC'), chromium: () => true })).toBe(1);
  expect(calls).toEqual([['run', 'check']]);
  expect(out.err.mock.calls.map((c) => c[0])).toContain('Error: run the checks (npm run check) failed (exit code 1).');
});

/** Runs a command with a recording spawner; what it ran and what it said, in order. */
async function record(argv: string[], opts: { chromium: boolean; lang?: string }) {
  const root = project('1AbCdEf');
  const ran: string[][] = [];
  const said: string[] = [];
  const out = io(opts.lang);
  out.out.mockImplementation((s: string) => { said.push(`out: ${s}`); });
  out.err.mockImplementation((s: string) => { said.push(`err: ${s}`); });
  const spawn = async (_cmd: string, args: string[]) => { ran.push(args); said.push(`ran: ${args.join(' ')}`); return 0; };
  const code = await runCli(argv, out, { spawn, root, chromium: () => opts.chromium });
  return { code, ran, said };
}

it('runs the full check by default where Chromium is, and says nothing of skipping', async () => {
  const r = await record(['push'], { chromium: true });
  expect(r.code).toBe(0);
  expect(r.ran[0]).toEqual(['run', 'check']);
  expect(r.said.filter((s) => /SKIPPED|skipped|not run/.test(s))).toEqual([]);
});

it('push --skip-browser-tests runs the fast checks only, and says so before the checks and after the push', async () => {
  const r = await record(['push', '--skip-browser-tests'], { chromium: true });
  expect(r.code).toBe(0);
  expect(r.ran).toEqual([['run', 'check:fast'], [expect.stringMatching(/build\.mjs$/), 'gas'], ['clasp', 'push', '--force']]);
  expect(r.said).toEqual([
    'err: Browser tests SKIPPED (--skip-browser-tests): only typecheck, lint, build and the unit tests run before the push.',
    'err: > run the checks (npm run check:fast)',
    'ran: run check:fast',
    'err: > build the Apps Script bundle',
    expect.stringMatching(/^ran: .*build\.mjs gas$/),
    'err: > clasp push',
    'ran: clasp push --force',
    'out: Pushed. The HEAD (test) deployment runs the new code now.',
    'out: The browser tests were not run: run npm run check on a machine with Chromium to run them.',
  ]);
});

it('without Chromium, push and deploy run the fast checks and name where Chromium was looked for', async () => {
  for (const cmd of ['push', 'deploy']) {
    const r = await record([cmd], { chromium: false });
    expect([cmd, r.code, r.ran[0]]).toEqual([cmd, 0, ['run', 'check:fast']]);
    expect(r.said[0]).toBe(`err: Browser tests SKIPPED: no Chromium at ${CHROMIUM} (sudo apt-get install chromium, and they run next time). Only typecheck, lint, build and the unit tests run before the push.`);
    expect(r.said.at(-1)).toBe('out: The browser tests were not run: run npm run check on a machine with Chromium to run them.');
  }
  expect(CHROMIUM).toBe('/usr/bin/chromium');
});

it('deploy takes --skip-browser-tests too, and says it in the admin\'s language', async () => {
  const r = await record(['deploy', '--skip-browser-tests', '--description', 'Vårkurs'], { chromium: true, lang: 'nb_NO.UTF-8' });
  expect(r.code).toBe(0);
  expect(r.ran.map((a) => a.join(' '))).toEqual(['run check:fast', expect.stringMatching(/build\.mjs gas$/), 'clasp push --force', 'clasp deploy --description Vårkurs']);
  expect(r.said[0]).toBe('err: Nettlesertestene HOPPES OVER (--skip-browser-tests): bare typesjekk, lint, bygg og enhetstester kjøres før opplastingen.');
  expect(r.said.at(-1)).toMatch(/^out: Nettlesertestene ble ikke kjørt/);
});

it('a failing fast check pushes nothing', async () => {
  const calls: string[][] = [];
  const out = io();
  const spawn = async (_cmd: string, args: string[]) => { calls.push(args); return args.includes('check:fast') ? 1 : 0; };
  expect(await runCli(['push', '--skip-browser-tests'], out, { spawn, root: project('1AbC'), chromium: () => true })).toBe(1);
  expect(calls).toEqual([['run', 'check:fast']]);
  expect(out.err.mock.calls.map((c) => c[0])).toContain('Error: run the checks (npm run check:fast) failed (exit code 1).');
});

it('documents --skip-browser-tests in the help of push and deploy', async () => {
  for (const cmd of ['push', 'deploy']) {
    const out = io();
    expect(await runCli([cmd, '--help'], out)).toBe(0);
    expect([cmd, out.out.mock.calls[0][0]]).toEqual([cmd, expect.stringContaining('--skip-browser-tests')]);
  }
});
