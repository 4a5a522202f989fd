// The FAQ search measured on realistic Norwegian questions over the demo FAQ (issue 15): a floor on the share answered in
// the first three hits, and every expected answer named exactly once.
import { FaqIndex, type Searchable } from '../../src/core/faq-search';
import { evaluateFaqSearch, FAQ_CASES } from '../../src/demo/faq-eval';

/** Measured when the floor was set: 71 of 72 in the first three, 68 first (the search before BM25 and compound parts: 69 and 65). */
const TOP3_FLOOR = 0.95;
const TOP1_FLOOR = 0.9;

test('about fifty or more realistic questions, each with one expected answer', () => {
  expect(FAQ_CASES.length).toBeGreaterThanOrEqual(50);
  expect(new Set(FAQ_CASES.map((c) => c.q)).size).toBe(FAQ_CASES.length);
  expect(() => evaluateFaqSearch()).not.toThrow();
});

test(`the right answer is among the first three for at least ${TOP3_FLOOR * 100} % of them, and first for ${TOP1_FLOOR * 100} %`, () => {
  const r = evaluateFaqSearch();
  expect({ top3: r.top3 / r.cases >= TOP3_FLOOR, top1: r.top1 / r.cases >= TOP1_FLOOR, misses: r.misses })
    .toEqual({ top3: true, top1: true, misses: expect.any(Array) });
});

test('the measure can fail: a search that ignores the question scores far below the floor', () => {
  const blind = (entries: Searchable[]) => ({ search: () => entries.slice(0, 3).map((e) => ({ id: e.id, score: 1, coverage: 1 })) });
  expect(evaluateFaqSearch(blind).top3 / FAQ_CASES.length).toBeLessThan(0.2);
  expect(evaluateFaqSearch((e) => new FaqIndex(e)).top3).toBeGreaterThan(evaluateFaqSearch(blind).top3);
});
