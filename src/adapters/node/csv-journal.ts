// All-or-nothing writes of several CSV tables: every new file written aside, a journal as the commit point, then renames.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';

/** One table's new content, written and fsynced beside the table file (same directory: the rename is atomic). */
export interface Staged { file: string; tmp: string }

const JOURNAL = /^\.journal\.[a-z0-9.-]+\.json$/;

function fsyncDir(dir: string): void {
  try {
    const dfd = fs.openSync(dir, 'r');
    try { fs.fsyncSync(dfd); } finally { fs.closeSync(dfd); }
  } catch {
    // Directory fsync is not supported everywhere (e.g. Windows); the renames themselves are still atomic.
  }
}

function writeSynced(file: string, text: string): void {
  const fd = fs.openSync(file, 'wx');
  try {
    fs.writeFileSync(fd, text, 'utf8');
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw e;
  }
  fs.closeSync(fd);
}

export function stage(dir: string, file: string, text: string): Staged {
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${threadId}.${randomBytes(4).toString('hex')}.tmp`);
  writeSynced(tmp, text);
  hooks.afterStage?.(file);
  return { file, tmp };
}

/** Test hooks: after each file is staged, after each rename of a commit (a crash is simulated by throwing). */
export const hooks: { afterStage?: (file: string) => void; afterRename?: (file: string) => void } = {};

/** Changes with every commit of several tables (written before its journal is removed): readers compare it. */
export function commitToken(dir: string): string {
  try { return fs.readFileSync(path.join(dir, '.commits'), 'utf8'); } catch { return ''; }
}

/**
 * Makes the staged files the tables, all or none: the journal (listing every rename) is written and fsynced first —
 * that is the commit point — then each file is renamed into place and the journal removed. A process that dies
 * between is finished by `recover` (run under the same table locks before any read or write of those tables).
 */
export function commit(dir: string, staged: Staged[]): void {
  if (staged.length === 0) return;
  const [only] = staged;
  if (only && staged.length === 1) {
    fs.renameSync(only.tmp, only.file);
    fsyncDir(dir);
    return;
  }
  const journal = path.join(dir, `.journal.${process.pid}.${threadId}.${randomBytes(4).toString('hex')}.json`);
  writeSynced(journal, JSON.stringify(staged.map((s) => [path.basename(s.tmp), path.basename(s.file)])));
  fsyncDir(dir);
  for (const s of staged) {
    fs.renameSync(s.tmp, s.file);
    hooks.afterRename?.(s.file);
  }
  fs.writeFileSync(path.join(dir, '.commits'), randomBytes(8).toString('hex'));
  fs.writeFileSync(path.join(dir, '.commits'), randomBytes(8).toString('hex'));
  fsyncDir(dir);
  fs.rmSync(journal, { force: true });
}

/** Journals left by a process that died after its commit point, with the table files they name. */
export function pendingJournals(dir: string): { journal: string; files: string[] }[] {
  let names: string[];
  try { names = fs.readdirSync(dir); } catch { return []; }
  const out: { journal: string; files: string[] }[] = [];
  for (const n of names.filter((x) => JOURNAL.test(x))) {
    try {
      const pairs = JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')) as [string, string][];
      out.push({ journal: path.join(dir, n), files: pairs.map(([, f]) => path.join(dir, f)) });
    } catch {
      // A journal that cannot be read was never completed (it is written before the commit point): nothing was renamed.
      fs.rmSync(path.join(dir, n), { force: true });
    }
  }
  return out;
}

/** Finishes a committed change: the renames not yet done are done (the caller holds the locks of its tables). */
export function rollForward(journal: string): void {
  let pairs: [string, string][];
  try { pairs = JSON.parse(fs.readFileSync(journal, 'utf8')) as [string, string][]; } catch { return; }
  const dir = path.dirname(journal);
  for (const [tmp, file] of pairs) {
    if (fs.existsSync(path.join(dir, tmp))) fs.renameSync(path.join(dir, tmp), path.join(dir, file));
  }
  fs.writeFileSync(path.join(dir, '.commits'), randomBytes(8).toString('hex'));
  fsyncDir(dir);
  fs.rmSync(journal, { force: true });
}
