// The dashboard: compliance per area, then the units of an area, a unit (sub-units and people), and one person.
import type { AccessExportData, AggregateData, DashboardData, MemberData, PersonData, SavedData, UnitData } from '../contract/sidebar';
import { call, date, t } from './api';
import type { State, Ui } from './state';
import { h, type VNode } from './vdom';
import { asOf, barChart, button, section, type Bar } from './widgets';

export const countsLine = (a: AggregateData) => t('admin.dash.counts', { ...a.counts });

function bar(a: AggregateData, onClick: () => void): Bar {
  return { key: a.id, label: a.name, pct: a.pct, sub: `${t('admin.dash.people', { people: a.people, gaps: a.peopleWithGaps })} · ${countsLine(a)}`, onClick };
}

/** Units in an area that have no parent inside the same area (where drilling into the area starts). */
export function areaRoots(dash: DashboardData, area: string): AggregateData[] {
  const inArea = new Set(dash.units.filter((u) => u.area === area).map((u) => u.id));
  return dash.units.filter((u) => u.area === area && (!u.parentUnitId || !inArea.has(u.parentUnitId)));
}

/** A unit and everything below it, from the dashboard's parent links (cycles tolerated). */
export function withDescendants(dash: DashboardData, unitId: string): AggregateData[] {
  const byParent = new Map<string, AggregateData[]>();
  for (const u of dash.units) if (u.parentUnitId) byParent.set(u.parentUnitId, [...(byParent.get(u.parentUnitId) ?? []), u]);
  const out: AggregateData[] = [];
  const seen = new Set<string>();
  const stack = dash.units.filter((u) => u.id === unitId);
  while (stack.length) {
    const u = stack.pop()!;
    if (seen.has(u.id)) continue;
    seen.add(u.id);
    out.push(u);
    stack.push(...(byParent.get(u.id) ?? []));
  }
  return out;
}

export async function loadDashboard(ui: Ui): Promise<void> {
  const dash = await ui.run(() => call<DashboardData>('admin.dashboard'));
  if (dash) { ui.state.dash = dash; ui.render(); }
}

export function openArea(ui: Ui, area: string | undefined): void {
  ui.state.path = area ? { area } : {};
  ui.render();
}

export async function openUnit(ui: Ui, unitId: string, page = 0): Promise<void> {
  const unit = await ui.run(() => call<UnitData>('admin.unit', { unitId, page }));
  if (!unit) return;
  ui.state.unit = unit;
  ui.state.path = { area: unit.unit.area, unitId, page };
  ui.render();
}

export async function openPerson(ui: Ui, email: string): Promise<void> {
  const person = await ui.run(() => call<PersonData>('admin.person', { email }));
  if (!person) return;
  ui.state.person = person;
  ui.state.path = { ...ui.state.path, email };
  ui.render();
}

function crumbs(s: State, ui: Ui): VNode {
  const steps: VNode[] = [button(t('admin.dash.allAreas'), () => openArea(ui, undefined), { class: 'link' })];
  if (s.path.area) steps.push(button(s.path.area, () => openArea(ui, s.path.area), { class: 'link' }));
  if (s.path.unitId && s.unit) steps.push(button(s.unit.unit.name, () => { ui.state.path = { ...s.path, email: undefined }; ui.render(); }, { class: 'link' }));
  if (s.path.email && s.person) steps.push(h('span', { 'aria-current': 'page' }, s.person.name));
  return h('nav', { class: 'crumbs', 'aria-label': t('admin.dash.breadcrumb') }, steps.map((x, i) => [i ? h('span', { 'aria-hidden': 'true' }, ' › ') : null, x]));
}

function worst(a: AggregateData): VNode | null {
  if (!a.worst.length) return null;
  return section(t('admin.dash.worst'), h('ul', { class: 'plain' }, a.worst.map((w) => h('li', null, t('admin.dash.worstLine', { ...w })))));
}

function memberItem(m: MemberData, ui: Ui): VNode {
  return h('li', { class: 'member' },
    button(m.name, () => void openPerson(ui, m.email), { class: 'link' }),
    h('span', { class: 'muted' }, m.items.slice(0, 3).map((i) => `${i.competence}: ${i.label}${i.date ? ` ${date(i.date)}` : ''}`).join(' · ')));
}

