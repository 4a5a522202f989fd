// `kompetent push` / `deploy`: run the checks (`npm run check`: typecheck, lint, build, tests), build the Apps Script bundle and
// hand it to clasp (the project's dev dependency). Nothing reaches Google from a tree that fails its checks.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { str, type CommandSpec, type Parsed } from './args';
import { CliError, EXIT, msg, usageError, type ExitCode } from './errors';
import type { Io } from './io';
import { cliLocale } from './locale';
import { t, type MessageKey } from '../core/i18n';

/** Runs a program to completion with the terminal attached; resolves its exit code. */
export type Spawner = (command: string, args: string[], cwd: string) => Promise<number>;

const defaultSpawn: Spawner = (command, args, cwd) => new Promise((resolve, reject) => {
  const child = spawn(command, args, { cwd, stdio: 'inherit' });
  child.on('error', reject);
  child.on('exit', (code) => resolve(code ?? 1));
});

export const pushSpec: CommandSpec = {
  name: 'push',
  summary: 'cli.summary.push',
  args: [],
  options: [{ name: 'project', type: 'string', value: '<file>', description: 'cli.opt.project' }],
  examples: ['kompetent push', 'kompetent push --project bound.clasp.json'],
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

export async function clasp(io: Io, p: Parsed, what: 'push' | 'deploy', run: Spawner = defaultSpawn, root: string = projectRoot()): Promise<ExitCode> {
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
  const tr = (key: MessageKey) => t(cliLocale(io.env), key);
  const step = async (label: string, command: string, args: string[]) => {
    io.err(`> ${label}`);
    const code = await run(command, args, root);
    if (code !== 0) {
      throw new CliError(EXIT.problems, msg('cli.clasp.failed', { step: label, code: String(code) }), label.startsWith('clasp') ? msg('cli.clasp.loginHint') : undefined);
    }
  };
  await step(tr('cli.clasp.step.check'), process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'check']);
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
  return EXIT.ok;
}
