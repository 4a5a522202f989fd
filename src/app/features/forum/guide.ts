// Guides at work on a question: claim (the thread card changes for everyone), answer (relayed to the asker's DM with
// Solved / Not yet), ask the asker, hand over, escalate, and publish a resolved question to the FAQ.
import { can } from '../../../core/access';
import { addMonths } from '../../../core/dates';
import { guideView, transition, type ForumEvent } from '../../../core/forum';
import type { FaqEntry, Question } from '../../../core/records/tables';
import { checkLength, LIMITS, limitText } from '../../../core/text-limits';
import { insert, update, type Change } from '../../../store/records';
import type { Located } from '../../../store/table-parse';
import type { LoadedQuestion } from '../../../store/question-read';
import { ACTIONS } from '../../../contract/actions';
import { publishDialog } from '../../../ui/cards/forum-faq';
import {
  answerDialog, askAskerDialog, askAskerMail, askAskerMessage, guideNotice, guideNoticeMail, handOverDialog, relayMail, relayMessage,
} from '../../../ui/cards/forum-relay';
import { failReply, replyText, type ChangeEnv, type Env, type Handlers } from '../../pipeline/handler';
import { formString, str, type Reply } from '../../../contract/request';
import {
  availableGuides, ctxOf, refOf, deliveryEffect, forumActor, forumNeed, localeOfEmail, nameOf, numSetting, outboxOf, qid, readQuestion, refusal, roundOf,
  stageQuestion, syncThread, threadMessageOf, tryNow,
} from './shared';

/** A stable short hash, so the same text retried gives the same Chat requestId (Chat then returns the first message). */
export function textHash(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h.toString(36);
}

/** A reply to a guide: the thread card itself updated when they clicked on it, privately in a space, else plain text. */
export function guideReply(env: Env, text: string, l?: Located<Question>): Reply {
  const c = env.req.chat;
  if (c?.isDialog) return { kind: 'close', notify: text };
  if (l && c?.event === 'click' && c.messageName && c.messageName === l.row.messageName) {
    return { kind: 'message', message: threadMessageOf(env, l), update: true };
  }
  if (c && c.spaceType !== 'DM' && c.userName) return { kind: 'message', message: { text, privateMessageViewer: { name: c.userName } } };
  return replyText(env.req, text);
}

interface Applied { l: Located<Question>; before: Question; changed: boolean }

/** Reads the question under the lock, applies the event for this actor, commits (with `extra` changes) and patches views. */
function apply(env: ChangeEnv, loaded: LoadedQuestion, ev: ForumEvent, action: string, extra: (next: Question) => Change[] = () => []): Applied | Reply {
  const { q } = loaded;
  const tr = transition(q.row, ev, forumActor(env), env.now);
  if (!tr.ok) return refusal(env, tr.reason, tr.holder);
  if (!tr.changed) return { l: q, before: q.row, changed: false };
  const res = env.commit([update('Questions', q.rowNumber, q.row, tr.next), ...extra(tr.next)], action, loaded.snap);
  if (!res.ok) return failReply(env, { kind: 'commit', failure: res });
  const l = { row: tr.next, rowNumber: q.rowNumber };
  stageQuestion(env, l);
  return { l, before: q.row, changed: true };
}

const isReply = (x: Applied | Reply): x is Reply => 'kind' in x;

/** Guides' actions: access is checked before any row is read (guides and admins only); the row then decides the rest. */
function load(env: Env, extra: Parameters<typeof readQuestion>[2] = []): LoadedQuestion | Reply {
  if (!can(env.actor, { do: 'claimQuestion', question: { askerEmail: '' } })) return failReply(env, { kind: 'notAllowed' });
  const loaded = readQuestion(env, qid(env.req), extra);
  return loaded ?? failReply(env, { kind: 'notFound' });
}

