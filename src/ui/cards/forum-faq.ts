// The FAQ: search results, one entry with "helped / did not help", the guides' publish dialog and the review reminder.
import { formatDate } from '../../core/i18n';
import type { FaqEntry } from '../../core/records/tables';
import { LIMITS } from '../../core/text-limits';
import { ACTIONS } from '../../contract/actions';
import type { Card, ChatMessage } from '../../contract/card-types';
import { actionButton, buttons, decorated, icon, section, text, textInput } from './widgets';
import { card, dialog, topicLabel, userText, type CardContext } from './forum-common';

export const FAQ_RESULTS = 5;

export function faqResultsCard(query: string, entries: readonly FaqEntry[], ctx: CardContext): Card {
  const { t } = ctx;
  const intro = !query ? t('faq.popular') : entries.length ? t('faq.results', { query }) : t('faq.none', { query });
  return card({ title: t('faq.title') }, [
    section([text(userText(intro))]),
    section(entries.slice(0, FAQ_RESULTS).map((f) => decorated({
      topLabel: userText(topicLabel(f.topic)),
      text: userText(f.question),
      bottomLabel: f.helpful ? userText(t('faq.helpfulCount', { count: f.helpful })) : undefined,
      startIcon: icon('lightbulb'),
      button: actionButton(t('faq.show'), ACTIONS.faqShow, { faqId: f.faqId }),
    }))),
    section([
      !query && text(userText(t('faq.searchHint'))),
      buttons([actionButton(t('faq.ask'), ACTIONS.askOpen, query ? { query } : {}, { dialog: true, icon: 'contact_support' })]),
    ]),
  ], { name: 'faq-results' });
}

export function faqEntryCard(f: FaqEntry, ctx: CardContext, feedback?: 'thanks' | 'already'): Card {
  const { t } = ctx;
  return card({ title: f.question.length > 120 ? `${f.question.slice(0, 117)}…` : f.question, subtitle: topicLabel(f.topic) || undefined }, [
    section([
      f.question.length > 120 && text(`<b>${userText(f.question)}</b>`),
      text(userText(f.answer)),
      !!f.publishedAt && decorated({ text: userText(t('faq.published', { date: formatDate(ctx.locale, f.publishedAt) })), startIcon: icon('event') }),
    ]),
    section([
      feedback ? text(userText(t(feedback === 'thanks' ? 'faq.feedback.thanks' : 'faq.feedback.already')))
        : buttons([
          actionButton(t('faq.helped'), ACTIONS.faqFeedback, { faqId: f.faqId, v: 'up' }, { icon: 'thumb_up' }),
          actionButton(t('faq.notHelped'), ACTIONS.faqFeedback, { faqId: f.faqId, v: 'down' }, { icon: 'thumb_down' }),
        ]),
      buttons([actionButton(t('faq.ask'), ACTIONS.askOpen, {}, { dialog: true, icon: 'contact_support' })]),
    ]),
  ], { name: `faq-${f.faqId}` });
}

export interface PublishDraft { questionId: string; rowNumber?: number; question: string; answer: string; topic?: string }

/** Prefilled from the resolved question; the guide removes names and personal details before publishing. */
export function publishDialog(d: PublishDraft, ctx: CardContext): Card {
  const { t } = ctx;
  return dialog(t('publish.title'), [section([
    text(userText(t('publish.hint'))),
    textInput('question', t('publish.question'), { value: d.question.slice(0, LIMITS.faqQuestion), multiline: true, hint: t('publish.max', { max: LIMITS.faqQuestion }) }),
    textInput('answer', t('publish.answer'), { value: d.answer.slice(0, LIMITS.faqAnswer), multiline: true, hint: t('publish.max', { max: LIMITS.faqAnswer }) }),
    textInput('topic', t('publish.topic'), { value: d.topic ?? '' }),
  ])], { label: t('publish.send'), action: ACTIONS.publishSubmit, params: { q: d.questionId, ...(d.rowNumber ? { row: String(d.rowNumber) } : {}) } }, 'publish');
}

/**
 * The weekly reminder to an FAQ owner: entries due for review, each with "still correct". After a confirmation the same
 * card comes back with that entry marked done (`confirmed`) and the others still there to confirm: every button carries
 * the ids on the card so the handler can rebuild it.
 */
export function reviewMessage(entries: readonly FaqEntry[], ctx: CardContext, confirmed: ReadonlySet<string> = new Set()): ChatMessage {
  const { t } = ctx;
  const shown = entries.slice(0, 20);
  const ids = shown.map((f) => f.faqId).join(',');
  const left = shown.filter((f) => !confirmed.has(f.faqId)).length;
  const c = card({ title: t('review.title'), subtitle: t('review.count', { count: left }) }, [
    section([text(userText(t('review.intro')))]),
    ...shown.map((f) => (confirmed.has(f.faqId)
      ? section([decorated({
        topLabel: userText(t('review.confirmed', { date: formatDate(ctx.locale, f.reviewBy) })),
        text: userText(f.question),
        startIcon: icon('task_alt'),
        button: actionButton(t('faq.show'), ACTIONS.faqShow, { faqId: f.faqId }),
      })])
      : section([
        decorated({
          topLabel: userText(t('review.due', { date: formatDate(ctx.locale, f.reviewBy) })),
          text: userText(f.question),
          startIcon: icon('fact_check'),
        }),
        buttons([
          actionButton(t('review.ok'), ACTIONS.faqReviewed, { faqId: f.faqId, ids }, { icon: 'task_alt' }),
          actionButton(t('faq.show'), ACTIONS.faqShow, { faqId: f.faqId }),
        ]),
      ]))),
  ], { name: 'faq-review' });
  return { text: t('review.title'), cardsV2: [{ cardId: 'faq-review', card: c }] };
}

export function reviewMail(entries: readonly FaqEntry[], ctx: CardContext): { subject: string; text: string } {
  const { t } = ctx;
  const lines = entries.map((f) => `- ${f.question} (${t('review.due', { date: formatDate(ctx.locale, f.reviewBy) })})`);
  return { subject: t('review.mail.subject', { count: entries.length }), text: `${t('review.intro')}\n\n${lines.join('\n')}\n\n${t('review.mail.footer')}` };
}
