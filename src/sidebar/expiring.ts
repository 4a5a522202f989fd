// Expiring and missing competences for a selection (municipality, area or unit with its sub-units), with CSV export.
import type { ExpiringData } from '../contract/sidebar';
import { call, date, t } from './api';
import { withDescendants } from './dashboard';
import { formDraft, list, str, type State, type Ui } from './state';
import { h, type VNode } from './vdom';
import { field, select } from './widgets';

const STATUSES = ['overdue', 'expired', 'missing', 'expiring'];
const WITHIN = ['30', '60', '90', '180', '365'];
/** Rows listed in the sidebar; the CSV has them all. */
const SHOWN = 200;

/** The units a selection covers, with how many pages of people each has. */
export function scopeUnits(s: State): { unitId: string; pages: number }[] {
  const dash = s.dash;
  if (!dash) return [];
  const scope = s.expiring.scope;
  const units = scope.startsWith('unit:') ? withDescendants(dash, scope.slice(5))
    : scope.startsWith('area:') ? dash.units.filter((u) => u.area === scope.slice(5)) : dash.units;
  return units.map((u) => ({ unitId: u.id, pages: u.pages ?? 1 }));
}

async function fetchList(ui: Ui, format: 'json' | 'csv'): Promise<ExpiringData | undefined> {
  const e = ui.state.expiring;
  return ui.run(() => call<ExpiringData>('admin.expiring', { units: scopeUnits(ui.state), statuses: e.statuses, withinDays: e.within, format }),
    (d) => (d.missingUnits.length ? t('admin.exp.missingUnits', { count: d.missingUnits.length }) : t('admin.exp.count', { count: d.rows.length })));
}

/** The form's submit listener; the DOM ignores what a listener returns, so the async work runs on its own. */
function onSubmit(ui: Ui): (ev: Event) => void {
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const d = formDraft(ev.currentTarget as HTMLFormElement);
    Object.assign(ui.state.expiring, { scope: str(d, 'scope'), statuses: list(d, 'statuses'), within: str(d, 'within') });
    const result = await fetchList(ui, 'json');
    if (result) { ui.state.expiring.result = result; ui.render(); }
  };
  return (ev) => { void submit(ev); };
}

async function exportCsv(ui: Ui): Promise<void> {
  const result = await fetchList(ui, 'csv');
  if (result?.csv) ui.download(result.fileName ?? 'kompetent.csv', result.csv);
}

export function expiringView(s: State, ui: Ui): VNode {
  const e = s.expiring;
  const unitId = e.scope.startsWith('unit:') ? e.scope.slice(5) : undefined;
  const unitName = unitId ? s.dash?.units.find((u) => u.id === unitId)?.name ?? unitId : undefined;
  const scopes = [{ value: '', label: t('admin.exp.scopeAll') }, ...(s.dash?.areas ?? []).map((a) => ({ value: `area:${a.name}`, label: a.name })),
    ...(unitId ? [{ value: e.scope, label: unitName! }] : [])];
  const rows = e.result?.rows ?? [];
  return h('div', { class: 'expiring' },
    h('form', { onSubmit: onSubmit(ui) },
      field(t('admin.exp.scope'), select('scope', e.scope, scopes)),
      h('fieldset', null, h('legend', null, t('admin.exp.statuses')),
        STATUSES.map((st) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'statuses', value: st, checked: e.statuses.includes(st) }), t(`status.label.${st}`)))),
      field(t('admin.exp.within'), select('within', e.within, WITHIN.map((d) => ({ value: d, label: t('admin.exp.days', { days: d }) })))),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', disabled: s.busy }, t('admin.exp.show')),
        h('button', { type: 'button', disabled: s.busy || !e.result, onClick: () => void exportCsv(ui) }, t('admin.exp.csv')))),
    e.result && rows.length > SHOWN ? h('p', { class: 'muted' }, t('admin.exp.shown', { shown: SHOWN, count: rows.length })) : null,
    e.result ? (rows.length
      ? h('ul', { class: 'plain rows' }, rows.slice(0, SHOWN).map((r) => h('li', { class: `item item-${r.status}` },
        h('strong', null, r.name), h('div', null, `${r.competence}: `, h('span', { class: `tag tag-${r.status}` }, r.label), r.date ? ` ${date(r.date)}` : ''),
        h('div', { class: 'muted' }, r.unitName))))
      : h('p', null, t('admin.exp.none'))) : null);
}
