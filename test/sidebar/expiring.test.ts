// The expiring list: the scope (a unit and its sub-units), the statuses and window, the result and its CSV download.
import { setLocale } from '../../src/sidebar/api';
import { openTab } from '../../src/sidebar/app';
import { scopeUnits } from '../../src/sidebar/expiring';
import { findAll } from '../../src/sidebar/vdom';
import { warm } from '../app/features/status/support';
import { boot } from './support';

beforeAll(() => setLocale('nb-NO'));

describe('expiring', () => {
  it('lists what expires in a unit and its sub-units, and downloads the CSV', async () => {
    const c = await boot(warm());
    c.state.expiring.scope = 'unit:solbakken';
    expect(scopeUnits(c.state).map((u) => u.unitId).sort()).toEqual(['solbakken', 'solbakken-a']);
    openTab(c.ui, 'expiring');
    const form = findAll(c.tree(), (n) => n.tag === 'form')[0];
    const fakeForm = { elements: [
      { name: 'scope', type: 'select-one', value: 'unit:solbakken' },
      ...['expired', 'expiring'].map((v) => ({ name: 'statuses', type: 'checkbox', value: v, checked: true })),
      { name: 'within', type: 'select-one', value: '90' },
    ] };
    (form!.props.onSubmit as (e: unknown) => void)({ preventDefault: () => undefined, currentTarget: fakeForm });
    await c.settle(); await c.settle();
    expect(c.text()).toContain('Brannvern');
    expect(c.state.status?.text).toBe('2 rader');
    await c.click('Last ned CSV');
    expect(c.downloads[0]!.fileName).toBe('kompetent-2026-11-22.csv');
    expect(c.downloads[0]!.text).toContain('Kari Nordmann');
  });
});
