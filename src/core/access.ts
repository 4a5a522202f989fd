// Who is asking and what they may see and change (DESIGN.md "Identity and access"): one pure rule set.
import { normaliseEmail } from './records/cells';
import type { Employee, Guide, Unit } from './records/tables';

export interface Actor {
  email: string;
  employee?: Employee;
  isAdmin: boolean;
  /** Units led directly (leaderEmails), and every unit below them. */
  ledUnitIds: ReadonlySet<string>;
  /** Set when the person is an active guide. */
  guide?: Guide;
  /** The guide forum's coordinator (Settings coordinatorEmail): posts announcements to the guides. */
  isCoordinator?: boolean;
}

export type ActorKind = 'staff' | 'leader' | 'guide' | 'admin' | 'unknown';

/** The roles someone has; a person can be several (leader and guide). Unknown when none. */
export function kindsOf(actor: Actor): ActorKind[] {
  const kinds: ActorKind[] = [];
  if (actor.employee && actor.employee.status !== 'left') kinds.push('staff');
  if (actor.ledUnitIds.size > 0) kinds.push('leader');
  if (actor.guide) kinds.push('guide');
  if (actor.isAdmin) kinds.push('admin');
  return kinds.length ? kinds : ['unknown'];
}

/**
 * Units whose parent chain comes back to themselves (a hand edit made A the parent of B and B of A). Their parent links
 * are ignored by the access rules: a loop must never put one area under another's leader. Data health names them.
 */
export function unitsInCycles(units: readonly Unit[]): Set<string> {
  const parent = new Map(units.map((u) => [u.unitId, u.parentUnitId]));
  const out = new Set<string>();
  for (const u of units) {
    // u is on a loop when walking up from it comes back to u (a chain that only runs into a loop ends elsewhere).
    let id = parent.get(u.unitId);
    for (let steps = 0; id !== undefined && steps <= units.length; steps++, id = parent.get(id)) {
      if (id === u.unitId) { out.add(u.unitId); break; }
    }
  }
  return out;
}

/** Children of each unit, for walking down the tree (links of units on a loop are left out: see unitsInCycles). */
export function childrenIndex(units: readonly Unit[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  const looped = unitsInCycles(units);
  for (const u of units) {
    if (!u.parentUnitId || looped.has(u.unitId)) continue;
    const list = children.get(u.parentUnitId) ?? [];
    list.push(u.unitId);
    children.set(u.parentUnitId, list);
  }
  return children;
}

/** The units and all their descendants (cycles in hand-edited data are tolerated). */
export function withSubUnits(unitIds: Iterable<string>, children: Map<string, string[]>): Set<string> {
  const out = new Set<string>();
  const stack = [...unitIds];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

export interface Directory {
  units: readonly Unit[];
  employeeByEmail(email: string): Employee | undefined;
  guideByEmail(email: string): Guide | undefined;
  adminEmails: readonly string[];
  /** Settings coordinatorEmail: the guide forum's coordinator. */
  coordinatorEmail?: string;
}

export function resolveActor(rawEmail: string | undefined, dir: Directory): Actor {
  const email = rawEmail ? normaliseEmail(rawEmail) : '';
  const employee = email ? dir.employeeByEmail(email) : undefined;
  const active = employee && employee.status !== 'left' ? employee : undefined;
  // The Units table says who leads; someone who has left leads nothing, whatever the table still says.
  const led = email && employee?.status !== 'left'
    ? dir.units.filter((u) => (u.leaderEmails ?? []).includes(email)).map((u) => u.unitId)
    : [];
  const guide = email ? dir.guideByEmail(email) : undefined;
  return {
    email,
    employee: active,
    isAdmin: email !== '' && dir.adminEmails.map(normaliseEmail).includes(email),
    ledUnitIds: withSubUnits(led, childrenIndex(dir.units)),
    guide: guide?.active ? guide : undefined,
    // Someone who has left coordinates nothing, whatever Settings still says.
    isCoordinator: email !== '' && employee?.status !== 'left' && !!dir.coordinatorEmail && normaliseEmail(dir.coordinatorEmail) === email,
  };
}

/** What a request wants to do, and to what. */
export type Target =
  | { do: 'viewEmployee' | 'signUpFor' | 'signOffFor' | 'planFor' | 'appraiseFor'; employee: Pick<Employee, 'employeeId' | 'unitId' | 'email'> }
  | { do: 'viewUnit' | 'viewUnitSkills'; unitId: string }
  | { do: 'assessOwnSkills' | 'viewCatalogue' | 'viewFaq' | 'askQuestion' }
  | { do: 'viewQuestion' | 'claimQuestion' | 'answerQuestion' | 'resolveQuestion' | 'replyToQuestion';
      question: { askerEmail: string; unitId?: string; topic?: string; guideEmail?: string } }
  | { do: 'publishFaq' | 'viewGuideStats' | 'announceToGuides' }
  | { do: 'administer' };

function isSelf(actor: Actor, employee: { email: string; employeeId: string }): boolean {
  return !!actor.employee && (actor.employee.employeeId === employee.employeeId || actor.email === normaliseEmail(employee.email));
}

function leads(actor: Actor, unitId: string | undefined): boolean {
  return unitId !== undefined && actor.ledUnitIds.has(unitId);
}

function guideCovers(guide: Guide, q: { unitId?: string; topic?: string; guideEmail?: string }): boolean {
  if (q.guideEmail) return q.guideEmail === guide.email;
  return (q.unitId !== undefined && (guide.unitIds ?? []).includes(q.unitId))
    || (q.topic !== undefined && (guide.topics ?? []).includes(q.topic));
}

/**
 * The access rules as one function. Admins may do everything (each change audited by the store);
 * unknown users may read the FAQ and ask a question.
 */
export function can(actor: Actor, target: Target): boolean {
  if (actor.isAdmin) return true;
  switch (target.do) {
    case 'viewCatalogue':
    case 'viewFaq':
    case 'askQuestion':
      return true;
    case 'assessOwnSkills':
      return !!actor.employee;
    case 'viewEmployee':
    case 'signUpFor':
      return isSelf(actor, target.employee) || leads(actor, target.employee.unitId);
    case 'signOffFor':
    case 'planFor':
    case 'appraiseFor':
      // A leader does not sign off, plan or appraise themselves.
      return !isSelf(actor, target.employee) && leads(actor, target.employee.unitId);
    case 'viewUnit':
      return leads(actor, target.unitId);
    case 'viewUnitSkills':
      return leads(actor, target.unitId) || (!!actor.guide && (actor.guide.unitIds ?? []).includes(target.unitId));
    case 'viewQuestion':
      return normaliseEmail(target.question.askerEmail) === actor.email
        || (!!actor.guide && (guideCovers(actor.guide, target.question) || !target.question.guideEmail));
    case 'claimQuestion':
      return !!actor.guide && (!target.question.guideEmail || target.question.guideEmail === actor.email);
    case 'answerQuestion':
      return !!actor.guide && (!target.question.guideEmail || target.question.guideEmail === actor.email);
    case 'resolveQuestion':
    case 'replyToQuestion':
      return normaliseEmail(target.question.askerEmail) === actor.email;
    case 'publishFaq':
    case 'viewGuideStats':
      return !!actor.guide;
    case 'announceToGuides':
      return !!actor.isCoordinator;
    case 'administer':
      return false;
  }
}
