// The demo's employees: headcount spread over the units in proportion, leaders per unit, managers, personas.
import type { Employee, Unit } from '../core/records/tables';
import { EmailBook, randomName } from './names';
import { ROLE_MIX, isCareUnit, leaderRole, type OrgUnit } from './org';
import { DEMO_PERSONAS, PERSONA_SPECS, type PersonaKey } from './personas';
import { seqId, type Rng } from './random';
import { addDays, addMonths } from './clock';

export interface Person {
  employee: Employee;
  unit: OrgUnit;
  persona?: PersonaKey;
  /** Unit ids this person leads. */
  leads: string[];
}

export interface People {
  persons: Person[];
  byEmail: Map<string, Person>;
  byId: Map<string, Person>;
  units: Unit[];
  /** Unit id → leader e-mails (the unit's own, or inherited from the nearest parent with leaders). */
  leadersOf: Map<string, string[]>;
  /** Unit id → the people whose workplace it is. */
  staffOf: Map<string, Person[]>;
}

const HR_UNITS = new Set(['HR-rådgivning', 'Kompetanse og lederutvikling']);

/** Headcount per unit: roots and sectors get one person (their leader) first, the rest by weight (largest remainder). */
export function allocate(org: readonly OrgUnit[], total: number): Map<string, number> {
  const hasChildren = new Set(org.map((u) => u.parentUnitId).filter((id): id is string => !!id));
  const base = org.map((u): number => (u.level <= 1 && hasChildren.has(u.unitId) ? 1 : 0));
  const rest = total - base.reduce((a, b) => a + b, 0);
  if (rest < 0) throw new RangeError(`the demo needs at least ${total - rest} employees`);
  const weight = org.reduce((a, u) => a + u.weight, 0);
  const quotas = org.map((u) => (u.weight * rest) / weight);
  const counts = quotas.map((q, i) => (base[i] ?? 0) + Math.floor(q));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = quotas.map((q, i) => [q - Math.floor(q), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return new Map(org.map((u, i) => [u.unitId, counts[i] ?? 0]));
}

function tenureDays(rng: Rng, leader: boolean): number {
  const meanYears = leader ? 10 : 9;
  const days = Math.floor(-Math.log(1 - rng.next()) * meanYears * 365);
  return Math.min((leader ? 730 : 183) + days, 40 * 365);
}

function pickLocale(rng: Rng): Employee['locale'] {
  return rng.weighted([['nb', 90], ['en', 6], ['sv', 4]] as const);
}

export function buildPeople(org: readonly OrgUnit[], employees: number, today: string, rng: Rng): People {
  const personaCount = PERSONA_SPECS.length;
  const alloc = allocate(org, employees - personaCount);
  const emails = new EmailBook();
  for (const email of Object.values(DEMO_PERSONAS)) emails.reserve(email);

  const persons: Person[] = [];
  const leadersOf = new Map<string, string[]>();
  const staffOf = new Map<string, Person[]>();
  const byEmail = new Map<string, Person>();
  const unitById = new Map(org.map((u) => [u.unitId, u]));
  let nextId = personaCount + 1;

  const managerFor = (unit: OrgUnit, self: string): string | undefined => {
    for (let u: OrgUnit | undefined = unit; u; u = u.parentUnitId ? unitById.get(u.parentUnitId) : undefined) {
      const other = (leadersOf.get(u.unitId) ?? []).find((e) => e !== self);
      if (other) return other;
    }
    return undefined;
  };

  const add = (p: Person): Person => {
    persons.push(p);
    byEmail.set(p.employee.email, p);
    const list = staffOf.get(p.unit.unitId) ?? [];
    list.push(p);
    staffOf.set(p.unit.unitId, list);
    return p;
  };

  const makePerson = (unit: OrgUnit, roleIds: string[], leader: boolean): Person => {
    const { first, last } = randomName(rng);
    const email = emails.next(first, last);
    const roll = rng.next();
    let startDate: string;
    if (!leader && roll < 0.005) startDate = addDays(today, rng.int(1, 21));
    else if (!leader && roll < 0.045) startDate = addDays(today, -rng.int(1, 183));
    else startDate = addDays(today, -tenureDays(rng, leader));
    const recent = startDate > addDays(today, -183);
    const status: Employee['status'] = leader || recent ? 'active'
      : rng.weighted([['active', 955], ['leave', 30], ['left', 15]] as const);
    const employee: Employee = {
      employeeId: seqId('E', nextId++, 5), email, name: `${first} ${last}`, unitId: unit.unitId, roleIds,
      managerEmail: undefined, startDate,
      probationEndsOn: startDate > addDays(today, -3 * 365) ? addMonths(startDate, 6) : undefined,
      status, locale: pickLocale(rng),
    };
    return { employee, unit, leads: [] };
  };

  const personaByUnit = new Map<string, typeof PERSONA_SPECS>();
  for (const spec of PERSONA_SPECS) {
    const list = personaByUnit.get(spec.unitName) ?? [];
    list.push(spec);
    personaByUnit.set(spec.unitName, list);
  }
  const personaLeads = new Map<string, string>();
  for (const spec of PERSONA_SPECS) for (const name of spec.leads ?? []) personaLeads.set(name, DEMO_PERSONAS[spec.key]);

  for (const unit of org) {
    const count = alloc.get(unit.unitId) ?? 0;
    const here: Person[] = [];
    for (const spec of personaByUnit.get(unit.name) ?? []) {
      const startDate = addDays(today, -spec.startedDaysAgo);
      here.push({
        persona: spec.key, unit, leads: [],
        employee: {
          employeeId: seqId('E', PERSONA_SPECS.indexOf(spec) + 1, 5), email: DEMO_PERSONAS[spec.key], name: `${spec.first} ${spec.last}`,
          unitId: unit.unitId, roleIds: spec.roleIds, managerEmail: undefined, startDate,
          probationEndsOn: spec.startedDaysAgo < 3 * 365 ? addMonths(startDate, 6) : undefined, status: 'active', locale: spec.locale,
        },
      });
    }
    const personaLeader = personaLeads.get(unit.name);
    let leaders: string[];
    let made = 0;
    if (personaLeader) {
      leaders = [personaLeader];
    } else if (count > 0) {
      const second = count >= 12 && rng.chance(0.25);
      const lead = makePerson(unit, leaderRoles(unit, rng), true);
      here.push(lead);
      leaders = [lead.employee.email];
      made = 1;
      if (second) {
        const co = makePerson(unit, ['avdelingsleder'], true);
        here.push(co);
        leaders.push(co.employee.email);
        made = 2;
      }
    } else {
      const parent = unit.parentUnitId ? leadersOf.get(unit.parentUnitId) : undefined;
      const first = parent?.[0];
      if (!first) throw new Error(`no leader for ${unit.unitId}`);
      leaders = [first];
    }
    leadersOf.set(unit.unitId, leaders);
    for (; made < count; made++) here.push(makePerson(unit, staffRoles(unit, rng), false));

    for (const p of here) add(p);
  }

  // Leaders are known for every unit now; record who leads what and everyone's manager.
  for (const [unitId, leaders] of leadersOf) for (const email of leaders) byEmail.get(email)?.leads.push(unitId);
  for (const p of persons) p.employee.managerEmail = managerFor(p.unit, p.employee.email);

  persons.sort((a, b) => (a.employee.employeeId < b.employee.employeeId ? -1 : 1));
  const units: Unit[] = org.map((u) => ({
    unitId: u.unitId, name: u.name, area: u.area, parentUnitId: u.parentUnitId, leaderEmails: [...(leadersOf.get(u.unitId) ?? [])],
  }));
  return { persons, byEmail, byId: new Map(persons.map((p) => [p.employee.employeeId, p])), units, leadersOf, staffOf };
}

function leaderRoles(unit: OrgUnit, rng: Rng): string[] {
  const roles = [leaderRole(unit)];
  if (unit.level >= 2 && isCareUnit(unit) && rng.chance(0.6)) roles.push('sykepleier');
  if (unit.kind === 'kindergarten' && rng.chance(0.7)) roles.push('barnehagelaerer');
  if (unit.kind === 'school' && rng.chance(0.3)) roles.push('laerer');
  return roles;
}

function staffRoles(unit: OrgUnit, rng: Rng): string[] {
  let main = rng.weighted(ROLE_MIX[unit.kind]);
  if (HR_UNITS.has(unit.name) && main === 'radgiver') main = 'hr-radgiver';
  const roles = [main];
  if (rng.chance(0.03)) roles.push('verneombud');
  else if (main === 'laerer' && rng.chance(0.06)) roles.push('spesialpedagog');
  return roles;
}
