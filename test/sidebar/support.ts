// The admin console driven in Node against the real server handlers through a fake google.script.run: a console
// without a browser whose render() rebuilds the view tree, and clicks through the tree's handlers.
import { guarded } from '../../src/app/pipeline/handle';
import { sidebarEvent, type StringsData } from '../../src/contract/sidebar';
import { call, setStrings } from '../../src/sidebar/api';
import { appView, openTab } from '../../src/sidebar/app';
import { initialState, type State, type Ui } from '../../src/sidebar/state';
import { findAll, h, textOf, type VNode } from '../../src/sidebar/vdom';
import { handlers, type Ports } from '../app/features/status/support';
import { PEOPLE } from '../support/fixture';
import { fakeUi, scriptedRun, settle } from './fake-run';

/** google.script.run as Apps Script offers it, answered by the pipeline (the same JSON text sidebarCall returns). */
export function connect(ports: Ports, email: string) {
  return scriptedRun((name, payload) => {
    const { reply } = guarded(ports, handlers, sidebarEvent(name, JSON.stringify(payload)), { host: 'sidebar', action: name, userEmail: email });
    return { ok: JSON.stringify(reply) };
  });
}

/** A console without a browser: render() rebuilds the tree; tests click through the tree's handlers. */
export function console_(ports: Ports, email = PEOPLE.guri) {
  const calls = connect(ports, email);
  const state: State = initialState();
  let tree: VNode = h('div', null);
  const fake = fakeUi(state, {
    onRender: () => { tree = appView(state, ui); },
    readFile: async () => Buffer.from('%PDF').toString('base64'),
  });
  const ui: Ui = fake;
  const downloads = fake.downloads;
  const button = (label: string) => {
    const b = findAll(tree, (n) => n.tag === 'button' && textOf(n).startsWith(label))[0];
    if (!b) throw new Error(`No button "${label}" in: ${textOf(tree).slice(0, 400)}`);
    return b;
  };
  const click = async (label: string) => { (button(label).props.onClick as () => void)(); await settle(); await settle(); };
  return { ui, state, calls, downloads, tree: () => tree, text: () => textOf(tree), click, settle };
}

export async function boot(ports: Ports, email = PEOPLE.guri) {
  const c = console_(ports, email);
  const s = await call<StringsData>('sidebar.strings');
  setStrings(s.strings);
  openTab(c.ui, 'dashboard');
  await c.settle(); await c.settle();
  return c;
}
