// Job leases: each job holds its own lease (a Settings row) for its whole run, so a trigger and "run now" never overlap.
import type { Setting } from '../core/records/tables';
import { insert, Records, update, withLock } from '../store/records';
import type { Located } from '../store/table-parse';
import type { Ports } from './ports';

/** Longer than one Apps Script execution (6 minutes): a run that died leaves a lease that lapses by itself. */
export const LEASE_MS = 7 * 60_000;
const LOCK_MS = 10_000;

export const leaseKey = (job: string) => `lease:${job}`;

function parse(value: string | undefined): { holder: string; until: number } | undefined {
  const m = /^(\S+) (\S+)$/.exec(value ?? '');
  if (!m) return undefined;
  const until = Date.parse(m[2]);
  return Number.isFinite(until) ? { holder: m[1], until } : undefined;
}

/**
 * Takes the job's lease: under the script lock, one read of Settings and one write of its lease row (with an audit row).
 * Returns the holder id, or undefined when another run holds an unexpired lease. The Settings read and write are the
 * records', never the cache's: the lease must hold across executions and instances.
 */
export function takeLease(ports: Ports, job: string, holder: string): string | undefined {
  const records = new Records(ports.workbook);
  const now = ports.clock.now();
  const res = withLock(ports.lock, LOCK_MS, () => {
    const snap = records.read(['Settings', 'Audit'], { Audit: [] });
    const row = snap.Settings!.rows.find((r) => r.row.key === leaseKey(job)) as Located<Setting> | undefined;
    const held = parse(row?.row.value);
    if (held && held.holder !== holder && held.until > now.getTime()) return { ok: false as const, holder: held.holder };
    const after: Setting = { key: leaseKey(job), value: `${holder} ${new Date(now.getTime() + LEASE_MS).toISOString()}` };
    const change = row ? update('Settings', row.rowNumber, row.row, after) : insert('Settings', after);
    return records.commit([change], { actorEmail: 'kompetent', action: 'jobLease', at: now.toISOString() }, snap);
  });
  return res.ok ? holder : undefined;
}

/** Gives the lease back if this run still holds it (a lapsed lease taken by another run is left alone). */
export function releaseLease(ports: Ports, job: string, holder: string): void {
  const records = new Records(ports.workbook);
  const now = ports.clock.now();
  withLock(ports.lock, LOCK_MS, () => {
    const snap = records.read(['Settings', 'Audit'], { Audit: [] });
    const row = snap.Settings!.rows.find((r) => r.row.key === leaseKey(job)) as Located<Setting> | undefined;
    if (!row || parse(row.row.value)?.holder !== holder) return { ok: true as const };
    return records.commit([update('Settings', row.rowNumber, row.row, { key: leaseKey(job), value: undefined })],
      { actorEmail: 'kompetent', action: 'jobLease', at: now.toISOString() }, snap);
  });
}