function claim(env: ChangeEnv): Reply {
  const loaded = load(env);
  if ('kind' in loaded) return loaded;
  const dry = transition(loaded.q.row, { kind: 'claim' }, forumActor(env), env.now);
  const c = env.req.chat;
  const onCard = c?.event === 'click' && !!c.messageName && c.messageName === loaded.q.row.messageName;
  // A guide clicked a card that was out of date (someone claimed first): the card now shows the real state.
  if (!dry.ok && dry.reason !== 'notAllowed' && onCard) return guideReply(env, '', loaded.q);
  const done = apply(env, loaded, { kind: 'claim' }, 'claimQuestion');
  if (isReply(done)) return done;
  const text = env.t(done.changed ? 'claim.done' : 'claim.already');
  if (syncThread(env, done.l, outboxOf(env)) === 'inline') return guideReply(env, text, done.l);
  return guideReply(env, text);
}

/** Opening a dialog reads the one row (bounded) and checks, with a dry run of the lifecycle, that the guide may act. */
function openDialog(env: Env, ev: ForumEvent, build: (l: Located<Question>) => Reply): Reply {
  const loaded = load(env);
  if ('kind' in loaded) return loaded;
  const tr = transition(loaded.q.row, ev, forumActor(env), env.now);
  if (!tr.ok) return refusal(env, tr.reason, tr.holder);
  return build(loaded.q);
}

function answerOpen(env: Env): Reply {
  return openDialog(env, { kind: 'answer', text: 'x' }, (l) => ({ kind: 'dialog', card: answerDialog(guideView(l.row), refOf(l), ctxOf(env)) }));
}

function answerSubmit(env: ChangeEnv): Reply {
  // From the dialog's form, or from the confirm card of an answer typed in the thread (forum/thread-mention.ts).
  const { text, ok, length } = checkLength(formString(env.req, 'answer') || str(env.req, 'answer'), LIMITS.answer);
  if (!text) return guideReply(env, env.t('answer.empty'));
  const loaded = load(env);
  if ('kind' in loaded) return loaded;
  if (!ok) {
    const notice = env.t('limit.tooLong', { length, max: LIMITS.answer });
    if (!env.req.chat?.isDialog) return guideReply(env, notice);
    return { kind: 'dialog', card: answerDialog(guideView(loaded.q.row), refOf(loaded.q), ctxOf(env), { text, notice }) };
  }
  return answerWith(env, loaded, text);
}

function answerWith(env: ChangeEnv, loaded: LoadedQuestion, text: string): Reply {
  const guide = nameOf(env, env.actor.email);
  const ctx = ctxOf(env, localeOfEmail(env, loaded.q.row.askerEmail));
  // The answer goes to the asker as an effect of the answer's own write: their DM, else mail, as the app, after the commit.
  let effects: Change[] = [];
  const done = apply(env, loaded, { kind: 'answer', text }, 'answerQuestion', (q) => {
    const answer = q.answer ?? text;
    effects = [deliveryEffect(env, q.askerEmail, relayMessage({ questionId: q.questionId, rowNumber: loaded.q.rowNumber, text: q.text, answer }, guide, ctx),
      relayMail({ text: q.text, answer }, guide, ctx), `ans-${q.questionId}-${roundOf(q)}-${textHash(answer)}`)];
    return effects;
  });
  if (isReply(done)) return done;
  const outbox = outboxOf(env);
  tryNow(env, effects, outbox);
  syncThread(env, done.l, outbox);
  return guideReply(env, env.t('answer.done'));
}

function askAskerOpen(env: Env): Reply {
  return openDialog(env, { kind: 'askAsker' }, (l) => ({ kind: 'dialog', card: askAskerDialog(guideView(l.row), refOf(l), ctxOf(env)) }));
}

