// The forum's time-driven jobs. Hourly: threads that could not be posted are posted, unclaimed questions nudge (routed
// guides → all guides → coordinator, in working hours), FAQ views counted in the cache go to the sheet. Weekly: the
// guides' digest, and review reminders to FAQ owners. Posts to one space keep 1 a second (the rest waits for the next run).
import { addDays, weekday } from '../../../core/dates';
import { guideView, isUnclaimed, median, nudgeDue, waitedHours, NUDGE_LEVELS } from '../../../core/forum';
import type { FaqEntry, Notification, Question, Setting, TableName } from '../../../core/records/tables';
import { isWorkingTime, workingMinutesBetween } from '../../../core/working-hours';
import { FORUM_VIEW_KEY, patchForumView, topTopics } from '../../../store/forum-view';
import { insert, update, type Change, type Snapshot } from '../../../store/records';
import type { Located } from '../../../store/table-parse';
import { ACTIONS } from '../../../contract/actions';
import { digestMessage } from '../../../ui/cards/forum-community';
import { reviewMail, reviewMessage } from '../../../ui/cards/forum-faq';
import { guideNotice, guideNoticeMail } from '../../../ui/cards/forum-relay';
import { threadNudge } from '../../../ui/cards/forum-thread';
import { Delivery } from '../../common/delivery';
import { jobHandler, type Env, type Handlers, type JobEnv } from '../../pipeline/handler';
import { subtractViews, viewsKey } from './faq';
import {
  calendar, ctxOf, refOf, forumNeed, forumView, guideSpace, nameOf, numSetting, roundOf, threadMessageOf, threadModel, unitChain,
} from './shared';

export interface ForumJobSummary { posted: number; nudged: number; deferred: number; viewsFlushed: number; sent: number; skipped?: string; failed?: string }

/** One write under the lock for everything a run did; updates of the same row merged. */
class Changes {
  private readonly rows = new Map<string, { table: TableName; rowNumber: number; before: unknown; after: unknown }>();
  private readonly inserts: Change[] = [];
  set<T extends 'Questions' | 'Faq' | 'Settings'>(table: T, l: Located<unknown>, after: unknown): void {
    const key = `${table}:${l.rowNumber}`;
    const prev = this.rows.get(key);
    this.rows.set(key, { table, rowNumber: l.rowNumber, before: prev?.before ?? l.row, after });
  }
  add(c: Change): void { this.inserts.push(c); }
  current<T>(table: TableName, l: Located<T>): T {
    return (this.rows.get(`${table}:${l.rowNumber}`)?.after as T | undefined) ?? l.row;
  }
  commit(env: JobEnv): string | undefined {
    const list: Change[] = [...[...this.rows.values()].map((r) => update(r.table as 'Questions', r.rowNumber, r.before as Question, r.after as Question)), ...this.inserts];
    if (list.length === 0) return undefined;
    const res = env.commit(list);
    if (res.ok) return undefined;
    env.ports.log.error(`${env.req.action}: could not record ${list.length} changes`, res);
    return res.reason;
  }
  questions(): Located<Question>[] {
    return [...this.rows.values()].filter((r) => r.table === 'Questions').map((r) => ({ row: r.after as Question, rowNumber: r.rowNumber }));
  }
}

/** Views counted in the cache since the last run, added to the Faq rows (then exactly those are taken off the counters). */
function flushViews(env: Env, snap: Snapshot, changes: Changes): { keys: string[]; total: number; counted: Record<string, number> } {
  const entries = snap.Faq?.rows ?? [];
  const counted: Record<string, number> = {};
  if (entries.length === 0) return { keys: [], total: 0, counted };
  const loaded = env.rm.load(entries.map((e) => ({ view: viewsKey(e.row.faqId) })));
  const keys: string[] = [];
  let total = 0;
  for (const e of entries) {
    const n = loaded.get<number>(viewsKey(e.row.faqId)) ?? 0;
    if (n <= 0) continue;
    changes.set('Faq', e, { ...e.row, views: (e.row.views ?? 0) + n } satisfies FaqEntry);
    keys.push(viewsKey(e.row.faqId));
    counted[viewsKey(e.row.faqId)] = n;
    total += n;
  }
  return { keys, total, counted };
}

