// Registering a certification by hand: the form from the catalogue, what it sends (the evidence base64-encoded), and the
// draft kept on a refusal, emptied once saved.
import { setStrings } from '../../src/sidebar/api';
import { registerView } from '../../src/sidebar/register';
import { initialState } from '../../src/sidebar/state';
import { findAll, textOf, type VNode } from '../../src/sidebar/vdom';
import { fakeUi, scriptedRun, settle, type Answer } from './fake-run';

setStrings({ 'admin.loading': 'Laster …', 'admin.reg.title': 'Registrer', 'admin.reg.reading': 'Leser filen …' });
afterAll(() => setStrings({}));

const CAT = { competences: [{ competenceId: 'HLR', name: 'Hjerte-lungeredning', category: 'legal', satisfiedBy: ['course'] }, { competenceId: 'BRANN', name: 'Brannvern', category: 'mandatory', satisfiedBy: ['course'] }],
  roles: [], requirements: [], enums: { category: [], renewFrom: [], satisfiedBy: [], level: [] } };

function setup(answer: Answer) {
  const calls = scriptedRun(() => answer);
  const state = initialState();
  state.cat = CAT;
  const ui = fakeUi(state);
  const form = () => findAll(registerView(state, ui as never), (n) => n.tag === 'form')[0]!;
  return { calls, state, ui, form };
}

/** Submits the view's form with these fields (and an optional file), as the browser would. */
async function submit(form: VNode, fields: Record<string, string>, file?: { name: string; type: string }) {
  const elements = Object.entries(fields).map(([name, value]) => ({ name, type: 'text', value }));
  const currentTarget = { elements: Object.assign(elements, { namedItem: (n: string) => (n === 'evidence' ? { files: file ? [file] : [] } : null) }) };
  let prevented = false;
  (form.props.onSubmit as (e: unknown) => void)({ preventDefault: () => { prevented = true; }, currentTarget });
  await settle(); await settle(); await settle();
  return prevented;
}

it('says it is loading until the catalogue is there, then offers the competences and the fields', () => {
  expect(textOf(registerView(initialState(), fakeUi(initialState()) as never))).toBe('Laster …');
  const { form, state } = setup({ ok: '{}' });
  state.registerDraft = { email: 'kari@k.no', competenceId: 'BRANN' };
  const f = form();
  expect(findAll(f, (n) => n.tag === 'input' || n.tag === 'select').map((n) => [n.props.name, n.props.type ?? n.tag, n.props.value])).toEqual([
    ['email', 'email', 'kari@k.no'], ['competenceId', 'select', undefined], ['achievedOn', 'date', ''], ['expiresOn', 'date', ''], ['note', 'text', ''], ['evidence', 'file', undefined],
  ]);
  expect(findAll(f, (n) => n.tag === 'option').map((o) => [o.props.value, o.props.selected, textOf(o)])).toEqual([['HLR', false, 'Hjerte-lungeredning'], ['BRANN', true, 'Brannvern']]);
});

it('sends the fields and the evidence file base64-encoded, shows the saved message and empties the form', async () => {
  const { calls, state, ui, form } = setup({ ok: JSON.stringify({ kind: 'data', data: { saved: true, message: 'Registrert.' } }) });
  const prevented = await submit(form(), { email: 'kari@k.no', competenceId: 'HLR', achievedOn: '2026-11-30', expiresOn: '', note: 'Fra kurs' }, { name: 'bevis.pdf', type: '' });
  expect(prevented).toBe(true);
  expect(calls).toHaveLength(1);
  expect(calls[0]!.name).toBe('admin.registerCertification');
  expect(calls[0]!.payload).toMatchObject({ email: 'kari@k.no', competenceId: 'HLR', achievedOn: '2026-11-30', expiresOn: '', note: 'Fra kurs',
    evidence: { name: 'bevis.pdf', mimeType: 'application/octet-stream', base64: Buffer.from('bytes of bevis.pdf').toString('base64') } });
  expect(state.status).toEqual({ text: 'Registrert.', error: false });
  expect(state.registerDraft).toEqual({});
  expect(ui.renders).toBeGreaterThanOrEqual(3);
});

it('sends no evidence without a file, and keeps what was typed when the server refuses', async () => {
  const { calls, state, form } = setup({ ok: JSON.stringify({ kind: 'notify', text: 'Ukjent e-postadresse.' }) });
  await submit(form(), { email: 'ukjent@k.no', competenceId: 'HLR', achievedOn: '2026-11-30' });
  expect(calls[0]!.payload).not.toHaveProperty('evidence');
  expect(state.status).toEqual({ text: 'Ukjent e-postadresse.', error: true });
  expect(state.registerDraft).toEqual({ email: 'ukjent@k.no', competenceId: 'HLR', achievedOn: '2026-11-30' });
});
