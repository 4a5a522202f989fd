// The console's state: where it starts, and the form fields of a submitted form read by name.
import { formDraft, initialState, list, str } from '../../src/sidebar/state';

it('starts on the dashboard, idle, with the expiring filter on the statuses that need action within 90 days', () => {
  expect(initialState()).toEqual({
    tab: 'dashboard', busy: false, path: {}, catTab: 'competences',
    expiring: { scope: '', statuses: ['overdue', 'expired', 'missing', 'expiring'], within: '90' },
    requirementDraft: {}, registerDraft: {}, courses: { search: '', marks: {} },
  });
  const a = initialState();
  a.expiring.statuses.push('valid');
  expect(initialState().expiring.statuses).toHaveLength(4);
});

it('reads a form: text by name, checkboxes as the list of ticked values, and leaves out files, buttons and nameless fields', () => {
  const form = { elements: [
    { name: 'email', type: 'email', value: 'kari@k.no' },
    { name: 'statuses', type: 'checkbox', value: 'expired', checked: true },
    { name: 'statuses', type: 'checkbox', value: 'valid', checked: false },
    { name: 'statuses', type: 'checkbox', value: 'missing', checked: true },
    { name: 'none', type: 'checkbox', value: 'x', checked: false },
    { name: 'evidence', type: 'file', value: 'C:\\fakepath\\a.pdf' },
    { name: 'go', type: 'submit', value: 'Lagre' },
    { name: 'b', type: 'button', value: 'x' },
    { name: '', type: 'text', value: 'nameless' },
    { name: 'within', type: 'select-one', value: '30' },
  ] } as unknown as HTMLFormElement;
  const d = formDraft(form);
  expect(d).toEqual({ email: 'kari@k.no', statuses: ['expired', 'missing'], none: [], within: '30' });
  expect([str(d, 'email'), str(d, 'statuses'), str(d, 'missing')]).toEqual(['kari@k.no', '', '']);
  expect([list(d, 'statuses'), list(d, 'email'), list(d, 'missing')]).toEqual([['expired', 'missing'], [], []]);
});
