// Cache chunks: values split under the size limit, read back only when every chunk is from the same generation.
import { chunkKeys, CHUNK_CHARS, fromChunks, MemoryCache, MeteredCache, toChunks } from '../../src/store/cache-shards';
import { Meter } from '../../src/store/ports';

describe('chunks', () => {
  it('round-trips a value that needs several chunks, each under the limit', () => {
    const value = { list: Array.from({ length: 30_000 }, (_, i) => `Åse Øvrebø ${i}`) };
    const chunks = toChunks('big', value, 'g1');
    expect(Object.keys(chunks).length).toBeGreaterThan(1);
    for (const c of Object.values(chunks)) expect(c.length).toBeLessThanOrEqual(CHUNK_CHARS + 20);
    expect(fromChunks('big', chunks)).toEqual(value);
  });

  it('treats a missing chunk, or chunks of two generations, as a miss', () => {
    const a = toChunks('k', { s: 'x'.repeat(CHUNK_CHARS * 1.5) }, 'g1');
    const b = toChunks('k', { s: 'y'.repeat(CHUNK_CHARS * 1.5) }, 'g2');
    expect(fromChunks('k', { 'k#0': a['k#0']! })).toBeUndefined();
    expect(fromChunks('k', { 'k#0': a['k#0']!, 'k#1': b['k#1']! })).toBeUndefined();
    expect(fromChunks('k', { 'k#0': 'garbage' })).toBeUndefined();
  });

  it('refuses a value too big for the chunk budget instead of writing a partial one', () => {
    expect(() => toChunks('huge', 'z'.repeat(CHUNK_CHARS * 9), 'g')).toThrow(/shard it/);
  });

  it('asks for every possible chunk key in one call', () => {
    expect(chunkKeys('p:x', 2)).toEqual(['p:x#0', 'p:x#1']);
  });
});

describe('MemoryCache and MeteredCache', () => {
  it('expires values by the injected clock and counts one call per getAll/putAll', () => {
    let now = 0;
    const meter = new Meter();
    const cache = new MeteredCache(new MemoryCache(() => now), meter);
    cache.putAll({ a: '1', b: '2' }, 10);
    expect(cache.getAll(['a', 'b', 'c'])).toEqual({ a: '1', b: '2' });
    now = 11_000;
    expect(cache.getAll(['a'])).toEqual({});
    expect(meter.byKind).toEqual({ 'cache.putAll': 1, 'cache.getAll': 2 });
  });

  it('rejects a value over CacheService’s 100 KB limit like Google does', () => {
    expect(() => new MemoryCache().putAll({ a: 'x'.repeat(100_001) }, 10)).toThrow(/too large/);
  });
});

describe('Meter: round trips and requests', () => {
  it('counts a request sent alongside another (one round trip) by kind for the quotas, not as a call nor as time', () => {
    const meter = new Meter();
    const modeled: number[] = [];
    meter.observer = { begin: () => undefined, end: () => undefined, call: (_k, ms) => modeled.push(ms) };
    meter.call('workbook.read');
    meter.alongside('workbook.read');
    expect(meter.calls).toBe(1);
    expect(meter.byKind).toEqual({ 'workbook.read': 2 });
    expect(meter.alongsideByKind).toEqual({ 'workbook.read': 1 });
    expect(modeled).toEqual([175]);
    meter.reset();
    expect([meter.byKind, meter.alongsideByKind]).toEqual([{}, {}]);
  });
});
