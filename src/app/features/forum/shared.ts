// What the forum handlers share: the forum view, where a question's row was seen last, who acts, a delivery as an effect of
// a change, keeping the thread card in the guides' space current, and patching the read model.
import { guideLoads, guideView, isAvailable, type ForumActor, type Refusal } from '../../../core/forum';
import { translator, type Locale } from '../../../core/i18n';
import type { Question, TableName } from '../../../core/records/tables';
import { calendarFrom, type WorkCalendar } from '../../../core/working-hours';
import { FORUM_VIEW_KEY, patchForumView, type ForumView } from '../../../store/forum-view';
import type { Need } from '../../../store/read-model';
import { readQuestion as readQuestionRow, type LoadedQuestion } from '../../../store/question-read';
import type { Change } from '../../../store/records';
import type { Located } from '../../../store/table-parse';
import type { ChatMessage } from '../../../contract/card-types';
import type { CardContext } from '../../../ui/cards/forum-common';
import { threadMessage, type ThreadModel } from '../../../ui/cards/forum-thread';
import { chatOutbox, type ChatOutbox, type OutboxResult } from '../../common/chat-outbox';
import { chatEffect, tryChatNow } from '../../common/effects';
import { failReply, type Env } from '../../pipeline/handler';
import type { Reply, Request } from '../../../contract/request';
import { RECORD_ID as ID } from '../../../core/ids';

export { RECORD_ID as ID } from '../../../core/ids';

/** The question id of a button (`q`), checked. */
export function qid(req: Request): string {
  const id = req.params.q ?? '';
  return ID.test(id) ? id : '';
}

export const forumNeed: Need = { view: FORUM_VIEW_KEY };

export function forumView(env: Env): ForumView | undefined {
  return env.views.view<ForumView>(FORUM_VIEW_KEY);
}

export function ctxOf(env: Env, locale: Locale = env.locale): CardContext {
  return { t: locale === env.locale ? env.t : translator(locale), locale, timeZone: env.ports.clock.timeZone };
}

export function calendar(env: Env): WorkCalendar {
  return calendarFrom(env.views.dir.settings, env.ports.clock.timeZone);
}

export function numSetting(env: Env, key: string, fallback: number): number {
  const n = Number(env.setting(key, ''));
  return env.setting(key, '') !== '' && Number.isFinite(n) ? n : fallback;
}

export const defaultCapacity = (env: Env) => numSetting(env, 'guideCapacityPerWeek', 5);
export const guideSpace = (env: Env) => env.setting('guideForumSpace', '').trim();
/** Where announcements to the guides go: their announcements space (Settings announcementsSpace), else the forum space. */
export const announcementSpace = (env: Env) => env.setting('announcementsSpace', '').trim() || guideSpace(env);

export function forumActor(env: Env): ForumActor {
  return { email: env.actor.email, isGuide: !!env.actor.guide, isAdmin: env.actor.isAdmin };
}

/** Display name of a guide or coordinator (the forum view knows them), else the e-mail. */
export function nameOf(env: Env, email: string | undefined): string {
  if (!email) return '';
  if (env.me && env.me.employee.row.email === email) return env.me.employee.row.name;
  return forumView(env)?.names[email] ?? env.views.dir.names?.[email] ?? email;
}

export function unitName(env: Env, unitId: string | undefined): string | undefined {
  return unitId ? env.views.dir.units.find((u) => u.unitId === unitId)?.name : undefined;
}

/** The unit and its parents, nearest first (routing walks up). */
export function unitChain(env: Env, unitId: string | undefined): string[] {
  const out: string[] = [];
  const byId = new Map(env.views.dir.units.map((u) => [u.unitId, u]));
  for (let id = unitId; id && !out.includes(id) && out.length < 12; id = byId.get(id)?.parentUnitId) out.push(id);
  return out;
}

/** Where a question's row is: the forum view, the asker's own view, or the button's hint. */
function rowHint(env: Env, id: string): number | undefined {
  const fromView = forumView(env)?.items.find((i) => i.questionId === id)?.rowNumber;
  if (fromView) return fromView;
  const mine = env.me?.questions.find((q) => q.row.questionId === id)?.rowNumber;
  if (mine) return mine;
  const n = Number(env.req.params.row);
  return Number.isInteger(n) && n >= 2 ? n : undefined;
}

/** What a question's buttons carry: its id and where its row is. */
export function refOf(l: Located<Question>): { questionId: string; rowNumber: number } {
  return { questionId: l.row.questionId, rowNumber: l.rowNumber };
}

/**
 * Reads one question under the lock (src/store/question-read.ts): its row where the forum view, the asker's view or the
 * button saw it last, plus the headers of the tables the change touches.
 */
export function readQuestion(env: Env, id: string, extra: TableName[] = []): LoadedQuestion | undefined {
  return readQuestionRow(env.read, id, id ? rowHint(env, id) : undefined, extra,
    (row) => env.ports.log.info(`Question ${id} was not at row ${row}; reading the Questions tab`));
}

export function refusal(env: Env, reason: Refusal, holder?: string): Reply {
  switch (reason) {
    case 'notAllowed': return failReply(env, { kind: 'notAllowed' });
    case 'claimedByOther': return failReply(env, { text: env.t('claim.other', { guide: nameOf(env, holder) }) });
    case 'wrongState': return failReply(env, { text: env.t('forum.wrongState') });
    case 'notPassable': return failReply(env, { text: env.t('forum.notPassable') });
  }
}

