// The data-health report: rows in the records that could not be read or refer to something missing, with where they are.
import type { HealthData } from '../contract/sidebar';
import { call, date, t } from './api';
import type { State, Ui } from './state';
import { h, type VNode } from './vdom';

export async function loadHealth(ui: Ui): Promise<void> {
  const health = await ui.run(() => call<HealthData>('admin.healthReport'));
  if (health) { ui.state.health = health; ui.render(); }
}

export function healthView(s: State): VNode {
  const r = s.health;
  if (!r) return h('p', null, t('admin.loading'));
  return h('div', { class: 'health' },
    h('p', null, r.total === 0 ? t('health.ok') : t('health.summary', { count: r.total })),
    h('p', { class: 'muted' }, date(r.checkedAt)),
    h('ul', { class: 'plain' }, r.issues.map((i) => h('li', { class: 'item' },
      h('strong', null, t('health.where', { table: i.table, row: i.row ?? '–', field: i.field ?? '–' })),
      h('div', null, i.problem), i.value ? h('code', null, i.value) : null))));
}