function askAskerSubmit(env: ChangeEnv): Reply {
  const { text } = limitText(formString(env.req, 'message'), LIMITS.reply);
  if (!text) return guideReply(env, env.t('reply.empty'));
  const loaded = load(env);
  if ('kind' in loaded) return loaded;
  const guide = nameOf(env, env.actor.email);
  const ctx = ctxOf(env, localeOfEmail(env, loaded.q.row.askerEmail));
  const effectOf = (q: Question) => deliveryEffect(env, q.askerEmail, askAskerMessage({ ...q, rowNumber: loaded.q.rowNumber }, guide, text, ctx),
    askAskerMail(q, guide, text, ctx), `ask-${q.questionId}-${roundOf(q)}-${textHash(text)}`);
  let effects: Change[] = [];
  const done = apply(env, loaded, { kind: 'askAsker' }, 'askAsker', (q) => (effects = [effectOf(q)]));
  if (isReply(done)) return done;
  if (!done.changed) {
    // Already waiting for the asker: the new words still go, in a write of their own.
    effects = [effectOf(done.l.row)];
    const res = env.commit(effects, 'askAsker', loaded.snap);
    if (!res.ok) return failReply(env, { kind: 'commit', failure: res });
  }
  const outbox = outboxOf(env);
  tryNow(env, effects, outbox);
  if (done.changed) syncThread(env, done.l, outbox);
  return guideReply(env, env.t('askAsker.done'));
}

/**
 * Who a question is never handed to besides the actor: its asker, but only when guides may know who that is. For an
 * anonymous question the asker (who may be a guide) is treated like any other guide, or the choices, and "no other
 * guide has room", would tell the guides who asked.
 */
function notTo(q: Question): string[] {
  return q.anonymous ? [] : [q.askerEmail];
}

function handOverOpen(env: Env): Reply {
  return openDialog(env, { kind: 'handOver', to: '-' }, (l) => {
    const q = l.row;
    const choices = availableGuides(env, [env.actor.email, ...notTo(q), ...(q.status === 'open' ? [] : [q.guideEmail ?? ''])])
      .map((g, i) => ({ ...g, name: nameOf(env, g.email), suggested: i === 0 }));
    return { kind: 'dialog', card: handOverDialog(guideView(q), refOf(l), choices, ctxOf(env)) };
  });
}

function handOver(env: ChangeEnv): Reply {
  const to = formString(env.req, 'to').trim().toLowerCase();
  const loaded = load(env);
  if ('kind' in loaded) return loaded;
  const q0 = loaded.q.row;
  // Never to someone inactive or at capacity (nor back to the asker, unless anonymous: see notTo).
  if (!availableGuides(env, [env.actor.email, ...notTo(q0)]).some((g) => g.email === to)) return guideReply(env, env.t('handOver.invalid'));
  const ctx = ctxOf(env, 'nb');
  const from = nameOf(env, env.actor.email);
  let effects: Change[] = [];
  const done = apply(env, loaded, { kind: 'handOver', to }, 'handOverQuestion', (q) => {
    const view = guideView(q);
    const ref = { questionId: q.questionId, rowNumber: loaded.q.rowNumber };
    return (effects = [deliveryEffect(env, to, guideNotice('handedOver', view, ref, ctx, { from }), guideNoticeMail('handedOver', view, ctx, { from }),
      `handover-${q.questionId}-${textHash(to + env.now)}`)]);
  });
  if (isReply(done)) return done;
  const outbox = outboxOf(env);
  if (done.changed) {
    tryNow(env, effects, outbox);
    syncThread(env, done.l, outbox);
  }
  return guideReply(env, env.t('handOver.done', { guide: nameOf(env, to) }));
}

