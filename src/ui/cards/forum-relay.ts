// Dialogs guides use on a question (answer, ask the asker, hand over), and what the app relays between guide and asker:
// the answer in the asker's DM with Solved / Not yet, a guide's follow-up question, the asker's reply dialog, notices to guides.
import type { GuideQuestionView } from '../../core/forum';
import { formatWorkTime } from '../../core/i18n';
import { LIMITS, preview } from '../../core/text-limits';
import { ACTIONS } from '../../contract/actions';
import type { Card, ChatMessage } from '../../contract/card-types';
import { actionButton, buttons, decorated, icon, section, select, text, textInput } from './widgets';
import { card, dialog, qParams, topicLabel, userText, when, type CardContext } from './forum-common';

interface QRef { questionId: string; rowNumber?: number }

/** The question as context at the top of a guide's dialog (without the asker when anonymous: the view has none). */
function questionContext(q: GuideQuestionView, ctx: CardContext) {
  return decorated({ topLabel: userText(topicLabel(q.topic) || ctx.t('thread.title')), text: userText(q.text), startIcon: icon('help') });
}

/** `retry`: the answer was refused (too long); shown again with what was typed and why. */
export function answerDialog(q: GuideQuestionView, ref: QRef, ctx: CardContext, retry?: { text: string; notice: string }): Card {
  const { t } = ctx;
  return dialog(t('answer.title'), [section([
    questionContext(q, ctx),
    !!retry && decorated({ text: userText(retry.notice), startIcon: icon('error') }),
    textInput('answer', t('answer.label'), { value: retry?.text ?? q.answer ?? '', multiline: true, hint: t('answer.hint', { max: LIMITS.answer }) }),
  ])], { label: t('answer.send'), action: ACTIONS.answerSubmit, params: qParams(ref) }, 'answer');
}

export function askAskerDialog(q: GuideQuestionView, ref: QRef, ctx: CardContext): Card {
  const { t } = ctx;
  return dialog(t('askAsker.title'), [section([
    questionContext(q, ctx),
    textInput('message', t('askAsker.label'), { multiline: true, hint: t('askAsker.hint') }),
  ])], { label: t('askAsker.send'), action: ACTIONS.askAskerSubmit, params: qParams(ref) }, 'ask-asker');
}

export interface HandOverChoice { email: string; name: string; load: number; capacity: number; suggested: boolean }

export function handOverDialog(q: GuideQuestionView, ref: QRef, choices: readonly HandOverChoice[], ctx: CardContext): Card {
  const { t } = ctx;
  if (choices.length === 0) {
    return card({ title: t('handOver.title') }, [section([questionContext(q, ctx), text(userText(t('handOver.none')))]),
      section([buttons([actionButton(t('thread.escalate'), ACTIONS.escalate, qParams(ref))])])], { name: 'hand-over' });
  }
  return dialog(t('handOver.title'), [section([
    questionContext(q, ctx),
    select('to', t('handOver.label'), choices.map((c) => ({
      text: c.name, value: c.email, selected: c.suggested, bottomText: t('handOver.load', { load: c.load, capacity: c.capacity }),
    })), 'RADIO_BUTTON'),
  ])], { label: t('handOver.send'), action: ACTIONS.handOver, params: qParams(ref) }, 'hand-over');
}

/** The guide's answer in the asker's DM: the question, the answer, and Solved / Not yet. */
export function relayMessage(q: { questionId: string; rowNumber?: number; text: string; answer: string }, guideName: string, ctx: CardContext): ChatMessage {
  const { t } = ctx;
  const p = qParams(q);
  const c = card({ title: t('relay.title'), subtitle: guideName }, [
    section([
      decorated({ topLabel: t('relay.youAsked'), text: userText(q.text), startIcon: icon('help') }),
      text(userText(q.answer)),
    ]),
    section([
      text(userText(t('relay.prompt'))),
      buttons([
        actionButton(t('relay.solved'), ACTIONS.solved, p, { style: 'FILLED', icon: 'check' }),
        actionButton(t('relay.notYet'), ACTIONS.notYet, p, { dialog: true, icon: 'replay' }),
      ]),
    ]),
  ], { name: `a-${q.questionId}` });
  return { text: t('relay.notice', { guide: guideName }), cardsV2: [{ cardId: `a-${q.questionId}`, card: c }] };
}

export function relayMail(q: { text: string; answer: string }, guideName: string, ctx: CardContext): { subject: string; text: string } {
  return { subject: ctx.t('relay.mail.subject'), text: ctx.t('relay.mail.body', { guide: guideName, question: q.text, answer: q.answer }) };
}

/**
 * After Solved / Not yet: the DM card replaced so the buttons are not pressed again, keeping what the asker still needs:
 * the question and the guide's answer (this message is where they will look it up again).
 */
