// A leader's (or HR's) view of one person: every item explained, with sign-off and verify buttons where they may act.
import type { StatusItem } from '../../core/competence-status';
import { formatDate, type Locale, type Translate } from '../../core/i18n';
import type { Card, Widget } from '../../contract/card-types';
import { ACTIONS } from '../../contract/actions';
import { explain, planWidgets, type StatusCardModel } from './status-card';
import { actionButton, buttons, card, decorated, esc, icon, section, text } from './widgets';

export interface PendingCert { certificationId: string; competenceId: string; achievedOn: string; source: string }

export interface UnitPersonModel {
  person: StatusCardModel;
  email: string;
  unitId: string;
  /** The person's unit and its ancestors: carried by the buttons so a change can patch every unit view it touches. */
  chain: string[];
  /** The asker may sign off and verify for this person (their leader, or HR). */
  mayAct: boolean;
  /** Competences a leader can sign off (satisfiedBy includes sign-off). */
  signOffable(competenceId: string): boolean;
  pending: PendingCert[];
}

const STATUS_ICON: Record<StatusItem['status'], string> = {
  valid: 'check_circle', expiring: 'schedule', expired: 'error', missing: 'radio_button_unchecked', overdue: 'report',
};

function itemWidget(m: UnitPersonModel, item: StatusItem, t: Translate, locale: Locale): Widget {
  const p = m.person;
  const next = item.status !== 'valid' ? p.nextSession(item.competenceId) : undefined;
  const canSignOff = m.mayAct && item.status !== 'valid' && m.signOffable(item.competenceId);
  return decorated({
    topLabel: t(`status.label.${item.status}` as never),
    text: `<b>${esc(p.competenceName(item.competenceId))}</b>`,
    bottomLabel: [explain(item, t, locale), next && t('status.nextSession', { course: esc(next.courseTitle), date: formatDate(locale, next.startsAt) })]
      .filter(Boolean).join(' · '),
    startIcon: icon(STATUS_ICON[item.status]),
    ...(canSignOff ? { button: actionButton(t('signoff.button'), ACTIONS.signOffOpen,
      { email: m.email, competenceId: item.competenceId, chain: m.chain.join(',') }, { dialog: true, style: 'FILLED_TONAL' }) } : {}),
  });
}

export function unitPersonCard(m: UnitPersonModel, t: Translate, locale: Locale): Card {
  const p = m.person;
  const required = p.status.items.filter((i) => i.level === 'required' && i.status !== 'valid');
  const inOrder = p.status.items.filter((i) => i.level === 'required' && i.status === 'valid');
  const recommended = p.status.items.filter((i) => i.level === 'recommended');
  const summary = p.status.required === 0 ? t('unit.person.noRequirements') : t('status.summary', { ok: p.status.compliant, total: p.status.required });
  const anySignOff = m.mayAct && p.status.items.some((i) => m.signOffable(i.competenceId));
  return card({ title: p.name, subtitle: t('home.subtitle', { role: p.roleNames.join(', '), unit: p.unitName }) }, [
    section([text(summary)]),
    section(m.pending.map((c) => decorated({
      topLabel: t('verify.pendingLabel'),
      text: `<b>${esc(p.competenceName(c.competenceId))}</b>`,
      bottomLabel: t('verify.line', { source: t(`status.source.${c.source}` as never), date: formatDate(locale, c.achievedOn) }),
      startIcon: icon('hourglass_top'),
      ...(m.mayAct ? { button: actionButton(t('verify.button'), ACTIONS.verifyCertification,
        { email: m.email, certificationId: c.certificationId, chain: m.chain.join(',') }, { style: 'FILLED_TONAL' }) } : {}),
    })), { header: t('verify.title') }),
    section(required.map((i) => itemWidget(m, i, t, locale)), { header: t('unit.person.required') }),
    section(inOrder.map((i) => itemWidget(m, i, t, locale)), { header: t('unit.person.inOrder', { count: inOrder.length }), ...(inOrder.length > 1 ? { collapsible: true, uncollapsibleWidgetsCount: 1 } : {}) }),
    section(recommended.map((i) => itemWidget(m, i, t, locale)), { header: t('status.recommended'), ...(recommended.length > 2 ? { collapsible: true, uncollapsibleWidgetsCount: 2 } : {}) }),
    section(planWidgets(p.plan ?? [], t, locale), { header: t('status.plan.title') }),
    section([buttons([
      anySignOff && actionButton(t('signoff.other'), ACTIONS.signOffOpen, { email: m.email, chain: m.chain.join(',') }, { dialog: true }),
      actionButton(t('unit.backToUnit'), ACTIONS.unitOverview, { unitId: m.unitId }),
    ])]),
  ], { name: 'unit-person' });
}
