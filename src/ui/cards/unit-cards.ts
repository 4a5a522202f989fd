// Leaders' cards: a unit's overview (compliance, worst competences, sub-units, people who need action) and the unit list.
import { isoDateIn } from '../../core/dates';
import { formatDate, type Locale, type Translate } from '../../core/i18n';
import {
  compliancePct, gapsOf, worstCompetences, type Aggregate, type MemberItem, type MemberSummary, type UnitAggregate,
} from '../../core/unit-aggregates';
import type { LeaderView, UnitView } from '../../contract/views';
import type { Card, Section, Widget } from '../../contract/card-types';
import { ACTIONS } from '../../contract/actions';
import { actionButton, buttons, card, decorated, esc, icon, section, text } from './widgets';

/** People listed per card (phones): "show more" pages on. */
export const PEOPLE_PER_CARD = 20;

export interface UnitCardContext {
  t: Translate;
  locale: Locale;
  competenceName(id: string): string;
  /** Whether the asker may open this unit (their own led units and below, or everything for HR). */
  canOpen(unitId: string): boolean;
  /** The municipality's time zone, for "figures as of". */
  timeZone: string;
}

/** Date and hh:mm of an instant in the municipality's time zone. */
export function localDateTime(iso: string, ctx: Pick<UnitCardContext, 'locale' | 'timeZone'>): { date: string; time: string } {
  const at = new Date(iso);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: ctx.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return { date: formatDate(ctx.locale, isoDateIn(at, ctx.timeZone)), time };
}

export function pctText(agg: Pick<Aggregate, 'required' | 'compliant'>, t: Translate): string {
  const pct = compliancePct(agg);
  return pct === undefined ? t('unit.noRequirements') : t('unit.pct', { pct });
}

export function countsText(agg: Aggregate, t: Translate): string {
  return t('unit.counts', { overdue: agg.counts.overdue, expired: agg.counts.expired, missing: agg.counts.missing, expiring: agg.counts.expiring });
}

export function itemText(item: MemberItem, ctx: Pick<UnitCardContext, 't' | 'locale' | 'competenceName'>): string {
  const competence = ctx.competenceName(item.competenceId);
  const date = formatDate(ctx.locale, item.date);
  if (item.status === 'missing') return date ? ctx.t('unit.item.missingDue', { competence, date }) : ctx.t('unit.item.missing', { competence });
  return ctx.t(`unit.item.${item.status}` as 'unit.item.expired', { competence, date });
}

/** People who need something: gaps first, then those with items expiring. */
export function needingAction(members: readonly MemberSummary[]): MemberSummary[] {
  return members.filter((m) => m.items.length > 0);
}

function summaryWidgets(agg: UnitAggregate, view: Pick<UnitView, 'builtAt' | 'patchedAt'>, ctx: UnitCardContext): Widget[] {
  const { t } = ctx;
  return [
    decorated({
      topLabel: t('unit.compliance'),
      text: `<b>${esc(pctText(agg, t))}</b>`,
      bottomLabel: countsText(agg, t),
      startIcon: icon((compliancePct(agg) ?? 100) >= 90 ? 'verified' : 'warning'),
    }),
    text(esc(t('unit.peopleLine', { people: agg.people, gaps: agg.peopleWithGaps, expiring: agg.peopleExpiring }))),
    text(`<i>${esc(t('unit.asOf', localDateTime(view.patchedAt ?? view.builtAt, ctx)))}</i>`),
  ];
}

function worstWidgets(agg: Aggregate, ctx: UnitCardContext): Widget[] {
  return worstCompetences(agg, 3).map((w) => decorated({
    text: esc(ctx.competenceName(w.competenceId)),
    bottomLabel: ctx.t('unit.worstLine', { gaps: w.gaps, expiring: w.expiring }),
    startIcon: icon(w.gaps > 0 ? 'error' : 'schedule'),
  }));
}

