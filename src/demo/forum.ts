// Google-guides (1–2 per larger unit), the questions routed to them in various states, and the FAQ they keep.
import { itemAt } from '../core/arrays';
import type { FaqEntry, Guide, Question } from '../core/records/tables';
import { addDays, addMinutes, addMonths, demoNow, maxDate, osloTime } from './clock';
import { FAQ_TEXTS, GUIDE_TOPICS, QUESTION_TEXTS, type GuideTopic } from './forum-texts';
import type { People, Person } from './people';
import { DEMO_PERSONAS } from './personas';
import type { Rng } from './random';

export const GUIDE_FORUM_SPACE = 'spaces/GUIDES';

/** About 70 guides at full scale (15,000), never fewer than 8. */
export function guideCount(employees: number): number {
  return Math.max(8, Math.round((70 * employees) / 15000));
}

export function buildGuides(people: People, employees: number, today: string, rng: Rng): Guide[] {
  const guides: Guide[] = [];
  const taken = new Set<string>();
  const add = (p: Person, topics: string[], capacity: number, active: boolean) => {
    const unitIds = [p.unit.unitId];
    if (p.unit.level === 3 && p.unit.parentUnitId) unitIds.push(p.unit.parentUnitId);
    taken.add(p.employee.email);
    guides.push({
      email: p.employee.email, unitIds, topics, active, capacityPerWeek: capacity,
      since: maxDate(p.employee.startDate ?? today, addDays(today, -rng.int(30, 900))),
    });
  };
  const leaderGuide = people.byEmail.get(DEMO_PERSONAS.leaderGuide);
  const guide = people.byEmail.get(DEMO_PERSONAS.guide);
  if (leaderGuide) add(leaderGuide, ['kalender', 'gmail', 'mobil'], 3, true);
  if (guide) add(guide, ['docs', 'drive', 'chat', 'meet'], 6, true);

  const target = guideCount(employees);
  const units = [...people.staffOf.entries()]
    .filter(([, staff]) => staff.length >= 2)
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  const eligible = (p: Person) => !p.persona && p.employee.status === 'active' && !taken.has(p.employee.email)
    && (p.employee.startDate ?? today) <= addDays(today, -90) && p.leads.length === 0;
  for (let round = 0; guides.length < target && round < 2; round++) {
    for (const [, staff] of units) {
      if (guides.length >= target) break;
      if (round === 1 && staff.length < 40) continue;
      const pool = staff.filter(eligible);
      if (!pool.length) continue;
      const p = rng.pick(pool);
      add(p, rng.sample(GUIDE_TOPICS, rng.int(2, 5)), rng.int(3, 10), rng.chance(0.9));
    }
  }
  // A few have stepped back (kept for history); at small scale at least one.
  const volunteers = guides.filter((g) => g.email !== DEMO_PERSONAS.guide && g.email !== DEMO_PERSONAS.leaderGuide);
  const last = volunteers.at(-1);
  if (last && !volunteers.some((g) => !g.active)) last.active = false;
  return guides;
}

function guideFor(guides: readonly Guide[], topic: GuideTopic, rng: Rng): Guide {
  const active = guides.filter((g) => g.active);
  const matching = active.filter((g) => g.topics?.includes(topic));
  return rng.pick(matching.length ? matching : active);
}

export function buildFaq(guides: readonly Guide[], today: string, rng: Rng): FaqEntry[] {
  const owners = guides.filter((g) => g.active);
  return FAQ_TEXTS.map((t, i): FaqEntry => {
    const owner = i < 3 ? DEMO_PERSONAS.guide : guideFor(owners, t.topic, rng).email;
    const publishedAt = addDays(today, -rng.int(20, 540));
    const helpful = rng.int(0, 60);
    const notHelpful = rng.int(0, 8);
    return {
      faqId: `F${String(i + 1).padStart(3, '0')}`, question: t.question, answer: t.answer, topic: t.topic, ownerEmail: owner,
      publishedAt, reviewBy: addMonths(publishedAt, 12), helpful, notHelpful, views: helpful + notHelpful + rng.int(5, 400),
    };
  });
}

