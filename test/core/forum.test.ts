// The forum rules: lifecycle per actor, routing, anonymity, nudges in working hours (weekends, DST, holidays), statistics.
import {
  forumStats, guideLoads, guideView, holderOf, median, nudgeDue, route, transition, type ForumActor,
} from '../../src/core/forum';
import type { Guide, Question } from '../../src/core/records/tables';
import { DEFAULT_CALENDAR } from '../../src/core/working-hours';

const NOW = '2026-11-23T09:00:00Z'; // Monday 10:00 in Oslo
const q = (over: Partial<Question> = {}): Question => ({
  questionId: 'Q1', askerEmail: 'kari@k.no', anonymous: false, unitId: 'ward', topic: 'drive', text: 'Hvordan deler jeg en mappe?',
  status: 'open', guideEmail: 'ola@k.no', askedAt: '2026-11-23T08:00:00Z', ...over,
});
const guide = (email: string): ForumActor => ({ email, isGuide: true, isAdmin: false });
const asker: ForumActor = { email: 'kari@k.no', isGuide: false, isAdmin: false };
const admin: ForumActor = { email: 'guri@k.no', isGuide: false, isAdmin: true };
const staff: ForumActor = { email: 'per@k.no', isGuide: false, isAdmin: false };

describe('lifecycle', () => {
  it('goes open → claimed → answered → resolved, each step by the right person', () => {
    const claimed = transition(q(), { kind: 'claim' }, guide('ola@k.no'), NOW);
    expect(claimed).toMatchObject({ ok: true, changed: true, next: { status: 'claimed', guideEmail: 'ola@k.no', claimedAt: NOW } });
    if (!claimed.ok) throw new Error();
    const answered = transition(claimed.next, { kind: 'answer', text: 'Høyreklikk og velg Del.' }, guide('ola@k.no'), NOW);
    expect(answered).toMatchObject({ ok: true, next: { status: 'answered', answer: 'Høyreklikk og velg Del.', answeredAt: NOW } });
    if (!answered.ok) throw new Error();
    expect(transition(answered.next, { kind: 'solved' }, asker, NOW)).toMatchObject({ ok: true, next: { status: 'resolved', resolvedAt: NOW } });
  });

  it('lets any guide claim an open question routed to someone else, but never a question another guide holds', () => {
    expect(transition(q(), { kind: 'claim' }, guide('eva@k.no'), NOW)).toMatchObject({ ok: true, next: { guideEmail: 'eva@k.no' } });
    const held = q({ status: 'claimed', guideEmail: 'ola@k.no' });
    expect(transition(held, { kind: 'claim' }, guide('eva@k.no'), NOW)).toEqual({ ok: false, reason: 'claimedByOther', holder: 'ola@k.no' });
    expect(transition(held, { kind: 'answer', text: 'x' }, guide('eva@k.no'), NOW)).toMatchObject({ ok: false, reason: 'claimedByOther' });
  });

  it('is idempotent: claiming twice or resolving twice changes nothing', () => {
    const held = q({ status: 'claimed', guideEmail: 'ola@k.no', claimedAt: NOW });
    expect(transition(held, { kind: 'claim' }, guide('ola@k.no'), NOW)).toEqual({ ok: true, next: held, changed: false });
    const done = q({ status: 'resolved', resolvedAt: NOW });
    expect(transition(done, { kind: 'solved' }, asker, NOW)).toMatchObject({ ok: true, changed: false });
  });

  it('refuses staff, leaders and admins who are not guides to claim or answer', () => {
    expect(transition(q(), { kind: 'claim' }, staff, NOW)).toMatchObject({ ok: false, reason: 'notAllowed' });
    expect(transition(q(), { kind: 'answer', text: 'x' }, admin, NOW)).toMatchObject({ ok: false, reason: 'notAllowed' });
    expect(transition(q(), { kind: 'claim' }, asker, NOW)).toMatchObject({ ok: false, reason: 'notAllowed' });
  });

  it('lets only the asker (or an admin) resolve or reopen, and a guide never', () => {
    const answered = q({ status: 'answered', answer: 'x', answeredAt: NOW });
    expect(transition(answered, { kind: 'solved' }, guide('ola@k.no'), NOW)).toMatchObject({ ok: false, reason: 'notAllowed' });
    expect(transition(answered, { kind: 'solved' }, staff, NOW)).toMatchObject({ ok: false, reason: 'notAllowed' });
    expect(transition(answered, { kind: 'solved' }, admin, NOW)).toMatchObject({ ok: true, next: { status: 'resolved' } });
    expect(transition(answered, { kind: 'reopen' }, asker, NOW)).toMatchObject({ ok: true, next: { status: 'reopened', waitingSince: NOW, nudgeLevel: 0 } });
    expect(transition(answered, { kind: 'reopen' }, guide('ola@k.no'), NOW)).toMatchObject({ ok: false });
  });

  it('keeps the first answer time when a guide answers again after a reopen', () => {
    const reopened = q({ status: 'reopened', guideEmail: 'ola@k.no', answer: 'x', answeredAt: '2026-11-20T10:00:00Z' });
    const again = transition(reopened, { kind: 'answer', text: 'y' }, guide('ola@k.no'), NOW);
    expect(again).toMatchObject({ ok: true, next: { status: 'answered', answer: 'y', answeredAt: '2026-11-20T10:00:00Z' } });
  });

  it('hands over to another guide (unclaimed again, nudges start over) and escalates to the coordinator', () => {
    const held = q({ status: 'claimed', guideEmail: 'ola@k.no', claimedAt: NOW, nudgeLevel: 2 });
    expect(transition(held, { kind: 'handOver', to: 'eva@k.no' }, guide('ola@k.no'), NOW))
      .toMatchObject({ ok: true, next: { status: 'open', guideEmail: 'eva@k.no', claimedAt: undefined, nudgeLevel: 0, waitingSince: NOW } });
    expect(transition(held, { kind: 'handOver', to: 'eva@k.no' }, guide('per@k.no'), NOW)).toMatchObject({ ok: false, reason: 'claimedByOther' });
    expect(transition(held, { kind: 'handOver', to: 'eva@k.no' }, admin, NOW)).toMatchObject({ ok: true });
    expect(transition(held, { kind: 'escalate' }, guide('ola@k.no'), NOW))
      .toMatchObject({ ok: true, next: { status: 'open', guideEmail: undefined, nudgeLevel: 3 } });
  });

  it('hands over or escalates only a question a guide still has to act on: never an answered or resolved one', () => {
    const answered = q({ status: 'answered', guideEmail: 'ola@k.no', claimedAt: NOW, answeredAt: NOW, answer: 'x' });
    const resolved = q({ status: 'resolved', guideEmail: 'ola@k.no', answeredAt: NOW, resolvedAt: NOW, answer: 'x' });
    for (const held of [answered, resolved]) {
      for (const who of [guide('ola@k.no'), admin]) {
        expect(transition(held, { kind: 'handOver', to: 'eva@k.no' }, who, NOW)).toEqual({ ok: false, reason: 'notPassable' });
        expect(transition(held, { kind: 'escalate' }, who, NOW)).toEqual({ ok: false, reason: 'notPassable' });
      }
    }
    const reopened = q({ status: 'reopened', guideEmail: 'ola@k.no', answer: 'x', answeredAt: NOW });
    expect(transition(reopened, { kind: 'handOver', to: 'eva@k.no' }, guide('ola@k.no'), NOW)).toMatchObject({ ok: true, next: { status: 'open' } });
    expect(transition(q(), { kind: 'escalate' }, guide('eva@k.no'), NOW)).toMatchObject({ ok: true, next: { nudgeLevel: 3 } });
  });

  it('publishes only an answered or resolved question with an answer, once', () => {
    expect(transition(q(), { kind: 'publish', faqId: 'F9' }, guide('ola@k.no'), NOW)).toMatchObject({ ok: false, reason: 'wrongState' });
    const done = q({ status: 'resolved', answer: 'x', answeredAt: NOW });
    expect(transition(done, { kind: 'publish', faqId: 'F9' }, staff, NOW)).toMatchObject({ ok: false, reason: 'notAllowed' });
    const pub = transition(done, { kind: 'publish', faqId: 'F9' }, guide('eva@k.no'), NOW);
    expect(pub).toMatchObject({ ok: true, next: { faqId: 'F9' } });
    if (!pub.ok) throw new Error();
    expect(transition(pub.next, { kind: 'publish', faqId: 'F10' }, guide('eva@k.no'), NOW)).toMatchObject({ ok: true, changed: false, next: { faqId: 'F9' } });
  });

  it('says who holds a question: nobody while it is open, the guide once claimed', () => {
    expect(holderOf(q())).toBeUndefined();
    expect(holderOf(q({ status: 'claimed' }))).toBe('ola@k.no');
    expect(holderOf(q({ status: 'resolved' }))).toBeUndefined();
  });
});