/** After a change: the forum view and (when the asker acts) their own view, patched; flushed once by the pipeline. */
export function stageQuestion(env: Env, l: Located<Question>, askerName?: string): void {
  const view = forumView(env);
  if (view) env.rm.stage(FORUM_VIEW_KEY, patchForumView(view, l, askerName));
  const me = env.me;
  if (me && me.employee.row.email === l.row.askerEmail) {
    const has = me.questions.some((x) => x.row.questionId === l.row.questionId);
    const questions = has ? me.questions.map((x) => (x.row.questionId === l.row.questionId ? l : x)) : [...me.questions, l];
    env.rm.stagePerson({ ...me, questions });
  }
}

/**
 * The question's current round for Chat requestIds: the time it started waiting (asked, handed over, escalated,
 * reopened). The same within a round, so a retried run posts nothing twice; new after a reopen or hand-over, when the
 * nudge ladder and the relay start over and must reach people again (Chat returns the old message for a reused id).
 */
export function roundOf(q: Pick<Question, 'waitingSince' | 'askedAt'>): string {
  const ms = Date.parse(q.waitingSince ?? q.askedAt);
  return Number.isFinite(ms) ? ms.toString(36) : '0';
}

/** A request's Chat outbox: it may wait up to 3 s in all for a space's slot (a card answers within 30 s). */
export function outboxOf(env: Pick<Env, 'ports'>, maxWaitMs = 3000): ChatOutbox {
  return chatOutbox(env.ports, maxWaitMs);
}

export function threadModel(env: Env, l: Located<Question>): ThreadModel {
  const q = l.row;
  const item = forumView(env)?.items.find((i) => i.questionId === q.questionId);
  const askerName = q.anonymous ? undefined
    : item?.askerName ?? (env.me?.employee.row.email === q.askerEmail ? env.me.employee.row.name : undefined);
  return {
    q: guideView(q, askerName), rowNumber: l.rowNumber, unitName: q.anonymous ? undefined : unitName(env, q.unitId), nameOf: (e) => nameOf(env, e),
  };
}

export function isEscalated(q: Pick<Question, 'status' | 'guideEmail' | 'nudgeLevel'>): boolean {
  return q.status === 'open' && !q.guideEmail && (q.nudgeLevel ?? 0) >= 3;
}

/** The thread card as it should look now (text in the guides' space is in the municipality's default language). */
export function threadMessageOf(env: Env, l: Located<Question>): ChatMessage {
  const locale = (env.setting('guideForumLocale', 'nb') as Locale);
  return threadMessage(threadModel(env, l), ctxOf(env, ['nb', 'en', 'sv'].includes(locale) ? locale : 'nb'), isEscalated(l.row));
}

/**
 * Brings the thread card up to date for everyone. When the click came from the card itself, the handler's own reply
 * updates it (no extra write); otherwise it is patched through the Chat API.
 */
export function syncThread(env: Env, l: Located<Question>, outbox: ChatOutbox): 'inline' | 'later' | OutboxResult | undefined {
  const name = l.row.messageName;
  if (!name) return undefined;
  const c = env.req.chat;
  if (c && c.event === 'click' && !c.isDialog && c.messageName === name) return 'inline';
  const message = threadMessageOf(env, l);
  // In a request the card is brought up to date once the lock is given up (an update shows the state as committed, so a
  // late or repeated one is harmless); a job, which holds no lock while it posts, updates at once.
  if (env.req.host !== 'job' && env.defer) {
    env.defer(() => { outbox.update(name, message); });
    return 'later';
  }
  return outbox.update(name, message);
}

/**
 * A message to a person as an effect of the change it is committed with (a request): their DM with the app, else the
 * mail, both as the app and both after the commit (effects.ts). The request tries the DM once the lock is given up.
 */
export function deliveryEffect(env: Env, to: string, chat: ChatMessage, mail: { subject: string; text: string }, requestId: string): Change {
  return chatEffect(env, { message: chat, requestId, mail }, requestId, to);
}

/** After the commit: the request's one attempt at each delivery (see tryChatNow). */
export function tryNow(env: Env, effects: Change[], outbox: ChatOutbox): void {
  for (const e of effects) tryChatNow(env, e, outbox);
}

/** The locale a person reads in (their Employees row), for messages sent to them rather than to the actor. */
export function localeOfEmail(env: Env, email: string): Locale {
  if (env.me && env.me.employee.row.email === email) return env.me.employee.row.locale ?? 'nb';
  return 'nb';
}

/** Available guides other than `except`, least loaded first, with load and capacity (hand-over choices). */
export function availableGuides(env: Env, except: string[]): { email: string; load: number; capacity: number }[] {
  const loads = loadsOf(env);
  const cap = defaultCapacity(env);
  return env.views.dir.guides
    .filter((g) => !except.includes(g.email) && isAvailable(g, loads, cap))
    .map((g) => ({ email: g.email, load: loads.get(g.email) ?? 0, capacity: g.capacityPerWeek ?? cap }))
    .sort((a, b) => a.load - b.load || (a.email < b.email ? -1 : 1));
}

/** Questions claimed or assigned per guide in the last 7 days (from the forum view; empty when it is missing). */
export function loadsOf(env: Env): Map<string, number> {
  return guideLoads(forumView(env)?.items ?? [], env.now);
}
