// The console's frame: title, "refresh now", the tabs and the status line; each tab's view below. Pure: returns a tree.
import type { RefreshData } from '../contract/sidebar';
import { call, t } from './api';
import { catalogueView, loadCatalogue } from './catalogue';
import { coursesView, loadCourses } from './courses';
import { dashboardView, loadDashboard } from './dashboard';
import { expiringView } from './expiring';
import { healthView, loadHealth } from './health';
import { registerView } from './register';
import type { State, Tab, Ui } from './state';
import { h, type VNode } from './vdom';

const TABS: Tab[] = ['dashboard', 'expiring', 'catalogue', 'courses', 'register', 'health'];
const tabLabel = (tab: Tab) => (tab === 'courses' ? t('admin.courses.tab') : t(`admin.tab.${tab}`));

/** Switches tab and loads what it shows (the dashboard, catalogue and courses once; data health every time). */
export function openTab(ui: Ui, tab: Tab): void {
  // The last action's message belongs to the tab it was done in.
  if (ui.state.tab !== tab) ui.state.status = undefined;
  ui.state.tab = tab;
  ui.render();
  if ((tab === 'dashboard' || tab === 'expiring') && !ui.state.dash) void loadDashboard(ui);
  if ((tab === 'catalogue' || tab === 'register') && !ui.state.cat) void loadCatalogue(ui);
  if (tab === 'courses' && !ui.state.courses.data) void loadCourses(ui);
  if (tab === 'health') void loadHealth(ui);
}

async function refreshNow(ui: Ui): Promise<void> {
  ui.state.status = { text: t('admin.refresh.running'), error: false };
  const done = await ui.run(() => call<RefreshData>('admin.refresh'), (d) => d.message);
  if (!done) return;
  Object.assign(ui.state, { dash: undefined, unit: undefined, person: undefined, cat: undefined, health: undefined, path: {} });
  ui.state.expiring.result = undefined;
  ui.state.courses = { ...ui.state.courses, data: undefined, participants: undefined, cancel: undefined };
  openTab(ui, ui.state.tab);
}

function body(s: State, ui: Ui): VNode {
  switch (s.tab) {
    case 'dashboard': return dashboardView(s, ui);
    case 'expiring': return expiringView(s, ui);
    case 'catalogue': return catalogueView(s, ui);
    case 'courses': return coursesView(s, ui);
    case 'register': return registerView(s, ui);
    case 'health': return healthView(s);
  }
}

export function appView(s: State, ui: Ui): VNode {
  return h('div', { class: 'app', 'aria-busy': s.busy ? 'true' : 'false' },
    h('header', { class: 'top' },
      h('h1', null, t('admin.title')),
      h('button', { type: 'button', class: 'refresh', disabled: s.busy, onClick: () => void refreshNow(ui) }, t('admin.refresh'))),
    h('nav', { class: 'tabs', 'aria-label': t('admin.tabs') }, TABS.map((tab) =>
      h('button', { type: 'button', class: s.tab === tab ? 'tab active' : 'tab', 'aria-current': s.tab === tab ? 'page' : undefined,
        onClick: () => openTab(ui, tab) }, tabLabel(tab)))),
    h('p', { class: s.status?.error ? 'status error' : 'status', role: 'status', 'aria-live': 'polite' }, s.status?.text ?? ''),
    h('main', null, body(s, ui)));
}
