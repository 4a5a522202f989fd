// Enrollment rules (pure): sign-up decisions, cancellation with waitlist promotion, waitlist positions, and which courses
// matter to a person (gaps and expiring competences first) with a Norwegian-aware word search.
import type { ItemStatus } from './competence-status';
import { fold, stem, words } from './faq-search';
import type { Course, Enrollment, Session } from './records/tables';

/** Statuses that hold a seat (a no-show held one; the seat is not given back afterwards). */
export const SEAT_STATUSES: ReadonlySet<Enrollment['status']> = new Set(['enrolled', 'attended', 'no-show']);
/** Statuses that count as being signed up (on the list or waiting). */
export const ACTIVE_STATUSES: ReadonlySet<Enrollment['status']> = new Set(['enrolled', 'waitlisted', 'attended', 'no-show']);

export type Refusal = 'cancelled' | 'notOpen' | 'started' | 'deadline';

export type SignUpDecision =
  | { kind: 'enrolled' }
  | { kind: 'waitlisted'; reason: 'full'; position: number }
  | { kind: 'already'; enrollment: Enrollment; position?: number }
  | { kind: 'refused'; reason: Refusal };

export interface When {
  /** The instant of the decision (ISO, UTC). */
  now: string;
  /** The municipality's date today (sign-up deadlines are dates, inclusive). */
  today: string;
}

/** Waitlist order: who signed up first, then the enrollment id (a stable tie-break for hand-entered rows). */
export function compareWaitlist(a: Pick<Enrollment, 'signedUpAt' | 'enrollmentId'>, b: Pick<Enrollment, 'signedUpAt' | 'enrollmentId'>): number {
  const ta = Date.parse(a.signedUpAt);
  const tb = Date.parse(b.signedUpAt);
  if (ta !== tb) return ta - tb;
  return a.enrollmentId < b.enrollmentId ? -1 : a.enrollmentId > b.enrollmentId ? 1 : 0;
}

export function seatsTaken(enrollments: readonly Enrollment[]): number {
  return enrollments.filter((e) => SEAT_STATUSES.has(e.status)).length;
}

export function waitlistOf<E extends Enrollment>(enrollments: readonly E[]): E[] {
  return enrollments.filter((e) => e.status === 'waitlisted').sort(compareWaitlist);
}

/** Every session's waitlist (employee ids, first in line first), for sessions that have one. */
export function waitlistsOf(enrollments: readonly Enrollment[]): Map<string, string[]> {
  const by = new Map<string, Enrollment[]>();
  for (const e of enrollments) {
    if (e.status !== 'waitlisted') continue;
    const list = by.get(e.sessionId) ?? [];
    list.push(e);
    by.set(e.sessionId, list);
  }
  return new Map([...by].map(([id, list]) => [id, list.sort(compareWaitlist).map((e) => e.employeeId)]));
}

/** 1-based place on the waitlist, or undefined when the person is not waiting. */
export function waitlistPosition(enrollments: readonly Enrollment[], employeeId: string): number | undefined {
  const i = waitlistOf(enrollments).findIndex((e) => e.employeeId === employeeId);
  return i < 0 ? undefined : i + 1;
}

/** The person's current sign-up for the session (the latest active one; several only after hand edits). */
export function activeEnrollment<E extends Enrollment>(enrollments: readonly E[], employeeId: string): E | undefined {
  const active = enrollments.filter((e) => e.employeeId === employeeId && ACTIVE_STATUSES.has(e.status)).sort(compareWaitlist);
  return active[active.length - 1]; // not .at(-1): ES2022, outside the ES2021 library the bundle targets
}

/** Why the session does not take sign-ups now, if it does not. */
export function signUpRefusal(session: Session, when: When): Refusal | undefined {
  if (session.status === 'cancelled') return 'cancelled';
  if (session.status !== 'open') return 'notOpen';
  if (Date.parse(session.startsAt) <= Date.parse(when.now)) return 'started';
  if (session.signupDeadline && session.signupDeadline < when.today) return 'deadline';
  return undefined;
}

