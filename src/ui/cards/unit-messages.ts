// Messages the jobs send: re-certification reminders to staff and the weekly digest to leaders (Chat card or plain mail).
import { formatDate, type Locale, type Translate } from '../../core/i18n';
import type { LeaderView } from '../../contract/views';
import type { Card, ChatMessage } from '../../contract/card-types';
import { ACTIONS } from '../../contract/actions';
import { cardMessage } from '../envelopes';
import type { NextSession } from './status-card';
import { countsText, itemText, pctText } from './unit-cards';
import { actionButton, buttons, card, decorated, esc, icon, section } from './widgets';
import type { MemberSummary, UnitAggregate } from '../../core/unit-aggregates';
import { compliancePct } from '../../core/unit-aggregates';

export interface ReminderLine { competenceId: string; name: string; expiresOn: string; daysLeft: number; next?: NextSession }

/** Leaders see this many people per unit in the digest; the overview has the rest. */
const DIGEST_PEOPLE = 10;

function whenText(l: ReminderLine, t: Translate, locale: Locale): string {
  const date = formatDate(locale, l.expiresOn);
  if (l.daysLeft < 0) return t('reminder.expired', { date });
  if (l.daysLeft === 0) return t('reminder.today', { date });
  return t('reminder.expires', { date, days: l.daysLeft });
}

export function reminderCard(name: string, lines: readonly ReminderLine[], t: Translate, locale: Locale): Card {
  return card({ title: t('reminder.title'), subtitle: name }, [
    section(lines.map((l) => decorated({
      text: `<b>${esc(l.name)}</b>`,
      bottomLabel: [whenText(l, t, locale), l.next && t('status.nextSession', { course: esc(l.next.courseTitle), date: formatDate(locale, l.next.startsAt) })]
        .filter(Boolean).join(' · '),
      startIcon: icon(l.daysLeft < 0 ? 'error' : 'schedule'),
      ...(l.next ? { button: actionButton(t('status.signUp'), ACTIONS.signUp, { sessionId: l.next.sessionId }, { style: 'FILLED_TONAL' }) } : {}),
    }))),
    section([buttons([actionButton(t('button.myStatus'), ACTIONS.myStatus), actionButton(t('button.findCourses'), ACTIONS.findCourses)])]),
  ], { name: 'reminder' });
}

export function reminderChatMessage(name: string, lines: readonly ReminderLine[], t: Translate, locale: Locale): ChatMessage {
  return cardMessage(reminderCard(name, lines, t, locale), t('reminder.chatText', { count: lines.length }));
}

export function reminderMail(name: string, lines: readonly ReminderLine[], t: Translate, locale: Locale): { subject: string; text: string } {
  const first = lines[0];
  const subject = lines.length === 1 && first
    ? t('reminder.subject', { competence: first.name, date: formatDate(locale, first.expiresOn) })
    : t('reminder.subjectMany', { count: lines.length });
  const body = lines.map((l) => `• ${l.name}: ${whenText(l, t, locale)}${l.next ? `\n  ${t('status.nextSession', { course: l.next.courseTitle, date: formatDate(locale, l.next.startsAt) })}` : ''}`);
  return { subject, text: [t('home.greeting', { name: name.split(' ')[0] }), '', t('reminder.mailIntro'), '', ...body, '', t('reminder.mailFooter')].join('\n') };
}

/** Sub-units with the most to do (lowest compliance first), for leaders of large areas. */
function weakest(children: readonly UnitAggregate[]): UnitAggregate[] {
  return children.filter((c) => c.peopleWithGaps > 0)
    .sort((a, b) => (compliancePct(a) ?? 100) - (compliancePct(b) ?? 100) || b.peopleWithGaps - a.peopleWithGaps).slice(0, 5);
}

export interface DigestContext {
  t: Translate; locale: Locale; competenceName(id: string): string;
  /** People in the unit and all its sub-units who need action, worst first, and how many there are. */
  people(unitId: string): { list: MemberSummary[]; total: number };
}

export function digestCard(view: LeaderView, ctx: DigestContext): Card {
  const { t } = ctx;
  return card({ title: t('unitDigest.title') }, view.units.flatMap((u) => {
    const people = ctx.people(u.unit.unitId);
    return [
      section([decorated({
        topLabel: pctText(u.unit, t), text: `<b>${esc(u.unit.name)}</b>`, bottomLabel: countsText(u.unit, t), startIcon: icon('groups'),
        button: actionButton(t('unit.open'), ACTIONS.unitOverview, { unitId: u.unit.unitId }),
      })]),
      section(weakest(u.children).map((c) => decorated({ topLabel: pctText(c, t), text: esc(c.name), bottomLabel: countsText(c, t),
        button: actionButton(t('unit.open'), ACTIONS.unitOverview, { unitId: c.unitId }) })), { header: t('unitDigest.weakest') }),
      section(people.list.slice(0, DIGEST_PEOPLE).map((m) => decorated({ text: esc(m.name), bottomLabel: esc(m.items.slice(0, 2).map((i) => itemText(i, ctx)).join(' · ')) })),
        { header: t('unit.needsAction', { count: people.total }) }),
    ];
  }), { name: 'digest' });
}

export function digestChatMessage(view: LeaderView, ctx: DigestContext): ChatMessage {
  return cardMessage(digestCard(view, ctx), ctx.t('unitDigest.chatText'));
}

export function digestMail(name: string, view: LeaderView, ctx: DigestContext): { subject: string; text: string } {
  const { t } = ctx;
  const lines: string[] = [t('home.greeting', { name: name.split(' ')[0] }), '', t('unitDigest.mailIntro')];
  for (const u of view.units) {
    lines.push('', `${u.unit.name}: ${pctText(u.unit, t)}`, countsText(u.unit, t));
    for (const c of weakest(u.children)) lines.push(`  ${c.name}: ${pctText(c, t)} – ${countsText(c, t)}`);
    const people = ctx.people(u.unit.unitId);
    for (const m of people.list.slice(0, DIGEST_PEOPLE)) lines.push(`• ${m.name}: ${m.items.slice(0, 2).map((i) => itemText(i, ctx)).join('; ')}`);
    if (people.total > DIGEST_PEOPLE) lines.push(t('unit.andMore', { count: people.total - DIGEST_PEOPLE }));
  }
  lines.push('', t('unitDigest.mailFooter'));
  return { subject: t('unitDigest.subject'), text: lines.join('\n') };
}

/** Whether a leader's digest has anything to say (no mail about nothing). */
export function digestHasNews(view: LeaderView): boolean {
  return view.units.some((u) => u.unit.peopleWithGaps + u.unit.peopleExpiring > 0);
}