type Plan = { status: Question['status']; asker?: Person; anonymous?: boolean; guide?: string; textIndex?: number; daysAgo?: number };

/** About a dozen questions at small scale, more at full scale; the personas' situations first. */
export function buildQuestions(people: People, guides: readonly Guide[], faq: FaqEntry[], employees: number, today: string,
  rng: Rng): Question[] {
  const askers = people.persons.filter((p) => !p.persona && p.employee.status === 'active' && (p.employee.startDate ?? today) <= today);
  const staff = people.byEmail.get(DEMO_PERSONAS.staff);
  const hire = people.byEmail.get(DEMO_PERSONAS.newHire);
  const guidePersona = people.byEmail.get(DEMO_PERSONAS.guide);
  const inGuideUnit = guidePersona ? askers.filter((p) => p.unit.unitId === guidePersona.unit.unitId) : [];
  const plans: Plan[] = [
    { status: 'answered', asker: staff, guide: DEMO_PERSONAS.guide, textIndex: 0, daysAgo: 2 },
    { status: 'open', asker: inGuideUnit.length ? rng.pick(inGuideUnit) : undefined, textIndex: 15 },
    { status: 'claimed', guide: DEMO_PERSONAS.guide, textIndex: 3 },
    { status: 'resolved', guide: DEMO_PERSONAS.guide, textIndex: 4 },
    { status: 'open', asker: hire, anonymous: true, textIndex: 10 },
  ];
  const cycle: Question['status'][] = ['open', 'resolved', 'claimed', 'answered', 'resolved', 'reopened', 'open', 'resolved'];
  const total = 12 + Math.round(employees / 1000);
  for (let i = plans.length; i < total; i++) plans.push({ status: itemAt(cycle, i % cycle.length) });

  const now = demoNow(today);
  return plans.map((plan, i): Question => {
    const text = itemAt(QUESTION_TEXTS, plan.textIndex ?? (i * 7) % QUESTION_TEXTS.length);
    const asker = plan.asker ?? rng.pick(askers);
    const status = plan.status;
    const daysAgo = plan.daysAgo ?? (status === 'open' ? rng.int(0, 6) : status === 'claimed' ? rng.int(1, 5) : rng.int(3, 60));
    const askedAt = daysAgo === 0 ? osloTime(today, rng.int(6, 7), rng.int(0, 59))
      : osloTime(addDays(today, -daysAgo), rng.int(7, 20), rng.int(0, 59));
    const guide = status === 'open' ? undefined : plan.guide ?? guideFor(guides, text.topic, rng).email;
    const claimedAt = guide ? addMinutes(askedAt, rng.int(10, 180)) : undefined;
    const answeredAt = claimedAt && status !== 'claimed' ? addMinutes(claimedAt, rng.int(30, 600)) : undefined;
    const resolvedAt = answeredAt && (status === 'resolved' || status === 'reopened') ? addMinutes(answeredAt, rng.int(60, 1440)) : undefined;
    const published = status === 'resolved' && rng.chance(0.4) ? faq.find((f) => f.topic === text.topic) : undefined;
    const id = `Q${String(i + 1).padStart(4, '0')}`;
    const clamp = (t?: string) => (t && t > now ? now : t);
    return {
      questionId: id, askerEmail: asker.employee.email, anonymous: plan.anonymous ?? rng.chance(0.2), unitId: asker.unit.unitId,
      topic: text.topic, text: text.text, status, guideEmail: guide,
      threadName: `${GUIDE_FORUM_SPACE}/threads/demo-${id.toLowerCase()}`, askedAt,
      claimedAt: clamp(claimedAt), answeredAt: clamp(answeredAt), resolvedAt: status === 'reopened' ? undefined : clamp(resolvedAt),
      faqId: published?.faqId, answer: answeredAt ? text.answer : undefined,
      nudgeLevel: status === 'open' && daysAgo >= 2 ? Math.min(3, daysAgo - 1) : undefined,
    };
  });
}
