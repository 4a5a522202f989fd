// The catalogue tab: competences and role plans, with the server's message shown and what was typed kept.
import { setLocale } from '../../src/sidebar/api';
import { openTab } from '../../src/sidebar/app';
import { findAll } from '../../src/sidebar/vdom';
import { warm } from '../app/features/status/support';
import { boot } from './support';

beforeAll(() => setLocale('nb-NO'));

describe('role plans', () => {
  it('shows the server\'s message when a role plan names a missing competence, keeping what was typed', async () => {
    const c = await boot(warm());
    openTab(c.ui, 'catalogue');
    await c.settle(); await c.settle();
    await c.click('Rolleplaner');
    const form = findAll(c.tree(), (n) => n.tag === 'form')[0];
    const elements = [{ name: 'competenceId', type: 'select-one', value: 'nope' }, { name: 'level', type: 'select-one', value: 'required' }, { name: 'dueWithinDays', type: 'text', value: '14' }];
    (form!.props.onSubmit as (e: unknown) => void)({ preventDefault: () => undefined, currentTarget: { elements } });
    await c.settle(); await c.settle();
    expect(c.state.status).toEqual({ error: true, text: expect.stringContaining('kompetansen «nope» finnes ikke i katalogen') });
    expect(c.state.requirementDraft.dueWithinDays).toBe('14');
  });
});
