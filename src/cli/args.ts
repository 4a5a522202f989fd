// A small argument parser: `--name value`, `--name=value`, boolean flags, lists, `--` and --help per command.
import { msg, usageError } from './errors';
import { t, type Locale, type MessageKey } from '../core/i18n';

export interface OptionSpec {
  name: string;
  type: 'boolean' | 'string' | 'list';
  /** What it does, from the catalogues (src/core/i18n/cli-help.ts). */
  description: MessageKey;
  /** Shown in help after the option (`--key <file>`). */
  value?: string;
  /** Environment variable used when the option is not given. */
  env?: string;
}

export interface CommandSpec {
  name: string;
  summary: MessageKey;
  /** Positional arguments, in order (`?` suffix = optional). */
  args: { name: string; description: MessageKey; optional?: boolean }[];
  options: OptionSpec[];
  /** Command lines as typed (not translated). */
  examples?: string[];
  /** Extra help text after the options. */
  notes?: MessageKey;
}

export type OptionValue = string | boolean | string[] | undefined;

export interface Parsed {
  args: string[];
  options: Record<string, OptionValue>;
  help: boolean;
}

/** Options every Google-facing command takes. */
export const GOOGLE_OPTIONS: OptionSpec[] = [
  { name: 'key', type: 'string', value: '<file>', env: 'GOOGLE_APPLICATION_CREDENTIALS', description: 'cli.opt.key' },
  { name: 'spreadsheet', type: 'string', value: '<id>', env: 'KOMPETENT_SPREADSHEET', description: 'cli.opt.spreadsheet' },
  { name: 'config', type: 'string', value: '<file>', env: 'KOMPETENT_CONFIG', description: 'cli.opt.config' },
];

export function parseArgs(argv: readonly string[], spec: CommandSpec, env: Record<string, string | undefined> = {}): Parsed {
  const byName = new Map(spec.options.map((o) => [o.name, o]));
  const options: Record<string, OptionValue> = {};
  const args: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') { args.push(...argv.slice(i + 1)); break; }
    if (a === '--help' || a === '-h') { help = true; continue; }
    if (!a.startsWith('--') || a === '--') {
      if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) throw usageError(msg('cli.unknownOption', { option: a, command: spec.name }), help_(spec));
      args.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq > 0 ? eq : undefined);
    const negated = name.startsWith('no-') && byName.get(name.slice(3))?.type === 'boolean';
    const opt = byName.get(negated ? name.slice(3) : name);
    if (!opt) throw usageError(msg('cli.unknownOption', { option: `--${name}`, command: spec.name }), help_(spec));
    if (opt.type === 'boolean') {
      if (eq > 0) throw usageError(msg('cli.noValue', { option: `--${name}` }), help_(spec));
      options[opt.name] = !negated;
      continue;
    }
    let value: string | undefined = eq > 0 ? a.slice(eq + 1) : argv[i + 1];
    if (eq < 0) {
      if (value === undefined || value.startsWith('--')) throw usageError(msg('cli.needsValue', { option: `--${name}`, usage: `--${name} ${opt.value ?? '…'}` }), help_(spec));
      i++;
    }
    value = (value ?? '').trim();
    if (opt.type === 'list') {
      const prev = (options[opt.name] as string[] | undefined) ?? [];
      options[opt.name] = [...prev, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
    } else options[opt.name] = value;
  }
  for (const o of spec.options) {
    if (options[o.name] !== undefined || !o.env || !env[o.env]) continue;
    const v = env[o.env]!;
    options[o.name] = o.type === 'list' ? v.split(',').map((s) => s.trim()).filter(Boolean) : o.type === 'boolean' ? v === '1' || v === 'true' : v;
  }
  if (!help) {
    const required = spec.args.filter((p) => !p.optional).length;
    if (args.length < required) throw usageError(msg('cli.needsArgs', { command: spec.name, args: spec.args.slice(args.length).filter((p) => !p.optional).map((p) => `<${p.name}>`).join(' ') }), help_(spec));
    if (args.length > spec.args.length) throw usageError(msg('cli.extraArg', { arg: args[spec.args.length], command: spec.name }), help_(spec));
  }
  return { args, options, help };
}

/** The hint under a usage error: where the command's help is. */
function help_(spec: CommandSpec) {
  return msg('cli.help', { command: spec.name });
}

export function str(p: Parsed, name: string): string | undefined {
  const v = p.options[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}
export function flag(p: Parsed, name: string): boolean {
  return p.options[name] === true;
}
export function list(p: Parsed, name: string): string[] {
  const v = p.options[name];
  return Array.isArray(v) ? v : [];
}

/** A command's help in the admin's language (the option names, values and examples as typed). */
export function helpText(spec: CommandSpec, locale: Locale): string {
  const tr = (key: MessageKey, params?: Record<string, string>) => t(locale, key, params);
  const usage = [`kompetent ${spec.name}`, ...spec.args.map((a) => (a.optional ? `[${a.name}]` : `<${a.name}>`)), spec.options.length ? tr('cli.usage.options') : '']
    .filter(Boolean).join(' ');
  const lines = [tr('cli.usage', { usage }), '', tr(spec.summary)];
  if (spec.args.length) {
    lines.push('', tr('cli.heading.args'));
    for (const a of spec.args) lines.push(`  ${a.name.padEnd(24)} ${tr(a.description)}`);
  }
  if (spec.options.length) {
    lines.push('', tr('cli.heading.options'));
    for (const o of spec.options) {
      const left = `--${o.name}${o.value ? ` ${o.value}` : ''}`;
      lines.push(`  ${left.padEnd(24)} ${tr(o.description)}${o.env ? ` ${tr('cli.opt.env', { name: o.env })}` : ''}`);
    }
    lines.push(`  ${'--help'.padEnd(24)} ${tr('cli.opt.help')}`);
  }
  if (spec.notes) lines.push('', tr(spec.notes));
  if (spec.examples?.length) lines.push('', tr('cli.heading.examples'), ...spec.examples.map((e) => `  ${e}`));
  return lines.join('\n');
}
