// Cards for one appraisal (status and the leader's or employee's actions), the new-conversation form, and the report of
// agreed-action rows that could not be understood. Only metadata and plan items: the conversation stays in its document.
import type { AppraisalKind, ProbationPlan, RowProblem } from '../../core/appraisal';
import { formatDate, type Locale, type Translate } from '../../core/i18n';
import type { Appraisal, PlanItem } from '../../core/records/tables';
import type { Card, Widget } from '../../contract/card-types';
import { ACTIONS } from '../../contract/actions';
import type { Button } from '../../contract/card-types';
import { actionButton, buttons, card, datePicker, decorated, esc, icon, linkButton, section, select, text } from './widgets';

/** A button row, or nothing when no button applies (an empty buttonList is not a valid widget). */
export function buttonRow(list: (Button | undefined | false)[]): Widget | undefined {
  const present = list.filter((b): b is Button => !!b);
  return present.length ? buttons(present) : undefined;
}

export interface PlanItemLine { label: string; note?: string; dueBy?: string; status: PlanItem['status'] }

export interface AppraisalCardModel {
  appraisal: Appraisal;
  employee: { name: string; email: string };
  /** The asker leads this employee (or is an HR admin): record, hold, schedule, archive. */
  mayLead: boolean;
  /** The asker is the employee: sign off. */
  isEmployee: boolean;
  /** Plan items recorded from this appraisal. */
  planItems: PlanItemLine[];
  probation?: ProbationPlan;
  docUrl?: string;
  docId?: string;
  today: string;
}

const STATUS_ICON: Record<Appraisal['status'], string> = {
  planned: 'event', prepared: 'description', held: 'task_alt', signed: 'verified', archived: 'inventory_2', cancelled: 'cancel',
};

export function kindLabel(t: Translate, kind: AppraisalKind): string {
  return t(`appraisal.kind.${kind}` as never);
}

function params(m: AppraisalCardModel): Record<string, string> {
  return { email: m.employee.email, appraisalId: m.appraisal.appraisalId, ...(m.docId ? { docId: m.docId } : {}) };
}

/** "Planned 3 Dec 2026 · held 5 Dec 2026 · next by 5 Dec 2027". */
export function datesLine(a: Pick<Appraisal, 'scheduledOn' | 'heldOn' | 'nextDueOn'>, t: Translate, locale: Locale): string {
  const d = (iso: string) => formatDate(locale, iso);
  return [
    a.scheduledOn && !a.heldOn ? t('appraisal.dates.scheduled', { date: d(a.scheduledOn) }) : undefined,
    a.heldOn ? t('appraisal.dates.held', { date: d(a.heldOn) }) : undefined,
    a.nextDueOn ? t('appraisal.dates.next', { date: d(a.nextDueOn) }) : undefined,
  ].filter(Boolean).join(' · ');
}

export function probationWidgets(p: ProbationPlan, t: Translate, locale: Locale): Widget[] {
  const d = (iso: string) => formatDate(locale, iso);
  const out: Widget[] = p.followUps.map((f) => decorated({
    topLabel: t('appraisal.probation.followUp', { n: f.n }),
    text: f.heldOn ? t('appraisal.probation.heldOn', { date: d(f.heldOn) }) : t(`appraisal.probation.state.${f.state}` as never, { date: d(f.dueOn) }),
    startIcon: icon(f.state === 'done' ? 'check_circle' : f.state === 'overdue' ? 'report' : 'schedule'),
  }));
  out.push(decorated({
    topLabel: t('appraisal.probation.decision'),
    text: t(`appraisal.probation.decision.${p.decision.state}` as never, { date: d(p.decision.by) }),
    bottomLabel: t('appraisal.probation.law'),
    startIcon: icon('gavel'),
  }));
  if (p.warning) out.push(text(`<b>${esc(t(`appraisal.probation.warning.${p.warning}` as never, { date: d(p.registeredEnd) }))}</b>`));
  return out;
}

export function planItemWidgets(lines: readonly PlanItemLine[], t: Translate, locale: Locale): Widget[] {
  return lines.map((l) => decorated({
    topLabel: t(`appraisal.plan.status.${l.status}` as never),
    text: esc(l.label),
    bottomLabel: [l.note && esc(l.note), l.dueBy && t('status.plan.due', { date: formatDate(locale, l.dueBy) })].filter(Boolean).join(' · ') || undefined,
    startIcon: icon(l.status === 'done' ? 'check_circle' : l.status === 'cancelled' ? 'block' : 'flag'),
  }));
}

