// A leader's unit overview (compliance, worst competences, sub-units, people who need action, paging) and the unit list.
import { translator, type Locale } from '../../../src/core/i18n';
import { ACTIONS } from '../../../src/contract/actions';
import {
  childWidget, countsText, itemText, leaderSection, localDateTime, needingAction, pctText, PEOPLE_PER_CARD, unitCard, unitListCard, type UnitCardContext,
} from '../../../src/ui/cards/unit-cards';
import { actionNames, clicks, expectHostileInert, expectValidCard, htmlFields, HOSTILE, aw, ws } from '../../support/cards';
import { COMPETENCES, leaderView, member, unitAgg, unitView } from '../../support/unit-views';

const ctx = (locale: Locale = 'nb', over: Partial<UnitCardContext> = {}): UnitCardContext => ({
  t: translator(locale), locale, competenceName: (id) => COMPETENCES[id] ?? id, canOpen: (id) => id !== 'U-N2', timeZone: 'Europe/Oslo', ...over,
});
const nb = ctx();

describe('texts', () => {
  it('gives the compliance in whole percent (rounded down), or says there are no requirements', () => {
    expect(pctText({ required: 48, compliant: 40 }, nb.t)).toBe(nb.t('unit.pct', { pct: 83 }));
    expect(pctText({ required: 3, compliant: 2 }, nb.t)).toBe(nb.t('unit.pct', { pct: 66 }));
    expect(pctText({ required: 0, compliant: 0 }, nb.t)).toBe(nb.t('unit.noRequirements'));
    expect(countsText(unitAgg('U', 'U'), nb.t)).toBe(nb.t('unit.counts', { overdue: 1, expired: 3, missing: 4, expiring: 4 }));
  });

  it('says what an item needs, with or without a date, and the local time of the figures', () => {
    expect(itemText({ competenceId: 'HLR', status: 'expired', date: '2026-11-01' }, nb)).toBe(nb.t('unit.item.expired', { competence: 'Hjerte-lungeredning', date: '1. november 2026' }));
    expect(itemText({ competenceId: 'HLR', status: 'missing', date: '2027-01-01' }, nb)).toBe(nb.t('unit.item.missingDue', { competence: 'Hjerte-lungeredning', date: '1. januar 2027' }));
    expect(itemText({ competenceId: 'HLR', status: 'missing' }, nb)).toBe(nb.t('unit.item.missing', { competence: 'Hjerte-lungeredning' }));
    expect(localDateTime('2026-12-31T23:30:00Z', nb)).toEqual({ date: '1. januar 2027', time: '00:30' });
    expect(localDateTime('2026-06-15T06:05:00Z', ctx('en'))).toEqual({ date: '15 June 2026', time: '08:05' });
  });

  it('lists only people with something to do', () => {
    expect(needingAction([member(1), member(2, { items: [] })]).map((m) => m.employeeId)).toEqual(['E1']);
  });
});

