// The leader's sign-off dialog: competence choices (radio for few, dropdown for many), the date, and who signs.
import { translator } from '../../../src/core/i18n';
import { ACTIONS } from '../../../src/contract/actions';
import { signOffCard, type SignOffModel } from '../../../src/ui/cards/signoff-cards';
import { clicks, expectHostileInert, expectValidCard, HOSTILE, ws } from '../../support/cards';

const t = translator('nb');
const choice = (id: string) => ({ competenceId: id, name: `Kompetanse ${id}`, statusLabel: 'Mangler' });
const model = (over: Partial<SignOffModel> = {}): SignOffModel => ({
  personName: 'Kari Nordmann', email: 'kari@k.no', chain: ['U3', 'U1'], choices: [choice('A'), choice('B')], today: '2026-12-03', leaderName: 'Per Leder', ...over,
});
const selection = (c: ReturnType<typeof signOffCard>) => ws(c.sections[0])[0]!.selectionInput!;

it('offers the competences as radio buttons, the first selected, and submits with the person and their unit chain', () => {
  const c = signOffCard(model(), t, 'nb');
  expectValidCard(c);
  expect(c.header).toEqual({ title: t('signoff.title'), subtitle: 'Kari Nordmann' });
  expect(selection(c)).toEqual({ name: 'competenceId', label: t('signoff.competence'), type: 'RADIO_BUTTON', items: [
    { text: 'Kompetanse A (Mangler)', value: 'A', selected: true }, { text: 'Kompetanse B (Mangler)', value: 'B', selected: false },
  ] });
  expect(ws(c.sections[0])[1]!.dateTimePicker!.valueMsEpoch).toBe(String(Date.UTC(2026, 11, 3)));
  expect(clicks(c)).toEqual([{ text: t('signoff.submit'), action: ACTIONS.signOffSubmit, params: { email: 'kari@k.no', chain: 'U3,U1' }, dialog: false }]);
  expect(ws(c.sections[0])[3]!.textParagraph!.text).toBe(t('signoff.explain', { leader: 'Per Leder', today: '3. desember 2026' }));
});

it('keeps the chosen competence when it is one of the choices, and uses a dropdown for more than four', () => {
  expect(selection(signOffCard(model({ selected: 'B' }), t, 'nb')).items.map((i) => i.selected)).toEqual([false, true]);
  expect(selection(signOffCard(model({ selected: 'Z' }), t, 'nb')).items.map((i) => i.selected)).toEqual([true, false]);
  const many = signOffCard(model({ choices: ['A', 'B', 'C', 'D', 'E'].map(choice) }), t, 'nb');
  expect(selection(many).type).toBe('DROPDOWN');
  expectValidCard(many);
});

it('shows the leader\'s name escaped, and is still a valid card with nothing to choose', () => {
  expectHostileInert(signOffCard(model({ leaderName: HOSTILE }), t, 'nb'));
  const none = signOffCard(model({ choices: [] }), t, 'nb');
  expect(selection(none).items).toEqual([]);
});

it('speaks English', () => {
  const en = translator('en');
  const c = signOffCard(model(), en, 'en');
  expect(ws(c.sections[0])[3]!.textParagraph!.text).toBe(en('signoff.explain', { leader: 'Per Leder', today: '3 December 2026' }));
  expect(en('signoff.title')).not.toBe(t('signoff.title'));
});
