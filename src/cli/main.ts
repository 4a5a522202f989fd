// The CLI's commands and dispatcher: parses argv, runs one command, turns errors into a message and an exit code.
import { helpText, parseArgs, type CommandSpec, type Parsed } from './args';
import { CliError, EXIT, type ExitCode } from './errors';
import type { Io } from './io';
import { cliLocale } from './locale';
import { t, type Locale } from '../core/i18n';
import { provision, provisionSpec } from './provision';
import { importCommand, importSpec } from './import/command';
import { exportCommand, exportSpec } from './export';
import { doctor, doctorSpec } from './doctor';
import { clasp, deploySpec, pushSpec, type BrowserCheck, type Spawner } from './clasp';

/** What tests replace: the program runner for clasp, the project folder it runs in, and whether Chromium is here. */
export interface Deps { spawn?: Spawner; root?: string; chromium?: BrowserCheck }

interface Command { spec: CommandSpec; run: (io: Io, p: Parsed, deps: Deps) => Promise<ExitCode> }

export const COMMANDS: Command[] = [
  { spec: provisionSpec, run: (io, p) => provision(io, p) },
  { spec: importSpec, run: (io, p) => importCommand(io, p) },
  { spec: exportSpec, run: (io, p) => exportCommand(io, p) },
  { spec: doctorSpec, run: (io, p) => doctor(io, p) },
  { spec: pushSpec, run: (io, p, d) => clasp(io, p, 'push', d.spawn, d.root, d.chromium) },
  { spec: deploySpec, run: (io, p, d) => clasp(io, p, 'deploy', d.spawn, d.root, d.chromium) },
];

export function overview(locale: Locale): string {
  return [
    t(locale, 'cli.overview.usage'),
    '',
    t(locale, 'cli.overview.intro'),
    '',
    t(locale, 'cli.overview.commands'),
    ...COMMANDS.map((c) => `  ${c.spec.name.padEnd(10)} ${t(locale, c.spec.summary)}`),
    '',
    t(locale, 'cli.overview.more'),
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: Io, deps: Deps = {}): Promise<ExitCode> {
  const [name, ...rest] = argv;
  // In the admin's language (LC_ALL, LC_MESSAGES, LANG; bokmål by default): help, errors and the commands' reports.
  const locale = cliLocale(io.env);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const cmd = name === 'help' ? COMMANDS.find((c) => c.spec.name === rest[0]) : undefined;
    io.out(cmd ? helpText(cmd.spec, locale) : overview(locale));
    return EXIT.ok;
  }
  const cmd = COMMANDS.find((c) => c.spec.name === name);
  if (!cmd) {
    io.err(t(locale, 'cli.unknownCommand', { name }));
    io.err(overview(locale));
    return EXIT.usage;
  }
  try {
    const parsed = parseArgs(rest, cmd.spec, io.env);
    if (parsed.help) {
      io.out(helpText(cmd.spec, locale));
      return EXIT.ok;
    }
    return await cmd.run(io, parsed, deps);
  } catch (e) {
    if (e instanceof CliError) {
      // In the admin's language (LC_ALL, LC_MESSAGES, LANG; bokmål by default), like the import's own report.
      const said = e.say(locale);
      io.err(t(locale, 'cli.error', { message: said.message }));
      if (said.hint) io.err(said.hint);
      return e.exitCode;
    }
    io.err(t(locale, 'cli.unexpected', { detail: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
    return EXIT.problems;
  }
}
