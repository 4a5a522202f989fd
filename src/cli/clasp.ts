// `kompetent push` / `deploy`: run the checks (`npm run check`: typecheck, lint, build, tests), build the Apps Script bundle and
// hand it to clasp (the project's dev dependency). Nothing reaches Google from a tree that fails its checks. Without Chromium,
// or with --skip-browser-tests, the fast checks (`npm run check:fast`: all but the browser tests), said before and after.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { flag, str, type CommandSpec, type Parsed } from './args';
import { CliError, EXIT, msg, usageError, type ExitCode } from './errors';
import type { Io } from './io';
import { cliLocale } from './locale';
import { t, type MessageKey, type Params } from '../core/i18n';

/** Runs a program to completion with the terminal attached; resolves its exit code. */
export type Spawner = (command: string, args: string[], cwd: string) => Promise<number>;

const defaultSpawn: Spawner = (command, args, cwd) => new Promise((resolve, reject) => {
  const child = spawn(command, args, { cwd, stdio: 'inherit' });
  child.on('error', reject);
  child.on('exit', (code) => resolve(code ?? 1));
});

/** Where the browser tests find Chromium (test/e2e/browser.ts launches it; no browser is downloaded). */
export const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser tests can run here: Chromium where they look for it. */
export type BrowserCheck = () => boolean;
const chromiumHere: BrowserCheck = () => fs.existsSync(CHROMIUM);

export const pushSpec: CommandSpec = {
  name: 'push',
  summary: 'cli.summary.push',
  args: [],
  options: [
    { name: 'project', type: 'string', value: '<file>', description: 'cli.opt.project' },
    { name: 'skip-browser-tests', type: 'boolean', description: 'cli.opt.skipBrowserTests' },
  ],
  examples: ['kompetent push', 'kompetent push --project bound.clasp.json', 'kompetent push --skip-browser-tests'],
};

export const deploySpec: CommandSpec = {
  name: 'deploy',
  summary: 'cli.summary.deploy',
  args: [],
  options: [
    ...pushSpec.options,
    { name: 'deployment-id', type: 'string', value: '<id>', description: 'cli.opt.deploymentId' },
    { name: 'description', type: 'string', value: '<text>', description: 'cli.opt.description' },
  ],
  examples: ['kompetent deploy --description "Spring courses"', 'kompetent deploy --deployment-id AKfycb…'],
};

/** The checkout this CLI belongs to (package.json named kompetent), from the bundle in out/ or the sources. */
export function projectRoot(from = __dirname): string {
  let dir = from;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && /"name":\s*"kompetent"/.test(fs.readFileSync(pkg, 'utf8'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new CliError(EXIT.usage, msg('cli.clasp.noProject'));
    dir = up;
  }
}

/**
 * The checks to run before anything is pushed: the full check, or — when asked, or when Chromium is missing — the fast
 * one, with the notice that says so (undefined for the full check).
 */
export function checksToRun(p: Parsed, chromium: BrowserCheck): { script: 'check' | 'check:fast'; notice?: 'cli.push.skipAsked' | 'cli.push.skipNoChromium' } {
  if (flag(p, 'skip-browser-tests')) return { script: 'check:fast', notice: 'cli.push.skipAsked' };
  if (!chromium()) return { script: 'check:fast', notice: 'cli.push.skipNoChromium' };
  return { script: 'check' };
}

export async function clasp(io: Io, p: Parsed, what: 'push' | 'deploy', run: Spawner = defaultSpawn, root: string = projectRoot(),
  chromium: BrowserCheck = chromiumHere): Promise<ExitCode> {
  const locale = cliLocale(io.env);
  const projectFile = str(p, 'project') ?? '.clasp.json';
  const projectPath = path.resolve(root, projectFile);
  let scriptId: unknown;
  try {
    scriptId = (JSON.parse(fs.readFileSync(projectPath, 'utf8')) as { scriptId?: unknown }).scriptId;
  } catch {
    throw usageError(msg('cli.clasp.notJson', { file: projectFile }), msg('cli.clasp.notJsonHint'));
  }
  if (typeof scriptId !== 'string' || scriptId === '' || /REPLACE/i.test(scriptId)) {
    throw usageError(msg('cli.clasp.noScriptId', { file: projectFile }), msg('cli.clasp.noScriptIdHint'));
  }
  // What each step is, in the admin's language (clasp's own commands as typed).
  const tr = (key: MessageKey, params?: Params) => t(locale, key, params);
  const step = async (label: string, command: string, args: string[]) => {
    io.err(`> ${label}`);
    const code = await run(command, args, root);
    if (code !== 0) {
      throw new CliError(EXIT.problems, msg('cli.clasp.failed', { step: label, code: String(code) }), label.startsWith('clasp') ? msg('cli.clasp.loginHint') : undefined);
    }
  };
  const checks = checksToRun(p, chromium);
  if (checks.notice) io.err(t(locale, checks.notice, { path: CHROMIUM }));
  await step(tr('cli.clasp.step.check', { script: checks.script }), process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', checks.script]);
  await step(tr('cli.clasp.step.build'), process.execPath, [path.join(root, 'scripts', 'build.mjs'), 'gas']);
  const bin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'clasp.cmd' : 'clasp');
  const claspCmd = fs.existsSync(bin) ? bin : 'npx';
  const claspArgs = (args: string[]) => (claspCmd === 'npx' ? ['clasp', ...args] : args);
  const project = projectFile === '.clasp.json' ? [] : ['--project', projectFile];
  await step('clasp push', claspCmd, claspArgs([...project, 'push', '--force']));
  if (what === 'deploy') {
    const id = str(p, 'deployment-id');
    const description = str(p, 'description');
    await step('clasp deploy', claspCmd, claspArgs([...project, 'deploy', ...(id ? ['--deploymentId', id] : []), ...(description ? ['--description', description] : [])]));
  }
  io.out(tr(what === 'push' ? 'cli.clasp.pushed' : 'cli.clasp.deployed'));
  if (checks.notice) io.out(t(locale, 'cli.push.skipped'));
  return EXIT.ok;
}
