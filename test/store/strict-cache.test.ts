// The strict CacheService fake: every documented limit of Google's Cache class, as Google applies it.
import { CACHE_LIMITS, MemoryCache, utf8Bytes } from '../../src/store/strict-cache';

describe('MemoryCache (strict, as Google documents CacheService)', () => {
  it('throws on a value over 100 KB counted in UTF-8 bytes, and stores nothing of that call', () => {
    const cache = new MemoryCache(() => 0);
    const ascii = 'x'.repeat(CACHE_LIMITS.maxValueBytes);
    cache.putAll({ ok: ascii }, 60);
    // 50,001 characters of "ø" are 100,002 bytes: fine by character count, too large for Google.
    expect(() => cache.putAll({ a: 'y', big: 'ø'.repeat(50_001) }, 60)).toThrow(/Argument too large: value/);
    expect(cache.getAll(['a', 'big', 'ok'])).toEqual({ ok: ascii });
    expect(utf8Bytes('ø😀')).toBe(6);
  });

  it('throws on a key over 250 characters and on an expiration outside 1..21,600 s', () => {
    const cache = new MemoryCache(() => 0);
    expect(() => cache.putAll({ ['k'.repeat(251)]: 'v' }, 60)).toThrow(/Argument too large: key/);
    cache.putAll({ ['k'.repeat(250)]: 'v' }, 60);
    expect(() => cache.putAll({ a: 'v' }, 21_601)).toThrow(/expirationInSeconds/);
    expect(() => cache.putAll({ a: 'v' }, 0)).toThrow(/expirationInSeconds/);
    cache.putAll({ a: 'v' }, 21_600);
    expect(cache.size()).toBe(2);
  });

  it('defaults to 600 s and expires by the injected clock', () => {
    let now = 0;
    const cache = new MemoryCache(() => now);
    cache.putAll({ a: '1' });
    now = 599_000;
    expect(cache.getAll(['a'])).toEqual({ a: '1' });
    now = 600_000;
    expect(cache.getAll(['a'])).toEqual({});
  });

  it('past 1,000 items keeps the 900 farthest from expiration, silently', () => {
    let now = 0;
    const cache = new MemoryCache(() => now);
    const batch = (from: number, n: number, ttl: number) =>
      cache.putAll(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${from + i}`, 'v'])), ttl);
    batch(0, 500, 21_600); // far from expiry
    now = 1000;
    batch(500, 500, 60); // near expiry
    expect(cache.size()).toBe(1000);
    batch(1000, 1, 3600);
    expect(cache.size()).toBe(900);
    const kept = new Set(cache.keys());
    for (let i = 0; i < 500; i++) expect(kept.has(`k${i}`)).toBe(true);
    expect(kept.has('k1000')).toBe(true);
    expect(cache.trimmed).toBe(101);
  });

  it('lets tests evict random items or everything at any time', () => {
    const cache = new MemoryCache(() => 0, 7);
    cache.putAll(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, 'v'])), 60);
    const gone = cache.evictRandom(10);
    expect(gone).toHaveLength(10);
    expect(cache.size()).toBe(90);
    expect(Object.keys(cache.getAll(gone))).toEqual([]);
    cache.evictRandom(0.5);
    expect(cache.size()).toBe(45);
    cache.clear();
    expect(cache.size()).toBe(0);
  });
});
