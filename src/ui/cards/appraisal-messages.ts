// What the appraisal reminder job sends a leader: probation follow-ups and the last day to extend or conclude, and who
// is due or overdue for a conversation — a Chat card, or plain mail.
import type { AppraisalKind } from '../../core/appraisal';
import { formatDate, type Locale, type Translate } from '../../core/i18n';
import type { Card, ChatMessage } from '../../contract/card-types';
import { ACTIONS } from '../../contract/actions';
import { cardMessage } from '../envelopes';
import { kindLabel } from './appraisal-cards';
import { actionButton, buttons, card, decorated, esc, icon, section } from './widgets';

export type ReminderWhat = 'followUp' | 'decision' | 'warning' | 'due' | 'overdue';

export interface AppraisalReminderLine {
  email: string;
  name: string;
  what: ReminderWhat;
  kind: AppraisalKind;
  date: string;
  /** Follow-up number in probation. */
  n?: number;
}

/** At most this many lines in one message; the overview has the rest. */
export const REMINDER_LINES = 15;

export function reminderLineText(l: AppraisalReminderLine, t: Translate, locale: Locale): string {
  const date = formatDate(locale, l.date);
  switch (l.what) {
    case 'followUp': return t('appraisal.reminder.followUp', { n: l.n ?? 1, date });
    case 'decision': return t('appraisal.reminder.decision', { date });
    case 'warning': return t('appraisal.reminder.warning', { date });
    case 'due': return t('appraisal.reminder.due', { kind: kindLabel(t, l.kind), date });
    case 'overdue': return t('appraisal.reminder.overdue', { kind: kindLabel(t, l.kind), date });
  }
}

export function appraisalReminderCard(lines: readonly AppraisalReminderLine[], t: Translate, locale: Locale): Card {
  const shown = lines.slice(0, REMINDER_LINES);
  return card({ title: t('appraisal.reminder.title') }, [
    section(shown.map((l) => decorated({
      text: `<b>${esc(l.name)}</b>`,
      bottomLabel: reminderLineText(l, t, locale),
      startIcon: icon(l.what === 'overdue' || l.what === 'decision' || l.what === 'warning' ? 'report' : 'schedule'),
    }))),
    section([buttons([actionButton(t('appraisal.overview.button'), ACTIONS.appraisalOverview, {}, { style: 'FILLED' })])]),
  ], { name: 'appraisal-reminder' });
}

export function appraisalReminderChat(lines: readonly AppraisalReminderLine[], t: Translate, locale: Locale): ChatMessage {
  return cardMessage(appraisalReminderCard(lines, t, locale), t('appraisal.reminder.chatText', { count: lines.length }));
}

export function appraisalReminderMail(leaderName: string, lines: readonly AppraisalReminderLine[], t: Translate, locale: Locale): { subject: string; text: string } {
  const body = lines.slice(0, REMINDER_LINES).map((l) => `• ${l.name}: ${reminderLineText(l, t, locale)}`);
  const rest = lines.length - REMINDER_LINES;
  return {
    subject: t('appraisal.reminder.subject', { count: lines.length }),
    text: [t('home.greeting', { name: leaderName.split(' ')[0] }), '', t('appraisal.reminder.mailIntro'), '', ...body,
      ...(rest > 0 ? [t('appraisal.overview.more', { count: rest })] : []), '', t('appraisal.reminder.mailFooter')].join('\n'),
  };
}
