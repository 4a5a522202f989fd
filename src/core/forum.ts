// The guide forum's rules: the question lifecycle per actor, routing to guides, what guides may see of an anonymous
// question, when an unclaimed question nudges (in working hours) and the guides' statistics. Pure: time is passed in.
import type { Guide, Question } from './records/tables';
import { workingMinutesBetween, type WorkCalendar } from './working-hours';

export type QuestionStatus = Question['status'];

/** Who acts on a question: a guide (active), an admin, the asker (by e-mail), or the system (jobs). */
export interface ForumActor { email: string; isGuide: boolean; isAdmin: boolean }

export type ForumEvent =
  | { kind: 'claim' }
  | { kind: 'answer'; text: string }
  | { kind: 'askAsker' }
  | { kind: 'handOver'; to: string }
  | { kind: 'escalate' }
  | { kind: 'solved' }
  | { kind: 'reopen' }
  | { kind: 'reply' }
  | { kind: 'publish'; faqId: string };

/** `notPassable`: hand-over or escalation of a question no guide has to act on now (answered, or resolved). */
export type Refusal = 'notAllowed' | 'claimedByOther' | 'wrongState' | 'notPassable';
export type Transition = { ok: true; next: Question; changed: boolean } | { ok: false; reason: Refusal; holder?: string };

/** Levels of the nudge ladder: 1 the routed guide(s), 2 all guides, 3 the coordinator. */
export const NUDGE_LEVELS = { guides: 1, all: 2, coordinator: 3 } as const;

/** Who holds a question: the guide who claimed or answered it. An open question's guideEmail is only where it was routed. */
export function holderOf(q: Pick<Question, 'status' | 'guideEmail'>): string | undefined {
  return q.status === 'open' || q.status === 'resolved' ? undefined : q.guideEmail;
}

export function isUnclaimed(q: Pick<Question, 'status'>): boolean {
  return q.status === 'open' || q.status === 'reopened';
}

/**
 * Whether a question may be handed over or escalated: open or claimed, and reopened (the asker said "Not yet", so it is
 * back with a guide; the thread card offers both buttons then). Never answered (waiting for the asker) or resolved.
 */
export function canPassOn(status: QuestionStatus): boolean {
  return status === 'open' || status === 'claimed' || status === 'reopened';
}

function same(q: Question): Transition {
  return { ok: true, next: q, changed: false };
}
function to(q: Question, patch: Partial<Question>): Transition {
  return { ok: true, next: { ...q, ...patch }, changed: true };
}

/**
 * The lifecycle open → claimed → answered → resolved (or reopened), with who may do what:
 * only guides claim, answer and ask the asker; the holder (or an admin) hands over; only the asker resolves or reopens
 * their own question (an admin any). Repeating an action is not an error: it returns `changed: false`.
 */
