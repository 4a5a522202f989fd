// Exit codes of the admin CLI and the error that carries one to the top with a message for the admin, in their language.
import { t, type Locale, type MessageKey, type Params } from '../core/i18n';

/** 0 ok, 1 problems found (doctor, a dry run with rejects), 2 bad usage or input, 3 access or credentials. */
export const EXIT = { ok: 0, problems: 1, usage: 2, access: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * A message from the catalogues (src/core/i18n/cli*.ts), or text that is no sentence of ours (a file's own words). A
 * parameter may itself be a catalogue message (what the CLI was doing when Google said no), said in the same language.
 */
export type CliText = string | { key: MessageKey; params?: CliParams };
export type CliParams = Record<string, Params[string] | { key: MessageKey; params?: CliParams }>;

/** A catalogue message for a CliError. */
export function msg(key: MessageKey, params?: CliParams): CliText {
  return { key, params };
}

/** The text in `locale`, nested messages first. */
export function say(text: CliText, locale: Locale): string {
  if (typeof text === 'string') return text;
  const params: Params = {};
  for (const [k, v] of Object.entries(text.params ?? {})) params[k] = typeof v === 'object' && v !== null ? say(v, locale) : v;
  return t(locale, text.key, params);
}

export class CliError extends Error {
  /** The HTTP status of a Google answer behind this error, if any. */
  status?: number;
  /** The hint in English (the message is `message`); `say` gives both in the admin's language. */
  readonly hint?: string;

  constructor(readonly exitCode: ExitCode, private readonly text: CliText, private readonly hintText?: CliText) {
    super(say(text, 'en'));
    this.hint = hintText === undefined ? undefined : say(hintText, 'en');
  }

  /** The message and hint in `locale` (plain-text ones as written). */
  say(locale: Locale): { message: string; hint?: string } {
    return { message: say(this.text, locale), hint: this.hintText === undefined ? undefined : say(this.hintText, locale) };
  }
}

export function usageError(message: CliText, hint?: CliText): CliError {
  return new CliError(EXIT.usage, message, hint);
}

export function accessError(message: CliText, hint?: CliText): CliError {
  return new CliError(EXIT.access, message, hint);
}