function sendNudge(env: Env, delivery: Delivery, l: Located<Question>, level: number, hours: number): boolean {
  const q = l.row;
  const ctx = ctxOf(env, 'nb');
  const view = guideView(q);
  const id = q.questionId;
  const round = roundOf(q);
  if (level === NUDGE_LEVELS.guides) {
    const chain = unitChain(env, q.unitId);
    const unitGuides = env.views.dir.guides.filter((g) => g.active && chain.some((u) => (g.unitIds ?? []).includes(u))).map((g) => g.email);
    const targets = q.guideEmail ? [q.guideEmail] : unitGuides.slice(0, 3);
    if (targets.length > 0) {
      const sent = targets.map((to) => delivery.send(to, () => guideNotice('nudge', view, refOf(l), ctx, { hours }), () => guideNoticeMail('nudge', view, ctx, { hours }),
        `nudge-${id}-${round}-1-${to.replace(/[^a-z0-9]/gi, '')}`));
      return sent.some(Boolean);
    }
    // Nobody in particular to ask: straight to everyone (level 2's message; the level still moves one step).
  }
  if (level <= NUDGE_LEVELS.all) {
    const space = guideSpace(env);
    if (!space) return false;
    return delivery.chat.create(space, threadNudge(hours, threadModel(env, l), ctx), { threadKey: id, requestId: `nudge-${id}-${round}-${level}` }).ok;
  }
  const coordinator = env.setting('coordinatorEmail', '').trim().toLowerCase() || env.views.dir.adminEmails[0];
  if (!coordinator) return false;
  return !!delivery.send(coordinator, () => guideNotice('nudge', view, refOf(l), ctx, { hours }), () => guideNoticeMail('nudge', view, ctx, { hours }), `nudge-${id}-${round}-3`);
}

function runNudges(env: JobEnv): ForumJobSummary {
  const summary: ForumJobSummary = { posted: 0, nudged: 0, deferred: 0, viewsFlushed: 0, sent: 0 };
  const snap = env.read(['Questions', 'Faq']);
  const delivery = new Delivery(env);
  const changes = new Changes();
  const space = guideSpace(env);
  const cal = calendar(env);
  const after = numSetting(env, 'nudgeAfterWorkingHours', 4);
  const started = env.ports.clock.now().getTime();
  const budgetMs = numSetting(env, 'forumJobBudgetSeconds', 240) * 1000;
  // Nudges go out in working hours only: a question that became due on Friday evening is nudged on Monday morning, never
  // by a mail on Saturday (late threads are still posted: that is the question itself, not a reminder).
  const nudgeNow = isWorkingTime(env.now, cal);
  for (const l0 of snap.Questions?.rows ?? []) {
    if (env.ports.clock.now().getTime() - started > budgetMs) { summary.skipped = 'time'; break; }
    let l = l0;
    if (space && l.row.status !== 'resolved' && !l.row.messageName) {
      const res = delivery.chat.create(space, threadMessageOf(env, l), { threadKey: l.row.questionId, requestId: `q-${l.row.questionId}` });
      if (res.ok) {
        const next = { ...l.row, threadName: res.threadName ?? l.row.threadName, messageName: res.name };
        changes.set('Questions', l0, next);
        l = { row: next, rowNumber: l.rowNumber };
        summary.posted++;
      } else summary.deferred++;
    }
    const level = nudgeNow ? nudgeDue(l.row, env.now, cal, after) : undefined;
    if (level === undefined) continue;
    if (!sendNudge(env, delivery, l, level, waitedHours(l.row, env.now, cal))) { summary.deferred++; continue; }
    changes.set('Questions', l0, { ...changes.current('Questions', l0), nudgeLevel: level });
    summary.nudged++;
  }
  const views = flushViews(env, snap, changes);
  summary.viewsFlushed = views.total;
  summary.failed = changes.commit(env);
  if (!summary.failed) {
    if (views.keys.length) subtractViews(env.ports, views.counted);
    let fo = forumView(env);
    if (fo) {
      for (const l of changes.questions()) fo = patchForumView(fo, l);
      env.rm.stage(FORUM_VIEW_KEY, fo);
    }
  }
  return summary;
}

