// The staff member's own status card (Chat, Gmail, Docs and Sheets panels): where they stand and what to do next.
import type { EmployeeStatus, StatusItem } from '../../core/competence-status';
import { formatDate, type Locale, type Translate } from '../../core/i18n';
import type { Card, Widget } from '../../contract/card-types';
import { ACTIONS } from '../../contract/actions';
import { actionButton, buttons, card, decorated, esc, icon, section, text } from './widgets';

export interface NextSession { sessionId: string; courseTitle: string; startsAt: string }

export interface StatusCardModel {
  name: string;
  unitName: string;
  roleNames: string[];
  status: EmployeeStatus;
  competenceName(id: string): string;
  /** The next open session of a course that grants the competence, if any. */
  nextSession(competenceId: string): NextSession | undefined;
  isLeader: boolean;
  isAdmin: boolean;
  /** Open items of the individual plan (agreed in appraisals), beyond the role's requirements. */
  plan?: PlanLine[];
}

export interface PlanLine { planItemId: string; label: string; dueBy?: string; overdue?: boolean; competenceId?: string; status?: StatusItem['status'] }

/** The plan items as widgets (the staff card and the leader's view of a person share them). */
export function planWidgets(lines: readonly PlanLine[], t: Translate, locale: Locale): Widget[] {
  return lines.map((p) => decorated({
    topLabel: p.status ? t(`status.label.${p.status}` as never) : t('status.plan.open'),
    text: esc(p.label),
    bottomLabel: p.dueBy ? t(p.overdue ? 'status.plan.overdue' : 'status.plan.due', { date: formatDate(locale, p.dueBy) }) : undefined,
    startIcon: icon(p.status === 'valid' ? 'check_circle' : 'flag'),
  }));
}

const STATUS_ICON: Record<StatusItem['status'], string> = {
  valid: 'check_circle', expiring: 'schedule', expired: 'error', missing: 'radio_button_unchecked', overdue: 'report',
};

/** The status in words: "expires 2027-03-01: CPR course 2026-03-01 + 12 months". */
export function explain(item: StatusItem, t: Translate, locale: Locale): string {
  const d = (iso?: string) => formatDate(locale, iso);
  const b = item.basis;
  if (b) {
    const source = t(`status.source.${b.source}` as never);
    if (!item.expiresOn) return t('status.explain.never', { source, achieved: d(b.achievedOn) });
    if (b.explicit) return t(item.status === 'expired' ? 'status.explain.expiredExplicit' : 'status.explain.expiresExplicit', { date: d(item.expiresOn), source, achieved: d(b.achievedOn) });
    if (item.status === 'expired') return t('status.explain.expired', { date: d(item.expiresOn), source, achieved: d(b.achievedOn), months: b.validityMonths });
    if (b.extended) return t('status.explain.expiresExtended', { date: d(item.expiresOn), achieved: d(b.achievedOn), from: d(b.from), months: b.validityMonths });
    return t('status.explain.expires', { date: d(item.expiresOn), source, achieved: d(b.achievedOn), months: b.validityMonths });
  }
  if (item.pending) return t('status.explain.pending');
  if (item.dueBy && item.dueSince) {
    return t(item.status === 'overdue' ? 'status.explain.overdueSince' : 'status.explain.dueSince', { date: d(item.dueBy), since: d(item.dueSince) });
  }
  if (item.dueBy) return t(item.status === 'overdue' ? 'status.explain.overdue' : 'status.explain.due', { date: d(item.dueBy) });
  return t('status.explain.missing');
}

function itemWidget(m: StatusCardModel, item: StatusItem, t: Translate, locale: Locale, withAction: boolean): Widget {
  const next = withAction ? m.nextSession(item.competenceId) : undefined;
  const label = t(`status.label.${item.status}` as never);
  return decorated({
    topLabel: label,
    text: `<b>${esc(m.competenceName(item.competenceId))}</b>`,
    bottomLabel: [explain(item, t, locale), next && t('status.nextSession', { course: esc(next.courseTitle), date: formatDate(locale, next.startsAt) })]
      .filter(Boolean).join(' · '),
    startIcon: icon(STATUS_ICON[item.status]),
    ...(next ? { button: actionButton(t('status.signUp'), ACTIONS.signUp, { sessionId: next.sessionId }, { style: 'FILLED_TONAL' }) } : {}),
  });
}

export function statusCard(m: StatusCardModel, t: Translate, locale: Locale): Card {
  const { status } = m;
  const open = status.items.filter((i) => i.status !== 'valid' && i.level === 'required');
  const fine = status.items.filter((i) => i.status === 'valid' && i.level === 'required');
  const recommended = status.items.filter((i) => i.level === 'recommended');
  const summary = status.required === 0 ? t('status.summaryNone') : t('status.summary', { ok: status.compliant, total: status.required });
  return card(
    { title: t('status.title'), subtitle: t('home.subtitle', { role: m.roleNames.join(', '), unit: m.unitName }) },
    [
      section([text(`${esc(t('home.greeting', { name: m.name.split(' ')[0] }))}<br>${summary}`)]),
      section(open.map((i) => itemWidget(m, i, t, locale, true)), { header: t('status.needsAction') }),
      section(fine.map((i) => itemWidget(m, i, t, locale, false)), { header: t('status.allGood'), ...(fine.length > 3 ? { collapsible: true, uncollapsibleWidgetsCount: 3 } : {}) }),
      section(recommended.map((i) => itemWidget(m, i, t, locale, i.status !== 'valid')), { header: t('status.recommended'), ...(recommended.length > 2 ? { collapsible: true, uncollapsibleWidgetsCount: 2 } : {}) }),
      section(planWidgets(m.plan ?? [], t, locale), { header: t('status.plan.title'), ...((m.plan?.length ?? 0) > 3 ? { collapsible: true, uncollapsibleWidgetsCount: 3 } : {}) }),
      // Short on a phone (issue 15: nine buttons made a long column): the three things staff come for stay in view, the
      // rest sit under the section's "show more" (a collapsible section: Card v2 in Chat and CardService in Gmail, Docs
      // and Sheets; an overflowMenu is only in developer preview for Workspace add-ons). A leader's unit comes first there.
      section([
        buttons([
          actionButton(t('button.myCourses'), ACTIONS.myCourses),
          actionButton(t('button.findCourses'), ACTIONS.findCourses),
          actionButton(t('button.askGuide'), ACTIONS.askOpen, {}, { dialog: true }),
        ]),
        buttons([
          m.isLeader && actionButton(t('button.unit'), ACTIONS.unitOverview),
          actionButton(t('button.faq'), ACTIONS.faqSearch),
          actionButton(t('button.myGuide'), ACTIONS.myGuide),
          actionButton(t('button.appraisals'), ACTIONS.myAppraisals),
          actionButton(t('button.skills'), ACTIONS.skillsOpen, {}, { dialog: true }),
          m.isAdmin && actionButton(t('button.health'), ACTIONS.health),
          actionButton(t('button.help'), ACTIONS.help),
        ]),
      ], { collapsible: true, uncollapsibleWidgetsCount: 1 }),
    ],
    { name: 'status' },
  );
}
