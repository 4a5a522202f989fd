// Enrollment rules: sign-up decisions, waitlist order and promotion, cancellation, and which courses matter to a person.
import {
  activeEnrollment, compareWaitlist, decideCancel, decideSignUp, matchScore, nextSignedUpAt, promotions, queryTerms, rankCourses,
  seatsTaken, signUpRefusal, waitlistOf, waitlistPosition, waitlistsOf, type PersonNeeds,
} from '../../src/core/enrollment';
import type { Course, Enrollment, Session } from '../../src/core/records/tables';

const NOW = '2026-12-03T10:00:00Z';
const when = { now: NOW, today: '2026-12-03' };
const session = (over: Partial<Session> = {}): Session => ({
  sessionId: 'S1', courseId: 'C1', startsAt: '2026-12-10T08:00:00Z', endsAt: '2026-12-10T11:00:00Z', capacity: 2, status: 'open', ...over,
});
let seq = 0;
const enr = (employeeId: string, status: Enrollment['status'], signedUpAt: string, over: Partial<Enrollment> = {}): Enrollment => ({
  enrollmentId: `N${++seq}`, sessionId: 'S1', employeeId, status, signedUpAt, ...over,
});

describe('seats and the waitlist', () => {
  it('counts enrolled, attended and no-show as seats; waitlisted and cancelled hold none', () => {
    const list = ['enrolled', 'attended', 'no-show', 'waitlisted', 'cancelled'].map((s, i) => enr(`E${i}`, s as Enrollment['status'], NOW));
    expect(seatsTaken(list)).toBe(3);
  });

  it('orders the waitlist by sign-up time, then by enrollment id for ties', () => {
    const a = enr('A', 'waitlisted', '2026-12-01T10:00:00Z', { enrollmentId: 'B2' });
    const b = enr('B', 'waitlisted', '2026-12-01T10:00:00Z', { enrollmentId: 'B1' });
    const c = enr('C', 'waitlisted', '2026-12-01T09:59:59Z', { enrollmentId: 'Z9' });
    const d = enr('D', 'enrolled', '2026-11-01T00:00:00Z');
    expect(waitlistOf([a, b, c, d]).map((e) => e.employeeId)).toEqual(['C', 'B', 'A']);
    expect(compareWaitlist(a, a)).toBe(0);
    expect(waitlistPosition([a, b, c, d], 'A')).toBe(3);
    expect(waitlistPosition([a, b, c, d], 'D')).toBeUndefined();
  });

  it('groups waitlists by session, first in line first, and leaves out sessions without one', () => {
    const map = waitlistsOf([
      enr('A', 'waitlisted', '2026-12-02T00:00:00Z'), enr('B', 'waitlisted', '2026-12-01T00:00:00Z'),
      enr('C', 'waitlisted', '2026-12-01T00:00:00Z', { sessionId: 'S2' }), enr('D', 'enrolled', NOW, { sessionId: 'S3' }),
    ]);
    expect([...map]).toEqual([['S1', ['B', 'A']], ['S2', ['C']]]);
  });

  it('finds the latest active sign-up of a person, ignoring cancelled ones', () => {
    const old = enr('A', 'enrolled', '2026-11-01T00:00:00Z');
    const latest = enr('A', 'waitlisted', '2026-11-02T00:00:00Z');
    expect(activeEnrollment([latest, old, enr('A', 'cancelled', '2026-11-03T00:00:00Z')], 'A')).toBe(latest);
    expect(activeEnrollment([enr('A', 'cancelled', NOW)], 'A')).toBeUndefined();
  });
});

