// Where a person stands against their role's competence plan, computed from the append-only certification history.
import { addDays, addMonths, daysBetween } from './dates';
import type { Certification, Competence, Employee, Requirement } from './records/tables';

export type ItemStatus = 'valid' | 'expiring' | 'expired' | 'missing' | 'overdue';

/** Why an item has its status, in data; the UI puts it into words ("expires 2027-03-01: CPR course 2026-03-01 + 12 months"). */
export interface Basis {
  certificationId: string;
  source: Certification['source'];
  achievedOn: string;
  /** Set when the expiry was computed: from `from` (achievement or the previous expiry) + months. */
  validityMonths?: number;
  from?: string;
  /** True when an early renewal extended the previous expiry instead of starting from the course date. */
  extended?: boolean;
  /** True when the expiry was typed on the certification itself. */
  explicit?: boolean;
}

export interface StatusItem {
  competenceId: string;
  level: Requirement['level'];
  status: ItemStatus;
  /** The day it stops (or stopped) being valid; absent for never-expiring or missing. */
  expiresOn?: string;
  daysLeft?: number;
  /** For missing/overdue items with a deadline: counted from the start date, or from `dueSince`. */
  dueBy?: string;
  /** The day the requirement took effect, when that was after the person started (the deadline counts from it). */
  dueSince?: string;
  basis?: Basis;
  /** A certificate is registered but not yet verified. */
  pending?: boolean;
}

export interface StatusOptions {
  today: string;
  /** Default "expiring" window in days when a competence has none (Settings expiringWindowDays, default 90). */
  expiringWindowDays: number;
}

/** One deadline a role gives: `days` from the person's start, or from `from` when it took effect after they started. */
export interface Deadline { days: number; from?: string }

/** A role row's deadline, if it has one. */
function deadlineOf(r: Pick<Requirement, 'dueWithinDays' | 'effectiveFrom'>): Deadline[] {
  return r.dueWithinDays === undefined ? [] : [{ days: r.dueWithinDays, ...(r.effectiveFrom ? { from: r.effectiveFrom } : {}) }];
}

/** A requirement as it applies to one person: the union of their roles' rows for one competence. */
export type AppliedRequirement = Requirement & { deadlines: Deadline[] };

/**
 * The requirements that apply to someone: the union over their roles; "required" wins. Each row keeps its own deadline
 * (days with the day it took effect), and the person is due by the earliest of them: a 365-day rule from the start and a
 * 14-day rule added later are not mixed into "14 days from the start". When the merged level is required, only the
 * required rows' deadlines count (an old recommendation's deadline does not make a new requirement overdue).
 */
export function requirementsFor(roleIds: readonly string[], requirements: readonly Requirement[]): AppliedRequirement[] {
  const rowsOf = new Map<string, Requirement[]>();
  for (const r of requirements) {
    if (!roleIds.includes(r.roleId)) continue;
    rowsOf.set(r.competenceId, [...(rowsOf.get(r.competenceId) ?? []), r]);
  }
  return [...rowsOf.values()].map((rows) => {
    const level = rows.some((r) => r.level === 'required') ? 'required' : 'recommended';
    const deadlines = rows.filter((r) => level !== 'required' || r.level === 'required').flatMap(deadlineOf);
    const days = deadlines.map((d) => d.days);
    return { ...rows[0]!, level, dueWithinDays: days.length ? Math.min(...days) : undefined, deadlines };
  });
}

/** The earliest due date of the deadlines for someone who started on `start`, and the effective day it counts from if not their start. */
function dueOf(start: string | undefined, deadlines: readonly Deadline[]): { dueBy?: string; dueSince?: string } {
  let best: { dueBy: string; dueSince?: string } | undefined;
  if (!start) return {};
  for (const d of deadlines) {
    // A requirement added after someone started gives them the same number of days from the day it took effect.
    const since = d.from && d.from > start ? d.from : undefined;
    const dueBy = addDays(since ?? start, d.days);
    if (!best || dueBy < best.dueBy) best = { dueBy, ...(since ? { dueSince: since } : {}) };
  }
  return best ?? {};
}

/**
 * The expiry of each valid certification of one competence, in the order they were achieved. Renewing inside
 * the renewal window before the previous expiry extends from that expiry when the competence renews from
 * "expiry" (the default); from the course date when it renews from "completion". The window is the one that calls
 * the item "expiring": the competence's own, else the municipality's default.
 */
