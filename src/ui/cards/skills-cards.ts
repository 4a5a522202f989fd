// The digital-skills survey (0–4 per everyday area), the thank-you with a tip, and the per-unit results for leaders and guides.
import { formatNumber, type Locale, type Translate } from '../../core/i18n';
import { SKILL_AREAS } from '../../core/records/tables';
import { skillSummary, type Aggregate, type SkillArea, type UnitAggregate } from '../../core/unit-aggregates';
import type { Card, Widget } from '../../contract/card-types';
import { ACTIONS } from '../../contract/actions';
import { actionButton, buttons, card, decorated, esc, icon, section, select, text } from './widgets';

export const LEVELS = [0, 1, 2, 3, 4] as const;
/** The dropdown value for "not answered" (a dropdown always shows something; 0 must be a real answer). */
export const NO_ANSWER = 'none';
/** Fewer answers than this are not shown per unit: a small unit's answers would identify people. */
export const MIN_RESPONDENTS = 3;

export function fieldOf(area: SkillArea): string {
  return `skill_${area}`;
}

export function levelLabel(level: number, t: Translate): string {
  return t(`skills.level.${level}` as 'skills.level.0');
}
export function areaLabel(area: SkillArea, t: Translate): string {
  return t(`skills.area.${area}` as 'skills.area.email');
}

export function skillsFormCard(current: Partial<Record<SkillArea, number>>, t: Translate): Card {
  const widgets: Widget[] = SKILL_AREAS.map((area) => select(fieldOf(area), areaLabel(area, t), [
    { text: t('skills.choose'), value: NO_ANSWER, selected: current[area] === undefined },
    ...LEVELS.map((l) => ({ text: `${l} – ${levelLabel(l, t)}`, value: String(l), selected: current[area] === l })),
  ]));
  return card({ title: t('skills.title'), subtitle: t('skills.subtitle') }, [
    section([text(esc(t('skills.intro')))]),
    section(widgets),
    section([buttons([actionButton(t('skills.submit'), ACTIONS.skillsSubmit, {}, { style: 'FILLED' })])]),
  ], { name: 'skills' });
}

/** After answering: their levels, and where a guide can help most (the lowest areas). */
export function skillsThanksCard(levels: Partial<Record<SkillArea, number>>, t: Translate): Card {
  const answered = SKILL_AREAS.filter((a) => levels[a] !== undefined);
  const lowest = Math.min(...answered.map((a) => levels[a]!));
  const weakest = answered.filter((a) => levels[a] === lowest && lowest < 3).map((a) => areaLabel(a, t));
  return card({ title: t('skills.thanks') }, [
    section(answered.map((a) => decorated({ topLabel: areaLabel(a, t), text: `${levels[a]} – ${esc(levelLabel(levels[a]!, t))}` }))),
    section([text(esc(weakest.length ? t('skills.tip', { areas: weakest.join(', ') }) : t('skills.tipStrong')))]),
    section([buttons([
      actionButton(t('button.askGuide'), ACTIONS.askOpen, {}, { dialog: true }),
      actionButton(t('skills.change'), ACTIONS.skillsOpen, {}, { dialog: true }),
      actionButton(t('button.myStatus'), ACTIONS.myStatus),
    ])]),
  ], { name: 'skills-thanks' });
}

/** Per-area results, the areas needing most help first; each with the level to teach at (the median answer). */
export function skillsUnitCard(unit: UnitAggregate, children: readonly UnitAggregate[], ctx: { t: Translate; locale: Locale; canOpen(unitId: string): boolean; showOverview: boolean }): Card {
  const { t, locale } = ctx;
  const rows = SKILL_AREAS.map((area) => ({ area, s: skillSummary(unit, area) }))
    .filter((r): r is { area: SkillArea; s: NonNullable<ReturnType<typeof skillSummary>> } => !!r.s)
    .sort((a, b) => a.s.average - b.s.average);
  const enough = unit.skillRespondents >= MIN_RESPONDENTS;
  const widgets: Widget[] = enough ? rows.map(({ area, s }) => decorated({
    topLabel: areaLabel(area, t),
    text: t('skills.avg', { avg: formatNumber(locale, s.average, 1, 1), n: s.respondents }),
    bottomLabel: `${t('skills.dist', { l0: s.distribution[0], l1: s.distribution[1], l2: s.distribution[2], l3: s.distribution[3], l4: s.distribution[4] })} · ${t('skills.teachAt', { level: `${s.median} – ${levelLabel(s.median, t)}` })}`,
    startIcon: icon(s.average < 2 ? 'school' : 'check'),
  })) : [text(esc(t('skills.tooFew', { min: MIN_RESPONDENTS })))];
  return card({ title: t('skills.unitTitle', { unit: unit.name }), subtitle: t('skills.respondents', { n: unit.skillRespondents, people: unit.people }) }, [
    section(widgets),
    section(children.map((c) => decorated({
      text: esc(c.name),
      bottomLabel: t('skills.respondents', { n: c.skillRespondents, people: c.people }),
      ...(ctx.canOpen(c.unitId) ? { button: actionButton(t('unit.open'), ACTIONS.skillsUnit, { unitId: c.unitId }) } : {}),
    })), { header: t('unit.subUnits'), ...(children.length > 5 ? { collapsible: true, uncollapsibleWidgetsCount: 5 } : {}) }),
    section([ctx.showOverview && buttons([actionButton(t('button.unit'), ACTIONS.unitOverview, { unitId: unit.unitId })])]),
  ], { name: 'skills-unit' });
}

/** A guide (or leader of several units) chooses which unit's results to see. */
export function skillsUnitPicker(units: readonly { unitId: string; name: string }[], t: Translate): Card {
  return card({ title: t('skills.pickUnit') }, [
    section(units.map((u) => decorated({ text: esc(u.name), button: actionButton(t('unit.open'), ACTIONS.skillsUnit, { unitId: u.unitId }) }))),
  ], { name: 'skills-units' });
}

/** Areas aggregated for a unit without the sub-unit list (used in tests and the sidebar). */
export function skillRows(agg: Aggregate): { area: SkillArea; average: number; median: number; respondents: number }[] {
  return SKILL_AREAS.flatMap((area) => {
    const s = skillSummary(agg, area);
    return s ? [{ area, average: s.average, median: s.median, respondents: s.respondents }] : [];
  });
}
