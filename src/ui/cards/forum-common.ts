// Small pieces the forum's cards share: times in the municipality's zone, topic labels, question parameters, dialogs.
import { formatDate, type Locale, type Translate } from '../../core/i18n';
import { cardText } from '../../core/text-limits';
import type { ActionName } from '../../contract/actions';
import type { Button, Card, CardHeader, Section, Widget } from '../../contract/card-types';
import { actionButton, card as baseCard, section } from './widgets';

export interface CardContext { t: Translate; locale: Locale; timeZone: string }

/** "23. november 2026 kl. 10:12" in the municipality's time zone. */
export function when(iso: string | undefined, ctx: CardContext): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ctx.timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    .formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return ctx.t('forum.when', { date: formatDate(ctx.locale, `${get('year')}-${get('month')}-${get('day')}`), time: `${get('hour')}:${get('minute')}` });
}

export function topicLabel(topic: string | undefined): string {
  if (!topic) return '';
  return topic.charAt(0).toUpperCase() + topic.slice(1);
}

/** The parameters every question button carries: the id, and where its row was (a hint; the handler checks the key). */
export function qParams(q: { questionId: string; rowNumber?: number }, extra: Record<string, string> = {}): Record<string, string> {
  return { q: q.questionId, ...(q.rowNumber ? { row: String(q.rowNumber) } : {}), ...extra };
}

/** User text for a card text field: escaped, line breaks kept. */
export function userText(text: string): string {
  return cardText(text);
}

/** A card without `undefined` fields, so the JSON is exactly what Google receives (and what the validator checks). */
export function card(header: CardHeader | undefined, sections: Section[], extra: Partial<Card> = {}): Card {
  return JSON.parse(JSON.stringify(baseCard(header, sections, extra))) as Card;
}

/** A dialog: sections, and the submit button in the fixed footer (allowed in dialogs, not in card messages). */
export function dialog(title: string, sections: Section[], submit: { label: string; action: ActionName; params?: Record<string, string> }, name: string): Card {
  const primaryButton: Button = actionButton(submit.label, submit.action, submit.params ?? {}, { style: 'FILLED' });
  return card({ title }, sections, { name, fixedFooter: { primaryButton } });
}

/** One widget list as a section, leaving out empty entries. */
export function widgets(list: (Widget | undefined | false)[], opts: Omit<Section, 'widgets'> = {}): Section {
  return section(list, opts);
}
