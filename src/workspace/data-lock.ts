// One server per data folder: a lock file with the owner's pid, so two processes never write the same CSVs and state.
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const LOCK_FILE = '.kompetent-server.lock';

export class DataDirBusyError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(`The data folder ${dataDir} is in use by another Kompetent workspace (process ${pid}). Stop it, or set KOMPETENT_DATA to another folder.`);
  }
}

/** Folders locked by this process (a second workspace in the same process must be refused too). */
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerOf(file: string): number | undefined {
  try {
    const pid = Number(JSON.parse(readFileSync(file, 'utf8')).pid);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function youngerThan(file: string, ms: number): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs < ms;
  } catch {
    return false;
  }
}

/** Takes the folder's lock or throws DataDirBusyError; a lock left by a process that is gone is taken over. */
export function lockDataDir(dataDir: string): () => void {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, LOCK_FILE);
  if (heldHere.has(dir)) throw new DataDirBusyError(dir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
      closeSync(fd);
      heldHere.add(dir);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(dir);
        try {
          if (ownerOf(file) === process.pid) unlinkSync(file);
        } catch { /* already gone */ }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = ownerOf(file);
      // Our own pid without our registry entry is a lock this process forgot (a crashed test); any other live pid wins.
      if (pid !== undefined && pid !== process.pid && alive(pid)) throw new DataDirBusyError(dir, pid);
      // No readable pid yet: another starter may be between creating the file and writing it.
      if (pid === undefined && youngerThan(file, 5_000)) throw new DataDirBusyError(dir, 0);
      try { unlinkSync(file); } catch { /* raced with another starter: the next attempt decides */ }
    }
  }
  throw new DataDirBusyError(dir, ownerOf(file) ?? 0);
}