/** One appraisal: status, dates, probation schedule, recorded actions, and what the asker may do next. */
export function appraisalCard(m: AppraisalCardModel, t: Translate, locale: Locale): Card {
  const a = m.appraisal;
  const p = params(m);
  const open = a.status === 'planned' || a.status === 'prepared';
  const living = a.status !== 'archived' && a.status !== 'cancelled';
  const leader: (Widget | undefined)[] = !m.mayLead ? [] : [
    buttonRow([
      m.docUrl ? linkButton(t('appraisal.openDoc'), m.docUrl, 'FILLED') : undefined,
      !!m.docId && living && actionButton(t('appraisal.recordActions'), ACTIONS.appraisalRecordActions, p, { style: 'FILLED_TONAL' }),
      !!m.docId && (a.status === 'held' || a.status === 'signed') && actionButton(t('appraisal.archive'), ACTIONS.appraisalArchive, p, { style: 'OUTLINED' }),
    ]),
    ...(open || a.status === 'held' ? [
      datePicker('heldOn', t('appraisal.heldOn.label'), a.heldOn ?? (a.scheduledOn && a.scheduledOn <= m.today ? a.scheduledOn : m.today)),
      buttons([actionButton(t(a.status === 'held' ? 'appraisal.markHeld.change' : 'appraisal.markHeld'), ACTIONS.appraisalMarkHeld, p)]),
    ] : []),
    ...(a.status === 'held' || a.status === 'signed' || a.status === 'archived' ? [
      datePicker('nextOn', t('appraisal.next.label'), a.nextDueOn),
      buttons([actionButton(t('appraisal.scheduleNext'), ACTIONS.appraisalScheduleNext, p, { style: 'OUTLINED' })]),
    ] : []),
  ];
  const employee: (Widget | undefined)[] = !m.isEmployee ? [] : [
    a.status === 'held' ? text(esc(t('appraisal.sign.intro'))) : undefined,
    buttonRow([
      m.docUrl ? linkButton(t('appraisal.openDoc'), m.docUrl, a.status === 'held' ? 'OUTLINED' : 'FILLED') : undefined,
      a.status === 'held' && actionButton(t('appraisal.sign'), ACTIONS.appraisalSignOff, p, { style: 'FILLED' }),
    ]),
  ];
  return card({ title: kindLabel(t, a.kind), subtitle: m.employee.name }, [
    section([decorated({
      topLabel: t('appraisal.status'),
      text: `<b>${esc(t(`appraisal.status.${a.status}` as never))}</b>`,
      bottomLabel: datesLine(a, t, locale) || undefined,
      startIcon: icon(STATUS_ICON[a.status]),
    })]),
    section(m.probation ? probationWidgets(m.probation, t, locale) : [], { header: t('appraisal.probation.title') }),
    section(m.planItems.length ? planItemWidgets(m.planItems, t, locale) : [text(esc(t(m.docId ? 'appraisal.plan.noneYet' : 'appraisal.plan.none')))],
      { header: t('appraisal.plan.title') }),
    section(leader, { header: t('appraisal.actions') }),
    section(employee),
    section([text(esc(t('appraisal.privacy')))]),
  ], { name: 'appraisal' });
}

export interface NewFormModel {
  /** People the asker holds conversations with, most urgent first (value: e-mail). */
  people: { email: string; name: string }[];
  more: number;
  selected?: { email: string; name: string };
  kind?: AppraisalKind;
  kinds: readonly AppraisalKind[];
  today: string;
}

/** "New conversation": who, which kind, when. The document is created from the kind's template on submit. */
export function newAppraisalCard(m: NewFormModel, t: Translate): Card {
  const who = m.selected
    ? text(`<b>${esc(m.selected.name)}</b><br>${esc(m.selected.email)}`)
    : select('email', t('appraisal.new.who'), m.people.map((p, i) => ({ text: p.name, value: p.email, bottomText: p.email, ...(i === 0 ? { selected: true } : {}) })));
  return card({ title: t('appraisal.new.title') }, [
    section([
      text(esc(t('appraisal.new.intro'))),
      who,
      m.more > 0 && !m.selected ? text(esc(t('appraisal.new.more', { count: m.more }))) : undefined,
      select('kind', t('appraisal.new.kind'), m.kinds.map((k) => ({ text: kindLabel(t, k), value: k, ...(k === (m.kind ?? 'development') ? { selected: true } : {}) }))),
      datePicker('date', t('appraisal.new.date'), m.today),
      buttons([actionButton(t('appraisal.new.create'), ACTIONS.appraisalCreate, m.selected ? { email: m.selected.email } : {}, { style: 'FILLED' })]),
    ]),
    section([text(esc(t('appraisal.new.sharing')))]),
  ], { name: 'appraisal-new' });
}

/** Rows of the agreed-actions table that could not be understood; nothing was recorded. */
export function tableProblemsCard(m: { problems: RowProblem[]; back: Record<string, string> }, t: Translate): Card {
  return card({ title: t('appraisal.table.problemsTitle') }, [
    section([
      text(esc(t('appraisal.table.problemsIntro', { count: m.problems.length }))),
      ...m.problems.map((p) => decorated({
        topLabel: t('appraisal.table.row', { row: p.row }),
        text: esc(p.text || '–'),
        bottomLabel: esc(t(`appraisal.table.reason.${p.reason}` as never, { value: p.value ?? '' })),
        startIcon: icon('error'),
      })),
      text(esc(t('appraisal.table.help'))),
    ]),
    section([buttons([
      actionButton(t('appraisal.recordActions.again'), ACTIONS.appraisalRecordActions, m.back, { style: 'FILLED' }),
      actionButton(t('common.back'), ACTIONS.appraisalOpen, m.back),
    ])]),
  ], { name: 'appraisal-problems' });
}
