// Asking a guide: the dialog, the FAQ answers shown privately before a question is posted, and the receipt.
import { LIMITS } from '../../core/text-limits';
import { ACTIONS } from '../../contract/actions';
import type { Card, SelectionItem } from '../../contract/card-types';
import { actionButton, buttons, decorated, icon, section, select, text, textInput } from './widgets';
import { card, dialog, topicLabel, userText, type CardContext } from './forum-common';

export interface AskDraft { text: string; topic?: string; anonymous: boolean }

/** `notice`: shown above the field when the last send was refused (too long), with what was typed kept in it. */
export function askDialog(draft: Partial<AskDraft>, topics: readonly string[], ctx: CardContext, notice?: string): Card {
  const { t } = ctx;
  const items: SelectionItem[] = [
    { text: t('ask.topic.unknown'), value: '', selected: !draft.topic },
    ...topics.map((x) => ({ text: topicLabel(x), value: x, selected: x === draft.topic })),
  ];
  return dialog(t('ask.title'), [
    section([
      text(userText(t('ask.intro'))),
      !!notice && decorated({ text: userText(notice), startIcon: icon('error') }),
      textInput('text', t('ask.text.label'), { value: draft.text ?? '', hint: t('ask.text.hint', { max: LIMITS.question }), multiline: true }),
      topics.length > 0 && select('topic', t('ask.topic.label'), items),
      select('anonymous', t('ask.anonymous.label'), [{ text: t('ask.anonymous.item'), value: 'yes', selected: !!draft.anonymous }], 'CHECK_BOX'),
    ]),
  ], { label: t('ask.send'), action: ACTIONS.askSubmit }, 'ask');
}

export interface MatchLine { faqId: string; question: string; answer: string; topic?: string }

/** The draft travels in the buttons' parameters, so "send to a guide" posts exactly what was asked. */
function draftParams(qid: string, d: AskDraft): Record<string, string> {
  return { qid, text: d.text, ...(d.topic ? { topic: d.topic } : {}), ...(d.anonymous ? { anon: '1' } : {}) };
}

/** What the asker sees before anything is posted: the best FAQ answers (or none), and the way on to a guide. */
export function matchesCard(qid: string, draft: AskDraft, matches: readonly MatchLine[], ctx: CardContext, note?: string): Card {
  const { t } = ctx;
  const p = draftParams(qid, draft);
  const answerPreview = (s: string) => (s.length > 600 ? `${s.slice(0, 597)}…` : s);
  return card({ title: matches.length ? t('ask.matches.title') : t('ask.none.title'), subtitle: t('ask.matches.private') }, [
    section([
      decorated({ topLabel: t('ask.yourQuestion'), text: userText(draft.text), startIcon: icon('help') }),
      !!note && text(userText(note)),
      text(userText(matches.length ? t('ask.matches.intro') : t('ask.none.intro'))),
    ]),
    ...matches.map((m) => section([
      decorated({ topLabel: userText(topicLabel(m.topic)), text: `<b>${userText(m.question)}</b>`, startIcon: icon('lightbulb') }),
      text(userText(answerPreview(m.answer))),
      buttons([actionButton(t('ask.solvedIt'), ACTIONS.askSolvedByFaq, { faqId: m.faqId, qid }, { style: 'FILLED_TONAL', icon: 'check' })]),
    ])),
    section([buttons([
      actionButton(draft.anonymous ? t('ask.sendAnonymous') : t('ask.sendToGuide'), ACTIONS.askPost, p, { style: matches.length ? 'OUTLINED' : 'FILLED', icon: 'send' }),
      !draft.anonymous && actionButton(t('ask.sendAnonymous'), ACTIONS.askPost, { ...p, anon: '1' }, { icon: 'visibility_off' }),
      actionButton(t('ask.edit'), ACTIONS.askOpen, { query: draft.text, ...(draft.topic ? { topic: draft.topic } : {}) }, { dialog: true, icon: 'edit' }),
    ])]),
  ], { name: 'ask-matches' });
}

export interface SentModel { guideName?: string; via: 'unit' | 'topic' | 'leastLoaded' | 'none'; topic?: string; anonymous: boolean; queued: boolean; text: string }

const SENT_VIA = { unit: 'ask.sent.unit', topic: 'ask.sent.topic', leastLoaded: 'ask.sent.leastLoaded', none: 'ask.sent.none' } as const;

export function sentCard(m: SentModel, ctx: CardContext): Card {
  const { t } = ctx;
  const to = m.guideName && m.via !== 'none'
    ? t(SENT_VIA[m.via], { guide: m.guideName, topic: topicLabel(m.topic) })
    : t('ask.sent.none');
  return card({ title: t('ask.sent.title') }, [section([
    decorated({ topLabel: t('ask.yourQuestion'), text: userText(m.text), startIcon: icon('help') }),
    text(userText(`${to} ${t('ask.sent.reply')}`)),
    m.anonymous && decorated({ text: userText(t('ask.sent.anonymous')), startIcon: icon('visibility_off') }),
    m.queued && text(userText(t('ask.sent.queued'))),
  ])], { name: 'ask-sent' });
}

/** After "this solved it": thanks, and the count went to the FAQ entry. */
export function solvedByFaqCard(question: string, ctx: CardContext): Card {
  return card({ title: ctx.t('ask.solved.title') }, [section([
    decorated({ text: `<b>${userText(question)}</b>`, startIcon: icon('check_circle') }),
    text(userText(ctx.t('ask.solved.body'))),
  ])], { name: 'ask-solved' });
}

/** A typed question over the limit: nothing is sent or cut; the dialog opens with the whole text to shorten. */
export function askTooLongCard(text: string, notice: string, ctx: CardContext): Card {
  return card({ title: ctx.t('ask.title') }, [section([
    decorated({ text: userText(notice), startIcon: icon('error') }),
    buttons([actionButton(ctx.t('ask.shorten'), ACTIONS.askOpen, { query: text }, { dialog: true, style: 'FILLED', icon: 'edit' })]),
  ])], { name: 'ask-too-long' });
}

/** Where a dialog cannot open (a typed message): the same thing as a button. */
export function askPromptCard(ctx: CardContext): Card {
  return card({ title: ctx.t('ask.title') }, [section([
    text(userText(ctx.t('ask.prompt'))),
    buttons([actionButton(ctx.t('ask.write'), ACTIONS.askOpen, {}, { dialog: true, style: 'FILLED', icon: 'edit' })]),
  ])], { name: 'ask-prompt' });
}
