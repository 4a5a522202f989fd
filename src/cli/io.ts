// Where the CLI writes (stdout for results, stderr for progress and diagnostics) and a small TTY-aware progress bar.
import * as path from 'node:path';
import { formatNumber, t } from '../core/i18n';
import { cliLocale } from './locale';

export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Raw text to stderr (the progress bar redraws its line with `\r`). */
  errRaw(text: string): void;
  /** Whether stderr is a terminal (progress bars are drawn only there). */
  errIsTTY: boolean;
  /** The directory relative paths are resolved from. */
  cwd: string;
  env: Record<string, string | undefined>;
  now(): Date;
}

/**
 * The folder the admin ran the command in. `npm run cli` runs in the package root and leaves that folder in
 * INIT_CWD; any other start (bin/kompetent.js, npx, node out/cli.js, even from inside some other npm script, which
 * sets INIT_CWD too) runs where it was started, so INIT_CWD counts only when our own `cli` script is running.
 */
export function startDir(env: Record<string, string | undefined>, cwd: string): string {
  return env.npm_lifecycle_event === 'cli' && env.INIT_CWD ? env.INIT_CWD : cwd;
}

export function processIo(): Io {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    errRaw: (text) => process.stderr.write(text),
    errIsTTY: Boolean(process.stderr.isTTY),
    cwd: startDir(process.env, process.cwd()),
    env: process.env,
    now: () => new Date(),
  };
}

export function resolvePath(io: Io, p: string): string {
  return path.resolve(io.cwd, p);
}

const WIDTH = 28;

/** A progress bar on stderr: redrawn at most ten times a second on a terminal, one summary line otherwise. */
export class Progress {
  private done = 0;
  private lastDraw = 0;
  private readonly started: number;

  /** `label` and `unit` in the admin's language (the caller's catalogue texts); the summary line is the catalogue's. */
  constructor(private readonly io: Io, private readonly label: string, private readonly total: number, private readonly unit: string) {
    this.started = io.now().getTime();
  }

  tick(n = 1): void {
    this.done = Math.min(this.total, this.done + n);
    if (!this.io.errIsTTY) return;
    const t = this.io.now().getTime();
    if (t - this.lastDraw < 100 && this.done < this.total) return;
    this.lastDraw = t;
    const frac = this.total === 0 ? 1 : this.done / this.total;
    const filled = Math.round(frac * WIDTH);
    this.io.errRaw(`\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(frac * 100)).padStart(3)}% ${this.done}/${this.total} ${this.unit}`);
  }

  finish(): void {
    this.done = this.total;
    const locale = cliLocale(this.io.env);
    const secs = formatNumber(locale, (this.io.now().getTime() - this.started) / 1000, 1, 1);
    if (this.io.errIsTTY) {
      this.tick(0);
      this.io.errRaw('\n');
    } else this.io.err(t(locale, 'cli.progress.done', { label: this.label, done: this.total, unit: this.unit, secs }));
  }
}
