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

/**
 * The requirements that apply to someone: the union over their roles; "required" wins, the shortest deadline wins, and
 * the earliest effective date (none: since each person's start) — one role that always had it makes it due from the start.
 */
export function requirementsFor(roleIds: readonly string[], requirements: readonly Requirement[]): Requirement[] {
  const byCompetence = new Map<string, Requirement>();
  for (const r of requirements) {
    if (!roleIds.includes(r.roleId)) continue;
    const prev = byCompetence.get(r.competenceId);
    if (!prev) { byCompetence.set(r.competenceId, r); continue; }
    const level = prev.level === 'required' || r.level === 'required' ? 'required' : 'recommended';
    const due = [prev.dueWithinDays, r.dueWithinDays].filter((d): d is number => d !== undefined);
    const from = prev.effectiveFrom === undefined || r.effectiveFrom === undefined ? undefined
      : prev.effectiveFrom < r.effectiveFrom ? prev.effectiveFrom : r.effectiveFrom;
    byCompetence.set(r.competenceId, { ...prev, level, dueWithinDays: due.length ? Math.min(...due) : undefined, effectiveFrom: from });
  }
  return [...byCompetence.values()];
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
  requirement: Pick<Requirement, 'competenceId' | 'level' | 'dueWithinDays' | 'effectiveFrom'>,
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
  // A requirement added after someone started gives them the same number of days from the day it took effect.
  const from = employee.startDate && requirement.effectiveFrom && requirement.effectiveFrom > employee.startDate
    ? requirement.effectiveFrom : employee.startDate;
  const dueBy = requirement.dueWithinDays !== undefined && from ? addDays(from, requirement.dueWithinDays) : undefined;
  const status: ItemStatus = dueBy !== undefined && dueBy < opts.today ? 'overdue' : 'missing';
  const since = dueBy !== undefined && from !== employee.startDate ? { dueSince: from } : {};
  return { ...base, status, dueBy, ...since, pending };
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