export function relayDoneCard(q: { text: string; answer?: string }, done: 'solved' | 'notYet', ctx: CardContext, guideName?: string): Card {
  return card({ title: ctx.t(done === 'solved' ? 'solved.title' : 'notYet.title'), subtitle: guideName }, [
    section([
      decorated({ topLabel: ctx.t('relay.youAsked'), text: userText(q.text), startIcon: icon('help') }),
      !!q.answer && text(userText(q.answer)),
    ]),
    section([decorated({ text: userText(ctx.t(done === 'solved' ? 'solved.body' : 'notYet.body')), startIcon: icon(done === 'solved' ? 'check_circle' : 'replay') })]),
  ], { name: 'relay-done' });
}

/**
 * "Not yet" and replies to a guide's question: what the asker writes goes back into the thread. `retry`: shown again
 * after sending failed, with what they wrote kept in the field and a line saying it did not get through.
 */
export function replyDialog(q: { questionId: string; rowNumber?: number; text: string }, kind: 'notYet' | 'reply', ctx: CardContext, guideQuestion?: string,
  retry?: { text: string; notice: string }): Card {
  const { t } = ctx;
  return dialog(t(kind === 'notYet' ? 'notYet.dialogTitle' : 'reply.title'), [section([
    decorated({ topLabel: t('relay.youAsked'), text: userText(q.text), startIcon: icon('help') }),
    !!guideQuestion && decorated({ topLabel: t('reply.guideAsks'), text: userText(guideQuestion), startIcon: icon('contact_support') }),
    !!retry && decorated({ text: userText(retry.notice), startIcon: icon('error') }),
    textInput('message', t(kind === 'notYet' ? 'notYet.label' : 'reply.label'), {
      multiline: true, hint: t('reply.hint', { max: LIMITS.reply }), ...(retry ? { value: retry.text } : {}),
    }),
  ])], { label: t('reply.send'), action: ACTIONS.replySubmit, params: qParams(q, kind === 'notYet' ? { reopen: '1' } : {}) }, 'reply');
}

/** A guide's follow-up question, in the asker's DM. */
export function askAskerMessage(q: { questionId: string; rowNumber?: number; text: string }, guideName: string, message: string, ctx: CardContext): ChatMessage {
  const { t } = ctx;
  const c = card({ title: t('askAsker.dmTitle'), subtitle: guideName }, [section([
    decorated({ topLabel: t('relay.youAsked'), text: userText(q.text), startIcon: icon('help') }),
    decorated({ topLabel: t('reply.guideAsks'), text: userText(message), startIcon: icon('contact_support') }),
    buttons([actionButton(t('askAsker.reply'), ACTIONS.replyOpen, qParams(q, { m: preview(message, 300) }), { dialog: true, style: 'FILLED', icon: 'reply' })]),
  ])], { name: `f-${q.questionId}` });
  return { text: t('askAsker.notice', { guide: guideName }), cardsV2: [{ cardId: `f-${q.questionId}`, card: c }] };
}

export function askAskerMail(q: { text: string }, guideName: string, message: string, ctx: CardContext): { subject: string; text: string } {
  return { subject: ctx.t('askAsker.mail.subject'), text: ctx.t('askAsker.mail.body', { guide: guideName, question: q.text, message }) };
}

export type GuideNoticeKind = 'routed' | 'handedOver' | 'nudge' | 'escalated';
const NOTICE = {
  routed: { title: 'notice.routed.title', body: 'notice.routed.body' },
  handedOver: { title: 'notice.handedOver.title', body: 'notice.handedOver.body' },
  nudge: { title: 'notice.nudge.title', body: 'notice.nudge.body' },
  escalated: { title: 'notice.escalated.title', body: 'notice.escalated.body' },
} as const;

/** A DM to a guide (or the coordinator) about a question: new for you, handed to you, still waiting, escalated. */
export function guideNotice(kind: GuideNoticeKind, q: GuideQuestionView, ref: QRef, ctx: CardContext, vars: { from?: string; hours?: number } = {}): ChatMessage {
  const { t } = ctx;
  const title = t(NOTICE[kind].title);
  const body = t(NOTICE[kind].body, { from: vars.from ?? '', time: formatWorkTime(ctx.locale, vars.hours ?? 0) });
  const p = qParams(ref);
  const c = card({ title, subtitle: t('thread.asked', { time: when(q.askedAt, ctx) }) }, [section([
    text(userText(body)),
    questionContext(q, ctx),
    buttons([
      (q.status === 'open' || q.status === 'reopened') && actionButton(t('thread.claim'), ACTIONS.claim, p, { style: 'FILLED', icon: 'front_hand' }),
      actionButton(t('thread.answerButton'), ACTIONS.answerOpen, p, { dialog: true }),
    ]),
  ])], { name: `g-${q.questionId}` });
  return { text: title, cardsV2: [{ cardId: `g-${q.questionId}`, card: c }] };
}

export function guideNoticeMail(kind: GuideNoticeKind, q: GuideQuestionView, ctx: CardContext, vars: { from?: string; hours?: number } = {}): { subject: string; text: string } {
  const { t } = ctx;
  return {
    subject: `Kompetent: ${t(NOTICE[kind].title)}`,
    text: `${t(NOTICE[kind].body, { from: vars.from ?? '', time: formatWorkTime(ctx.locale, vars.hours ?? 0) })}\n\n${q.text}\n\n${t('notice.mail.footer')}`,
  };
}
