// The admin sidebar's browser code, driven in Node against the real server handlers through a fake google.script.run:
// drill-down, expiring list with CSV, catalogue messages, register; strings only from the server; the bundle's size.
import * as esbuild from 'esbuild';
import { guarded } from '../../src/app/pipeline/handle';
import { sidebarEvent, type StringsData } from '../../src/contract/sidebar';
import { call, setLocale, setRunner, setStrings, SidebarError } from '../../src/sidebar/api';
import { appView, openTab } from '../../src/sidebar/app';
import { scopeUnits } from '../../src/sidebar/expiring';
import { initialState, type State, type Ui } from '../../src/sidebar/state';
import { findAll, h, textOf, toDom, type VNode } from '../../src/sidebar/vdom';
import { handlers, warm, type Ports } from '../app/features/status/support';
import { PEOPLE } from '../support/fixture';

beforeAll(() => setLocale('nb-NO'));

/** google.script.run as Apps Script offers it, answered by the pipeline (the same JSON text sidebarCall returns). */
function connect(ports: Ports, email: string) {
  const calls: { name: string; payload: Record<string, unknown> }[] = [];
  setRunner(() => {
    let ok: (v: unknown) => void = () => undefined;
    const run = {
      withSuccessHandler(fn: (v: unknown) => void) { ok = fn; return run; },
      withFailureHandler() { return run; },
      sidebarCall(name: string, json: string) {
        calls.push({ name, payload: JSON.parse(json) });
        const { reply } = guarded(ports, handlers, sidebarEvent(name, json), { host: 'sidebar', action: name, userEmail: email });
        void Promise.resolve().then(() => ok(JSON.stringify(reply)));
      },
    };
    return run;
  });
  return calls;
}

/** A console without a browser: render() rebuilds the tree; tests click through the tree's handlers. */
function console_(ports: Ports, email = PEOPLE.guri) {
  const calls = connect(ports, email);
  const state: State = initialState();
  let tree: VNode = h('div', null);
  const downloads: { fileName: string; text: string }[] = [];
  const ui: Ui = {
    state,
    render: () => { tree = appView(state, ui); },
    async run(work, done) {
      state.busy = true;
      try {
        const v = await work();
        const text = typeof done === 'function' ? done(v) : done;
        if (text) state.status = { text, error: false };
        return v;
      } catch (e) {
        state.status = { text: e instanceof Error ? e.message : String(e), error: true };
        return undefined;
      } finally { state.busy = false; ui.render(); }
    },
    download: (fileName, text) => { downloads.push({ fileName, text }); },
    readFile: async () => Buffer.from('%PDF').toString('base64'),
  };
  const settle = () => new Promise((r) => setTimeout(r, 0));
  const button = (label: string) => {
    const b = findAll(tree, (n) => n.tag === 'button' && textOf(n).startsWith(label))[0];
    if (!b) throw new Error(`No button "${label}" in: ${textOf(tree).slice(0, 400)}`);
    return b;
  };
  const click = async (label: string) => { (button(label).props.onClick as () => void)(); await settle(); await settle(); };
  return { ui, state, calls, downloads, tree: () => tree, text: () => textOf(tree), click, settle };
}

async function boot(ports: Ports, email = PEOPLE.guri) {
  const c = console_(ports, email);
  const s = await call<StringsData>('sidebar.strings');
  setStrings(s.strings);
  openTab(c.ui, 'dashboard');
  await c.settle(); await c.settle();
  return c;
}

describe('api', () => {
  it('sends the browser language with every payload, resolves data and rejects server messages', async () => {
    const ports = warm();
    const calls = connect(ports, PEOPLE.kari);
    await expect(call('admin.dashboard')).rejects.toEqual(new SidebarError('Du har ikke tilgang til dette.'));
    expect(calls[0].payload).toMatchObject({ locale: 'nb-NO' });
    const s = await call<StringsData>('sidebar.strings');
    expect(s.isAdmin).toBe(false);
  });
});

describe('console', () => {
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
    (form.props.onSubmit as (e: unknown) => void)({ preventDefault: () => undefined, currentTarget: fakeForm });
    await c.settle(); await c.settle();
    expect(c.text()).toContain('Brannvern');
    expect(c.state.status?.text).toBe('2 rader');
    await c.click('Last ned CSV');
    expect(c.downloads[0].fileName).toBe('kompetent-2026-11-22.csv');
    expect(c.downloads[0].text).toContain('Kari Nordmann');
  });

  it('shows the server\'s message when a role plan names a missing competence, keeping what was typed', async () => {
    const c = await boot(warm());
    openTab(c.ui, 'catalogue');
    await c.settle(); await c.settle();
    await c.click('Rolleplaner');
    const form = findAll(c.tree(), (n) => n.tag === 'form')[0];
    const elements = [{ name: 'competenceId', type: 'select-one', value: 'nope' }, { name: 'level', type: 'select-one', value: 'required' }, { name: 'dueWithinDays', type: 'text', value: '14' }];
    (form.props.onSubmit as (e: unknown) => void)({ preventDefault: () => undefined, currentTarget: { elements } });
    await c.settle(); await c.settle();
    expect(c.state.status).toEqual({ error: true, text: expect.stringContaining('kompetansen «nope» finnes ikke i katalogen') });
    expect(c.state.requirementDraft.dueWithinDays).toBe('14');
  });

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