function unitView(u: UnitData, ui: Ui): (VNode | null)[] {
  const needing = u.members.filter((m) => m.items.length > 0);
  return [
    h('h2', null, u.unit.name),
    barChart(t('admin.dash.chartLabel'), [{ ...bar(u.unit, () => undefined), onClick: undefined }]),
    asOf(u.builtAt, date),
    worst(u.unit),
    u.children.length ? section(t('admin.dash.subUnits'), barChart(t('admin.dash.chartLabel'), u.children.map((c) => bar(c, () => void openUnit(ui, c.id))))) : null,
    section(t('admin.dash.members'),
      needing.length ? h('ul', { class: 'plain' }, needing.map((m) => memberItem(m, ui))) : h('p', null, t('admin.dash.noMembers')),
      u.pages > 1 ? h('p', null, t('admin.dash.page', { page: u.page + 1, pages: u.pages }), ' ',
        u.page + 1 < u.pages ? button(t('admin.dash.nextPage'), () => void openUnit(ui, u.unit.id, u.page + 1)) : null) : null),
    button(t('admin.dash.expiringHere'), () => { ui.state.expiring.scope = `unit:${u.unit.id}`; ui.state.tab = 'expiring'; ui.render(); }),
  ];
}

/** One click: the pending certification becomes valid, verified by this administrator; the page reloads. */
/** Right of access: the server audits the export first, then hands the document over for download. */
async function accessExport(ui: Ui, email: string): Promise<void> {
  const done = await ui.run(() => call<AccessExportData>('admin.accessExport', { email }), (d) => d.message);
  if (done) ui.download(done.fileName, done.html, 'text/html;charset=utf-8');
}

async function verify(ui: Ui, email: string, certificationId: string): Promise<void> {
  const done = await ui.run(() => call<SavedData>('admin.verifyCertification', { email, certificationId }), (d) => d.message);
  if (done) await openPerson(ui, email);
}

function personView(p: PersonData, ui: Ui): (VNode | null)[] {
  return [
    h('h2', null, p.name),
    h('p', { class: 'muted' }, `${p.unitName} · ${p.roles.join(', ')} · ${p.email}`),
    section(t('admin.person.items'), h('ul', { class: 'plain' }, p.items.map((i) =>
      h('li', { class: `item item-${i.status}` }, h('strong', null, i.competence), ' ', h('span', { class: `tag tag-${i.status}` }, i.label), h('div', { class: 'muted' }, i.explain))))),
    p.plan.length ? section(t('admin.person.plan'), h('ul', { class: 'plain' }, p.plan.map((l) => h('li', null, l.label, l.dueBy ? ` (${date(l.dueBy)})` : '')))) : null,
    section(t('admin.person.certs'), h('ul', { class: 'plain' }, p.certifications.map((c) =>
      h('li', c.pending ? { class: 'pending' } : null, t('admin.person.cert', { competence: c.competence, achieved: date(c.achievedOn), source: c.source, state: c.state }),
        c.hasEvidence ? h('span', { class: 'muted' }, ` · ${t('admin.person.evidence')}`) : null,
        c.pending ? h('div', null, button(t('admin.verify'), () => void verify(ui, p.email, c.certificationId), { class: 'primary' })) : null)))),
    button(t('admin.person.register'), () => { ui.state.registerDraft = { email: p.email }; ui.state.tab = 'register'; ui.render(); }),
    button(t('admin.person.accessExport'), () => void accessExport(ui, p.email)),
  ];
}

export function dashboardView(s: State, ui: Ui): VNode {
  const dash = s.dash;
  if (!dash) return h('p', null, t('admin.loading'));
  let body: (VNode | null)[];
  if (s.path.email && s.person) body = personView(s.person, ui);
  else if (s.path.unitId && s.unit) body = unitView(s.unit, ui);
  else if (s.path.area) {
    const roots = areaRoots(dash, s.path.area);
    // An area with one root unit (the area's own office) starts at its sectors.
    const only = roots.length === 1 ? roots[0] : undefined;
    const below = only ? dash.units.filter((u) => u.parentUnitId === only.id) : [];
    const shown = below.length ? below : roots;
    const area = dash.areas.find((a) => a.name === s.path.area);
    body = [h('h2', null, s.path.area), area ? worst(area) : null,
      section(t('admin.dash.units'), barChart(t('admin.dash.chartLabel'), shown.map((u) => bar(u, () => void openUnit(ui, u.id)))))];
  } else {
    body = [barChart(t('admin.dash.chartLabel'), dash.areas.map((a) => bar(a, () => openArea(ui, a.name)))), asOf(dash.builtAt, date)];
  }
  return h('div', { class: 'dashboard' }, crumbs(s, ui), ...body);
}
