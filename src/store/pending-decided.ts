// Certificates decided since the read model was built: one small cache value that every leader's pending list reads in
// the getAll it makes anyway, so a certificate one leader approved or rejected leaves the other leaders' lists at once.
import * as z from 'zod/mini';

/** Its read-model key: a single pack of its own, never durable (packs.ts), untouched by the rebuild. */
export const DECIDED_KEY = 'pdone';
/**
 * How long a decision is remembered: two hourly rebuilds, by then every leader overview was rebuilt from the records. The
 * rebuild does not clear the value (a decision made while it read would come back as pending); entries lapse instead.
 */
export const DECIDED_TTL_MS = 2 * 3600_000;
/** At most this many (~40 bytes each before compression): far above a municipality's decisions in two hours. */
export const DECIDED_MAX = 2_000;

/** certificationId → when it was decided (ISO). People can't edit it, but the cache can hand back anything: parsed. */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const decidedSchema = z.record(z.string(), z.string());
export type Decided = z.infer<typeof decidedSchema>;

function live(value: unknown, now: string): [string, string][] {
  const parsed = decidedSchema.safeParse(value);
  if (!parsed.success) return [];
  // ISO times of one form compare as text (cheaper than parsing each, on every decision).
  const from = new Date(Date.parse(now) - DECIDED_TTL_MS).toISOString();
  return Object.entries(parsed.data).filter(([, at]) => ISO.test(at) && at >= from);
}

/** The certificates decided recently (a lost or malformed value: none; those lists catch up at the next rebuild). */
export function decidedSet(value: unknown, now: string): ReadonlySet<string> {
  return new Set(live(value, now).map(([id]) => id));
}

/** The value after deciding `certificationId` now: lapsed entries dropped, the oldest beyond the cap too. */
export function withDecided(value: unknown, certificationId: string, now: string): Decided {
  const kept = live(value, now).filter(([id]) => id !== certificationId).sort((a, b) => a[1].localeCompare(b[1]));
  return Object.fromEntries([...kept.slice(Math.max(0, kept.length - DECIDED_MAX + 1)), [certificationId, new Date(Date.parse(now)).toISOString()]]);
}
