// The certificates decided lately: remembered for two rebuilds, capped, and a lost or malformed cache value hides nothing.
import { DECIDED_MAX, DECIDED_TTL_MS, decidedSet, withDecided } from '../../src/store/pending-decided';

const NOW = '2026-12-03T10:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();

describe('pending-decided', () => {
  it('remembers a decision until it lapses after two hourly rebuilds', () => {
    const v = withDecided(undefined, 'C1', NOW);
    expect([...decidedSet(v, NOW)]).toEqual(['C1']);
    expect(decidedSet(v, later(DECIDED_TTL_MS)).has('C1')).toBe(true);
    expect(decidedSet(v, later(DECIDED_TTL_MS + 1)).has('C1')).toBe(false);
    // The next decision drops what has lapsed.
    expect(Object.keys(withDecided(v, 'C2', later(DECIDED_TTL_MS + 1)))).toEqual(['C2']);
  });

  it('keeps the newest DECIDED_MAX and never the same certificate twice', () => {
    const full = Object.fromEntries(Array.from({ length: DECIDED_MAX + 5 }, (_, i) => [`C${i}`, later(i)]));
    const v = withDecided(full, 'C3', later(DECIDED_MAX + 10));
    const ids = Object.keys(v);
    expect(ids).toHaveLength(DECIDED_MAX);
    expect(ids.slice(0, 2)).toEqual(['C6', 'C7']);
    expect(ids).not.toContain('C5');
    expect(ids.filter((id) => id === 'C3')).toHaveLength(1);
    expect(ids.at(-1)).toBe('C3');
    expect(decidedSet(v, later(DECIDED_MAX + 10)).size).toBe(DECIDED_MAX);
  });

  it('reads a lost or malformed value as nothing decided (those lists catch up at the next rebuild)', () => {
    for (const bad of [undefined, null, 'C1', ['C1'], { C1: 5 }]) expect(decidedSet(bad, NOW).size).toBe(0);
    expect(Object.keys(withDecided({ C1: 5 }, 'C2', NOW))).toEqual(['C2']);
  });
});
