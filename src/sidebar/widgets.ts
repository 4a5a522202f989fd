// Shared pieces of the console's views: the accessible bar chart, labelled fields, lists.
import { t } from './api';
import { h, type Child, type Handler, type Props, type VNode } from './vdom';

export function pctLabel(pct: number | null): string {
  return pct === null ? t('admin.dash.noReq') : t('admin.dash.pct', { pct });
}

function level(pct: number | null): string {
  return pct === null ? 'none' : pct >= 90 ? 'good' : pct >= 70 ? 'warn' : 'bad';
}

export interface Bar { key: string; label: string; pct: number | null; sub: string; onClick?: Handler }

/**
 * A horizontal bar chart as a list of buttons: the bar is decoration (aria-hidden); the label and the percentage are
 * text, so screen readers and narrow sidebars get the same information.
 */
export function barChart(label: string, bars: Bar[]): VNode {
  return h('ul', { class: 'chart', 'aria-label': label },
    bars.map((b) => h('li', { class: 'chart-row', 'data-key': b.key },
      h(b.onClick ? 'button' : 'div', { class: 'bar-row', type: b.onClick ? 'button' : undefined, onClick: b.onClick },
        h('span', { class: 'bar-label' }, b.label),
        h('span', { class: 'bar-value' }, pctLabel(b.pct)),
        h('span', { class: `bar bar-${level(b.pct)}`, 'aria-hidden': 'true' },
          h('span', { class: 'bar-fill', style: { width: `${Math.max(0, Math.min(100, b.pct ?? 0))}%` } }))),
      h('div', { class: 'bar-sub' }, b.sub))));
}

export function field(label: string, control: VNode, hint?: string): VNode {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), control, hint ? h('span', { class: 'hint' }, hint) : null);
}

export function input(name: string, value: string, attrs: Props = {}): VNode {
  return h('input', { name, value, type: 'text', ...attrs });
}

export function select(name: string, value: string, options: { value: string; label: string }[], attrs: Props = {}): VNode {
  return h('select', { name, ...attrs }, options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label)));
}

export function button(label: string, onClick: Handler, attrs: Props = {}): VNode {
  return h('button', { type: 'button', onClick, ...attrs }, label);
}

export function section(title: string, ...children: Child[]): VNode {
  return h('section', { class: 'block' }, h('h2', null, title), ...children);
}

/** "Figures as of" in the browser's own time zone. */
export function asOf(iso: string | undefined, date: (iso: string) => string): VNode | null {
  if (!iso) return null;
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return h('p', { class: 'muted' }, t('admin.dash.asOf', { date: date(local), time: `${pad(d.getHours())}:${pad(d.getMinutes())}` }));
}
