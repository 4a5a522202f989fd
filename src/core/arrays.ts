// Array helpers safe at municipal scale.

/** Appends in a loop: `push(...rows)` passes every row as an argument and overflows the stack past ~100,000 rows. */
export function appendAll<T>(to: T[], rows: readonly T[]): void {
  for (const r of rows) to.push(r);
}

/** The item at an index the caller knows is in range (a modulo, a loop bound): out of range is a bug and throws. */
export function itemAt<T>(list: readonly T[], i: number): T {
  if (!Number.isInteger(i) || i < 0 || i >= list.length) throw new RangeError(`index ${i} outside a list of ${list.length}`);
  return list[i] as T;
}
