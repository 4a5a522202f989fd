// The demo's seeded random numbers: the same seed gives the same data, every pick is in range, forks are independent.
import { Rng, seqId } from '../../src/demo/random';

it('gives the same numbers for the same seed, and other numbers for another seed', () => {
  const a = new Rng(42);
  const b = new Rng(42);
  const xs = Array.from({ length: 5 }, () => a.next());
  expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
  expect(new Rng(43).next()).not.toBe(xs[0]);
  for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
});

it('keeps integers, picks, samples and shuffles within what it was given', () => {
  const r = new Rng(7);
  const ints = Array.from({ length: 500 }, () => r.int(3, 5));
  expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
  const items = ['a', 'b', 'c', 'd'];
  for (let i = 0; i < 50; i++) expect(items).toContain(r.pick(items));
  expect(() => r.pick([])).toThrow('pick from an empty list');
  const sample = r.sample(items, 3);
  expect(new Set(sample).size).toBe(3);
  expect(r.sample(items, -1)).toEqual([]);
  expect(r.sample(items, 10).sort()).toEqual(items);
  expect(r.shuffle(items).sort()).toEqual(items);
  expect(items).toEqual(['a', 'b', 'c', 'd']);
});

it('picks by weight, never a value of weight 0, and refuses an empty list', () => {
  const r = new Rng(1);
  const picks = Array.from({ length: 2000 }, () => r.weighted([['often', 9], ['never', 0], ['rarely', 1]] as const));
  expect(picks).not.toContain('never');
  const often = picks.filter((p) => p === 'often').length;
  expect(often).toBeGreaterThan(1600);
  expect(often).toBeLessThan(2000);
  expect(() => r.weighted([])).toThrow('weighted pick from an empty list');
  expect(Array.from({ length: 200 }, () => r.chance(0)).some(Boolean)).toBe(false);
  expect(Array.from({ length: 200 }, () => r.chance(1)).every(Boolean)).toBe(true);
});

it('forks streams by label that do not shift each other', () => {
  const base = new Rng(99);
  const people = base.fork('people').next();
  const courses = base.fork('courses').next();
  expect(people).not.toBe(courses);
  expect(new Rng(99).fork('people').next()).toBe(people);
});

it('writes zero-padded sequential ids', () => {
  expect(seqId('E', 7, 5)).toBe('E00007');
  expect(seqId('S', 123456, 3)).toBe('S123456');
});