/**
 * The decision for one sign-up, from the session's enrollments as read under the lock. A second click, or a sign-up
 * from another device, finds the first one ("already"); a full session puts the person on the waitlist.
 */
export function decideSignUp(session: Session, enrollments: readonly Enrollment[], employeeId: string, when: When): SignUpDecision {
  const current = activeEnrollment(enrollments, employeeId);
  if (current) return { kind: 'already', enrollment: current, position: waitlistPosition(enrollments, employeeId) };
  const refusal = signUpRefusal(session, when);
  if (refusal) return { kind: 'refused', reason: refusal };
  if (seatsTaken(enrollments) < session.capacity) return { kind: 'enrolled' };
  return { kind: 'waitlisted', reason: 'full', position: waitlistOf(enrollments).length + 1 };
}

/**
 * The time stamp of a new sign-up: now, but strictly after every sign-up already in the session, so the waitlist order is
 * the order sign-ups were recorded under the lock even when clocks tie (or a hand-typed time lies in the future).
 */
export function nextSignedUpAt(now: string, enrollments: readonly Enrollment[]): string {
  let ms = Date.parse(now);
  for (const e of enrollments) {
    const t = Date.parse(e.signedUpAt);
    if (Number.isFinite(t) && t >= ms) ms = t + 1;
  }
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Whether an employee has left the municipality (Employees.status `left`): they keep their place in history only. */
export type HasLeft = (employeeId: string) => boolean;
const nobodyLeft: HasLeft = () => false;

/**
 * Waitlisted people who get a seat now, first come first served (after a cancellation or a bigger room). Someone who has
 * left is passed over: the seat goes to the next person still employed.
 */
export function promotions<E extends Enrollment>(session: Session, enrollments: readonly E[], when: Pick<When, 'now'>, hasLeft: HasLeft = nobodyLeft): E[] {
  if (session.status !== 'open' && session.status !== 'closed') return [];
  if (Date.parse(session.startsAt) <= Date.parse(when.now)) return [];
  const free = session.capacity - seatsTaken(enrollments);
  return free > 0 ? waitlistOf(enrollments).filter((e) => !hasLeft(e.employeeId)).slice(0, free) : [];
}

export type CancelDecision<E extends Enrollment> =
  | { kind: 'cancelled'; enrollment: E; after: Enrollment; promoted: { before: E; after: Enrollment }[] }
  | { kind: 'notSignedUp' }
  | { kind: 'refused'; reason: 'started' };

/**
 * Cancels the person's sign-up. A freed seat goes to the first on the waitlist (never skipped: the caller tells them).
 * Cancelling twice finds nothing to cancel the second time.
 */
export function decideCancel<E extends Enrollment>(session: Session, enrollments: readonly E[], employeeId: string, when: Pick<When, 'now'>, hasLeft: HasLeft = nobodyLeft): CancelDecision<E> {
  const current = activeEnrollment(enrollments, employeeId);
  if (!current || (current.status !== 'enrolled' && current.status !== 'waitlisted')) return { kind: 'notSignedUp' };
  if (Date.parse(session.startsAt) <= Date.parse(when.now)) return { kind: 'refused', reason: 'started' };
  const after: Enrollment = { ...current, status: 'cancelled', changedAt: when.now };
  const rest = enrollments.filter((e) => e !== current);
  const promoted = current.status === 'enrolled'
    ? promotions(session, rest, when, hasLeft).map((before) => ({ before, after: { ...before, status: 'enrolled' as const, changedAt: when.now } }))
    : [];
  return { kind: 'cancelled', enrollment: current, after, promoted };
}

// ---- Which courses matter to a person, and word search.

export type Relevance = 'gap' | 'expiring' | 'role' | 'other';
const RELEVANCE_ORDER: Record<Relevance, number> = { gap: 0, expiring: 1, role: 2, other: 3 };

export interface RankedCourse {
  course: Course;
  relevance: Relevance;
  /** The competences of the person's plan this course fixes or renews. */
  competenceIds: string[];
  /** Start of the next session open for sign-up, if any. */
  nextStart?: string;
  score: number;
}

export interface PersonNeeds {
  roleIds: readonly string[];
  /** The person's plan items (competence-status): required and recommended. */
  items: readonly { competenceId: string; status: ItemStatus; level: 'required' | 'recommended' }[];
}

function relevanceOf(course: Course, needs: PersonNeeds): { relevance: Relevance; competenceIds: string[] } {
  const byCompetence = new Map(needs.items.map((i) => [i.competenceId, i]));
  const granted = (course.competenceIds ?? []).map((id) => byCompetence.get(id)).filter((i): i is NonNullable<typeof i> => !!i);
  const gaps = granted.filter((i) => i.status === 'missing' || i.status === 'overdue' || i.status === 'expired');
  if (gaps.length) return { relevance: 'gap', competenceIds: gaps.map((i) => i.competenceId) };
  const expiring = granted.filter((i) => i.status === 'expiring');
  if (expiring.length) return { relevance: 'expiring', competenceIds: expiring.map((i) => i.competenceId) };
  if ((course.targetRoleIds ?? []).some((r) => needs.roleIds.includes(r))) return { relevance: 'role', competenceIds: [] };
  return { relevance: 'other', competenceIds: [] };
}

/**
 * Words of the query (folded, stop words dropped), each cut to its stem when the stem is a prefix of the word
 * ("kursene" → "kurs"); each must be found in a course for it to match.
 */
export function queryTerms(query: string): string[] {
  return [...new Set(words(query).map((w) => {
    const s = stem(w);
    return s.length >= 3 && w.startsWith(s) ? s : w;
  }))];
}

/**
 * How well a course matches the query terms: 0 when some term is missing. Terms match inside words too, because
 * Norwegian writes compounds as one word ("brannvern" finds "Brannvernopplæring"); the title weighs most.
 */
export function matchScore(course: Course, competenceNames: readonly string[], terms: readonly string[]): number {
  if (terms.length === 0) return 1;
  const fields: [string, number][] = [
    [fold(course.title), 3],
    [fold(competenceNames.join(' ')), 2],
    [fold(`${course.description ?? ''} ${course.format}`), 1],
  ];
  let score = 0;
  for (const term of terms) {
    let best = 0;
    for (const [text, weight] of fields) if (text.includes(term)) best = Math.max(best, weight);
    if (best === 0) return 0;
    score += best;
  }
  return score;
}

/**
 * Active courses for a person: those that close their gaps first, then those renewing what expires soon, then their
 * role's, then the rest; each group by the next session (courses with one open first) and title. With a query, only
 * courses matching every word, better matches first inside each group.
 */
export function rankCourses(
  courses: readonly Course[], needs: PersonNeeds, opts: { query?: string; nextStart: (courseId: string) => string | undefined; competenceName: (id: string) => string },
): RankedCourse[] {
  const terms = queryTerms(opts.query ?? '');
  const out: RankedCourse[] = [];
  for (const course of courses) {
    if (!course.active) continue;
    const score = matchScore(course, (course.competenceIds ?? []).map(opts.competenceName), terms);
    if (score === 0) continue;
    out.push({ course, ...relevanceOf(course, needs), nextStart: opts.nextStart(course.courseId), score });
  }
  return out.sort((a, b) => RELEVANCE_ORDER[a.relevance] - RELEVANCE_ORDER[b.relevance]
    || b.score - a.score
    || (a.nextStart ? 0 : 1) - (b.nextStart ? 0 : 1)
    || (a.nextStart ?? '').localeCompare(b.nextStart ?? '')
    || a.course.title.localeCompare(b.course.title, 'nb'));
}
