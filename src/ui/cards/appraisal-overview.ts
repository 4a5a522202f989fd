// The leader's overview (who is in probation, who is due or overdue for each kind) and the employee's own conversations.
import type { AppraisalKind, DueState, FollowUp, ProbationPlan } from '../../core/appraisal';
import { formatDate, type Locale, type Translate } from '../../core/i18n';
import type { Appraisal } from '../../core/records/tables';
import type { Card, Widget } from '../../contract/card-types';
import { ACTIONS } from '../../contract/actions';
import { buttonRow, datesLine, kindLabel } from './appraisal-cards';
import { planWidgets, type PlanLine } from './status-card';
import { actionButton, card, decorated, esc, icon, linkButton, section, text } from './widgets';

/** Rows per section; the rest are counted ("and 12 more"). */
export const OVERVIEW_ROWS = 12;

export interface DueRow {
  email: string;
  name: string;
  kind: Exclude<AppraisalKind, 'probation'>;
  state: Extract<DueState, 'overdue' | 'due' | 'scheduled'>;
  dueOn?: string;
  /** The planned or prepared conversation, to open. */
  appraisalId?: string;
}

export interface ProbationRow {
  email: string;
  name: string;
  plan: ProbationPlan;
  /** The next follow-up not yet held. */
  next?: FollowUp;
  appraisalId?: string;
}

export interface OverviewModel {
  probation: ProbationRow[];
  due: DueRow[];
  /** People in the list, and whether the list was cut at its maximum. */
  people: number;
  truncated: boolean;
  /** Set when the panel was opened on a document that is not a Kompetent appraisal. */
  notice?: string;
  /** The open document has not been shared with the add-on yet: offer the button that asks for access. */
  grantAccess?: boolean;
}

/** The notice on top of the panel, with the button that asks Docs for access to the open document when needed. */
function noticeWidgets(m: { notice?: string; grantAccess?: boolean }, t: Translate): (Widget | undefined)[] {
  return [
    m.notice ? text(`<b>${esc(m.notice)}</b>`) : undefined,
    m.grantAccess ? buttonRow([actionButton(t('appraisal.doc.grant'), ACTIONS.docsGrantAccess, {}, { style: 'FILLED' })]) : undefined,
  ];
}

function more(rest: number, t: Translate): Widget | undefined {
  return rest > 0 ? text(esc(t('appraisal.overview.more', { count: rest }))) : undefined;
}

function probationWidget(r: ProbationRow, t: Translate, locale: Locale): Widget {
  const d = (iso: string) => formatDate(locale, iso);
  const next = r.next;
  const line = next ? t(`appraisal.probation.state.${next.state}` as never, { date: d(next.dueOn) }) : t('appraisal.probation.allHeld');
  return decorated({
    topLabel: next ? t('appraisal.probation.followUp', { n: next.n }) : t('appraisal.kind.probation'),
    text: `<b>${esc(r.name)}</b>`,
    bottomLabel: `${line} · ${t(`appraisal.probation.decision.${r.plan.decision.state}` as never, { date: d(r.plan.decision.by) })}${r.plan.warning ? ' ⚠' : ''}`,
    startIcon: icon(next?.state === 'overdue' || r.plan.decision.state === 'due' ? 'report' : 'schedule'),
    button: r.appraisalId
      ? actionButton(t('appraisal.open'), ACTIONS.appraisalOpen, { email: r.email, appraisalId: r.appraisalId })
      : actionButton(t('appraisal.new.short'), ACTIONS.appraisalNewOpen, { email: r.email, kind: 'probation' }),
  });
}

