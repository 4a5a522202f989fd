// The asker's side of the relay: "Solved" (resolves; only the asker or an admin), "Not yet" (reopens, with what is still
// unclear going back into the thread), and replies to a guide's follow-up question.
import { transition } from '../../../core/forum';
import { chatPlain, checkLength, LIMITS, limitText } from '../../../core/text-limits';
import { update } from '../../../store/records';
import { ACTIONS } from '../../../contract/actions';
import { relayDoneCard, replyDialog } from '../../../ui/cards/forum-relay';
import { threadReply } from '../../../ui/cards/forum-thread';
import { chatEffect, tryChatNow } from '../../common/effects';
import { failReply, type ChangeEnv, type Env, type Handlers } from '../../pipeline/handler';
import { formString, str, type Reply } from '../../../contract/request';
import { showCard } from './ask';
import { textHash } from './guide';
import {
  ctxOf, forumActor, forumNeed, guideSpace, nameOf, outboxOf, qid, readQuestion, refusal, roundOf, stageQuestion, syncThread, threadModel,
} from './shared';

function solved(env: ChangeEnv): Reply {
  const loaded = readQuestion(env, qid(env.req));
  if (!loaded) return failReply(env, { kind: 'notFound' });
  const { q } = loaded;
  const tr = transition(q.row, { kind: 'solved' }, forumActor(env), env.now);
  if (!tr.ok) return refusal(env, tr.reason, tr.holder);
  if (tr.changed) {
    const res = env.commit([update('Questions', q.rowNumber, q.row, tr.next)], 'resolveQuestion', loaded.snap);
    if (!res.ok) return failReply(env, { kind: 'commit', failure: res });
    const l = { row: tr.next, rowNumber: q.rowNumber };
    stageQuestion(env, l);
    syncThread(env, l, outboxOf(env));
  }
  return showCard(env, relayDoneCard(q.row, 'solved', ctxOf(env), q.row.guideEmail ? nameOf(env, q.row.guideEmail) : undefined), { replace: true });
}

/** Opens the reply dialog ("Not yet", or answering a guide's question); only for the asker. */
function replyOpen(kind: 'notYet' | 'reply') {
  return (env: Env): Reply => {
    const loaded = readQuestion(env, qid(env.req));
    if (!loaded) return failReply(env, { kind: 'notFound' });
    const tr = transition(loaded.q.row, { kind: 'reply' }, forumActor(env), env.now);
    if (!tr.ok) return refusal(env, tr.reason);
    const guideQuestion = limitText(str(env.req, 'm'), LIMITS.reply).text || undefined;
    return { kind: 'dialog', card: replyDialog({ ...loaded.q.row, rowNumber: loaded.q.rowNumber }, kind, ctxOf(env), guideQuestion) };
  };
}

/** What the asker writes goes into the question's thread; "Not yet" also reopens the question (nudges start over). */
function replySubmit(env: ChangeEnv): Reply {
  const { text, ok, length } = checkLength(formString(env.req, 'message'), LIMITS.reply);
  if (!text) return failReply(env, { text: env.t('reply.empty') });
  const reopen = env.req.params.reopen === '1';
  const loaded = readQuestion(env, qid(env.req));
  if (!loaded) return failReply(env, { kind: 'notFound' });
  const { q } = loaded;
  if (!ok) {
    const notice = env.t('limit.tooLong', { length, max: LIMITS.reply });
    if (!env.req.chat?.isDialog) return failReply(env, { text: notice });
    return { kind: 'dialog', card: replyDialog({ ...q.row, rowNumber: q.rowNumber }, reopen ? 'notYet' : 'reply', ctxOf(env), undefined, { text, notice }) };
  }
  const tr = transition(q.row, { kind: reopen ? 'reopen' : 'reply' }, forumActor(env), env.now);
  if (!tr.ok) return refusal(env, tr.reason);
  const l = tr.changed ? { row: tr.next, rowNumber: q.rowNumber } : q;
  const space = guideSpace(env);
  const ctx = ctxOf(env, 'nb');
  // The reply in the thread (it notifies the guides who follow it) is an Outbox row in the reply's own write, so the
  // words are kept until they are posted, as the app, once. The round in the requestId: the same words after a later
  // "Not yet" are a new message, a retry of this one is not.
  const post = space
    ? chatEffect(env, { space, message: threadReply(reopen ? 'notYet' : 'reply', text, threadModel(env, l), ctx), threadKey: q.row.questionId,
      requestId: `reply-${q.row.questionId}-${roundOf(l.row)}-${textHash(text)}` }, `reply:${q.row.questionId}`)
    : undefined;
  const changes = [...(tr.changed ? [update('Questions', q.rowNumber, q.row, tr.next)] : []), ...(post ? [post] : [])];
  if (changes.length) {
    const res = env.commit(changes, tr.changed ? 'reopenQuestion' : 'replyToQuestion', loaded.snap);
    if (!res.ok) return failReply(env, { kind: 'commit', failure: res });
    if (tr.changed) stageQuestion(env, l);
  }
  const outbox = outboxOf(env);
  // First the reply, then the card's new state (both after the lock; the outbox spaces them a second apart).
  if (post) tryChatNow(env, post, outbox);
  if (tr.changed) syncThread(env, l, outbox);
  if (!post) {
    // No guides' space set: nowhere to post, so the asker keeps the words to send again.
    env.ports.log.error(`Reply to ${q.row.questionId}: guideForumSpace is not set`);
    const notice = env.t('reply.notDelivered');
    if (env.req.chat?.isDialog) {
      return { kind: 'dialog', card: replyDialog({ ...l.row, rowNumber: l.rowNumber }, reopen ? 'notYet' : 'reply', ctxOf(env), undefined, { text, notice }) };
    }
    return failReply(env, { text: `${notice}\n\n${chatPlain(text)}` });
  }
  const done = env.t(reopen ? 'notYet.done' : 'reply.done');
  if (env.req.chat?.isDialog) return { kind: 'close', notify: done };
  return showCard(env, relayDoneCard(q.row, 'notYet', ctxOf(env), q.row.guideEmail ? nameOf(env, q.row.guideEmail) : undefined), { replace: true });
}

export const askerHandlers: Handlers = {
  [ACTIONS.solved]: { kind: 'change', needs: () => [forumNeed], run: solved },
  [ACTIONS.notYet]: { kind: 'read', needs: () => [forumNeed], run: replyOpen('notYet') },
  [ACTIONS.replyOpen]: { kind: 'read', needs: () => [forumNeed], run: replyOpen('reply') },
  [ACTIONS.replySubmit]: { kind: 'change', needs: () => [forumNeed], run: replySubmit },
};
