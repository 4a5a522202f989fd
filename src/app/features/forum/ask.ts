// Asking: the dialog, FAQ answers shown privately first ("this solved it" ends there and counts), and posting the question
// as a thread in the guides' space (threadKey = question id, requestId so a retry never posts twice), routed to a guide.
import { can } from '../../../core/access';
import { FaqIndex, MATCH_COVERAGE, type Hit } from '../../../core/faq-search';
import { guideView, route } from '../../../core/forum';
import type { FaqEntry, Question } from '../../../core/records/tables';
import { chatMessageId } from '../../../core/outbox';
import { checkLength, LIMITS, limitText } from '../../../core/text-limits';
import type { Need } from '../../../store/read-model';
import { insert } from '../../../store/records';
import type { Located } from '../../../store/table-parse';
import { ACTIONS } from '../../../contract/actions';
import type { Card } from '../../../contract/card-types';
import { cardMessage } from '../../../ui/envelopes';
import { askDialog, askPromptCard, askTooLongCard, matchesCard, sentCard, type AskDraft, type MatchLine } from '../../../ui/cards/forum-ask';
import { guideNotice, guideNoticeMail } from '../../../ui/cards/forum-relay';
import { chatEffect, tryChatNow } from '../../common/effects';
import { failReply, type ChangeEnv, type Env, type Handlers } from '../../pipeline/handler';
import { formString, formStrings, str, type Reply } from '../../../contract/request';
import {
  ctxOf, refOf, defaultCapacity, forumNeed, forumView, guideSpace, ID, loadsOf, outboxOf, stageQuestion, threadMessageOf, unitChain,
} from './shared';

/** Topics people can choose: what guides cover and what the FAQ has, lower case, sorted. */
export function knownTopics(env: Env, faq: readonly FaqEntry[] = []): string[] {
  const all = new Set<string>();
  for (const g of env.views.dir.guides) for (const t of g.topics ?? []) all.add(t.trim().toLowerCase());
  for (const f of faq) if (f.topic) all.add(f.topic.trim().toLowerCase());
  all.delete('');
  return [...all].sort((a, b) => a.localeCompare(b, 'nb'));
}

function faqEntries(env: Env): Located<FaqEntry>[] {
  return env.views.faq().entries;
}

export function searchFaq(env: Env, query: string, limit = 3, minCoverage = 0): { entry: FaqEntry; hit: Hit }[] {
  const entries = faqEntries(env).map((l) => l.row);
  const index = new FaqIndex(entries.map((e) => ({ id: e.faqId, question: e.question, answer: e.answer, topic: e.topic })));
  const byId = new Map(entries.map((e) => [e.faqId, e]));
  return index.search(query, { limit, minCoverage }).map((hit) => ({ entry: byId.get(hit.id)!, hit }));
}

