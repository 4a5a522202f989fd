// Course sessions and enrollments: held sessions behind recent course certifications, open ones ahead for the gaps.
import { itemAt } from '../core/arrays';
import { sessionNote } from '../core/attendance';
import type { Enrollment, Session } from '../core/records/tables';
import { addDays, addMinutes, daysBetween, demoNow, maxDate, osloTime, weekdayOnOrAfter, weekdayOnOrBefore } from './clock';
import { COURSE_DEFS, type CourseDef } from './courses';
import { HELD_WINDOW_DAYS, courseFor, expiryFor, type Gap, type SnapRequest } from './history';
import type { People, Person } from './people';
import { DEMO_PERSONAS } from './personas';
import type { Rng } from './random';

interface SessionState {
  def: CourseDef;
  date: string;
  row: Omit<Session, 'sessionId' | 'calendarEventId'>;
  /** Seats in use: enrolled, attended and no-show. */
  taken: number;
}

interface EnrollDraft {
  session: SessionState;
  employeeId: string;
  status: Enrollment['status'];
  signedUpAt: string;
  changedAt?: string;
  signedUpBy?: string;
}

const OCCUPIES = new Set<Enrollment['status']>(['enrolled', 'attended', 'no-show']);
const MAX_SLOTS = 3;
const WAITLIST_COURSE = 'dhlr-oppfriskning';
const CANCELLED_COURSE = 'forflytning';
const CLOSED_COURSE = 'smittevern-praksis';

export class SessionPlanner {
  private readonly sessions: SessionState[] = [];
  private readonly byDay = new Map<string, SessionState[]>();
  private readonly enrollments: EnrollDraft[] = [];
  /** Certifications a session granted: their note names the session once its id is known (finish). */
  private readonly granted: { cert: { note?: string }; session: SessionState }[] = [];
  private readonly now: string;

  constructor(
    private readonly today: string,
    private readonly rng: Rng,
    private readonly people: People,
    private readonly instructorFor: (def: CourseDef) => string | undefined,
  ) {
    this.now = demoNow(today);
  }

  /** An instant no later than `limit` (and never after now). */
  private notAfter(instant: string, limit: string = this.now): string {
    const cap = limit < this.now ? limit : this.now;
    return instant < cap ? instant : cap;
  }

