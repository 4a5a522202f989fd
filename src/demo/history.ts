// Certification history per employee and competence: valid, expiring, expired, missing, pending, with renewals over time.
import type { Certification, Competence, Requirement } from '../core/records/tables';
import { addDays, addMonths, daysBetween, maxDate, minDate } from './clock';
import { COURSE_DEFS, sessionCourseFor, type CourseDef } from './courses';
import type { People, Person } from './people';
import { DEMO_PERSONAS, PERSONA_OUTCOMES } from './personas';
import type { Rng } from './random';

export type Outcome = 'valid' | 'expiring' | 'expired' | 'missing' | 'pending';

/** A certification being built; ids are given once the whole history is known (in order of achievement). */
export type CertDraft = Omit<Certification, 'certificationId'>;

/** A course certification inside the recent window, to be tied to a held session (see sessions.ts). */
export interface SnapRequest {
  draft: CertDraft;
  person: Person;
  competence: Competence;
  course: CourseDef;
  /** The expiry of the certification this one renewed (for the renewal rule), if any. */
  previousExpiry?: string;
}

/** A requirement someone has missed (expired or missing): a candidate for a no-show or a future sign-up. */
export interface Gap { person: Person; competenceId: string; outcome: Outcome; level: Requirement['level'] }

export interface History {
  drafts: CertDraft[];
  snaps: SnapRequest[];
  gaps: Gap[];
}

/** Days back from `today` in which course certifications come from held sessions in the records. */
export const HELD_WINDOW_DAYS = 180;
/** Digital competences cannot predate the move to Google Workspace. */
const WORKSPACE_SINCE_DAYS = 1100;
const ELEARNING_ONLY = new Set(COURSE_DEFS.filter((d) => !d.plan).flatMap((d) => d.course.competenceIds ?? []));

/** The same rule as the core's expiry chain: early renewal of an "expiry" competence extends the previous expiry. */
export function expiryFor(c: Competence, achievedOn: string, previousExpiry?: string): string | undefined {
  if (!c.validityMonths) return undefined;
  const window = c.windowDays ?? 90;
  const early = previousExpiry !== undefined && achievedOn <= previousExpiry && achievedOn >= addDays(previousExpiry, -window);
  return addMonths(early && (c.renewFrom ?? 'expiry') === 'expiry' ? previousExpiry : achievedOn, c.validityMonths);
}

/** Union of a person's role plans: "required" wins, the shortest deadline wins. */
export function planFor(roleIds: readonly string[], requirements: readonly Requirement[]): Requirement[] {
  const by = new Map<string, Requirement>();
  for (const r of requirements) {
    if (!roleIds.includes(r.roleId)) continue;
    const prev = by.get(r.competenceId);
    if (!prev) { by.set(r.competenceId, r); continue; }
    by.set(r.competenceId, {
      ...prev,
      level: prev.level === 'required' || r.level === 'required' ? 'required' : 'recommended',
      dueWithinDays: Math.min(prev.dueWithinDays ?? Infinity, r.dueWithinDays ?? Infinity),
    });
  }
  return [...by.values()].map((r) => (r.dueWithinDays === Infinity ? { ...r, dueWithinDays: undefined } : r));
}

function fileId(rng: Rng): string {
  const abc = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let s = 'demo-';
  for (let i = 0; i < 20; i++) s += abc[rng.int(0, abc.length - 1)];
  return s;
}

interface Ctx {
  today: string;
  rng: Rng;
  people: People;
  competences: Map<string, Competence>;
}

function drawOutcome(ctx: Ctx, p: Person, r: Requirement, c: Competence): Outcome {
  const forced = p.persona ? PERSONA_OUTCOMES[p.persona]?.[c.competenceId] : undefined;
  if (forced) return forced.kind;
  if (p.persona) return 'valid';
  const tenure = daysBetween(p.employee.startDate ?? ctx.today, ctx.today);
  const drawn = drawRaw(ctx, p, r, c, tenure);
  // A start-up requirement nobody met in years of service would be "over the deadline since 1987": long-serving staff
  // have met it (a recurring one may have lapsed since); only recent hires miss one or wait for its check.
  const longServing = r.dueWithinDays !== undefined && tenure > r.dueWithinDays + 365;
  if (!longServing || (drawn !== 'missing' && drawn !== 'pending')) return drawn;
  return c.validityMonths && r.level === 'required' ? 'expired' : 'valid';
}

