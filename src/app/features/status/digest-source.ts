// What the weekly leader digest tells each leader, from the read model: the leaders' and units' views the rebuild made
// (and every change patches), one getAll, a lost pack from its durable copy in one bounded read — never Certifications or
// Employees whole. Only when today's rebuild is not at hand (or a leader is not in it) does it read the records as before.
import { childrenIndex, withSubUnits } from '../../../core/access';
import { isoDateIn } from '../../../core/dates';
import type { Locale } from '../../../core/i18n';
import type { Employee } from '../../../core/records/tables';
import { compareMembers, type MemberSummary } from '../../../core/unit-aggregates';
import type { Meta, Need, PersonView } from '../../../store/read-model';
import { readAllTables, RESPONSE_BYTES } from '../../../store/rebuild';
import { buildUnitViews, leaderKey, ledUnits, unitKey, type LeaderView, type UnitView } from '../../../store/unit-views';
import { loadViews } from '../../pipeline/load';
import type { Env } from '../../pipeline/handler';

/** One leader the digest may go to, with what their own Employees row said. */
export interface DigestLeader { email: string; view: LeaderView; name: string; locale: Locale; left: boolean }

export interface DigestSource {
  /** Where it came from: the read model (bounded), or the records (no rebuild today). */
  from: 'read model' | 'records';
  /** Leaders listed in Units (an address not in Employees is left out, as it was never told). */
  leaders: DigestLeader[];
  /** People in the unit and its sub-units who need action, worst first (the first DIGEST_PEOPLE), and how many. */
  people(unitId: string): { list: MemberSummary[]; total: number };
}

/** People the digest names per unit at most (unit-messages.ts shows ten; a few more cost nothing). */
const LIST = 10;

/**
 * The digest's leaders and people from the read model when today's rebuild is at hand: the directory's units say who
 * leads what; every leader's overview (`ul:`) and every unit's view (`u:`, page 0: members worst first, those needing
 * action first) come in one getAll, and packs the cache lost from the ReadModel tab in one bounded read. Undefined when
 * the model was not built today (statuses move with the date), or a leader has no view or no facts (a view made before
 * views carried them, or a leader added since the rebuild).
 */
export function digestFromReadModel(env: Env): DigestSource | undefined {
  const units = env.views.dir.units;
  const led = ledUnits(units);
  const needs: Need[] = [{ shard: 'meta' }, ...[...led.keys()].map((e) => ({ view: leaderKey(e) })), ...units.map((u) => ({ view: unitKey(u.unitId) }))];
  const views = loadViews(env.ports.workbook, env.rm, needs, env.today, { refill: true });
  const meta = views.view<Meta>('meta');
  if (!meta || isoDateIn(new Date(meta.builtAt), env.ports.clock.timeZone) !== env.today) return undefined;
  const leaders: DigestLeader[] = [];
  for (const email of led.keys()) {
    const view = views.view<LeaderView>(leaderKey(email));
    if (!view || view.leader === undefined) return undefined;
    if (view.leader === null) continue;
    leaders.push({ email, view, name: view.leader.name, locale: view.leader.locale ?? 'nb', left: !!view.leader.left });
  }
  const byUnit = new Map<string, UnitView>();
  for (const u of units) {
    const v = views.view<UnitView>(unitKey(u.unitId));
    if (v) byUnit.set(u.unitId, v);
  }
  return { from: 'read model', leaders, people: peopleOf(byUnit, childrenIndex(units)) };
}

/** People needing action in a unit and its sub-units, from each unit's view (page 0: worst first, those needing first). */
function peopleOf(byUnit: ReadonlyMap<string, UnitView>, children: Map<string, string[]>): DigestSource['people'] {
  return (unitId) => {
    const subs = [...withSubUnits([unitId], children)].map((id) => byUnit.get(id)).filter((v): v is UnitView => !!v);
    // Each page 0 is sorted by compareMembers: the first few of all are among the first few of each.
    const list = subs.flatMap((v) => v.members.filter((m) => m.items.length > 0).slice(0, LIST)).sort(compareMembers).slice(0, LIST);
    return { list, total: subs.reduce((n, v) => n + v.needingCount, 0) };
  };
}

/** The digest from the records (no rebuild today): Units, Employees, Competences, Requirements and Certifications whole. */
export function digestFromRecords(env: Env, expiringWindowDays: number): DigestSource {
  const snap = readAllTables(env.ports.workbook, ['Units', 'Employees', 'Competences', 'Requirements', 'Certifications'], RESPONSE_BYTES);
  const certs = new Map<string, PersonView['certifications']>();
  for (const c of snap.Certifications?.rows ?? []) {
    const list = certs.get(c.row.employeeId);
    if (list) list.push(c);
    else certs.set(c.row.employeeId, [c]);
  }
  const persons: PersonView[] = (snap.Employees?.rows ?? []).map((employee) => ({
    employee, certifications: certs.get(employee.row.employeeId) ?? [], enrollments: [], planItems: [], skills: [], appraisals: [], questions: [],
  }));
  const units = (snap.Units?.rows ?? []).map((r) => r.row);
  const built = buildUnitViews(units, persons, {
    competences: (snap.Competences?.rows ?? []).map((r) => r.row), requirements: (snap.Requirements?.rows ?? []).map((r) => r.row),
    today: env.today, expiringWindowDays, builtAt: env.now,
  });
  const employees = new Map<string, Employee>((snap.Employees?.rows ?? []).map((r) => [r.row.email, r.row]));
  const leaders: DigestLeader[] = [];
  for (const [email, view] of built.leaders) {
    const e = employees.get(email);
    if (e) leaders.push({ email, view, name: e.name, locale: e.locale ?? 'nb', left: e.status === 'left' });
  }
  return { from: 'records', leaders, people: peopleOf(built.unitViews, childrenIndex(units)) };
}
