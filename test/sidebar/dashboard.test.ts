// The dashboard: from all areas to an area, a unit (and its sub-units) and a person, as the server sends them.
import { setLocale } from '../../src/sidebar/api';
import { findAll } from '../../src/sidebar/vdom';
import { warm } from '../app/features/status/support';
import { boot } from './support';

beforeAll(() => setLocale('nb-NO'));

describe('drill-down', () => {
  it('drills from areas to a unit and a person', async () => {
    const c = await boot(warm());
    expect(c.text()).toContain('Helse og velferd');
    expect(c.text()).toContain('66 %');
    const bars = findAll(c.tree(), (n) => n.props.class === 'bar bar-bad');
    expect(bars.every((b) => b.props['aria-hidden'] === 'true')).toBe(true);
    await c.click('Helse og velferd');
    await c.click('Solbakken sykehjem');
    expect(c.state.unit?.unit.name).toBe('Solbakken sykehjem');
    await c.click('Solbakken avdeling A');
    expect(c.text()).toContain('Kari Nordmann');
    await c.click('Kari Nordmann');
    expect(c.text()).toContain('Utløp 1. oktober 2026');
    expect(c.calls.map((x) => x.name)).toEqual(['sidebar.strings', 'admin.dashboard', 'admin.unit', 'admin.unit', 'admin.person']);
  });
});