export function expiryChain(competence: Competence, certs: readonly Certification[], defaultWindowDays = 90): { cert: Certification; expiresOn?: string; basis: Basis }[] {
  const sorted = certs.filter((c) => c.state === 'valid')
    .sort((a, b) => (a.achievedOn < b.achievedOn ? -1 : a.achievedOn > b.achievedOn ? 1 : a.certificationId < b.certificationId ? -1 : 1));
  const out: { cert: Certification; expiresOn?: string; basis: Basis }[] = [];
  let previous: string | undefined;
  for (const cert of sorted) {
    const basis: Basis = { certificationId: cert.certificationId, source: cert.source, achievedOn: cert.achievedOn };
    let expiresOn: string | undefined;
    if (cert.expiresOn) {
      expiresOn = cert.expiresOn;
      basis.explicit = true;
    } else if (competence.validityMonths) {
      const window = competence.windowDays ?? defaultWindowDays;
      const early = previous !== undefined && cert.achievedOn <= previous && cert.achievedOn >= addDays(previous, -window);
      const from = early && (competence.renewFrom ?? 'expiry') === 'expiry' ? previous! : cert.achievedOn;
      expiresOn = addMonths(from, competence.validityMonths);
      Object.assign(basis, { validityMonths: competence.validityMonths, from, extended: from !== cert.achievedOn });
    }
    out.push({ cert, expiresOn, basis });
    previous = expiresOn;
  }
  return out;
}

export function itemStatus(
  employee: Pick<Employee, 'startDate'>,
  requirement: Pick<Requirement, 'competenceId' | 'level' | 'dueWithinDays' | 'effectiveFrom'> & { deadlines?: readonly Deadline[] },
  competence: Competence | undefined,
  certs: readonly Certification[],
  opts: StatusOptions,
): StatusItem {
  const base = { competenceId: requirement.competenceId, level: requirement.level };
  const pending = certs.some((c) => c.state === 'pending') || undefined;
  const chain = competence ? expiryChain(competence, certs, opts.expiringWindowDays) : [];
  // The latest achievement supersedes earlier ones.
  const latest = chain[chain.length - 1];
  if (latest) {
    if (!latest.expiresOn) return { ...base, status: 'valid', basis: latest.basis };
    const daysLeft = daysBetween(opts.today, latest.expiresOn);
    const window = competence?.windowDays ?? opts.expiringWindowDays;
    const status: ItemStatus = daysLeft < 0 ? 'expired' : daysLeft <= window ? 'expiring' : 'valid';
    return { ...base, status, expiresOn: latest.expiresOn, daysLeft, basis: latest.basis, pending };
  }
  const { dueBy, dueSince } = dueOf(employee.startDate, requirement.deadlines ?? deadlineOf(requirement));
  const status: ItemStatus = dueBy !== undefined && dueBy < opts.today ? 'overdue' : 'missing';
  return { ...base, status, dueBy, ...(dueSince ? { dueSince } : {}), pending };
}

export interface EmployeeStatus {
  items: StatusItem[];
  /** Required items that are valid or expiring, of all required items (recommended ones do not count). */
  compliant: number;
  required: number;
  counts: Record<ItemStatus, number>;
}

export function employeeStatus(
  employee: Pick<Employee, 'roleIds' | 'startDate'>,
  requirements: readonly Requirement[],
  competences: ReadonlyMap<string, Competence>,
  certsByCompetence: ReadonlyMap<string, Certification[]>,
  opts: StatusOptions,
): EmployeeStatus {
  const items = requirementsFor(employee.roleIds ?? [], requirements)
    .map((r) => itemStatus(employee, r, competences.get(r.competenceId), certsByCompetence.get(r.competenceId) ?? [], opts));
  const order: Record<ItemStatus, number> = { overdue: 0, expired: 1, missing: 2, expiring: 3, valid: 4 };
  items.sort((a, b) => (a.level === b.level ? 0 : a.level === 'required' ? -1 : 1)
    || order[a.status] - order[b.status] || (a.expiresOn ?? '').localeCompare(b.expiresOn ?? ''));
  const counts: Record<ItemStatus, number> = { valid: 0, expiring: 0, expired: 0, missing: 0, overdue: 0 };
  let compliant = 0;
  let required = 0;
  for (const i of items) {
    if (i.level !== 'required') continue;
    required++;
    counts[i.status]++;
    if (i.status === 'valid' || i.status === 'expiring') compliant++;
  }
  return { items, compliant, required, counts };
}

/** Groups certifications by competence for one employee (input to employeeStatus). */
export function certsByCompetence(certs: readonly Certification[]): Map<string, Certification[]> {
  const m = new Map<string, Certification[]>();
  for (const c of certs) {
    const list = m.get(c.competenceId) ?? [];
    list.push(c);
    m.set(c.competenceId, list);
  }
  return m;
}