function dueWidget(r: DueRow, t: Translate, locale: Locale): Widget {
  return decorated({
    topLabel: kindLabel(t, r.kind),
    text: `<b>${esc(r.name)}</b>`,
    bottomLabel: r.dueOn ? t(`appraisal.due.${r.state}` as never, { date: formatDate(locale, r.dueOn) }) : t('appraisal.due.never'),
    startIcon: icon(r.state === 'overdue' ? 'report' : r.state === 'scheduled' ? 'event' : 'schedule'),
    button: r.appraisalId
      ? actionButton(t('appraisal.open'), ACTIONS.appraisalOpen, { email: r.email, appraisalId: r.appraisalId })
      : actionButton(t('appraisal.new.short'), ACTIONS.appraisalNewOpen, { email: r.email, kind: r.kind }),
  });
}

/** The leader's list: probation first (courts weigh documented follow-up), then who is overdue or due. */
export function overviewCard(m: OverviewModel, t: Translate, locale: Locale): Card {
  const due = m.due.filter((r) => r.state !== 'scheduled');
  const scheduled = m.due.filter((r) => r.state === 'scheduled');
  const empty = m.probation.length === 0 && m.due.length === 0;
  return card({ title: t('appraisal.overview.title'), subtitle: t('appraisal.overview.subtitle', { people: m.people }) }, [
    section([...noticeWidgets(m, t), empty ? text(esc(t('appraisal.overview.nothing'))) : undefined]),
    section([...m.probation.slice(0, OVERVIEW_ROWS).map((r) => probationWidget(r, t, locale)), more(m.probation.length - OVERVIEW_ROWS, t)],
      { header: t('appraisal.overview.probation') }),
    section([...due.slice(0, OVERVIEW_ROWS).map((r) => dueWidget(r, t, locale)), more(due.length - OVERVIEW_ROWS, t)],
      { header: t('appraisal.overview.due') }),
    section([...scheduled.slice(0, OVERVIEW_ROWS).map((r) => dueWidget(r, t, locale)), more(scheduled.length - OVERVIEW_ROWS, t)],
      { header: t('appraisal.overview.scheduled') }),
    section([
      m.truncated ? text(esc(t('appraisal.overview.truncated'))) : undefined,
      buttonRow([
        actionButton(t('appraisal.new.title'), ACTIONS.appraisalNewOpen, {}, { style: 'FILLED' }),
        actionButton(t('appraisal.mine.button'), ACTIONS.myAppraisals),
      ]),
    ]),
  ], { name: 'appraisal-overview' });
}

export interface MineModel {
  name: string;
  appraisals: { appraisal: Appraisal; docUrl?: string }[];
  plan: PlanLine[];
  isLeader: boolean;
  notice?: string;
  grantAccess?: boolean;
}

/** The employee's own conversations (sign a held one) and the plan items agreed in them. */
export function myAppraisalsCard(m: MineModel, t: Translate, locale: Locale): Card {
  const rows = m.appraisals.map(({ appraisal: a, docUrl }) => decorated({
    topLabel: kindLabel(t, a.kind),
    text: `<b>${esc(t(`appraisal.status.${a.status}` as never))}</b>`,
    bottomLabel: datesLine(a, t, locale) || undefined,
    startIcon: icon(a.status === 'held' ? 'draw' : 'forum'),
    ...(a.status === 'held'
      ? { button: actionButton(t('appraisal.sign'), ACTIONS.appraisalSignOff, { appraisalId: a.appraisalId, ...(a.docId ? { docId: a.docId } : {}) }, { style: 'FILLED_TONAL' }) }
      : docUrl ? { button: linkButton(t('appraisal.openDoc'), docUrl) } : {}),
  }));
  return card({ title: t('appraisal.mine.title'), subtitle: m.name }, [
    section(noticeWidgets(m, t)),
    section(rows.length ? rows : [text(esc(t('appraisal.mine.none')))], { header: t('appraisal.mine.conversations') }),
    section(m.plan.length ? planWidgets(m.plan, t, locale) : [text(esc(t('appraisal.mine.noPlan')))], { header: t('status.plan.title') }),
    section([buttonRow([m.isLeader && actionButton(t('appraisal.overview.button'), ACTIONS.appraisalOverview, {}, { style: 'FILLED_TONAL' })])]),
  ], { name: 'appraisal-mine' });
}