  private meetLink(): string {
    const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + this.rng.int(0, 25))).join('');
    return `Google Meet: https://meet.google.com/${letters(3)}-${letters(4)}-${letters(3)}`;
  }

  private create(def: CourseDef, date: string, status: Session['status'], capacity?: number): SessionState {
    const plan = def.plan!;
    const key = `${def.course.courseId}|${date}`;
    const sameDay = this.byDay.get(key) ?? [];
    const slot = sameDay.length;
    const hours = def.course.hours ?? 2;
    const long = hours >= 4;
    const hour = long || slot % 2 === 0 ? plan.startHour : plan.startHour >= 12 ? 9 : 13;
    const rooms = plan.locations;
    const room = rooms[Math.floor(slot / (long ? 1 : 2)) % rooms.length];
    const parallel = slot >= rooms.length * (long ? 1 : 2) ? `, gruppe ${slot + 1}` : '';
    const location = rooms[0] === 'Google Meet' ? this.meetLink() : room + parallel;
    const days = Math.ceil(hours / 8);
    const startsAt = osloTime(date, hour);
    const endsAt = addMinutes(osloTime(addDays(date, days - 1), hour), Math.round(Math.min(hours, 7.5) * 60));
    const signupDeadline = addDays(date, def.course.format === 'stream' ? -2 : -7);
    const state: SessionState = {
      def, date, taken: 0,
      row: {
        courseId: def.course.courseId, startsAt, endsAt, location,
        capacity: capacity ?? this.rng.int(plan.capacity[0], plan.capacity[1]),
        instructorEmail: this.instructorFor(def), signupDeadline,
        status: status === 'open' && signupDeadline < this.today ? 'closed' : status,
      },
    };
    sameDay.push(state);
    this.byDay.set(key, sameDay);
    this.sessions.push(state);
    return state;
  }

  private enroll(s: SessionState, p: Person, status: Enrollment['status'], signedUpAt: string, changedAt?: string): void {
    if (OCCUPIES.has(status)) {
      if (s.taken >= s.row.capacity) throw new Error('demo session overbooked');
      s.taken++;
    }
    const bySelf = this.rng.chance(0.75) || !p.employee.managerEmail;
    this.enrollments.push({
      session: s, employeeId: p.employee.employeeId, status, signedUpAt, changedAt,
      signedUpBy: bySelf ? p.employee.email : p.employee.managerEmail,
    });
  }

  /** A sign-up instant some days before a session: not after its deadline nor after `latestDay`. */
  private signUpTime(session: SessionState, earliestDay: string, latestDay: string, maxDaysBefore = 40): string {
    const deadline = session.row.signupDeadline ?? session.date;
    const last = deadline < latestDay ? deadline : latestDay;
    let day = addDays(last, -this.rng.int(0, maxDaysBefore));
    if (day < earliestDay) day = earliestDay > last ? last : earliestDay;
    return osloTime(day, this.rng.int(7, 21), this.rng.int(0, 59));
  }

  /** Ties recent course certifications to held sessions on the course's usual weekday (sessions sized to demand). */
  resolveHeld(snaps: readonly SnapRequest[]): void {
    const windowStart = addDays(this.today, -HELD_WINDOW_DAYS);
    const lastDay = addDays(this.today, -1);
    const byCourse = new Map<string, SnapRequest[]>();
    for (const s of snaps) {
      const list = byCourse.get(s.course.course.courseId) ?? [];
      list.push(s);
      byCourse.set(s.course.course.courseId, list);
    }
    for (const [, requests] of byCourse) {
      const def = itemAt(requests, 0).course;
      const plan = def.plan!;
      const avgCap = (plan.capacity[0] + plan.capacity[1]) / 2;
      const needed = requests.length / (0.75 * avgCap);
      const step = 7 * Math.min(12, Math.max(1, Math.floor(HELD_WINDOW_DAYS / 7 / Math.max(1, needed))));
      const last = weekdayOnOrBefore(lastDay, plan.weekday);
      // Large municipalities run several sessions of the same course on one day (in different rooms).
      const slots = Math.max(MAX_SLOTS, Math.ceil((needed / (HELD_WINDOW_DAYS / 7)) * 1.3));
      requests.sort((a, b) => (a.draft.achievedOn < b.draft.achievedOn ? -1 : a.draft.achievedOn > b.draft.achievedOn ? 1 : 0));
      for (const req of requests) {
        const earliest = maxDate(windowStart, req.person.employee.startDate ?? windowStart);
        const j0 = Math.max(0, Math.ceil(daysBetween(req.draft.achievedOn, last) / step));
        const dates = [j0, j0 + 1, j0 - 1, j0 + 2]
          .filter((j) => j >= 0)
          .map((j) => addDays(last, -j * step))
          .filter((d) => d >= earliest && d <= lastDay);
        // Join a session that already has people when one is near, else open one on the nearest course day.
        let seat: SessionState | undefined;
        for (const d of dates) if (!seat && Math.abs(daysBetween(d, req.draft.achievedOn)) <= 42) seat = this.freeSeat(def, d);
        for (const d of dates) if (!seat) seat = this.heldSeat(def, d, slots);
        const d = req.draft;
        if (!seat) {
          Object.assign(d, { source: 'import', note: 'Kurs hos ekstern kursholder' });
          continue;
        }
        Object.assign(d, {
          achievedOn: seat.date, expiresOn: expiryFor(req.competence, seat.date, req.previousExpiry),
          source: 'session', note: undefined, evidenceFileId: undefined, verifiedBy: seat.row.instructorEmail,
        });
        this.granted.push({ cert: d, session: seat });
        this.enroll(seat, req.person, 'attended', this.signUpTime(seat, addDays(seat.date, -60), addDays(seat.date, -1)),
          this.notAfter(addMinutes(seat.row.endsAt, this.rng.int(10, 600))));
      }
    }
  }

  private freeSeat(def: CourseDef, date: string): SessionState | undefined {
    return (this.byDay.get(`${def.course.courseId}|${date}`) ?? []).find((s) => s.taken < s.row.capacity);
  }

  private heldSeat(def: CourseDef, date: string, slots: number): SessionState | undefined {
    const free = this.freeSeat(def, date);
    if (free) return free;
    return (this.byDay.get(`${def.course.courseId}|${date}`) ?? []).length < slots ? this.create(def, date, 'held') : undefined;
  }

  /** Some people with a gap signed up for a held session and did not come, or cancelled in time. */
  addNoShows(gaps: readonly Gap[]): void {
    const held = this.sessions.filter((s) => s.row.status === 'held');
    if (!held.length) return;
    for (const g of gaps) {
      if (g.outcome === 'expiring' || g.level !== 'required' || g.person.persona || !this.rng.chance(0.1)) continue;
      const def = courseFor(g.person, g.competenceId, this.today);
      const options = held.filter((s) => s.def === def && s.date >= (g.person.employee.startDate ?? s.date));
      if (!options.length) continue;
      const s = this.rng.pick(options);
      const signedUpAt = this.signUpTime(s, addDays(s.date, -50), addDays(s.date, -1));
      if (this.rng.chance(0.35)) {
        this.enroll(s, g.person, 'cancelled', signedUpAt, this.notAfter(addMinutes(signedUpAt, this.rng.int(600, 20000)), addMinutes(s.row.startsAt, -60)));
      } else if (s.taken < s.row.capacity) this.enroll(s, g.person, 'no-show', signedUpAt, this.notAfter(addMinutes(s.row.endsAt, 60)));
    }
  }

  /** Open sessions over the next four months for every course that runs sessions, filled from the people with gaps. */
  planFuture(gaps: readonly Gap[]): void {
    const active = (p: Person) => p.employee.status === 'active';
    const candidates = new Map<string, Person[]>();
    const seen = new Set<string>();
    for (const g of gaps) {
      if (g.level !== 'required' || !active(g.person) || g.person.persona) continue;
      const def = courseFor(g.person, g.competenceId, this.today);
      if (!def?.plan) continue;
      const key = `${def.course.courseId}|${g.person.employee.employeeId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const list = candidates.get(def.course.courseId) ?? [];
      list.push(g.person);
      candidates.set(def.course.courseId, list);
    }
    const pool = this.people.persons.filter((p) => active(p) && !p.persona && (p.employee.startDate ?? '') <= this.today);
    for (const def of COURSE_DEFS) {
      if (!def.plan || !def.course.active) continue;
      const id = def.course.courseId;
      const cands = this.rng.shuffle(candidates.get(id) ?? []);
      const targets = def.course.targetRoleIds;
      const interested = targets ? pool.filter((p) => p.employee.roleIds?.some((r) => targets.includes(r))) : pool;
      const avgCap = (def.plan.capacity[0] + def.plan.capacity[1]) / 2;
      const minCount = id === WAITLIST_COURSE ? 3 : id === CANCELLED_COURSE ? 2 : 1;
      const n = Math.min(30, Math.max(minCount, Math.ceil((cands.length * 0.45) / avgCap)));
      const created: SessionState[] = [];
      // One session so close that sign-up has closed.
      if (id === CLOSED_COURSE) created.push(this.create(def, weekdayOnOrAfter(addDays(this.today, 1), def.plan.weekday), 'open'));
      for (let i = 0; i < n; i++) {
        created.push(this.create(def, weekdayOnOrAfter(addDays(this.today, 10 + Math.floor((i * 110) / n)), def.plan.weekday), 'open'));
      }
      let next = 0;
      const openOnes = created.filter((s) => s.row.status === 'open');
      const waitlisted = id === WAITLIST_COURSE ? openOnes[0] : undefined;
      const cancelled = id === CANCELLED_COURSE ? openOnes[openOnes.length > 1 ? 1 : 0] : undefined;
      const roomy = id === WAITLIST_COURSE ? openOnes[openOnes.length - 1] : undefined;
      const nearlyFull = id === CANCELLED_COURSE ? openOnes[0] : undefined;
      for (const s of created) {
        const cap = s.row.capacity;
        let target = this.rng.chance(0.15) ? cap - this.rng.int(0, 2) : Math.round(cap * (0.2 + this.rng.next() * 0.6));
        if (s === roomy) target = Math.min(target, Math.floor(cap / 2));
        if (s === waitlisted) {
          s.row.capacity = Math.min(cap, 12);
          target = s.row.capacity;
        }
        if (s === nearlyFull) target = s.row.capacity - 1;
        const mine: Person[] = [];
        while (mine.length < target && next < cands.length) mine.push(itemAt(cands, next++));
        if (s === waitlisted || s === nearlyFull) {
          // Top up from anyone (these courses are open to all): a full session with a waitlist, one with a seat left.
          const taken = new Set(mine.map((p) => p.employee.employeeId));
          const extra = this.rng.shuffle(pool.filter((p) => !taken.has(p.employee.employeeId)));
          const want = s === waitlisted ? target + 4 : target;
          while (mine.length < want && extra.length) mine.push(extra.pop()!);
        } else if (mine.length < target && s !== cancelled) {
          // A few sign up without a gap to close: the course is simply useful for them.
          const taken = new Set(mine.map((p) => p.employee.employeeId));
          const keen = this.rng.sample(interested.filter((p) => !taken.has(p.employee.employeeId)), Math.min(target - mine.length, this.rng.int(0, 4)));
          mine.push(...keen);
        }
        this.fillFuture(s, mine, s === waitlisted, s === cancelled, s === nearlyFull);
      }
    }
    this.personaSignUps();
  }

  private fillFuture(s: SessionState, persons: Person[], withWaitlist: boolean, cancel: boolean, exact = false): void {
    const times = persons.map(() => this.signUpTime(s, addDays(this.today, -45), addDays(this.today, -1), 45)).sort();
    persons.forEach((p, i) => {
      const at = itemAt(times, i);
      if (s.taken < s.row.capacity) {
        const withdrew = !cancel && !withWaitlist && !exact && this.rng.chance(0.05);
        this.enroll(s, p, withdrew ? 'cancelled' : 'enrolled', at, withdrew ? this.notAfter(addMinutes(at, this.rng.int(60, 5000))) : undefined);
      } else if (withWaitlist) {
        this.enroll(s, p, 'waitlisted', at);
      }
    });
    if (cancel) {
      s.row.status = 'cancelled';
      const when = osloTime(addDays(this.today, -this.rng.int(1, 4)), 10);
      for (const e of this.enrollments) {
        if (e.session !== s) continue;
        if (OCCUPIES.has(e.status)) s.taken--;
        e.status = 'cancelled';
        e.changedAt = e.signedUpAt < when ? when : addMinutes(e.signedUpAt, 5);
      }
    }
  }

  /** The new hire is signed up by her leader for the next fire-safety course and the basic D-HLR course. */
  private personaSignUps(): void {
    const hire = this.people.byEmail.get(DEMO_PERSONAS.newHire);
    if (!hire) return;
    for (const courseId of ['brannvern', 'dhlr-grunnkurs']) {
      const s = this.sessions.find((x) => x.def.course.courseId === courseId && x.row.status === 'open' && x.taken < x.row.capacity);
      if (s) this.enroll(s, hire, 'enrolled', osloTime(addDays(this.today, -this.rng.int(3, 20)), 9, 15));
    }
  }

  /** Session ids in order of start; enrollments in order of sign-up. */
  finish(): { sessions: Session[]; enrollments: Enrollment[] } {
    const ordered = [...this.sessions].sort((a, b) => (a.row.startsAt < b.row.startsAt ? -1 : a.row.startsAt > b.row.startsAt ? 1 : 0));
    const ids = new Map<SessionState, string>();
    const sessions = ordered.map((s, i): Session => {
      const sessionId = `S${String(i + 1).padStart(5, '0')}`;
      ids.set(s, sessionId);
      return { sessionId, ...s.row, calendarEventId: s.row.status === 'cancelled' ? undefined : `demo-cal-${sessionId.toLowerCase()}` };
    });
    // The note ties each certification to the session that granted it, as marking attendance does.
    for (const g of this.granted) g.cert.note = sessionNote(ids.get(g.session)!);
    const enrollments = this.enrollments
      .map((e, i) => ({ e, i }))
      .sort((a, b) => (a.e.signedUpAt < b.e.signedUpAt ? -1 : a.e.signedUpAt > b.e.signedUpAt ? 1 : a.i - b.i))
      .map(({ e }, n): Enrollment => ({
        enrollmentId: `N${String(n + 1).padStart(6, '0')}`, sessionId: ids.get(e.session)!, employeeId: e.employeeId,
        status: e.status, signedUpAt: e.signedUpAt, changedAt: e.changedAt, signedUpBy: e.signedUpBy,
      }));
    return { sessions, enrollments };
  }
}