describe('unitCard', () => {
  it('shows the summary, the three worst competences, the sub-units and the people, each opening what the leader may open', () => {
    const view = unitView();
    const c = unitCard(view, view.members, 0, 0, nb, { unitId: 'U-AREA', name: 'Helse' });
    expectValidCard(c);
    expect(c.header).toEqual({ title: 'Hjemmetjenesten Nord', subtitle: nb.t('unit.subtitle', { area: 'Helse og velferd', people: 12 }) });
    expect(htmlFields(c.sections[0])).toEqual([`<b>${nb.t('unit.pct', { pct: 83 })}</b>`, nb.t('unit.compliance'), countsText(view.unit, nb.t),
      nb.t('unit.peopleLine', { people: 12, gaps: 5, expiring: 3 }), `<i>${nb.t('unit.asOf', { date: '3. desember 2026', time: '07:00' })}</i>`]);
    expect(ws(c.sections[1]).map((w) => w.decoratedText!.text)).toEqual(['Smittevern', 'Hjerte-lungeredning', 'Brannvern']);
    // Sone 2 may not be opened by this leader: no button.
    expect(clicks(c.sections[2])).toEqual([{ text: nb.t('unit.open'), action: ACTIONS.unitOverview, params: { unitId: 'U-N1' }, dialog: false }]);
    expect(ws(c.sections[2])).toHaveLength(2);
    expect(clicks(c.sections[3]).map((k) => [k.action, k.params])).toEqual([1, 2, 3].map((i) => [ACTIONS.unitPerson, { email: `ansatt${i}@kommune.no`, unitId: 'U-NORD' }]));
    expect(c.sections[3]!.header).toBe(nb.t('unit.needsActionHere', { count: 3 }));
    expect(actionNames(c.sections[4])).toEqual([ACTIONS.skillsUnit, ACTIONS.unitOverview, ACTIONS.myStatus]);
  });

  it('pages through the people, PEOPLE_PER_CARD at a time, with "more" only while some are left', () => {
    const members = Array.from({ length: 45 }, (_, i) => member(i + 1));
    const view = unitView({ members, needingCount: 45, memberCount: 45, children: [] });
    const first = unitCard(view, members, 0, 0, nb);
    expect(ws(first.sections.find((s) => s.header === nb.t('unit.needsAction', { count: 45 })))).toHaveLength(PEOPLE_PER_CARD);
    expect(clicks(first).find((k) => k.text === nb.t('common.more'))!.params).toEqual({ unitId: 'U-NORD', from: '20' });
    const last = unitCard(view, members.slice(40), 40, 40, nb);
    const people = ws(last.sections.find((s) => s.header === nb.t('unit.needsAction', { count: 45 })));
    expect(people.map((w) => w.decoratedText!.text)).toEqual(['Ansatt 41', 'Ansatt 42', 'Ansatt 43', 'Ansatt 44', 'Ansatt 45']);
    expect(clicks(last).some((k) => k.text === nb.t('common.more'))).toBe(false);
    expectValidCard(last);
  });

  it('says all is well, or that the unit has no people of its own; collapses many sub-units; shortens long item lists', () => {
    const fine = unitView({ members: [member(1, { items: [] })], needingCount: 0, memberCount: 1 });
    expect(htmlFields(unitCard(fine, fine.members, 0, 0, nb).sections[3])).toEqual([nb.t('unit.allGood')]);
    const empty = unitView({ members: [], memberCount: 0, needingCount: 0, children: Array.from({ length: 7 }, (_, i) => unitAgg(`C${i}`, `Sone ${i}`)) });
    const c = unitCard(empty, [], 0, 0, nb);
    expect(htmlFields(c.sections[3])).toEqual([nb.t('unit.noOwnPeople')]);
    expect(c.sections[2]).toMatchObject({ collapsible: true, uncollapsibleWidgetsCount: 5 });
    const busy = member(1, { items: ['HLR', 'BRANN', 'SMITTE', 'X', 'Y'].map((competenceId) => ({ competenceId, status: 'missing' as const })) });
    const row = ws(unitCard(unitView({ members: [busy] }), [busy], 0, 0, nb).sections[3])[0]!.decoratedText!;
    expect(row.bottomLabel!.endsWith(nb.t('unit.andMore', { count: 2 }))).toBe(true);
    expect(row.bottomLabel!.split(' · ')).toHaveLength(4);
  });

  it('keeps names of units, people and competences inert', () => {
    const view = unitView({ members: [member(1, { name: HOSTILE })], children: [unitAgg('U-N1', HOSTILE)] });
    expectHostileInert(unitCard(view, view.members, 0, 0, ctx('nb', { competenceName: () => HOSTILE })));
  });

  it('speaks Swedish', () => {
    const sv = ctx('sv');
    const view = unitView();
    expect(unitCard(view, view.members, 0, 0, sv).sections[1]!.header).toBe(sv.t('unit.worst'));
    expect(sv.t('unit.worst')).not.toBe(nb.t('unit.worst'));
  });
});

describe('the unit list and the leader section', () => {
  it('lists each led unit with a way in', () => {
    const view = leaderView([unitView(), unitView({ unit: unitAgg('U-SOR', 'Hjemmetjenesten Sør', { required: 0, compliant: 0 }) })]);
    const list = unitListCard(view, nb);
    expectValidCard(list);
    expect(ws(list.sections[0]).map((w) => [w.decoratedText!.topLabel, w.decoratedText!.text])).toEqual([
      [nb.t('unit.pct', { pct: 83 }), 'Hjemmetjenesten Nord'], [nb.t('unit.noRequirements'), 'Hjemmetjenesten Sør']]);
    expect(actionNames(list)).toEqual([ACTIONS.unitOverview, ACTIONS.unitOverview, ACTIONS.myStatus]);
    const s = leaderSection(view, nb);
    expect(s.header).toBe(nb.t('unit.myUnits'));
    expect(clicks(s).map((k) => k.params.unitId)).toEqual(['U-NORD', 'U-SOR']);
    expectValidCard({ sections: [s] });
    expect(aw(childWidget(unitAgg('U-N2', 'Sone 2'), nb, ACTIONS.skillsUnit)).decoratedText!.button).toBeUndefined();
    expect(clicks(childWidget(unitAgg('U-N1', 'Sone 1'), nb, ACTIONS.skillsUnit))[0]!.action).toBe(ACTIONS.skillsUnit);
  });
});
