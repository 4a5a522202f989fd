// push / deploy: the checks, then the Apps Script bundle, then clasp, with the commands checked (none of them is run).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import type { Io } from '../../src/cli/io';

function io(): Io & { out: jest.Mock; err: jest.Mock } {
  return { out: jest.fn(), err: jest.fn(), errRaw: () => undefined, errIsTTY: false, cwd: os.tmpdir(), env: { LANG: 'en_GB.UTF-8' }, now: () => new Date() };
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
  expect(await runCli(['push'], io(), { spawn, root })).toBe(0);
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
  expect(await runCli(['deploy', '--project', 'bound.clasp.json', '--deployment-id', 'AKfy1', '--description', 'Vårkurs'], io(), { spawn, root })).toBe(0);
  expect(calls.slice(2)).toEqual([
    ['clasp', '--project', 'bound.clasp.json', 'push', '--force'],
    ['clasp', '--project', 'bound.clasp.json', 'deploy', '--deploymentId', 'AKfy1', '--description', 'Vårkurs'],
  ]);
});

it('refuses a project without a script id, and reports a failed step', async () => {
  const spawn = jest.fn(async () => 0);
  const out = io();
  expect(await runCli(['push'], out, { spawn, root: project('REPLACE_WITH_YOUR_SCRIPT_ID') })).toBe(2);
  expect(out.err.mock.calls[0][0]).toBe('Error: .clasp.json has no script id yet.');
  expect(spawn).not.toHaveBeenCalled();
  const failing = io();
  expect(await runCli(['push'], failing, { spawn: async (_c, args) => (args.includes('push') ? 1 : 0), root: project('1AbC') })).toBe(1);
  expect(failing.err.mock.calls.map((c) => c[0])).toContain('Error: clasp push failed (exit code 1).');
});

it('pushes nothing when the checks fail', async () => {
  const calls: string[][] = [];
  const out = io();
  const spawn = async (_cmd: string, args: string[]) => { calls.push(args); return args.includes('check') ? 1 : 0; };
  expect(await runCli(['deploy'], out, { spawn, root: project('1AbC') })).toBe(1);
  expect(calls).toEqual([['run', 'check']]);
  expect(out.err.mock.calls.map((c) => c[0])).toContain('Error: run the checks (npm run check) failed (exit code 1).');
});
