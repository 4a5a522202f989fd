// The card of a question in the guides' space (one thread per question): the question, who asked (never for an anonymous
// question), its state for everyone to see, and the guides' buttons. Also the thread replies (asker's reply, nudges).
import type { GuideQuestionView } from '../../core/forum';
import { formatWorkTime } from '../../core/i18n';
import { chatPlain, cutText, preview } from '../../core/text-limits';
import { ACTIONS } from '../../contract/actions';
import type { Card, ChatMessage, Widget } from '../../contract/card-types';
import { actionButton, buttons, decorated, icon, section, text } from './widgets';
import { card, qParams, topicLabel, userText, when, type CardContext } from './forum-common';

/** The answer as the thread card shows it (the full answer goes to the asker and into the FAQ). */
export const THREAD_ANSWER_CHARS = 1500;

export interface ThreadModel {
  q: GuideQuestionView;
  rowNumber?: number;
  unitName?: string;
  /** Display name of a guide (or the e-mail when unknown). */
  nameOf(email: string): string;
}

function statusLine(m: ThreadModel, ctx: CardContext): { text: string; icon: string } {
  const { q } = m;
  const guide = q.guideEmail ? m.nameOf(q.guideEmail) : '';
  switch (q.status) {
    case 'open':
      return q.guideEmail
        ? { text: ctx.t('thread.status.openRouted', { guide }), icon: 'inbox' }
        : { text: ctx.t('thread.status.open'), icon: 'inbox' };
    case 'claimed': return { text: ctx.t('thread.status.claimed', { guide, time: when(q.claimedAt, ctx) }), icon: 'person' };
    case 'answered': return { text: ctx.t('thread.status.answered', { guide, time: when(q.answeredAt, ctx) }), icon: 'mark_chat_read' };
    case 'reopened': return { text: ctx.t('thread.status.reopened', { guide }), icon: 'replay' };
    case 'resolved': return { text: ctx.t('thread.status.resolved', { time: when(q.resolvedAt, ctx) }), icon: 'check_circle' };
  }
}

export function threadCard(m: ThreadModel, ctx: CardContext, escalated = false): Card {
  const { q } = m;
  const { t } = ctx;
  const p = qParams({ questionId: q.questionId, rowNumber: m.rowNumber });
  const status = statusLine(m, ctx);
  const from = q.asker
    ? `${userText(q.asker.name ?? q.asker.email)}${m.unitName ? ` · ${userText(m.unitName)}` : ''}`
    : userText(t('thread.anonymous'));
  const open = q.status === 'open' || q.status === 'reopened';
  const live = q.status !== 'resolved';
  const answer = q.answer ? cutText(q.answer, THREAD_ANSWER_CHARS).text : undefined;
  return card({ title: q.topic ? t('thread.titleTopic', { topic: topicLabel(q.topic) }) : t('thread.title'), subtitle: t('thread.asked', { time: when(q.askedAt, ctx) }) }, [
    section([
      text(userText(q.text)),
      decorated({ topLabel: t('thread.from'), text: from, startIcon: icon(q.asker ? 'account_circle' : 'visibility_off') }),
      decorated({ topLabel: t('thread.statusLabel'), text: userText(status.text), startIcon: icon(status.icon) }),
      escalated && text(userText(t('thread.escalated'))),
      // A plain reply in the thread reaches only the guides: the card says how an answer reaches the asker.
      live && decorated({ text: userText(t('thread.howToReply')), startIcon: icon('alternate_email') }),
      !!q.faqId && decorated({ text: userText(t('thread.published')), startIcon: icon('library_books') }),
    ]),
    answer ? section([text(userText(answer))], { header: userText(t('thread.answer')) }) : section([]),
    section([actionButtons([
      q.status === 'open' && actionButton(t('thread.claim'), ACTIONS.claim, p, { style: 'FILLED', icon: 'front_hand' }),
      live && actionButton(t('thread.answerButton'), ACTIONS.answerOpen, p, { dialog: true, style: q.status === 'open' ? undefined : 'FILLED' }),
      live && !open && actionButton(t('thread.askAsker'), ACTIONS.askAskerOpen, p, { dialog: true }),
      q.status === 'reopened' && actionButton(t('thread.askAsker'), ACTIONS.askAskerOpen, p, { dialog: true }),
      live && q.status !== 'answered' && actionButton(t('thread.handOver'), ACTIONS.handOverOpen, p, { dialog: true }),
      live && q.status !== 'answered' && !escalated && actionButton(t('thread.escalate'), ACTIONS.escalate, p),
      (q.status === 'answered' || q.status === 'resolved') && !q.faqId && !!q.answer
        && actionButton(t('thread.publish'), ACTIONS.publishOpen, p, { dialog: true, icon: 'library_add' }),
    ])]),
  ], { name: `q-${q.questionId}` });
}

