// An administrator's "run now" of a job that sends mail: a durable request the standing minute trigger runs, as the app.
import { ACTIONS } from '../../contract/actions';
import { JOB_ACTIONS } from './entry-points';
import { withLock } from '../../store/records';
import type { Ports } from '../ports';

/**
 * Jobs an administrator may run in their own execution: they read and write only through the service account and the
 * script cache (nothing sent). Every other job may mail, and MailApp sends "from the effective user"
 * (developers.google.com/apps-script/reference/mail/mail-app): run by an administrator's hand, from their mailbox.
 */
export const RUN_BY_HAND: ReadonlySet<string> = new Set([ACTIONS.jobRebuild, ACTIONS.jobHeal,
  // The monthly rotation only reads and writes spreadsheets and makes the archive file, all as the service account: run by
  // hand, its audit rows name the administrator who ran it.
  ACTIONS.jobRotate]);

/**
 * The one Script Property (through the lease store: `job-lease:requested`) listing the jobs asked for, `action@iso` each,
 * space-separated. One value, so the minute's check is one read. Script Properties are "shared among all users of a
 * script" (developers.google.com/apps-script/guides/properties): the administrator's request is seen by the trigger
 * owner's run.
 */
export const REQUESTED = 'requested';
const LOCK_MS = 10_000;

function parse(value: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (value ?? '').split(/\s+/)) {
    const [, action, at] = /^([a-zA-Z.]+)@(\S+)$/.exec(part) ?? [];
    if (action && at) out.set(action, at);
  }
  return out;
}

/** Records that the job should run soon (under the script lock: requests made at once are all kept). False when busy. */
export function requestRun(ports: Ports, action: string): boolean {
  const at = ports.clock.now().toISOString();
  const res = withLock(ports.lock, LOCK_MS, () => {
    const wanted = parse(ports.leases.get(REQUESTED));
    if (!wanted.has(action)) wanted.set(action, at);
    ports.leases.set(REQUESTED, [...wanted].map(([a, t]) => `${a}@${t}`).join(' '));
    return { ok: true as const };
  });
  return res.ok;
}

/**
 * The jobs asked for since the last minute, taken (removed) under the script lock so two runs never both take one. When
 * nothing was asked for this is one Script Properties read and no lock.
 */
export function takeRequestedRuns(ports: Ports): string[] {
  if (parse(ports.leases.get(REQUESTED)).size === 0) return [];
  const res = withLock(ports.lock, LOCK_MS, () => {
    const wanted = parse(ports.leases.get(REQUESTED));
    if (wanted.size > 0) ports.leases.remove(REQUESTED);
    return { ok: true as const, wanted: [...wanted.keys()] };
  });
  return res.ok ? res.wanted : [];
}

/**
 * What the standing minute trigger does after its own run: each job an administrator asked for, run as the app
 * (`run(action)` starts it as a trigger run would). Only the product's own job actions are run.
 */
export function runRequestedJobs(ports: Ports, run: (action: string) => void): string[] {
  const list = takeRequestedRuns(ports).filter((a) => JOB_ACTIONS.has(a));
  for (const action of list) run(action);
  return list;
}
