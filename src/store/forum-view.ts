// The guide forum's view in the read model: live questions (where their rows are, no text), guides' names, guide loads
// and statistics. Built by the rebuild, patched by every forum change; never holds who asked an anonymous question.
import { forumStats, type ForumStats } from '../core/forum';
import type { Question } from '../core/records/tables';
import { calendarFrom } from '../core/working-hours';
import type { Snapshot } from './records';
import type { Located } from './table-parse';

export const FORUM_VIEW_KEY = 'fo';

/** A question the forum still works with (not resolved, or touched in the last 14 days). */
export interface ForumItem {
  questionId: string;
  rowNumber: number;
  status: Question['status'];
  anonymous: boolean;
  guideEmail?: string;
  unitId?: string;
  topic?: string;
  askedAt: string;
  claimedAt?: string;
  answeredAt?: string;
  resolvedAt?: string;
  waitingSince?: string;
  nudgeLevel?: number;
  threadName?: string;
  messageName?: string;
  faqId?: string;
  /** Only for questions that are not anonymous. */
  askerName?: string;
}

export interface ForumView {
  builtAt: string;
  items: ForumItem[];
  /** Display names of guides (and coordinator/admins) by e-mail. */
  names: Record<string, string>;
  stats: ForumStats;
  /** Topics asked about in the last 30 days, most asked first. */
  topTopics: { topic: string; count: number }[];
}

const KEEP_DAYS = 14;

function isLive(q: Question, since: string): boolean {
  return q.status !== 'resolved' || (q.resolvedAt ?? '') >= since || (q.claimedAt ?? q.askedAt) >= since;
}

export function forumItemOf(l: Located<Question>, askerName?: string): ForumItem {
  const q = l.row;
  return {
    questionId: q.questionId, rowNumber: l.rowNumber, status: q.status, anonymous: q.anonymous, guideEmail: q.guideEmail, unitId: q.unitId,
    topic: q.topic, askedAt: q.askedAt, claimedAt: q.claimedAt, answeredAt: q.answeredAt, resolvedAt: q.resolvedAt,
    waitingSince: q.waitingSince, nudgeLevel: q.nudgeLevel, threadName: q.threadName, messageName: q.messageName, faqId: q.faqId,
    ...(q.anonymous || !askerName ? {} : { askerName }),
  };
}

export function topTopics(questions: readonly Pick<Question, 'topic' | 'askedAt'>[], since: string, limit = 5): { topic: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const q of questions) if (q.topic && q.askedAt >= since) counts.set(q.topic, (counts.get(q.topic) ?? 0) + 1);
  return [...counts].map(([topic, count]) => ({ topic, count })).sort((a, b) => b.count - a.count || (a.topic < b.topic ? -1 : 1)).slice(0, limit);
}

export function forumViewOf(snap: Snapshot, now: string, timeZone = 'Europe/Oslo'): ForumView {
  const questions = snap.Questions?.rows ?? [];
  const names = new Map((snap.Employees?.rows ?? []).map((e) => [e.row.email, e.row.name]));
  const settings: Record<string, string> = {};
  for (const { row } of snap.Settings?.rows ?? []) if (row.value !== undefined) settings[row.key] = row.value;
  const since = new Date(Date.parse(now) - KEEP_DAYS * 86_400_000).toISOString();
  const month = new Date(Date.parse(now) - 30 * 86_400_000).toISOString();
  const guideNames: Record<string, string> = {};
  const people = [
    ...(snap.Guides?.rows ?? []).map((g) => g.row.email),
    ...(settings.coordinatorEmail ? [settings.coordinatorEmail.trim().toLowerCase()] : []),
  ];
  for (const email of people) {
    const name = names.get(email);
    if (name) guideNames[email] = name;
  }
  return {
    builtAt: now,
    items: questions.filter((l) => isLive(l.row, since)).map((l) => forumItemOf(l, names.get(l.row.askerEmail))),
    names: guideNames,
    stats: forumStats(questions.map((l) => l.row), calendarFrom(settings, settings.timeZone || timeZone)),
    topTopics: topTopics(questions.map((l) => l.row), month),
  };
}

/** The view with one question's item replaced or added (after a change under the lock). */
export function patchForumView(view: ForumView, l: Located<Question>, askerName?: string): ForumView {
  const prev = view.items.find((i) => i.questionId === l.row.questionId);
  const item = forumItemOf(l, askerName ?? prev?.askerName);
  const items = prev ? view.items.map((i) => (i === prev ? item : i)) : [...view.items, item];
  return { ...view, items };
}