/** ISO week of a date, e.g. 2026-W48. */
export function isoWeek(iso: string): string {
  const thursday = addDays(iso, 4 - weekday(iso));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function settingRow(snap: Snapshot, key: string): Located<Setting> | undefined {
  return snap.Settings?.rows.find((r) => r.row.key === key);
}

/** Records "done for this week" in Settings (the run's only write besides Notifications rows). */
function markWeek(changes: Changes, snap: Snapshot, key: string, week: string): void {
  const row = settingRow(snap, key);
  const after: Setting = { key, value: week };
  if (row) changes.set('Settings', row, after);
  else changes.add(insert('Settings', after));
}

function runDigest(env: JobEnv): ForumJobSummary {
  const summary: ForumJobSummary = { posted: 0, nudged: 0, deferred: 0, viewsFlushed: 0, sent: 0 };
  const week = isoWeek(env.today);
  const snap = env.read(['Questions', 'Faq', 'Settings']);
  if (settingRow(snap, 'forumDigestWeek')?.row.value === week) return { ...summary, skipped: 'done' };
  const space = guideSpace(env);
  if (!space) return { ...summary, skipped: 'noSpace' };
  const cal = calendar(env);
  const qs = snap.Questions?.rows ?? [];
  const since = new Date(Date.parse(env.now) - 7 * 86_400_000).toISOString();
  const open = qs.filter((l) => isUnclaimed(l.row) || l.row.status === 'claimed').sort((a, b) => (a.row.askedAt < b.row.askedAt ? -1 : 1));
  const answered = qs.filter((l) => l.row.answeredAt && l.row.answeredAt >= since);
  const message = digestMessage({
    openCount: open.length,
    oldest: open.filter((l) => isUnclaimed(l.row)).slice(0, 8).map((l) => ({
      questionId: l.row.questionId, rowNumber: l.rowNumber, text: l.row.text, topic: l.row.topic, hours: waitedHours(l.row, env.now, cal),
      routedTo: l.row.guideEmail ? nameOf(env, l.row.guideEmail) : undefined,
    })),
    newFaq: (snap.Faq?.rows ?? []).filter((f) => (f.row.publishedAt ?? '') >= addDays(env.today, -7)).map((f) => f.row),
    topTopics: topTopics(qs.map((l) => l.row), since),
    answeredThisWeek: answered.length,
    medianHours: median(answered.map((l) => workingMinutesBetween(l.row.askedAt, l.row.answeredAt!, cal) / 60)),
  }, ctxOf(env, 'nb'));
  const res = new Delivery(env).chat.create(space, message, { requestId: `digest-${week}` });
  if (!res.ok) return { ...summary, deferred: 1 };
  summary.sent = 1;
  const changes = new Changes();
  markWeek(changes, snap, 'forumDigestWeek', week);
  summary.failed = changes.commit(env);
  return summary;
}

/** Weekly: each owner is reminded of their entries due for review within a week (or overdue), until they confirm. */
function runFaqReview(env: JobEnv): ForumJobSummary {
  const summary: ForumJobSummary = { posted: 0, nudged: 0, deferred: 0, viewsFlushed: 0, sent: 0 };
  const week = isoWeek(env.today);
  const snap = env.read(['Faq', 'Settings']);
  const changes = new Changes();
  const views = flushViews(env, snap, changes);
  summary.viewsFlushed = views.total;
  if (settingRow(snap, 'faqReviewWeek')?.row.value !== week) {
    const horizon = addDays(env.today, numSetting(env, 'faqReviewNoticeDays', 7));
    const due = (snap.Faq?.rows ?? []).map((l) => l.row).filter((f) => f.reviewBy && f.reviewBy <= horizon);
    const activeGuides = new Set(env.views.dir.guides.filter((g) => g.active).map((g) => g.email));
    const fallback = env.setting('coordinatorEmail', '').trim().toLowerCase() || env.views.dir.adminEmails[0] || '';
    const byOwner = new Map<string, FaqEntry[]>();
    for (const f of due) {
      const owner = f.ownerEmail && activeGuides.has(f.ownerEmail) ? f.ownerEmail : fallback;
      if (!owner) continue;
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), f]);
    }
    const delivery = new Delivery(env);
    const ctx = ctxOf(env, 'nb');
    const at = env.now;
    for (const [owner, entries] of byOwner) {
      const channel = delivery.send(owner, () => reviewMessage(entries, ctx), () => reviewMail(entries, ctx), `review-${week}-${owner.replace(/[^a-z0-9]/gi, '')}`);
      if (!channel) { summary.deferred++; continue; }
      summary.sent++;
      for (const f of entries) {
        changes.add(insert('Notifications', { notificationId: env.newId('ntf'), kind: 'reminder', recipientEmail: owner, subjectKey: `faq-review:${f.faqId}:${f.reviewBy}`, channel, sentAt: at } satisfies Notification));
      }
    }
    if (summary.deferred === 0) markWeek(changes, snap, 'faqReviewWeek', week);
  } else summary.skipped = 'done';
  summary.failed = changes.commit(env);
  if (!summary.failed && views.keys.length) subtractViews(env.ports, views.counted);
  return summary;
}

export const forumJobHandlers: Handlers = {
  // Jobs: each takes the script lock only for its one write, so people's changes are not held up meanwhile.
  [ACTIONS.jobNudges]: jobHandler(runNudges, { needs: () => [forumNeed] }),
  [ACTIONS.jobDigest]: jobHandler(runDigest, { needs: () => [forumNeed] }),
  [ACTIONS.jobFaqReview]: jobHandler(runFaqReview),
};

export { runNudges, runDigest, runFaqReview };