export function transition(q: Question, ev: ForumEvent, actor: ForumActor, now: string): Transition {
  const isAsker = actor.email !== '' && actor.email === q.askerEmail;
  const holder = holderOf(q);
  const mine = holder === actor.email;
  const refuse = (reason: Refusal): Transition => ({ ok: false, reason, holder: reason === 'claimedByOther' ? holder : undefined });
  switch (ev.kind) {
    case 'claim':
    case 'askAsker': {
      if (!actor.isGuide) return refuse('notAllowed');
      if (q.status === 'resolved') return refuse('wrongState');
      if (holder && !mine) return refuse('claimedByOther');
      if (q.status === 'open') return to(q, { status: 'claimed', guideEmail: actor.email, claimedAt: now });
      if (q.status === 'reopened') return to(q, { status: 'claimed' });
      if (ev.kind === 'claim' && q.status === 'answered') return refuse('wrongState');
      return same(q);
    }
    case 'answer': {
      if (!actor.isGuide) return refuse('notAllowed');
      if (q.status === 'resolved') return refuse('wrongState');
      if (holder && !mine) return refuse('claimedByOther');
      if (ev.text.trim() === '') return refuse('wrongState');
      if (q.status === 'answered' && q.answer === ev.text) return same(q);
      return to(q, { status: 'answered', guideEmail: actor.email, claimedAt: q.claimedAt ?? now, answeredAt: q.answeredAt ?? now, answer: ev.text });
    }
    case 'handOver': {
      // Only while a guide still has to act: an answered question waits for the asker (a stale card's click must not
      // send it back to open with its answer), a resolved one is done.
      if (!canPassOn(q.status)) return refuse('notPassable');
      if (!(actor.isAdmin || mine || (actor.isGuide && !holder))) return refuse(holder && actor.isGuide ? 'claimedByOther' : 'notAllowed');
      if (q.status === 'open' && q.guideEmail === ev.to) return same(q);
      if (ev.to === actor.email && !actor.isGuide) return refuse('notAllowed');
      return to(q, { status: 'open', guideEmail: ev.to, claimedAt: undefined, nudgeLevel: 0, waitingSince: now });
    }
    case 'escalate': {
      if (!canPassOn(q.status)) return refuse('notPassable');
      if (!(actor.isAdmin || mine || (actor.isGuide && !holder))) return refuse(holder && actor.isGuide ? 'claimedByOther' : 'notAllowed');
      if (q.status === 'open' && !q.guideEmail && (q.nudgeLevel ?? 0) >= NUDGE_LEVELS.coordinator) return same(q);
      return to(q, { status: 'open', guideEmail: undefined, claimedAt: undefined, nudgeLevel: NUDGE_LEVELS.coordinator, waitingSince: now });
    }
    case 'solved': {
      if (!isAsker && !actor.isAdmin) return refuse('notAllowed');
      if (q.status === 'resolved') return same(q);
      return to(q, { status: 'resolved', resolvedAt: now });
    }
    case 'reopen': {
      if (!isAsker && !actor.isAdmin) return refuse('notAllowed');
      if (q.status !== 'answered' && q.status !== 'resolved') return same(q);
      return to(q, { status: 'reopened', resolvedAt: undefined, nudgeLevel: 0, waitingSince: now });
    }
    case 'reply':
      return isAsker ? same(q) : refuse('notAllowed');
    case 'publish': {
      if (!actor.isGuide && !actor.isAdmin) return refuse('notAllowed');
      if (q.faqId) return same(q);
      if (!q.answer || (q.status !== 'answered' && q.status !== 'resolved')) return refuse('wrongState');
      return to(q, { faqId: ev.faqId });
    }
  }
}

// ---- Routing

export interface RouteInput {
  askerEmail: string;
  /** The asker's unit first, then its parent units (nearest first). */
  unitChain: readonly string[];
  topic?: string;
  guides: readonly Guide[];
  /** Questions claimed or assigned to a guide in the last 7 days. */
  loads: ReadonlyMap<string, number>;
  /** Capacity for guides whose row leaves capacityPerWeek empty. */
  defaultCapacity: number;
}

export type RouteVia = 'unit' | 'topic' | 'leastLoaded' | 'none';
export interface Route { guideEmail?: string; via: RouteVia }

export function capacityOf(g: Guide, defaultCapacity: number): number {
  return g.capacityPerWeek ?? defaultCapacity;
}

/** Active, not the asker, and under capacity this week. */
export function isAvailable(g: Guide, loads: ReadonlyMap<string, number>, defaultCapacity: number, askerEmail = ''): boolean {
  return g.active && g.email !== askerEmail && (loads.get(g.email) ?? 0) < capacityOf(g, defaultCapacity);
}

function leastLoaded(list: Guide[], loads: ReadonlyMap<string, number>): Guide | undefined {
  return [...list].sort((a, b) => (loads.get(a.email) ?? 0) - (loads.get(b.email) ?? 0) || (a.email < b.email ? -1 : 1))[0];
}

/**
 * Routes a question: the guides of the asker's unit (then of its parent units), then guides for the topic, then the
 * least-loaded available guide. Never a guide who is inactive or at capacity; none at all is possible (all see it).
 */
export function route(input: RouteInput): Route {
  const available = input.guides.filter((g) => isAvailable(g, input.loads, input.defaultCapacity, input.askerEmail));
  for (const unitId of input.unitChain) {
    const g = leastLoaded(available.filter((x) => (x.unitIds ?? []).includes(unitId)), input.loads);
    if (g) return { guideEmail: g.email, via: 'unit' };
  }
  if (input.topic) {
    const topic = input.topic.toLowerCase();
    const g = leastLoaded(available.filter((x) => (x.topics ?? []).some((t) => t.toLowerCase() === topic)), input.loads);
    if (g) return { guideEmail: g.email, via: 'topic' };
  }
  const g = leastLoaded(available, input.loads);
  return g ? { guideEmail: g.email, via: 'leastLoaded' } : { via: 'none' };
}

type LoadItem = Pick<Question, 'guideEmail' | 'askedAt' | 'claimedAt'>;

