// appendAll keeps order and survives row counts where `push(...rows)` overflows the call stack.
import { appendAll } from '../../src/core/arrays';

it('appends every row in order, past the count where spreading them as arguments throws', () => {
  const rows = Array.from({ length: 1_000_000 }, (_, i) => i);
  expect(() => [].push(...(rows as never[]))).toThrow(RangeError);
  const to = [-1];
  appendAll(to, rows);
  expect(to).toHaveLength(1_000_001);
  expect(to[1]).toBe(0);
  expect(to[1_000_000]).toBe(999_999);
});