function drawRaw(ctx: Ctx, p: Person, r: Requirement, c: Competence, tenure: number): Outcome {
  const { rng } = ctx;
  if (r.level === 'recommended') return rng.chance(0.45) ? 'valid' : 'missing';
  if (r.dueWithinDays !== undefined && tenure < r.dueWithinDays + 14 && rng.chance(0.55)) return 'missing';
  const left = p.employee.status === 'left';
  if (!c.validityMonths) {
    if (c.satisfiedBy?.includes('document') && rng.chance(0.03)) return 'pending';
    return rng.chance(left ? 0.85 : 0.93) ? 'valid' : 'missing';
  }
  return rng.weighted(left
    ? [['valid', 40], ['expiring', 5], ['expired', 45], ['missing', 10]] as const
    : [['valid', 73], ['expiring', 13], ['expired', 7], ['missing', 7]] as const);
}

function sourceFor(ctx: Ctx, p: Person, c: Competence, achievedOn: string, draft: CertDraft): void {
  const { rng } = ctx;
  const by = c.satisfiedBy ?? [];
  const verifier = p.employee.managerEmail ?? DEMO_PERSONAS.admin;
  if (achievedOn < (p.employee.startDate ?? achievedOn) && by.length === 1 && by[0] === 'course') {
    Object.assign(draft, { source: 'import', note: 'Dokumentert fra tidligere arbeidsgiver', verifiedBy: verifier });
  } else if (by.includes('sign-off')) {
    const note = c.competenceId === 'legemiddel' ? 'E-læring bestått og praktisk prøve signert'
      : c.competenceId === 'brannvern' ? rng.pick(['Årlig brannøvelse gjennomført', 'Brannvernopplæring og øvelse', undefined]) : undefined;
    Object.assign(draft, { source: 'sign-off', verifiedBy: verifier, note });
  } else if (by.includes('document')) {
    const isPolice = c.competenceId === 'politiattest';
    Object.assign(draft, {
      source: 'document', verifiedBy: verifier,
      note: isPolice ? 'Politiattest fremvist og kontrollert – attesten lagres ikke' : undefined,
      evidenceFileId: !isPolice && rng.chance(0.6) ? fileId(rng) : undefined,
    });
  } else if (ELEARNING_ONLY.has(c.competenceId)) {
    Object.assign(draft, { source: 'import', note: 'Importert fra KS Læring' });
  } else if (c.category === 'digital' && rng.chance(0.3)) {
    Object.assign(draft, { source: 'appraisal', verifiedBy: verifier, note: 'Registrert i medarbeidersamtalen' });
  } else if (rng.chance(0.15)) {
    Object.assign(draft, { source: 'document', evidenceFileId: fileId(rng), note: 'Kursbevis fra ekstern kursholder', verifiedBy: verifier });
  } else {
    Object.assign(draft, { source: 'import', note: 'Overført fra kompetanseperm' });
  }
}

/** The course someone would take for a competence (new staff take the basic D-HLR, kindergartens their own first aid). */
export function courseFor(p: Person, competenceId: string, today: string): CourseDef | undefined {
  return sessionCourseFor(competenceId, (d) => {
    if (d.course.courseId === 'dhlr-grunnkurs') return (p.employee.startDate ?? today) > addDays(today, -365);
    if (d.course.courseId === 'forstehjelp-bhg') return p.unit.kind === 'kindergarten' || p.unit.kind === 'after-school';
    return false;
  });
}

function newDraft(p: Person, c: Competence, achievedOn: string, expiresOn?: string): CertDraft {
  return {
    employeeId: p.employee.employeeId, competenceId: c.competenceId, achievedOn, expiresOn, source: 'import',
    evidenceFileId: undefined, verifiedBy: undefined, state: 'valid', note: undefined,
  };
}