describe('DOM', () => {
  it('builds text as text nodes and wires listeners (no HTML is ever parsed)', () => {
    const created: Record<string, unknown>[] = [];
    const doc = {
      createTextNode: (text: string) => ({ nodeType: 3, text }),
      createElement: (tag: string) => {
        const el = {
          tag, attrs: {} as Record<string, string>, kids: [] as unknown[], listeners: {} as Record<string, unknown>,
          style: { props: {} as Record<string, string>, setProperty(k: string, v: string) { this.props[k] = v; } },
          setAttribute(k: string, v: string) { this.attrs[k] = v; }, appendChild(c: unknown) { this.kids.push(c); }, addEventListener(k: string, f: unknown) { this.listeners[k] = f; } };
        created.push(el);
        return el;
      },
    } as unknown as Document;
    const onClick = () => undefined;
    const node = toDom(h('button', { type: 'button', onClick, style: { width: '40%' } }, '<img src=x onerror=alert(1)>'), doc) as unknown as Record<string, never>;
    expect(node).toMatchObject({ tag: 'button', attrs: { type: 'button' }, listeners: { click: onClick }, style: { props: { width: '40%' } } });
    expect(node.kids).toEqual([{ nodeType: 3, text: '<img src=x onerror=alert(1)>' }]);
  });

  it('bundles to a small script without zod (the sidebar talks JSON, the server validates)', () => {
    const out = esbuild.buildSync({ entryPoints: ['src/sidebar/main.ts'], bundle: true, minify: true, write: false, platform: 'browser', format: 'iife', target: 'es2019', logLevel: 'silent' });
    const js = out.outputFiles[0].text;
    expect(js.length).toBeLessThan(40_000);
    expect(js).not.toMatch(/ZodError|\$ZodType/);
    expect(js).toContain('sidebarCall');
  });
});

describe('idempotency keys (issue #13)', () => {
  /** google.script.run whose answer is lost (the server ran the call; the browser hears a failure) until `lose` is 0. */
  function lossy(ports: Ports, email: string) {
    const o = { lose: 0, keys: [] as string[] };
    setRunner(() => {
      let ok: (v: unknown) => void = () => undefined;
      let fail: (e: unknown) => void = () => undefined;
      const run = {
        withSuccessHandler(fn: (v: unknown) => void) { ok = fn; return run; },
        withFailureHandler(fn: (e: unknown) => void) { fail = fn; return run; },
        sidebarCall(name: string, json: string) {
          o.keys.push(String((JSON.parse(json) as { k?: unknown }).k));
          const { reply } = guarded(ports, handlers, sidebarEvent(name, json), { host: 'sidebar', action: name, userEmail: email });
          const lost = o.lose > 0;
          if (lost) o.lose--;
          void Promise.resolve().then(() => (lost ? fail(new Error('NetworkError: Connection failure due to HTTP 0')) : ok(JSON.stringify(reply))));
        },
      };
      return run;
    });
    return o;
  }
  const roles = (ports: Ports) => (ports.workbook as unknown as { dump(t: string): { rows: unknown[][] } }).dump('Roles').rows.filter((r) => r[0] === 'cook');

  it('"try again" after a lost answer sends the same key: the role is made once and the retry says it is saved', async () => {
    const ports = warm();
    const net = lossy(ports, PEOPLE.guri);
    const role = { isNew: true, roleId: 'cook', name: 'Kokk' };
    net.lose = 1;
    await expect(call('admin.saveRole', role)).rejects.toBeInstanceOf(SidebarError);
    const again = await call<{ saved: boolean }>('admin.saveRole', role);
    expect(again.saved).toBe(true);
    expect(net.keys[0]).toMatch(/^[A-Za-z0-9._-]{4,80}$/);
    expect(net.keys[1]).toBe(net.keys[0]);
    expect(roles(ports)).toHaveLength(1);
    // Answered: the same form saved again later is a new action (a new key), refused as a duplicate id, as it should be.
    await expect(call('admin.saveRole', role)).rejects.toThrow('det finnes allerede en rolle med id «cook»');
    expect(net.keys[2]).not.toBe(net.keys[0]);
    expect(roles(ports)).toHaveLength(1);
  });

  it('a double click (the second call before the first is answered) carries the same key', async () => {
    const ports = warm();
    const net = lossy(ports, PEOPLE.guri);
    const role = { isNew: true, roleId: 'cook', name: 'Kokk' };
    const [a, b] = await Promise.allSettled([call('admin.saveRole', role), call('admin.saveRole', role)]);
    expect(net.keys[1]).toBe(net.keys[0]);
    expect(a.status).toBe('fulfilled');
    // The second arrival of the same key writes nothing and is told it is already so (or saved), never "exists".
    expect(b.status === 'fulfilled' || !String((b as PromiseRejectedResult).reason).includes('finnes allerede')).toBe(true);
    expect(roles(ports)).toHaveLength(1);
  });
});
