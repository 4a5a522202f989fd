// The local workspace's state besides the CSV records (chat, mail, calendar, Drive, docs, clock, ids), kept as JSON files.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { IdSource } from '../store/ports';
import { restoreServices, snapshotServices, type LocalServices, type LocalServicesSnapshot } from '../adapters/memory/memory-services';

/** Ids that keep counting across restarts (a fresh counter would hand out `enr-…0001` again). */
export class PersistentIds implements IdSource {
  constructor(public salt: string, public n = 0) {}
  next(prefix: string): string { return `${prefix}-${this.salt}${(++this.n).toString(36).padStart(4, '0')}`; }
}

interface Meta { ids: { salt: string; n: number }; clockOffsetMs: number }

const PARTS = ['chat', 'mail', 'calendar', 'marks', 'drive', 'docs'] as const;
type Part = (typeof PARTS)[number];

/** Writes a file so that a crash leaves either the old or the new content, never half of it. */
export function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

function readJson(file: string): unknown {
  if (!existsSync(file)) return undefined;
  let problem: string;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    problem = (e as Error).message;
  }
  const part = file.replace(/.*[\\/]/, '').replace('.json', '');
  throw new Error(`${file} is not readable JSON (${problem}); move it away to start with an empty ${part}`);
}

/** One JSON file per service under <data>/workspace/; a file is rewritten only when its content changed. */
export class StateFiles {
  private readonly dir: string;
  private readonly written = new Map<string, string>();

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'workspace');
    mkdirSync(this.dir, { recursive: true });
  }

  /** Restores the services and returns the id counter (a new one, with a random salt, on first start). */
  load(services: LocalServices): PersistentIds {
    const snap: Partial<LocalServicesSnapshot> = {};
    for (const part of PARTS) {
      const v = readJson(this.file(part));
      if (v !== undefined) (snap as Record<Part, unknown>)[part] = v;
    }
    const meta = readJson(this.file('meta')) as Meta | undefined;
    if (meta) snap.clockOffsetMs = meta.clockOffsetMs;
    restoreServices(services, snap);
    return meta ? new PersistentIds(meta.ids.salt, meta.ids.n) : new PersistentIds(Math.random().toString(36).slice(2, 5));
  }

  /** Writes what changed; true when a service's content (not only the id counter) changed. */
  save(services: LocalServices, ids: PersistentIds): boolean {
    const snap = snapshotServices(services);
    let changed = false;
    for (const part of PARTS) changed = this.put(part, snap[part]) || changed;
    this.put('meta', { ids: { salt: ids.salt, n: ids.n }, clockOffsetMs: snap.clockOffsetMs } satisfies Meta);
    return changed;
  }

  private put(name: string, value: unknown): boolean {
    const text = JSON.stringify(value);
    if (this.written.get(name) === text) return false;
    writeAtomic(this.file(name), text);
    this.written.set(name, text);
    return true;
  }

  private file(name: string): string { return join(this.dir, `${name}.json`); }
}