describe('routing', () => {
  const g = (email: string, over: Partial<Guide> = {}): Guide => ({ email, unitIds: [], topics: [], active: true, capacityPerWeek: 3, ...over });
  const guides = [
    g('unit@k.no', { unitIds: ['ward'] }),
    g('parent@k.no', { unitIds: ['home'] }),
    g('drive@k.no', { topics: ['drive'] }),
    g('free@k.no'),
  ];
  const base = { askerEmail: 'kari@k.no', unitChain: ['ward', 'home'], topic: 'drive', guides, loads: new Map<string, number>(), defaultCapacity: 5 };

  it('prefers the guides of the asker’s unit, then of its parent unit', () => {
    expect(route(base)).toEqual({ guideEmail: 'unit@k.no', via: 'unit' });
    expect(route({ ...base, loads: new Map([['unit@k.no', 3]]) })).toEqual({ guideEmail: 'parent@k.no', via: 'unit' });
  });

  it('then guides by topic, then the least-loaded available guide', () => {
    const busy = new Map([['unit@k.no', 3], ['parent@k.no', 3]]);
    expect(route({ ...base, loads: busy })).toEqual({ guideEmail: 'drive@k.no', via: 'topic' });
    expect(route({ ...base, topic: 'meet', loads: new Map([...busy, ['drive@k.no', 2], ['free@k.no', 1]]) }))
      .toEqual({ guideEmail: 'free@k.no', via: 'leastLoaded' });
  });

  it('never routes to an inactive guide, one at capacity, or the asker themselves', () => {
    const list = [g('unit@k.no', { unitIds: ['ward'], active: false }), g('kari@k.no', { unitIds: ['ward'] }), g('full@k.no', { topics: ['drive'], capacityPerWeek: 0 })];
    expect(route({ ...base, guides: list })).toEqual({ via: 'none' });
  });

  it('uses the default capacity when a guide has none', () => {
    const list = [g('x@k.no', { unitIds: ['ward'], capacityPerWeek: undefined })];
    expect(route({ ...base, guides: list, loads: new Map([['x@k.no', 4]]) }).guideEmail).toBe('x@k.no');
    expect(route({ ...base, guides: list, loads: new Map([['x@k.no', 5]]) }).guideEmail).toBeUndefined();
  });

  it('counts load as questions claimed or assigned in the last 7 days', () => {
    const loads = guideLoads([
      { guideEmail: 'a', askedAt: '2026-11-20T10:00:00Z' },
      { guideEmail: 'a', askedAt: '2026-11-01T10:00:00Z', claimedAt: '2026-11-19T10:00:00Z' },
      { guideEmail: 'a', askedAt: '2026-11-01T10:00:00Z' },
      { guideEmail: undefined, askedAt: '2026-11-22T10:00:00Z' },
    ], NOW);
    expect(loads).toEqual(new Map([['a', 2]]));
  });
});

