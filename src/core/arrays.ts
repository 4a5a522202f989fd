// Array helpers safe at municipal scale.

/** Appends in a loop: `push(...rows)` passes every row as an argument and overflows the stack past ~100,000 rows. */
export function appendAll<T>(to: T[], rows: readonly T[]): void {
  for (const r of rows) to.push(r);
}
