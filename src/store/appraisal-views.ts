// Appraisal views in the read model (metadata only, never a conversation's content): per leader, the people they hold
// conversations with; and a docId → appraisal index in buckets, so the Docs panel recognises a document in one getAll.
import { hash31 } from '../core/ids';
import { isHeld, isOpen, KINDS } from '../core/appraisal';
import { normaliseEmail } from '../core/records/cells';
import type { Appraisal, Employee, Unit } from '../core/records/tables';
import type { PersonView } from './read-model';
import type { Snapshot } from './records';
import type { Located } from './table-parse';

/** Documents per bucket stay small: 256 buckets hold ~100,000 appraisal documents in one chunk each. */
export const DOC_BUCKETS = 256;
/** People in one leader's list (one cache value of at most 8 chunks); the most urgent come first when cut. */
export const LEADER_MAX_MEMBERS = 1500;

export function docIndexKey(docId: string): string {
  return `ad:${hash31(docId) % DOC_BUCKETS}`;
}
/**
 * A document made since the last rebuild, under its own key until the rebuild puts it in its bucket (a bucket holds
 * other documents too, so a request that did not load it cannot rewrite it). Expires with the cache.
 */
export function docNewKey(docId: string): string {
  return `adn:${docId}`;
}
export function appraisalLeaderKey(email: string): string {
  return `al:${normaliseEmail(email)}`;
}

/** Who a document belongs to, as the Docs panel needs it before any other read. */
export interface DocEntry {
  appraisal: Located<Appraisal>;
  employee: { employeeId: string; email: string; name: string; unitId: string };
}
export type DocIndex = Record<string, DocEntry>;

/** One person in a leader's list, with the appraisal rows that decide what is due. */
export interface AppraisalMember {
  employeeId: string;
  email: string;
  name: string;
  unitId: string;
  roleIds: string[];
  startDate?: string;
  probationEndsOn?: string;
  status: Employee['status'];
  appraisals: Located<Appraisal>[];
}
export interface AppraisalLeaderView { builtAt: string; members: AppraisalMember[]; total: number }

/**
 * The people who hold a person's conversations: the leaders of the nearest unit, from the person's own unit upwards,
 * that has a leader other than the person (a unit leader's own conversations are held one level up).
 */
export function nearestLeaders(unitId: string, email: string, units: readonly Pick<Unit, 'unitId' | 'parentUnitId' | 'leaderEmails'>[]): string[] {
  const byId = new Map(units.map((u) => [u.unitId, u]));
  const self = normaliseEmail(email);
  const seen = new Set<string>();
  for (let u = byId.get(unitId); u && !seen.has(u.unitId); u = u.parentUnitId ? byId.get(u.parentUnitId) : undefined) {
    seen.add(u.unitId);
    const others = (u.leaderEmails ?? []).map(normaliseEmail).filter((e) => e !== self);
    if (others.length > 0) return others;
  }
  return [];
}

/** The rows a leader's list keeps: open and not yet archived ones, the last held of each kind, and probation ones. */
export function relevantAppraisals(list: readonly Located<Appraisal>[]): Located<Appraisal>[] {
  const keep = new Set<Located<Appraisal>>();
  for (const a of list) {
    if (a.row.status === 'cancelled') continue;
    if (isOpen(a.row) || a.row.status === 'held' || a.row.status === 'signed' || a.row.kind === 'probation') keep.add(a);
  }
  for (const kind of KINDS) {
    const last = list.filter((a) => a.row.kind === kind && isHeld(a.row)).sort((a, b) => b.row.heldOn!.localeCompare(a.row.heldOn!))[0];
    if (last) keep.add(last);
  }
  return list.filter((a) => keep.has(a));
}

export function memberOfView(p: Pick<PersonView, 'employee' | 'appraisals'>): AppraisalMember {
  const e = p.employee.row;
  return {
    employeeId: e.employeeId, email: e.email, name: e.name, unitId: e.unitId, roleIds: e.roleIds ?? [],
    ...(e.startDate ? { startDate: e.startDate } : {}), ...(e.probationEndsOn ? { probationEndsOn: e.probationEndsOn } : {}),
    status: e.status, appraisals: relevantAppraisals(p.appraisals),
  };
}

function urgency(m: AppraisalMember, today: string): number {
  if (m.probationEndsOn && m.probationEndsOn >= today) return 0;
  const dev = m.appraisals.filter((a) => a.row.kind === 'development' && isHeld(a.row)).map((a) => a.row.nextDueOn ?? '').sort().pop();
  return dev && dev > today ? 2 : 1;
}

export function sortMembers(members: AppraisalMember[], today: string): AppraisalMember[] {
  return members.sort((a, b) => urgency(a, today) - urgency(b, today) || a.name.localeCompare(b.name, 'nb'));
}

export interface BuiltAppraisalViews { leaders: Map<string, AppraisalLeaderView>; docs: DocIndex[] }

/** Every leader's list and the document index, from the person views of a rebuild (or the job's snapshot). */
export function buildAppraisalViews(units: readonly Unit[], persons: Iterable<PersonView>, opts: { now: string; today: string }): BuiltAppraisalViews {
  const byLeader = new Map<string, AppraisalMember[]>();
  const docs: DocIndex[] = Array.from({ length: DOC_BUCKETS }, () => ({}));
  for (const p of persons) {
    const e = p.employee.row;
    for (const a of p.appraisals) {
      if (!a.row.docId) continue;
      const bucket = docs[hash31(a.row.docId) % DOC_BUCKETS];
      if (bucket) bucket[a.row.docId] = {
        appraisal: a, employee: { employeeId: e.employeeId, email: e.email, name: e.name, unitId: e.unitId },
      };
    }
    if (e.status === 'left') continue;
    const member = memberOfView(p);
    for (const leader of nearestLeaders(e.unitId, e.email, units)) {
      const list = byLeader.get(leader) ?? [];
      list.push(member);
      byLeader.set(leader, list);
    }
  }
  const leaders = new Map<string, AppraisalLeaderView>();
  for (const [email, list] of byLeader) {
    const members = sortMembers(list, opts.today);
    leaders.set(email, { builtAt: opts.now, members: members.slice(0, LEADER_MAX_MEMBERS), total: members.length });
  }
  return { leaders, docs };
}

/** The rebuild's hook: every leader's list (leaders with nobody get an empty one) and every document bucket. */
export function appraisalViewEntries(snap: Snapshot, persons: Map<string, PersonView>, opts: { now: string; today: string }): [string, unknown][] {
  const units = (snap.Units?.rows ?? []).map((r) => r.row);
  const built = buildAppraisalViews(units, persons.values(), opts);
  const entries: [string, unknown][] = [];
  const allLeaders = new Set(units.flatMap((u) => (u.leaderEmails ?? []).map(normaliseEmail)));
  for (const email of allLeaders) entries.push([appraisalLeaderKey(email), built.leaders.get(email) ?? { builtAt: opts.now, members: [], total: 0 }]);
  built.docs.forEach((bucket, i) => entries.push([`ad:${i}`, bucket]));
  return entries;
}

/** A leader's list after one person's appraisals changed (the person is added when they now belong to it). */
export function patchLeaderMember(view: AppraisalLeaderView, member: AppraisalMember, at: string): AppraisalLeaderView {
  const i = view.members.findIndex((m) => m.employeeId === member.employeeId);
  const members = [...view.members];
  if (i >= 0) members[i] = member;
  else { members.push(member); }
  return { builtAt: at, members, total: view.total + (i >= 0 ? 0 : 1) };
}
