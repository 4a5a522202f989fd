// The digital-skills survey: the form (0 is a real answer), the thank-you with a tip, and per-unit results that hide
// units too small to stay anonymous.
import { translator } from '../../../src/core/i18n';
import { SKILL_AREAS } from '../../../src/core/records/tables';
import { ACTIONS } from '../../../src/contract/actions';
import {
  areaLabel, fieldOf, levelLabel, MIN_RESPONDENTS, NO_ANSWER, skillRows, skillsFormCard, skillsThanksCard, skillsUnitCard, skillsUnitPicker,
} from '../../../src/ui/cards/skills-cards';
import { actionNames, clicks, expectHostileInert, expectValidCard, htmlFields, HOSTILE, ws } from '../../support/cards';
import { unitAgg } from '../../support/unit-views';

const t = translator('nb');

describe('the survey form', () => {
  it('has one dropdown per area, "not answered" selected unless a level (0 included) was given', () => {
    const c = skillsFormCard({ email: 0, drive: 3 }, t);
    expectValidCard(c);
    const selects = ws(c.sections[1]).map((w) => w.selectionInput!);
    expect(selects.map((s) => s.name)).toEqual(SKILL_AREAS.map(fieldOf));
    expect(fieldOf('drive')).toBe('skill_drive');
    const email = selects[0]!;
    expect(email.label).toBe(areaLabel('email', t));
    expect(email.items.map((i) => [i.value, i.selected])).toEqual([[NO_ANSWER, false], ['0', true], ['1', false], ['2', false], ['3', false], ['4', false]]);
    expect(email.items[1]!.text).toBe(`0 – ${levelLabel(0, t)}`);
    expect(selects[1]!.items[0]).toEqual({ text: t('skills.choose'), value: NO_ANSWER, selected: true });
    expect(selects.find((s) => s.name === 'skill_drive')!.items.find((i) => i.selected)!.value).toBe('3');
    expect(actionNames(c)).toEqual([ACTIONS.skillsSubmit]);
  });
});

describe('the thank-you', () => {
  it('shows the answers and points to the lowest areas below 3', () => {
    const c = skillsThanksCard({ email: 1, drive: 1, chat: 4 }, t);
    expectValidCard(c);
    expect(ws(c.sections[0]).map((w) => [w.decoratedText!.topLabel, w.decoratedText!.text])).toEqual([
      [areaLabel('email', t), `1 – ${levelLabel(1, t)}`], [areaLabel('drive', t), `1 – ${levelLabel(1, t)}`], [areaLabel('chat', t), `4 – ${levelLabel(4, t)}`]]);
    expect(htmlFields(c.sections[1])).toEqual([t('skills.tip', { areas: `${areaLabel('email', t)}, ${areaLabel('drive', t)}` })]);
    expect(clicks(c).map((k) => [k.action, k.dialog])).toEqual([[ACTIONS.askOpen, true], [ACTIONS.skillsOpen, true], [ACTIONS.myStatus, false]]);
  });

  it('praises when every answer is 3 or more', () => {
    expect(htmlFields(skillsThanksCard({ email: 3, drive: 4 }, t).sections[1])).toEqual([t('skills.tipStrong')]);
  });
});

describe('the unit results', () => {
  const unit = unitAgg('U1', 'Sone 1', { skillRespondents: 5, skills: { email: [0, 0, 1, 2, 2], drive: [2, 2, 1, 0, 0], chat: [0, 0, 0, 0, 0] } });
  const ctx = { t, locale: 'nb' as const, canOpen: (id: string) => id === 'C1', showOverview: true };

  it('lists areas weakest first with average, spread and the level to teach at; sub-units open where allowed', () => {
    const c = skillsUnitCard(unit, [unitAgg('C1', 'Team A', { skillRespondents: 2 }), unitAgg('C2', 'Team B')], ctx);
    expectValidCard(c);
    expect(c.header).toEqual({ title: t('skills.unitTitle', { unit: 'Sone 1' }), subtitle: t('skills.respondents', { n: 5, people: 12 }) });
    const rows = ws(c.sections[0]).map((w) => w.decoratedText!);
    expect(rows.map((r) => r.topLabel)).toEqual([areaLabel('drive', t), areaLabel('email', t)]);
    expect(rows[0]!.text).toBe(t('skills.avg', { avg: '0,8', n: 5 }));
    expect(rows[0]!.bottomLabel).toBe(`${t('skills.dist', { l0: 2, l1: 2, l2: 1, l3: 0, l4: 0 })} · ${t('skills.teachAt', { level: `1 – ${levelLabel(1, t)}` })}`);
    expect(rows[1]!.startIcon).toEqual({ materialIcon: { name: 'check' } });
    expect(clicks(c)).toEqual([
      { text: t('unit.open'), action: ACTIONS.skillsUnit, params: { unitId: 'C1' }, dialog: false },
      { text: t('button.unit'), action: ACTIONS.unitOverview, params: { unitId: 'U1' }, dialog: false },
    ]);
  });

  it(`hides results below ${MIN_RESPONDENTS} answers, and shows no overview button when not asked to`, () => {
    expect(ws(skillsUnitCard({ ...unit, skillRespondents: MIN_RESPONDENTS }, [], ctx).sections[0]).map((w) => w.decoratedText?.topLabel)).toEqual([areaLabel('drive', t), areaLabel('email', t)]);
    const small = skillsUnitCard({ ...unit, skillRespondents: MIN_RESPONDENTS - 1 }, [], { ...ctx, showOverview: false });
    expectValidCard(small);
    expect(htmlFields(small)).toEqual([t('skills.tooFew', { min: MIN_RESPONDENTS })]);
    expect(actionNames(small)).toEqual([]);
    const many = skillsUnitCard(unit, Array.from({ length: 7 }, (_, i) => unitAgg(`C${i}`, `Team ${i}`)), ctx);
    expect(many.sections[1]).toMatchObject({ collapsible: true, uncollapsibleWidgetsCount: 5 });
    expectHostileInert(skillsUnitCard(unit, [unitAgg('C1', HOSTILE)], ctx));
  });

  it('the picker lists units to open, and skillRows gives the answered areas in survey order', () => {
    const p = skillsUnitPicker([{ unitId: 'U1', name: 'Sone 1' }, { unitId: 'U2', name: HOSTILE }], t);
    expectValidCard(p);
    expect(clicks(p).map((k) => k.params.unitId)).toEqual(['U1', 'U2']);
    expectHostileInert(p);
    expect(skillRows(unit)).toEqual([{ area: 'email', average: 3.2, median: 3, respondents: 5 }, { area: 'drive', average: 0.8, median: 1, respondents: 5 }]);
  });

  it('speaks English', () => {
    const en = translator('en');
    expect(skillsFormCard({}, en).header!.title).toBe(en('skills.title'));
    expect(en('skills.title')).not.toBe(t('skills.title'));
  });
});