/** A button row, or nothing when no button applies (an empty buttonList is not a valid widget). */
function actionButtons(list: Parameters<typeof buttons>[0]): Widget | undefined {
  return list.some(Boolean) ? buttons(list) : undefined;
}

/** The message in the guides' space: a short text for notifications (mentions neutralised) and the card. */
export function threadMessage(m: ThreadModel, ctx: CardContext, escalated = false): ChatMessage {
  const notice = m.q.topic ? ctx.t('thread.notice', { topic: topicLabel(m.q.topic) }) : ctx.t('thread.noticeNoTopic');
  return { text: chatPlain(`${notice}: ${preview(m.q.text, 100)}`), cardsV2: [{ cardId: `q-${m.q.questionId}`, card: threadCard(m, ctx, escalated) }] };
}

/** A reply in the question's thread: text from the asker (neutralised) with a small card to act on it. */
export function threadReply(kind: 'reply' | 'notYet', replyText: string, m: ThreadModel, ctx: CardContext): ChatMessage {
  const head = ctx.t(kind === 'notYet' ? 'thread.reply.notYet' : 'thread.reply.answer');
  const p = qParams({ questionId: m.q.questionId, rowNumber: m.rowNumber });
  const c = card(undefined, [
    section([
      decorated({ topLabel: userText(head), text: userText(replyText), startIcon: icon(kind === 'notYet' ? 'replay' : 'chat') }),
      buttons([
        actionButton(ctx.t('thread.answerButton'), ACTIONS.answerOpen, p, { dialog: true, style: 'FILLED' }),
        actionButton(ctx.t('thread.askAsker'), ACTIONS.askAskerOpen, p, { dialog: true }),
      ]),
    ]),
  ], { name: `r-${m.q.questionId}` });
  return { text: chatPlain(`${head} ${preview(replyText, 100)}`), cardsV2: [{ cardId: `r-${m.q.questionId}`, card: c }] };
}

/** A nudge to all guides, posted in the question's thread. */
export function threadNudge(hours: number, m: ThreadModel, ctx: CardContext): ChatMessage {
  const p = qParams({ questionId: m.q.questionId, rowNumber: m.rowNumber });
  const c = card(undefined, [section([
    text(userText(ctx.t('nudge.all', { time: formatWorkTime(ctx.locale, hours) }))),
    buttons([actionButton(ctx.t('thread.claim'), ACTIONS.claim, p, { style: 'FILLED', icon: 'front_hand' })]),
  ])], { name: `n-${m.q.questionId}` });
  return { text: chatPlain(ctx.t('nudge.all', { time: formatWorkTime(ctx.locale, hours) })), cardsV2: [{ cardId: `n-${m.q.questionId}`, card: c }] };
}

/** Shown only to a guide who @mentioned the app in a question's thread: their words, and one click sends them as the answer. */
export function threadAnswerConfirm(answer: string, ref: { questionId: string; rowNumber?: number }, ctx: CardContext): Card {
  return card(undefined, [section([
    decorated({ topLabel: userText(ctx.t('threadMention.yourAnswer')), text: userText(preview(answer, 300)), startIcon: icon('chat') }),
    buttons([actionButton(ctx.t('threadMention.send'), ACTIONS.answerSubmit, qParams(ref, { answer }), { style: 'FILLED', icon: 'send' })]),
  ])], { name: `t-${ref.questionId}` });
}