describe('sign-up', () => {
  it('refuses a cancelled, not open, started or past-deadline session, and takes the deadline day itself', () => {
    expect(signUpRefusal(session({ status: 'cancelled' }), when)).toBe('cancelled');
    expect(signUpRefusal(session({ status: 'closed' }), when)).toBe('notOpen');
    expect(signUpRefusal(session({ status: 'held' }), when)).toBe('notOpen');
    expect(signUpRefusal(session({ startsAt: NOW }), when)).toBe('started');
    expect(signUpRefusal(session({ signupDeadline: '2026-12-02' }), when)).toBe('deadline');
    expect(signUpRefusal(session({ signupDeadline: '2026-12-03' }), when)).toBeUndefined();
    expect(signUpRefusal(session(), when)).toBeUndefined();
  });

  it('enrols while seats are free, then waitlists with the next position', () => {
    expect(decideSignUp(session(), [enr('A', 'enrolled', NOW)], 'B', when)).toEqual({ kind: 'enrolled' });
    const full = [enr('A', 'enrolled', NOW), enr('B', 'attended', NOW), enr('C', 'waitlisted', NOW), enr('D', 'cancelled', NOW)];
    expect(decideSignUp(session(), full, 'E', when)).toEqual({ kind: 'waitlisted', reason: 'full', position: 2 });
    expect(decideSignUp(session({ capacity: 0 }), [], 'E', when)).toEqual({ kind: 'waitlisted', reason: 'full', position: 1 });
  });

  it('finds an earlier sign-up (a double click) before any refusal, with the waitlist place', () => {
    const mine = enr('C', 'waitlisted', NOW);
    const list = [enr('A', 'enrolled', NOW), enr('B', 'enrolled', NOW), enr('X', 'waitlisted', '2026-12-01T00:00:00Z'), mine];
    expect(decideSignUp(session({ status: 'closed' }), list, 'C', when)).toEqual({ kind: 'already', enrollment: mine, position: 2 });
    expect(decideSignUp(session(), list, 'A', when)).toEqual({ kind: 'already', enrollment: list[0], position: undefined });
    expect(decideSignUp(session({ status: 'cancelled' }), list, 'Z', when)).toEqual({ kind: 'refused', reason: 'cancelled' });
  });

  it('stamps a new sign-up strictly after every one already recorded (ties and future hand-typed times)', () => {
    expect(nextSignedUpAt(NOW, [])).toBe(NOW);
    expect(nextSignedUpAt(NOW, [enr('A', 'enrolled', '2026-12-03T09:00:00Z')])).toBe(NOW);
    expect(nextSignedUpAt(NOW, [enr('A', 'enrolled', NOW)])).toBe('2026-12-03T10:00:00.001Z');
    expect(nextSignedUpAt(NOW, [enr('A', 'enrolled', '2026-12-05T00:00:00Z'), enr('B', 'enrolled', 'garbage')])).toBe('2026-12-05T00:00:00.001Z');
  });
});

describe('promotion and cancellation', () => {
  it('promotes the first still employed on the waitlist into every free seat, only before the start', () => {
    const list = [enr('A', 'enrolled', NOW), enr('W1', 'waitlisted', '2026-12-01T00:00:00Z'), enr('W2', 'waitlisted', '2026-12-02T00:00:00Z'),
      enr('W3', 'waitlisted', '2026-12-03T00:00:00Z')];
    expect(promotions(session(), list, when).map((e) => e.employeeId)).toEqual(['W1']);
    expect(promotions(session({ capacity: 3 }), list, when, (id) => id === 'W1').map((e) => e.employeeId)).toEqual(['W2', 'W3']);
    expect(promotions(session({ status: 'closed' }), list, when)).toHaveLength(1);
    expect(promotions(session({ status: 'cancelled' }), list, when)).toEqual([]);
    expect(promotions(session({ startsAt: '2026-12-03T09:00:00Z' }), list, when)).toEqual([]);
    expect(promotions(session({ capacity: 1 }), list, when)).toEqual([]);
    // Overbooked by a hand edit (more seats taken than the capacity): nobody is promoted.
    expect(promotions(session({ capacity: 1 }), [enr('B', 'enrolled', NOW), ...list], when)).toEqual([]);
  });

  it('cancels an enrolled person and gives the seat to the first waiting', () => {
    const mine = enr('A', 'enrolled', '2026-11-01T00:00:00Z');
    const wait = enr('W', 'waitlisted', '2026-11-02T00:00:00Z');
    const d = decideCancel(session({ capacity: 1 }), [mine, wait], 'A', when);
    expect(d).toEqual({ kind: 'cancelled', enrollment: mine, after: { ...mine, status: 'cancelled', changedAt: NOW },
      promoted: [{ before: wait, after: { ...wait, status: 'enrolled', changedAt: NOW } }] });
  });

  it('cancels a waiting person without promoting anyone; twice finds nothing; after the start it is refused', () => {
    const wait = enr('W', 'waitlisted', NOW);
    const other = enr('V', 'waitlisted', '2026-12-04T00:00:00Z');
    const d = decideCancel(session({ capacity: 5 }), [wait, other], 'W', when);
    expect(d.kind === 'cancelled' && d.promoted).toEqual([]);
    expect(decideCancel(session(), [{ ...wait, status: 'cancelled' }], 'W', when)).toEqual({ kind: 'notSignedUp' });
    expect(decideCancel(session(), [enr('W', 'attended', NOW)], 'W', when)).toEqual({ kind: 'notSignedUp' });
    expect(decideCancel(session({ startsAt: NOW }), [wait], 'W', when)).toEqual({ kind: 'refused', reason: 'started' });
  });
});

