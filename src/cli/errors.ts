// Exit codes of the admin CLI and the error that carries one to the top with a message for the admin.

/** 0 ok, 1 problems found (doctor, a dry run with rejects), 2 bad usage or input, 3 access or credentials. */
export const EXIT = { ok: 0, problems: 1, usage: 2, access: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  /** The HTTP status of a Google answer behind this error, if any. */
  status?: number;

  constructor(readonly exitCode: ExitCode, message: string, readonly hint?: string) {
    super(message);
  }
}

export function usageError(message: string, hint?: string): CliError {
  return new CliError(EXIT.usage, message, hint);
}

export function accessError(message: string, hint?: string): CliError {
  return new CliError(EXIT.access, message, hint);
}
