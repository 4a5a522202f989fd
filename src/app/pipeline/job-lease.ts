// Job leases: the one job lock. Each job holds its own lease for its whole run, so a trigger and "run now" never overlap.
import { withLock } from '../../store/records';
import type { Ports } from '../ports';

/** Longer than one Apps Script execution (6 minutes): a run that died leaves a lease that lapses by itself. */
export const LEASE_MS = 7 * 60_000;
const LOCK_MS = 10_000;

function parse(value: string | undefined): { holder: string; until: number } | undefined {
  const [, holder, at] = /^(\S+) (\S+)$/.exec(value ?? '') ?? [];
  if (!holder || !at) return undefined;
  const until = Date.parse(at);
  return Number.isFinite(until) ? { holder, until } : undefined;
}

/**
 * Takes the job's lease: under the script lock (shared by every user, unlike the user lock), one read and one write of
 * the lease store. Returns the holder id, or undefined when another run holds an unexpired lease or the lock is busy.
 * No records are read or written: a lease every minute (the outbox) would otherwise spend the service account's Sheets
 * quota and grow Audit by thousands of rows a day.
 */
export function takeLease(ports: Ports, job: string, holder: string): string | undefined {
  const now = ports.clock.now().getTime();
  const res = withLock(ports.lock, LOCK_MS, () => {
    const held = parse(ports.leases.get(job));
    if (held && held.holder !== holder && held.until > now) return { ok: false as const };
    ports.leases.set(job, `${holder} ${new Date(now + LEASE_MS).toISOString()}`);
    return { ok: true as const };
  });
  return res.ok ? holder : undefined;
}

/**
 * Gives the lease back if this run still holds it (a lapsed lease taken by another run is left alone). No script lock:
 * between the read and the removal another run can only take a lease that has lapsed, i.e. after LEASE_MS, longer than
 * any execution may run; so a busy lock never leaves a finished job's lease standing.
 */
export function releaseLease(ports: Ports, job: string, holder: string): void {
  if (parse(ports.leases.get(job))?.holder === holder) ports.leases.remove(job);
}