function historyOf(ctx: Ctx, p: Person, r: Requirement, c: Competence, out: History): void {
  const { rng, today } = ctx;
  const start = p.employee.startDate ?? addDays(today, -3650);
  const outcome = drawOutcome(ctx, p, r, c);
  if (outcome === 'missing' || outcome === 'expired' || outcome === 'expiring') {
    out.gaps.push({ person: p, competenceId: c.competenceId, outcome, level: r.level });
  }
  if (outcome === 'missing') return;

  if (outcome === 'pending') {
    const d = newDraft(p, c, minDate(today, addDays(start, rng.int(-20, 10))));
    Object.assign(d, { source: 'document', state: 'pending', note: 'Venter på kontroll av leder' });
    out.drafts.push(d);
    return;
  }

  const V = c.validityMonths;
  if (!V) {
    const lower = c.category === 'digital' ? maxDate(start, addDays(today, -WORKSPACE_SINCE_DAYS)) : start;
    const achieved = minDate(today, addDays(lower, rng.int(0, Math.max(0, Math.min(daysBetween(lower, today), 400)))));
    push(ctx, p, c, achieved, undefined, out);
    return;
  }

  const forced = p.persona ? PERSONA_OUTCOMES[p.persona]?.[c.competenceId] : undefined;
  const window = c.windowDays ?? 90;
  const span = daysBetween(today, addMonths(today, V));
  let expires = forced?.days !== undefined ? addDays(today, forced.days)
    : outcome === 'valid' ? addDays(today, rng.int(window + 1, span - 1))
    : outcome === 'expiring' ? addDays(today, rng.int(0, window))
    : addDays(today, -rng.int(1, 300));
  // Walk back through earlier cycles: newest first.
  let cycles = p.persona ? 1 : rng.chance(0.55) ? rng.int(1, 3) : 0;
  const chain: { achieved: string; expires: string; previous?: string }[] = [];
  for (;;) {
    const naive = addMonths(expires, -V);
    const canRenew = cycles > 0 && addMonths(naive, -V) >= start;
    if (!canRenew) {
      let achieved = naive;
      if (achieved < start && c.satisfiedBy?.includes('sign-off')) achieved = minDate(today, addDays(start, rng.int(0, 7)));
      chain.push({ achieved, expires: expiryFor(c, achieved)! });
      break;
    }
    let achieved: string;
    let previous: string;
    if (rng.chance(0.8)) {
      // Renewed inside the window before the previous expiry.
      if ((c.renewFrom ?? 'expiry') === 'expiry') {
        previous = naive;
        achieved = addDays(previous, -rng.int(0, window));
      } else {
        achieved = naive;
        previous = addDays(achieved, rng.int(0, window));
      }
    } else {
      achieved = naive;
      previous = addDays(achieved, -rng.int(1, 90));
    }
    chain.push({ achieved, expires: expiryFor(c, achieved, previous)!, previous });
    expires = previous;
    cycles--;
  }
  chain.reverse();
  // Rebuild forward so that every explicit expiry follows the renewal rule from the row before it.
  let previousExpiry: string | undefined;
  chain.forEach((link, i) => {
    const exp = expiryFor(c, link.achieved, previousExpiry)!;
    const latest = i === chain.length - 1;
    push(ctx, p, c, link.achieved, exp, out, latest ? previousExpiry : undefined, latest);
    previousExpiry = exp;
  });
}

function push(ctx: Ctx, p: Person, c: Competence, achievedOn: string, expiresOn: string | undefined, out: History,
  previousExpiry?: string, latest = true): void {
  const { rng, today } = ctx;
  const d = newDraft(p, c, achievedOn, expiresOn);
  sourceFor(ctx, p, c, achievedOn, d);
  out.drafts.push(d);
  const course = latest && (c.satisfiedBy ?? []).every((s) => s === 'course') ? courseFor(p, c.competenceId, today) : undefined;
  if (course && d.source !== 'document' && achievedOn >= addDays(today, -HELD_WINDOW_DAYS) && achievedOn < today
    && achievedOn >= (p.employee.startDate ?? achievedOn) && !p.persona) {
    out.snaps.push({ draft: d, person: p, competence: c, course, previousExpiry });
  }
  if (latest && !p.persona && d.state === 'valid' && rng.chance(0.003)) {
    const wrong = newDraft(p, c, addDays(achievedOn, -rng.int(30, 400)), undefined);
    Object.assign(wrong, { state: 'revoked', note: 'Registrert på feil person – trukket tilbake', verifiedBy: DEMO_PERSONAS.admin });
    out.drafts.push(wrong);
  }
}

export function buildHistory(people: People, requirements: readonly Requirement[], competences: readonly Competence[],
  today: string, rng: Rng): History {
  const ctx: Ctx = { today, rng, people, competences: new Map(competences.map((c) => [c.competenceId, c])) };
  const out: History = { drafts: [], snaps: [], gaps: [] };
  for (const p of people.persons) {
    const start = p.employee.startDate;
    const plan = planFor(p.employee.roleIds ?? [], requirements);
    if (start && start > today) {
      // Starts soon: the police certificate and the confidentiality declaration come before the first day.
      for (const r of plan) {
        const c = ctx.competences.get(r.competenceId)!;
        if (r.competenceId === 'politiattest' || r.competenceId === 'taushetsplikt') {
          push(ctx, p, c, addDays(today, -rng.int(1, 14)), undefined, out);
        } else if (r.level === 'required') out.gaps.push({ person: p, competenceId: r.competenceId, outcome: 'missing', level: r.level });
      }
      continue;
    }
    for (const r of plan) historyOf(ctx, p, r, ctx.competences.get(r.competenceId)!, out);
  }
  return out;
}

/** Orders the history as it was recorded (by achievement) and gives it ids. */
export function finishCertifications(drafts: readonly CertDraft[]): Certification[] {
  const sorted = drafts.map((d, i) => ({ d, i })).sort((a, b) =>
    (a.d.achievedOn < b.d.achievedOn ? -1 : a.d.achievedOn > b.d.achievedOn ? 1 : a.i - b.i));
  return sorted.map(({ d }, n) => ({ certificationId: `C${String(n + 1).padStart(7, '0')}`, ...d }));
}
