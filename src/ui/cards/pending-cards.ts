// A leader's certificates waiting for verification: the list (evidence one click away, approve, reject with a reason),
// the rejection dialog, and the short section the unit overview and the add-on home cards show when something waits.
import { formatDate, type Locale, type Translate } from '../../core/i18n';
import type { Card, Section } from '../../contract/card-types';
import { ACTIONS } from '../../contract/actions';
import { actionButton, buttons, card, decorated, esc, icon, linkButton, section, text, textInput } from './widgets';

export interface PendingCardEntry {
  certificationId: string;
  name: string;
  email: string;
  competence: string;
  achievedOn: string;
  /** The person's unit and its ancestors (the buttons carry it so the change patches every unit view it touches). */
  chain: string[];
  evidenceUrl?: string;
}

export interface PendingListModel {
  entries: PendingCardEntry[];
  /** How many wait in all (the list shows the longest waiting). */
  count: number;
}

interface Ctx { t: Translate; locale: Locale }

function params(e: PendingCardEntry): Record<string, string> {
  return { email: e.email, certificationId: e.certificationId, chain: e.chain.join(','), from: 'list' };
}

export function pendingListCard(m: PendingListModel, { t, locale }: Ctx): Card {
  const rows: Section[] = m.entries.map((e) => section([
    decorated({
      topLabel: esc(e.name),
      text: `<b>${esc(t('pending.line', { competence: e.competence, date: formatDate(locale, e.achievedOn) }))}</b>`,
      bottomLabel: e.evidenceUrl ? undefined : esc(t('pending.noEvidence')),
      startIcon: icon('hourglass_top'),
    }),
    buttons([
      e.evidenceUrl ? linkButton(t('pending.evidence'), e.evidenceUrl, 'OUTLINED') : undefined,
      actionButton(t('pending.approve'), ACTIONS.verifyCertification, params(e), { style: 'FILLED' }),
      actionButton(t('pending.reject'), ACTIONS.rejectOpen, params(e), { dialog: true, style: 'FILLED_TONAL' }),
    ]),
  ]));
  const intro = m.entries.length === 0 ? t('pending.none')
    : m.count > m.entries.length ? t('pending.more', { shown: m.entries.length, count: m.count }) : undefined;
  return card({ title: t('pending.title'), ...(m.count > 0 ? { subtitle: t('pending.subtitle', { count: m.count }) } : {}) }, [
    ...(intro ? [section([text(esc(intro))])] : []),
    ...rows,
    section([buttons([actionButton(t('unit.backToUnit'), ACTIONS.unitOverview)])]),
  ], { name: 'pending-certificates' });
}

export interface RejectModel { entry: PendingCardEntry; reason?: string }

export function rejectCard(m: RejectModel, { t, locale }: Ctx): Card {
  const e = m.entry;
  return card({ title: t('reject.title'), subtitle: e.name }, [
    section([
      text(esc(t('reject.line', { name: e.name, competence: e.competence, date: formatDate(locale, e.achievedOn) }))),
      textInput('reason', t('reject.reason'), { hint: t('reject.reasonHint'), multiline: true, ...(m.reason ? { value: m.reason } : {}) }),
    ]),
    section([buttons([actionButton(t('reject.submit'), ACTIONS.rejectCertification, params(e), { style: 'FILLED' })])]),
  ], { name: 'reject-certificate' });
}

/** The line the unit overview and the home cards show a leader when certificates wait for them. */
export function pendingSection(count: number, t: Translate): Section {
  return section([
    decorated({ text: esc(t('pending.sectionText', { count })), startIcon: icon('approval') }),
    buttons([actionButton(t('pending.open', { count }), ACTIONS.pendingList, {}, { style: 'FILLED' })]),
  ], { header: t('pending.section') });
}

export interface DecisionFacts { name: string; competence: string; achievedOn: string; leader: string; reason?: string }

/** To the employee, from the Kompetent account (Outbox): their certificate was approved, or rejected with the reason. */
export function decisionMail(d: DecisionFacts, { t, locale }: Ctx): { subject: string; text: string } {
  const p = { name: d.name, competence: d.competence, date: formatDate(locale, d.achievedOn), leader: d.leader, reason: d.reason ?? '' };
  return d.reason === undefined
    ? { subject: t('verify.mail.approvedSubject', p), text: t('verify.mail.approved', p) }
    : { subject: t('verify.mail.rejectedSubject', p), text: t('verify.mail.rejected', p) };
}
