// JSON values in the cache, split into chunks under ~90 KB and stamped with a generation, read back in one getAll.
import type { CachePort, Meter } from './ports';

/** CacheService takes values up to 100 KB; stay well below (characters are counted as UTF-16 here, conservatively). */
export const CHUNK_CHARS = 90_000;
/** Chunks a value may take; keys for all of them are requested speculatively, so a read is one call. */
export const MAX_CHUNKS = 8;
/** CacheService keeps values at most 6 hours. */
export const TTL_SECONDS = 21_600;

/** The keys to request for a chunked value. */
export function chunkKeys(key: string, max = MAX_CHUNKS): string[] {
  return Array.from({ length: max }, (_, i) => `${key}#${i}`);
}

/** Splits a JSON value into chunk entries: `gen|index/count|payload`. */
export function toChunks(key: string, value: unknown, generation: string): Record<string, string> {
  const json = JSON.stringify(value);
  const count = Math.max(1, Math.ceil(json.length / CHUNK_CHARS));
  if (count > MAX_CHUNKS) throw new Error(`Cache value ${key} needs ${count} chunks (max ${MAX_CHUNKS}); shard it`);
  const out: Record<string, string> = {};
  for (let i = 0; i < count; i++) out[`${key}#${i}`] = `${generation}|${i}/${count}|${json.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS)}`;
  return out;
}

/** Joins the chunks of a value from a getAll result; undefined if any chunk is missing or from another generation. */
export function fromChunks<T>(key: string, got: Record<string, string>): T | undefined {
  const first = got[`${key}#0`];
  if (first === undefined) return undefined;
  const head = /^([^|]*)\|0\/(\d+)\|/.exec(first);
  if (!head) return undefined;
  const [, generation, countText] = head;
  const count = Number(countText);
  let json = '';
  for (let i = 0; i < count; i++) {
    const part = got[`${key}#${i}`];
    const prefix = `${generation}|${i}/${count}|`;
    if (part === undefined || !part.startsWith(prefix)) return undefined;
    json += part.slice(prefix.length);
  }
  try {
    return JSON.parse(json) as T;
  } catch {
    return undefined;
  }
}

/** A CachePort that counts calls and bytes in the meter (every adapter is wrapped in it). */
export class MeteredCache implements CachePort {
  constructor(private readonly inner: CachePort, private readonly meter: Meter) {}

  getAll(keys: string[]): Record<string, string> {
    const got = this.inner.getAll(keys);
    this.meter.call('cache.getAll');
    for (const v of Object.values(got)) this.meter.cacheBytesRead += v.length;
    return got;
  }

  putAll(values: Record<string, string>, ttlSeconds: number): void {
    if (Object.keys(values).length === 0) return;
    this.inner.putAll(values, ttlSeconds);
    this.meter.call('cache.putAll');
    for (const v of Object.values(values)) this.meter.cacheBytesWritten += v.length;
  }

  removeAll(keys: string[]): void {
    this.inner.removeAll(keys);
    this.meter.call('cache.removeAll');
  }
}

export { MemoryCache } from './strict-cache';
