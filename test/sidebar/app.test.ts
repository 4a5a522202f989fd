// The console's frame: the tabs load what they show, non-admins are told it is not for them, and every visible text
// comes from the server's catalogue or the data.
import type { StringsData } from '../../src/contract/sidebar';
import { call, setLocale, setStrings } from '../../src/sidebar/api';
import { openTab } from '../../src/sidebar/app';
import type { VNode } from '../../src/sidebar/vdom';
import { warm } from '../app/features/status/support';
import { PEOPLE } from '../support/fixture';
import { boot, connect } from './support';

beforeAll(() => setLocale('nb-NO'));

describe('access', () => {
  it('tells non-admins it is not for them', async () => {
    const ports = warm();
    connect(ports, PEOPLE.per);
    expect((await call<StringsData>('sidebar.strings')).isAdmin).toBe(false);
  });
});

describe('no hard-coded user-facing text', () => {
  it('every text in every tab comes from the server catalogue or the data', async () => {
    const c = await boot(warm());
    // Mark every catalogue string, then collect the visible text that is neither marked nor record data.
    const marked = Object.fromEntries(Object.keys((await call<StringsData>('sidebar.strings')).strings).map((k) => [k, `«${k}»`]));
    setStrings(marked);
    const leaks: string[] = [];
    const collect = (n: VNode | string, dataText: string) => {
      if (typeof n === 'string') {
        const rest = n.replace(/«[^»]*»/g, '').replace(/[\s·›:(),.%–-]/g, '').replace(/\d/g, '');
        if (rest && !dataText.includes(n.replace(/^\((.*)\)$/, '$1').trim())) leaks.push(n);
        return;
      }
      n.children.forEach((x) => collect(x, dataText));
    };
    for (const tab of ['dashboard', 'expiring', 'catalogue', 'register', 'health'] as const) {
      openTab(c.ui, tab);
      await c.settle(); await c.settle();
      collect(c.tree(), JSON.stringify([c.state.dash, c.state.cat, c.state.health]));
    }
    expect(leaks).toEqual([]);
  });
});