/** The topic: chosen, else a known topic named in the text, else the topic of a close FAQ match. */
function inferTopic(text: string, chosen: string | undefined, topics: string[], matches: { entry: FaqEntry; hit: Hit }[]): string | undefined {
  if (chosen && topics.includes(chosen)) return chosen;
  const lower = text.toLowerCase();
  const named = topics.find((t) => new RegExp(`(^|[^\\p{L}])${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u').test(lower));
  if (named) return named;
  return matches[0] && matches[0].hit.coverage >= 0.3 ? matches[0].entry.topic?.toLowerCase() : undefined;
}

/** A card where the person is: a private message in a space, a message in a DM, a new card in the add-on hosts. */
export function showCard(env: Env, card: Card, opts: { replace?: boolean } = {}): Reply {
  const c = env.req.chat;
  if (env.req.host === 'chat' && c?.isDialog) return { kind: 'close', message: cardMessage(card) };
  if (env.req.host === 'chat' && c && c.spaceType !== 'DM' && c.userName && !(opts.replace && c.event === 'click')) {
    // A text line too: it is what the notification shows (and the envelope always sends `text`).
    return { kind: 'message', message: { ...cardMessage(card, card.header?.title ?? ' '), privateMessageViewer: { name: c.userName } } };
  }
  return { kind: 'card', card, nav: opts.replace && env.req.params.action ? 'update' : undefined };
}

function matchesOf(env: Env, text: string): MatchLine[] {
  return searchFaq(env, text, 3, MATCH_COVERAGE).map(({ entry }) => ({ faqId: entry.faqId, question: entry.question, answer: entry.answer, topic: entry.topic }));
}

/** Free text that reads like a question (and "/spør …"): the FAQ's best answers, privately, before anything is posted. */
export function questionFlow(env: Env, raw: string): Reply {
  const { text, ok, length } = checkLength(raw, LIMITS.question);
  if (!text) return { kind: 'card', card: askPromptCard(ctxOf(env)) };
  if (!ok) return showCard(env, askTooLongCard(text, env.t('limit.tooLong', { length, max: LIMITS.question }), ctxOf(env)));
  const draft: AskDraft = { text, anonymous: false };
  return showCard(env, matchesCard(env.newId('q'), draft, matchesOf(env, text), ctxOf(env)));
}

function askOpen(env: Env): Reply {
  // The whole text (the dialog is where an over-long question is shortened); no more than Chat could have carried.
  const query = limitText(str(env.req, 'query'), 4 * LIMITS.question).text;
  const c = env.req.chat;
  if (env.req.host === 'chat' && !c?.isDialog) return query ? questionFlow(env, query) : { kind: 'card', card: askPromptCard(ctxOf(env)) };
  const topics = knownTopics(env, faqEntries(env).map((l) => l.row));
  const topic = str(env.req, 'topic');
  return { kind: 'dialog', card: askDialog({ text: query, topic: topics.includes(topic) ? topic : undefined }, topics, ctxOf(env)) };
}

/** The dialog's "send": FAQ answers first when there are good ones, else straight to a guide. */
function askSubmit(env: ChangeEnv): Reply {
  if (!can(env.actor, { do: 'askQuestion' }) || !env.actor.email) return failReply(env, { kind: 'notAllowed' });
  const { text, ok, length } = checkLength(formString(env.req, 'text'), LIMITS.question);
  if (!text) return failReply(env, { text: env.t('ask.empty') });
  const draft: AskDraft = { text, topic: formString(env.req, 'topic').trim().toLowerCase() || undefined, anonymous: formStrings(env.req, 'anonymous').includes('yes') };
  if (!ok) {
    // Refused, not cut: the dialog again with everything typed, and how far over it is.
    const topics = knownTopics(env, faqEntries(env).map((l) => l.row));
    return { kind: 'dialog', card: askDialog(draft, topics, ctxOf(env), env.t('limit.tooLong', { length, max: LIMITS.question })) };
  }
  const matches = matchesOf(env, text);
  if (matches.length) return showCard(env, matchesCard(env.newId('q'), draft, matches, ctxOf(env)));
  return post(env, env.newId('q'), draft);
}

const postedKey = (id: string) => `qp:${id}`;

/** Posts the question: routed, thread card in the guides' space, one write with the thread's name; the asker gets a receipt. */
function post(env: ChangeEnv, id: string, draft: AskDraft, fromButton = false): Reply {
  const asker = env.actor.email;
  if (!can(env.actor, { do: 'askQuestion' }) || !asker) return failReply(env, { kind: 'notAllowed' });
  // A second click on the same "send" (or Chat retrying the event): the marker in the cache, the forum view or the asker's view.
  const item = forumView(env)?.items.find((i) => i.questionId === id) ?? env.me?.questions.find((q) => q.row.questionId === id)?.row;
  const known = !!item || (fromButton && env.views.view<number>(postedKey(id)) !== undefined);
  if (known) {
    // Sent before (the same click again, or its retry): the same receipt — who has it and why, as the first answer said.
    const guideEmail = item?.guideEmail;
    const guide = guideEmail ? env.views.dir.guides.find((g) => g.email === guideEmail) : undefined;
    const chain = unitChain(env, env.me?.employee.row.unitId);
    const via = !guide ? 'none' as const : chain.some((u) => (guide.unitIds ?? []).includes(u)) ? 'unit' as const
      : item?.topic && (guide.topics ?? []).some((x) => x.toLowerCase() === item.topic!.toLowerCase()) ? 'topic' as const : 'leastLoaded' as const;
    const guideName = guideEmail ? forumView(env)?.names[guideEmail] ?? guideEmail : undefined;
    return showCard(env, sentCard({ guideName, via, topic: item?.topic, anonymous: draft.anonymous, queued: false, text: draft.text }, ctxOf(env)), { replace: true });
  }

  const topics = knownTopics(env, faqEntries(env).map((l) => l.row));
  const topic = inferTopic(draft.text, draft.topic, topics, searchFaq(env, draft.text, 1));
  const unitId = env.me?.employee.row.unitId;
  const routed = route({ askerEmail: asker, unitChain: unitChain(env, unitId), topic, guides: env.views.dir.guides, loads: loadsOf(env), defaultCapacity: defaultCapacity(env) });
  const row: Question = {
    questionId: id, askerEmail: asker, anonymous: draft.anonymous, unitId, topic, text: draft.text, status: 'open',
    guideEmail: routed.guideEmail, askedAt: env.now, nudgeLevel: 0, waitingSince: env.now,
  };
  // Under the lock: where the row will go (header + last row), so the thread card can carry it; commit reuses this read.
  const snap = env.read(['Questions', 'Audit', 'Outbox'], { Questions: [], Audit: [], Outbox: [] });
  const rowNumber = (snap.Questions?.lastRow ?? 1) + 1;
  const space = guideSpace(env);
  if (!space) env.ports.log.error('guideForumSpace is not set: questions wait for the nudge job');
  // The thread and the guide's notice are Outbox rows in the question's own write: posted as the app only once the
  // question is committed, never twice (requestId), and the thread's name is known before it exists (messageId).
  const messageId = chatMessageId('q', id);
  if (space) row.messageName = `${space}/messages/${messageId}`;
  const l0 = { row, rowNumber };
  const thread = space ? chatEffect(env, { space, message: threadMessageOf(env, l0), threadKey: id, requestId: `q-${id}`, messageId }, `thread:${id}`) : undefined;
  const ctx = ctxOf(env, 'nb');
  const notice = routed.guideEmail
    ? chatEffect(env, { message: guideNotice('routed', guideView(row), refOf(l0), ctx), requestId: `routed-${id}`, mail: guideNoticeMail('routed', guideView(row), ctx) }, `routed:${id}`, routed.guideEmail)
    : undefined;
  const res = env.commit([insert('Questions', row), ...(thread ? [thread] : []), ...(notice ? [notice] : [])], 'askQuestion', snap);
  if (!res.ok) return failReply(env, { kind: 'commit', failure: res });
  const l = { row, rowNumber: res.inserted[0]?.rowNumber ?? rowNumber };
  stageQuestion(env, l, env.me?.employee.row.name);
  env.rm.stage(postedKey(id), 1);
  const outbox = outboxOf(env);
  for (const effect of [thread, notice]) if (effect) tryChatNow(env, effect, outbox);
  const guideName = routed.guideEmail ? forumView(env)?.names[routed.guideEmail] ?? routed.guideEmail : undefined;
  return showCard(env, sentCard({ guideName, via: routed.via, topic, anonymous: draft.anonymous, queued: !space, text: draft.text }, ctxOf(env)), { replace: true });
}

function postFromButton(env: ChangeEnv): Reply {
  const id = str(env.req, 'qid');
  const { text } = limitText(str(env.req, 'text'), LIMITS.question);
  if (!ID.test(id) || !text) return failReply(env, { kind: 'invalid', detail: env.t('ask.empty') });
  const topic = str(env.req, 'topic').trim().toLowerCase() || undefined;
  return post(env, id, { text, topic, anonymous: env.req.params.anon === '1' }, true);
}

const askNeeds = (): Need[] => [{ shard: 'faq' }, forumNeed];

export const askHandlers: Handlers = {
  [ACTIONS.askOpen]: { kind: 'read', needs: askNeeds, run: askOpen },
  [ACTIONS.askSubmit]: { kind: 'change', needs: askNeeds, run: askSubmit },
  [ACTIONS.askPost]: {
    kind: 'change',
    needs: (req) => [...askNeeds(), ...(ID.test(req.params.qid ?? '') ? [{ view: postedKey(req.params.qid!) }] : [])],
    run: postFromButton,
  },
};