describe('which courses matter, and word search', () => {
  const course = (courseId: string, title: string, over: Partial<Course> = {}): Course => ({
    courseId, title, competenceIds: [], format: 'classroom', targetRoleIds: [], active: true, ...over,
  });
  const needs: PersonNeeds = {
    roleIds: ['R-helse'],
    items: [
      { competenceId: 'HLR', status: 'expired', level: 'required' },
      { competenceId: 'BRANN', status: 'expiring', level: 'required' },
      { competenceId: 'SMITTE', status: 'valid', level: 'recommended' },
    ],
  };
  const names: Record<string, string> = { HLR: 'Hjerte-lungeredning', BRANN: 'Brannvern', SMITTE: 'Smittevern' };
  const opts = (query?: string, starts: Record<string, string> = {}) => ({ query, nextStart: (id: string) => starts[id], competenceName: (id: string) => names[id] ?? id });

  it('folds, drops stop words and stems query words only when the stem is a prefix', () => {
    // "kursene" → "kur" (the light stem is a prefix, so it matches inside "Kurs…" titles); "regneark" maps to "sheets",
    // which is no prefix of it, so the word stays whole and still matches a course called "Regneark".
    expect(queryTerms('Hvordan melde meg på kursene i brannvern?')).toEqual(['mel', 'kur', 'brannvern']);
    expect(queryTerms('Regneark for ØKONOMI')).toEqual(['regneark', 'okonomi']);
    expect(queryTerms('')).toEqual([]);
    expect(queryTerms('Kurs kursene KURS')).toEqual(['kur']);
  });

  it('scores a match by where each term is found (title 3, competence 2, description 1) and 0 when a term is missing', () => {
    const c = course('C1', 'Brannvernopplæring', { description: 'Digital gjennomgang', format: 'e-learning', competenceIds: ['HLR'] });
    expect(matchScore(c, ['Hjerte-lungeredning'], [])).toBe(1);
    expect(matchScore(c, ['Hjerte-lungeredning'], ['brannvern'])).toBe(3);
    expect(matchScore(c, ['Hjerte-lungeredning'], ['lungeredning', 'digital'])).toBe(3);
    expect(matchScore(c, ['Hjerte-lungeredning'], ['opplaring', 'learning'])).toBe(4);
    expect(matchScore(c, ['Hjerte-lungeredning'], ['brannvern', 'sykkel'])).toBe(0);
  });

  it('ranks gaps, then expiring, then the role, then the rest; skips inactive courses', () => {
    const courses = [
      course('other', 'Excel for viderekomne'),
      course('role', 'Pasientsikkerhet', { targetRoleIds: ['R-helse'] }),
      course('expiring', 'Brannvern repetisjon', { competenceIds: ['BRANN', 'SMITTE'] }),
      course('gap', 'HLR grunnkurs', { competenceIds: ['HLR', 'BRANN'] }),
      course('off', 'HLR gammel', { competenceIds: ['HLR'], active: false }),
    ];
    const ranked = rankCourses(courses, needs, opts());
    expect(ranked.map((r) => [r.course.courseId, r.relevance, r.competenceIds])).toEqual([
      ['gap', 'gap', ['HLR']], ['expiring', 'expiring', ['BRANN']], ['role', 'role', []], ['other', 'other', []],
    ]);
  });

  it('inside a group puts better matches first, then courses with a session (soonest first), then by Norwegian title order', () => {
    const courses = ['Ørsta-kurset', 'Åsane-kurset', 'Zebra-kurset', 'Arendal-kurset', 'Bergen-kurset'].map((t, i) => course(`C${i}`, t));
    const ranked = rankCourses(courses, needs, opts(undefined, { C3: '2027-02-01T08:00:00Z', C4: '2027-01-01T08:00:00Z' }));
    expect(ranked.map((r) => r.course.title)).toEqual(['Bergen-kurset', 'Arendal-kurset', 'Zebra-kurset', 'Ørsta-kurset', 'Åsane-kurset']);
    expect(ranked[0]!.nextStart).toBe('2027-01-01T08:00:00Z');
    const searched = rankCourses([course('d', 'Diverse', { description: 'brannvern' }), course('t', 'Brannvern')], needs, opts('brannvern'));
    expect(searched.map((r) => [r.course.courseId, r.score])).toEqual([['t', 3], ['d', 1]]);
    expect(rankCourses(courses, needs, opts('sykkel'))).toEqual([]);
  });
});
