// The one CacheService fake (unit tests, bench, local workspace, the Apps Script replay): Google's documented limits, enforced.
import type { CachePort } from './ports';
import { utf8Bytes } from '../core/text-limits';

/*
 * Google, Apps Script reference, class Cache (https://developers.google.com/apps-script/reference/cache/cache), put/putAll:
 *   "The maximum length of a key is 250 characters. The maximum amount of data that can be stored per key is 100KB."
 *   "The cap for cached items is 1,000. If more than 1,000 items are written, the cache stores the 900 items farthest
 *    from expiration. This limit might change."
 *   "The specified expiration time is only a suggestion; cached data may be removed before this time if a lot of data
 *    is cached."
 *   expirationInSeconds: "The minimum allowed expiration is 1 second, and the maximum allowed expiration is 21600
 *    seconds (6 hours). The default expiration is 600 seconds (10 minutes)."
 * Cache and lock are per script project (CacheService.getScriptCache: "common to all users of the script").
 */
export const CACHE_LIMITS = {
  /** Items one cache holds before Google trims it. */
  maxItems: 1_000,
  /** Items kept after a trim: the farthest from expiration. */
  keepAfterTrim: 900,
  /** "100KB" per value, counted in UTF-8 bytes; the stricter reading (100,000, not 102,400) so no tenant finds the gap. */
  maxValueBytes: 100_000,
  maxKeyChars: 250,
  minTtlSeconds: 1,
  maxTtlSeconds: 21_600,
  defaultTtlSeconds: 600,
} as const;

/** UTF-8 length of a string (what CacheService counts): the one count in core. */
export { utf8Bytes };

/** A small deterministic PRNG (mulberry32) so evictions in tests repeat. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * In-memory CachePort that behaves as Google documents: values over 100 KB (UTF-8) and keys over 250 characters throw as
 * CacheService does ("Argument too large"); an expiration outside 1..21,600 s throws; past 1,000 items it silently keeps
 * the 900 farthest from expiration; and tests (or the local workspace's "evict" control) may drop any item at any time.
 */
export class MemoryCache implements CachePort {
  private readonly map = new Map<string, { value: string; expires: number }>();
  private readonly random: () => number;
  /** Items dropped by the 1,000-item trim so far (the bench prints it; a healthy read model never triggers it). */
  trimmed = 0;

  constructor(private readonly nowMs: () => number = () => Date.now(), seed = 12_345) {
    this.random = prng(seed);
  }

  getAll(keys: string[]): Record<string, string> {
    this.purgeExpired();
    const out: Record<string, string> = {};
    for (const k of keys) {
      const e = this.map.get(k);
      if (e) out[k] = e.value;
    }
    return out;
  }

  putAll(values: Record<string, string>, ttlSeconds: number = CACHE_LIMITS.defaultTtlSeconds): void {
    if (!Number.isFinite(ttlSeconds) || ttlSeconds < CACHE_LIMITS.minTtlSeconds || ttlSeconds > CACHE_LIMITS.maxTtlSeconds) {
      throw new Error(`Exception: Invalid argument: expirationInSeconds (${ttlSeconds}; allowed 1..21600)`);
    }
    // Google checks the whole call before storing anything.
    for (const [k, v] of Object.entries(values)) {
      if (k.length > CACHE_LIMITS.maxKeyChars) throw new Error(`Exception: Argument too large: key (${k.length} characters, max 250)`);
      if (typeof v !== 'string') throw new Error(`Exception: Invalid argument: value of ${k} is not a string`);
      const bytes = utf8Bytes(v);
      if (bytes > CACHE_LIMITS.maxValueBytes) throw new Error(`Exception: Argument too large: value (${k}: ${bytes} bytes, max 100KB)`);
    }
    const expires = this.nowMs() + Math.floor(ttlSeconds) * 1000;
    for (const [k, v] of Object.entries(values)) {
      this.map.delete(k);
      this.map.set(k, { value: v, expires });
    }
    this.purgeExpired();
    if (this.map.size > CACHE_LIMITS.maxItems) this.trim();
  }

  removeAll(keys: string[]): void {
    for (const k of keys) this.map.delete(k);
  }

  /** Items held now (expired ones do not count). */
  size(): number {
    this.purgeExpired();
    return this.map.size;
  }

  /** Keys held now, for tests and the bench. */
  keys(): string[] {
    this.purgeExpired();
    return [...this.map.keys()];
  }

  /** Bytes held now (UTF-8 of the values) and the largest value. */
  usage(): { items: number; bytes: number; largest: number; largestKey: string } {
    this.purgeExpired();
    let bytes = 0;
    let largest = 0;
    let largestKey = '';
    for (const [k, e] of this.map) {
      const b = utf8Bytes(e.value);
      bytes += b;
      if (b > largest) { largest = b; largestKey = k; }
    }
    return { items: this.map.size, bytes, largest, largestKey };
  }

  /** Google may drop any item early: drops `count` items picked at random (seeded), or a share when 0 < count < 1. */
  evictRandom(count: number): string[] {
    const keys = [...this.map.keys()];
    const n = count > 0 && count < 1 ? Math.round(keys.length * count) : Math.min(keys.length, Math.floor(count));
    const gone: string[] = [];
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.random() * (keys.length - i));
      const [picked, here] = [keys[j], keys[i]];
      if (picked === undefined || here === undefined) break; // not reached: i ≤ j < keys.length
      [keys[i], keys[j]] = [picked, here];
      gone.push(picked);
      this.map.delete(picked);
    }
    return gone;
  }

  /** Test hook: the whole content, to put back with `restore` (the bench replays several eviction cases). */
  snapshot(): [string, { value: string; expires: number }][] {
    return [...this.map].map(([k, e]) => [k, { ...e }]);
  }
  restore(snap: [string, { value: string; expires: number }][]): void {
    this.map.clear();
    for (const [k, e] of snap) this.map.set(k, { ...e });
  }

  /** Everything gone (an evicted or flushed cache). */
  clear(): void { this.map.clear(); }

  private purgeExpired(): void {
    const now = this.nowMs();
    for (const [k, e] of this.map) if (e.expires <= now) this.map.delete(k);
  }

  /** Keeps the 900 farthest from expiration; ties (items written together) are broken at random, not in our favour. */
  private trim(): void {
    const ranked = [...this.map].map(([k, e]) => ({ k, expires: e.expires, r: this.random() }))
      .sort((a, b) => b.expires - a.expires || a.r - b.r);
    for (const { k } of ranked.slice(CACHE_LIMITS.keepAfterTrim)) this.map.delete(k);
    this.trimmed += ranked.length - CACHE_LIMITS.keepAfterTrim;
  }
}