/** Releases the question to all guides and tells the coordinator (Settings coordinatorEmail, else the first admin). */
function escalate(env: ChangeEnv): Reply {
  const loaded = load(env);
  if ('kind' in loaded) return loaded;
  const coordinator = env.setting('coordinatorEmail', '').trim().toLowerCase() || env.views.dir.adminEmails[0];
  const ctx = ctxOf(env, 'nb');
  const from = nameOf(env, env.actor.email);
  let effects: Change[] = [];
  const done = apply(env, loaded, { kind: 'escalate' }, 'escalateQuestion', (q) => {
    if (!coordinator) return [];
    const view = guideView(q);
    const ref = { questionId: q.questionId, rowNumber: loaded.q.rowNumber };
    return (effects = [deliveryEffect(env, coordinator, guideNotice('escalated', view, ref, ctx, { from }), guideNoticeMail('escalated', view, ctx, { from }),
      `escalate-${q.questionId}-${textHash(env.now)}`)]);
  });
  if (isReply(done)) return done;
  const outbox = outboxOf(env);
  if (done.changed) tryNow(env, effects, outbox);
  const text = env.t('escalate.done');
  if (syncThread(env, done.l, outbox) === 'inline') return guideReply(env, text, done.l);
  return guideReply(env, text);
}

function publishOpen(env: Env): Reply {
  return openDialog(env, { kind: 'publish', faqId: 'x' }, (l) => {
    const q = l.row;
    if (q.faqId) return guideReply(env, env.t('publish.already'));
    return { kind: 'dialog', card: publishDialog({ questionId: q.questionId, rowNumber: l.rowNumber, question: q.text, answer: q.answer ?? '', topic: q.topic }, ctxOf(env)) };
  });
}

function publishSubmit(env: ChangeEnv): Reply {
  const question = limitText(formString(env.req, 'question'), LIMITS.faqQuestion).text;
  const answer = limitText(formString(env.req, 'answer'), LIMITS.faqAnswer).text;
  const topic = limitText(formString(env.req, 'topic'), 40).text.toLowerCase() || undefined;
  if (!question || !answer) return guideReply(env, env.t('publish.empty'));
  const loaded = load(env, ['Faq']);
  if ('kind' in loaded) return loaded;
  if (loaded.q.row.faqId) return guideReply(env, env.t('publish.already'));
  const faqId = env.newId('faq');
  const entry: FaqEntry = {
    faqId, question, answer, topic: topic ?? loaded.q.row.topic, ownerEmail: env.actor.email, publishedAt: env.today,
    reviewBy: addMonths(env.today, numSetting(env, 'faqReviewMonths', 12)), helpful: 0, notHelpful: 0, views: 0,
  };
  const done = apply(env, loaded, { kind: 'publish', faqId }, 'publishFaq', () => [insert('Faq', entry)]);
  if (isReply(done)) return done;
  if (done.changed) {
    const faq = env.views.faq();
    env.rm.stage('faq', { entries: [...faq.entries, { row: entry, rowNumber: (loaded.snap.Faq?.lastRow ?? 1) + 1 }] });
    syncThread(env, done.l, outboxOf(env));
  }
  return guideReply(env, env.t(done.changed ? 'publish.done' : 'publish.already'));
}

const guideNeeds = () => [forumNeed];

export const guideHandlers: Handlers = {
  [ACTIONS.claim]: { kind: 'change', needs: guideNeeds, run: claim },
  [ACTIONS.answerOpen]: { kind: 'read', needs: guideNeeds, run: answerOpen },
  [ACTIONS.answerSubmit]: { kind: 'change', needs: guideNeeds, run: answerSubmit },
  [ACTIONS.askAskerOpen]: { kind: 'read', needs: guideNeeds, run: askAskerOpen },
  [ACTIONS.askAskerSubmit]: { kind: 'change', needs: guideNeeds, run: askAskerSubmit },
  [ACTIONS.handOverOpen]: { kind: 'read', needs: guideNeeds, run: handOverOpen },
  [ACTIONS.handOver]: { kind: 'change', needs: guideNeeds, run: handOver },
  [ACTIONS.escalate]: { kind: 'change', needs: guideNeeds, run: escalate },
  [ACTIONS.publishOpen]: { kind: 'read', needs: guideNeeds, run: publishOpen },
  [ACTIONS.publishSubmit]: { kind: 'change', needs: () => [forumNeed, { shard: 'faq' }], run: publishSubmit },
};