/** Questions claimed or assigned per guide in the 7 days before `now`. */
export function guideLoads(items: readonly LoadItem[], now: string): Map<string, number> {
  const since = new Date(Date.parse(now) - 7 * 86_400_000).toISOString();
  const loads = new Map<string, number>();
  for (const q of items) {
    if (!q.guideEmail || (q.claimedAt ?? q.askedAt) < since) continue;
    loads.set(q.guideEmail, (loads.get(q.guideEmail) ?? 0) + 1);
  }
  return loads;
}

// ---- Anonymity

/** A question as guides see it: for an anonymous question, nothing that says who asked (no e-mail, name or unit). */
export interface GuideQuestionView {
  questionId: string;
  text: string;
  topic?: string;
  status: QuestionStatus;
  guideEmail?: string;
  askedAt: string;
  claimedAt?: string;
  answeredAt?: string;
  resolvedAt?: string;
  answer?: string;
  faqId?: string;
  anonymous: boolean;
  asker?: { email: string; name?: string; unitId?: string };
}

export function guideView(q: Question, askerName?: string): GuideQuestionView {
  const { questionId, text, topic, status, guideEmail, askedAt, claimedAt, answeredAt, resolvedAt, answer, faqId, anonymous } = q;
  return {
    questionId, text, topic, status, guideEmail, askedAt, claimedAt, answeredAt, resolvedAt, answer, faqId, anonymous,
    ...(anonymous ? {} : { asker: { email: q.askerEmail, name: askerName, unitId: q.unitId } }),
  };
}

// ---- Nudges

type NudgeItem = Pick<Question, 'status' | 'askedAt' | 'nudgeLevel' | 'waitingSince'>;

/** Working hours an unclaimed question has waited (since it was asked, handed over, escalated or reopened). */
export function waitedHours(q: NudgeItem, now: string, cal: WorkCalendar): number {
  return workingMinutesBetween(q.waitingSince ?? q.askedAt, now, cal) / 60;
}

/**
 * The next nudge level due for an unclaimed question, or undefined. Levels come every `afterHours` working hours;
 * one step per run, so each audience gets its turn even after a pause.
 */
export function nudgeDue(q: NudgeItem, now: string, cal: WorkCalendar, afterHours: number): number | undefined {
  if (!isUnclaimed(q) || afterHours <= 0) return undefined;
  const current = q.nudgeLevel ?? 0;
  if (current >= NUDGE_LEVELS.coordinator) return undefined;
  const target = Math.min(NUDGE_LEVELS.coordinator, Math.floor(waitedHours(q, now, cal) / afterHours));
  return target > current ? current + 1 : undefined;
}

// ---- Statistics

export interface GuideStats {
  answered: number;
  /** Median working hours from asked to the first answer. */
  medianHours?: number;
  /** Answers the asker marked as solved. */
  helpful: number;
  /** Questions they hold now (claimed, reopened). */
  holding: number;
}

export interface ForumStats { perGuide: Record<string, GuideStats>; overall: GuideStats & { asked: number; open: number } }

export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const [lower, upper] = [s[mid - 1], s[mid]];
  if (upper === undefined) return undefined; // not reached: values is not empty
  return s.length % 2 || lower === undefined ? upper : (lower + upper) / 2;
}

const round1 = (n: number | undefined) => (n === undefined ? undefined : Math.round(n * 10) / 10);

type StatItem = Pick<Question, 'status' | 'guideEmail' | 'askedAt' | 'answeredAt'>;

export function forumStats(questions: readonly StatItem[], cal: WorkCalendar): ForumStats {
  const per = new Map<string, { answered: number; hours: number[]; helpful: number; holding: number }>();
  const get = (email: string) => {
    let s = per.get(email);
    if (!s) per.set(email, (s = { answered: 0, hours: [], helpful: 0, holding: 0 }));
    return s;
  };
  const all: number[] = [];
  let helpful = 0;
  let open = 0;
  for (const q of questions) {
    if (isUnclaimed(q) || q.status === 'claimed') open++;
    if (!q.guideEmail) continue;
    const s = get(q.guideEmail);
    if (q.status === 'claimed' || q.status === 'reopened') s.holding++;
    if (!q.answeredAt) continue;
    const h = workingMinutesBetween(q.askedAt, q.answeredAt, cal) / 60;
    s.answered++;
    s.hours.push(h);
    all.push(h);
    if (q.status === 'resolved') { s.helpful++; helpful++; }
  }
  const perGuide: Record<string, GuideStats> = {};
  for (const [email, s] of per) perGuide[email] = { answered: s.answered, medianHours: round1(median(s.hours)), helpful: s.helpful, holding: s.holding };
  return {
    perGuide,
    overall: { asked: questions.length, open, answered: all.length, medianHours: round1(median(all)), helpful, holding: 0 },
  };
}