export function childWidget(c: UnitAggregate, ctx: UnitCardContext, action: typeof ACTIONS.unitOverview | typeof ACTIONS.skillsUnit = ACTIONS.unitOverview): Widget {
  return decorated({
    topLabel: pctText(c, ctx.t),
    text: esc(c.name),
    bottomLabel: ctx.t('unit.childLine', { people: c.people, gaps: c.peopleWithGaps }),
    ...(ctx.canOpen(c.unitId) ? { button: actionButton(ctx.t('unit.open'), action, { unitId: c.unitId }) } : {}),
  });
}

function memberWidget(m: MemberSummary, unitId: string, ctx: UnitCardContext): Widget {
  const shown = m.items.slice(0, 3).map((i) => itemText(i, ctx));
  if (m.items.length > 3) shown.push(ctx.t('unit.andMore', { count: m.items.length - 3 }));
  return decorated({
    text: esc(m.name),
    bottomLabel: esc(shown.join(' · ')),
    startIcon: icon(gapsOf(m) > 0 ? 'error' : 'schedule'),
    onClick: actionButton(m.name, ACTIONS.unitPerson, { email: m.email, unitId }).onClick,
  });
}

/**
 * One unit: the overview, its sub-units (drill down) and a card's worth of its own people who need action, from offset
 * `from` among them. `pageMembers` is the cache page holding that offset (page 0 is inside the view; see UNIT_PAGE).
 */
export function unitCard(view: UnitView, pageMembers: readonly MemberSummary[], from: number, pageStart: number, ctx: UnitCardContext,
  parent?: { unitId: string; name: string }): Card {
  const { t } = ctx;
  const agg = view.unit;
  const shown = needingAction(pageMembers).slice(from - pageStart, from - pageStart + PEOPLE_PER_CARD);
  const moreLeft = from + PEOPLE_PER_CARD < view.needingCount;
  const sections: Section[] = [
    section(summaryWidgets(agg, view, ctx)),
    section(worstWidgets(agg, ctx), { header: t('unit.worst') }),
    section(view.children.map((c) => childWidget(c, ctx)), { header: t('unit.subUnits'), ...(view.children.length > 5 ? { collapsible: true, uncollapsibleWidgetsCount: 5 } : {}) }),
    section(
      shown.length ? shown.map((m) => memberWidget(m, agg.unitId, ctx)) : [text(esc(t(view.memberCount ? 'unit.allGood' : 'unit.noOwnPeople')))],
      { header: t(view.children.length ? 'unit.needsActionHere' : 'unit.needsAction', { count: view.needingCount }) },
    ),
    section([buttons([
      moreLeft && actionButton(t('common.more'), ACTIONS.unitOverview, { unitId: agg.unitId, from: String(from + PEOPLE_PER_CARD) }),
      actionButton(t('button.skills'), ACTIONS.skillsUnit, { unitId: agg.unitId }),
      parent && ctx.canOpen(parent.unitId) && actionButton(t('unit.up', { name: parent.name }), ACTIONS.unitOverview, { unitId: parent.unitId }),
      actionButton(t('button.myStatus'), ACTIONS.myStatus),
    ])]),
  ];
  return card({ title: agg.name, subtitle: t('unit.subtitle', { area: agg.area, people: agg.people }) }, sections, { name: 'unit' });
}

/** A leader who leads several separate units picks one. */
export function unitListCard(view: LeaderView, ctx: UnitCardContext): Card {
  return card({ title: ctx.t('unit.myUnits') }, [
    section(view.units.map((u) => childWidget(u.unit, ctx))),
    section([buttons([actionButton(ctx.t('button.myStatus'), ACTIONS.myStatus)])]),
  ], { name: 'units' });
}

/** The leader's part of a home panel (Sheets): each led unit in one line, with the way into its overview. */
export function leaderSection(view: LeaderView, ctx: UnitCardContext): Section {
  return section(view.units.map((u) => decorated({
    topLabel: pctText(u.unit, ctx.t),
    text: `<b>${esc(u.unit.name)}</b>`,
    bottomLabel: ctx.t('unit.peopleLine', { people: u.unit.people, gaps: u.unit.peopleWithGaps, expiring: u.unit.peopleExpiring }),
    startIcon: icon('groups'),
    button: actionButton(ctx.t('unit.open'), ACTIONS.unitOverview, { unitId: u.unit.unitId }),
  })), { header: ctx.t('unit.myUnits') });
}