describe('anonymity', () => {
  it('gives guides the question without the asker’s e-mail, name or unit when anonymous', () => {
    const view = guideView(q({ anonymous: true }), 'Kari Nordmann');
    expect(JSON.stringify(view)).not.toMatch(/kari|ward/i);
    expect(view.text).toBe('Hvordan deler jeg en mappe?');
    expect(guideView(q(), 'Kari Nordmann').asker).toEqual({ email: 'kari@k.no', name: 'Kari Nordmann', unitId: 'ward' });
  });
});

describe('nudges', () => {
  const cal = DEFAULT_CALENDAR;
  it('nudges after the configured working hours, one level per run, then stops at the coordinator', () => {
    const asked = q({ askedAt: '2026-11-23T07:00:00Z' }); // Monday 08:00
    expect(nudgeDue(asked, '2026-11-23T10:00:00Z', cal, 4)).toBeUndefined(); // 3 h
    expect(nudgeDue(asked, '2026-11-23T11:00:00Z', cal, 4)).toBe(1); // 4 h
    expect(nudgeDue({ ...asked, nudgeLevel: 1 }, '2026-11-23T11:00:00Z', cal, 4)).toBeUndefined();
    expect(nudgeDue({ ...asked, nudgeLevel: 1 }, '2026-11-24T08:00:00Z', cal, 4)).toBe(2); // 8 h + 1 h
    expect(nudgeDue({ ...asked, nudgeLevel: 1 }, '2026-11-26T08:00:00Z', cal, 4)).toBe(2); // overdue: still one step
    expect(nudgeDue({ ...asked, nudgeLevel: 3 }, '2026-12-26T08:00:00Z', cal, 4)).toBeUndefined();
  });

  it('does not count the weekend: asked Friday afternoon, the first nudge comes on Monday', () => {
    const friday = q({ askedAt: '2026-11-20T14:00:00Z' }); // Friday 15:00 local
    expect(nudgeDue(friday, '2026-11-22T20:00:00Z', cal, 4)).toBeUndefined(); // Sunday evening
    expect(nudgeDue(friday, '2026-11-23T09:00:00Z', cal, 4)).toBeUndefined(); // Monday 10:00 → 3 h
    expect(nudgeDue(friday, '2026-11-23T10:00:00Z', cal, 4)).toBe(1);
  });

  it('never nudges a claimed, answered or resolved question; counts from waitingSince after a hand-over', () => {
    for (const status of ['claimed', 'answered', 'resolved'] as const) {
      expect(nudgeDue(q({ status, askedAt: '2026-11-01T08:00:00Z' }), NOW, cal, 4)).toBeUndefined();
    }
    const handed = q({ askedAt: '2026-11-01T08:00:00Z', waitingSince: '2026-11-23T08:30:00Z' });
    expect(nudgeDue(handed, '2026-11-23T10:00:00Z', cal, 4)).toBeUndefined();
  });
});

describe('statistics', () => {
  it('counts answers, the median working hours to the first answer and answers marked solved, per guide and overall', () => {
    const stats = forumStats([
      q({ status: 'resolved', guideEmail: 'a', askedAt: '2026-11-23T07:00:00Z', answeredAt: '2026-11-23T08:00:00Z' }),
      q({ status: 'answered', guideEmail: 'a', askedAt: '2026-11-23T07:00:00Z', answeredAt: '2026-11-23T10:00:00Z' }),
      q({ status: 'answered', guideEmail: 'a', askedAt: '2026-11-20T14:00:00Z', answeredAt: '2026-11-23T08:00:00Z' }),
      q({ status: 'claimed', guideEmail: 'b' }),
      q({ status: 'open', guideEmail: 'b' }),
    ], DEFAULT_CALENDAR);
    expect(stats.perGuide.a).toEqual({ answered: 3, medianHours: 2, helpful: 1, holding: 0 });
    expect(stats.perGuide.b).toEqual({ answered: 0, medianHours: undefined, helpful: 0, holding: 1 });
    expect(stats.overall).toMatchObject({ asked: 5, open: 2, answered: 3, helpful: 1 });
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
