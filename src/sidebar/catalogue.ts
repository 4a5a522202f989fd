// Editing the competence catalogue and role plans. The server validates and says what to fix; the form keeps what was typed.
import type { CatalogueData, SavedData } from '../contract/sidebar';
import { call, date, t } from './api';
import { formDraft, list, str, type Draft, type State, type Ui } from './state';
import { h, type VNode } from './vdom';
import { button, field, input, select } from './widgets';

export async function loadCatalogue(ui: Ui): Promise<void> {
  const cat = await ui.run(() => call<CatalogueData>('admin.catalogue'));
  if (cat) { ui.state.cat = cat; ui.render(); }
}

const enumLabel = (v: string) => t(`admin.enum.${v}`);
const options = (values: string[], blank = false) => [...(blank ? [{ value: '', label: t('admin.enum.none') }] : []), ...values.map((v) => ({ value: v, label: enumLabel(v) }))];

async function save(ui: Ui, name: string, payload: object, after: () => void): Promise<void> {
  const saved = await ui.run(() => call<SavedData>(name, payload), (d) => `${d.message}${d.refreshSoon ? ` ${t('admin.saved.refreshSoon')}` : ''}`);
  if (!saved) { ui.render(); return; }
  after();
  await loadCatalogue(ui);
}

function competenceForm(s: State, ui: Ui, cat: CatalogueData): VNode {
  const { isNew, draft } = s.competence!;
  return h('form', { class: 'card-form', onSubmit: (ev: Event) => {
    ev.preventDefault();
    const d: Draft = { ...formDraft(ev.currentTarget as HTMLFormElement) };
    if (!isNew) d.competenceId = str(draft, 'competenceId');
    ui.state.competence = { isNew, draft: d };
    void save(ui, 'admin.saveCompetence', {
      isNew, competenceId: str(d, 'competenceId'), name: str(d, 'name'), category: str(d, 'category'), validityMonths: str(d, 'validityMonths'),
      renewFrom: str(d, 'renewFrom'), windowDays: str(d, 'windowDays'), satisfiedBy: list(d, 'satisfiedBy'), legalBasis: str(d, 'legalBasis'),
    }, () => { ui.state.competence = undefined; });
  } },
  field(t('admin.field.competenceId'), input('competenceId', str(draft, 'competenceId'), { required: true, readonly: !isNew, maxlength: '64' })),
  field(t('admin.field.name'), input('name', str(draft, 'name'), { required: true, maxlength: '200' })),
  field(t('admin.field.category'), select('category', str(draft, 'category'), options(cat.enums.category))),
  field(t('admin.field.validityMonths'), input('validityMonths', str(draft, 'validityMonths'), { type: 'number', min: '1', max: '600' })),
  field(t('admin.field.renewFrom'), select('renewFrom', str(draft, 'renewFrom'), options(cat.enums.renewFrom, true))),
  field(t('admin.field.windowDays'), input('windowDays', str(draft, 'windowDays'), { type: 'number', min: '0', max: '3650' })),
  h('fieldset', null, h('legend', null, t('admin.field.satisfiedBy')), cat.enums.satisfiedBy.map((v) =>
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'satisfiedBy', value: v, checked: list(draft, 'satisfiedBy').includes(v) }), enumLabel(v)))),
  field(t('admin.field.legalBasis'), input('legalBasis', str(draft, 'legalBasis'), { maxlength: '500' })),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', disabled: s.busy }, t('common.save')),
    button(t('common.cancel'), () => { ui.state.competence = undefined; ui.render(); })));
}

function competences(s: State, ui: Ui, cat: CatalogueData): VNode[] {
  const edit = (c?: CatalogueData['competences'][number]) => {
    ui.state.competence = c
      ? { isNew: false, draft: { competenceId: c.competenceId, name: c.name, category: c.category, validityMonths: c.validityMonths?.toString() ?? '',
        renewFrom: c.renewFrom ?? '', windowDays: c.windowDays?.toString() ?? '', satisfiedBy: c.satisfiedBy, legalBasis: c.legalBasis ?? '' } }
      : { isNew: true, draft: { category: 'mandatory', satisfiedBy: ['course'] } };
    ui.render();
  };
  if (s.competence) return [competenceForm(s, ui, cat)];
  return [
    button(t('admin.cat.new'), () => edit(), { class: 'primary' }),
    h('ul', { class: 'plain' }, cat.competences.map((c) => h('li', { class: 'item' },
      h('strong', null, c.name), ' ', h('span', { class: 'muted' }, `(${c.competenceId})`),
      h('div', { class: 'muted' }, [enumLabel(c.category), c.validityMonths ? t('admin.cat.validity', { months: c.validityMonths }) : t('admin.cat.noExpiry'),
        c.satisfiedBy.map(enumLabel).join(', ')].join(' · ')),
      button(t('admin.cat.edit'), () => edit(c), { class: 'link', 'aria-label': `${t('admin.cat.edit')}: ${c.name}` })))),
  ];
}

function plans(s: State, ui: Ui, cat: CatalogueData): VNode[] {
  const roleId = s.planRole ?? cat.roles[0]?.roleId ?? '';
  const names = new Map(cat.competences.map((c) => [c.competenceId, c.name]));
  const reqs = cat.requirements.filter((r) => r.roleId === roleId);
  const d = s.requirementDraft;
  const role = s.roleDraft;
  return [
    field(t('admin.plan.role'), select('role', roleId, cat.roles.map((r) => ({ value: r.roleId, label: r.name })), {
      onChange: (ev: Event) => { ui.state.planRole = (ev.currentTarget as HTMLSelectElement).value; ui.render(); } })),
    reqs.length ? h('ul', { class: 'plain' }, reqs.map((r) => h('li', { class: 'item' },
      h('strong', null, names.get(r.competenceId) ?? r.competenceId), ' ', h('span', { class: 'muted' },
        [enumLabel(r.level), r.dueWithinDays !== undefined ? t('admin.plan.due', { days: r.dueWithinDays }) : '',
          r.effectiveFrom ? t('admin.plan.from', { date: date(r.effectiveFrom) }) : ''].filter(Boolean).join(' · ')),
      button(t('admin.plan.remove'), () => void save(ui, 'admin.removeRequirement', { roleId, competenceId: r.competenceId }, () => undefined),
        { class: 'link danger', 'aria-label': t('admin.plan.removeLabel', { competence: names.get(r.competenceId) ?? r.competenceId }) }))))
      : h('p', null, t('admin.plan.empty')),
    h('form', { class: 'card-form', onSubmit: (ev: Event) => {
      ev.preventDefault();
      const draft = formDraft(ev.currentTarget as HTMLFormElement);
      ui.state.requirementDraft = draft;
      void save(ui, 'admin.saveRequirement', { roleId, competenceId: str(draft, 'competenceId'), level: str(draft, 'level'), dueWithinDays: str(draft, 'dueWithinDays') },
        () => { ui.state.requirementDraft = {}; });
    } },
    h('h3', null, t('admin.plan.add')),
    field(t('admin.csv.competence'), select('competenceId', str(d, 'competenceId'), cat.competences.map((c) => ({ value: c.competenceId, label: c.name })))),
    field(t('admin.field.level'), select('level', str(d, 'level') || 'required', options(cat.enums.level))),
    field(t('admin.field.dueWithinDays'), input('dueWithinDays', str(d, 'dueWithinDays'), { type: 'number', min: '0', max: '3650' }), t('admin.plan.dueHint')),
    h('button', { type: 'submit', class: 'primary', disabled: s.busy || !roleId }, t('admin.plan.add'))),
    role ? h('form', { class: 'card-form', onSubmit: (ev: Event) => {
      ev.preventDefault();
      const draft = formDraft(ev.currentTarget as HTMLFormElement);
      ui.state.roleDraft = draft;
      void save(ui, 'admin.saveRole', { isNew: true, roleId: str(draft, 'roleId'), name: str(draft, 'name'), description: str(draft, 'description') },
        () => { ui.state.roleDraft = undefined; ui.state.planRole = str(draft, 'roleId'); });
    } },
    h('h3', null, t('admin.plan.newRole')),
    field(t('admin.field.roleId'), input('roleId', str(role, 'roleId'), { required: true, maxlength: '64' })),
    field(t('admin.field.name'), input('name', str(role, 'name'), { required: true })),
    field(t('admin.field.description'), input('description', str(role, 'description'))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', disabled: s.busy }, t('common.save')),
      button(t('common.cancel'), () => { ui.state.roleDraft = undefined; ui.render(); })))
      : button(t('admin.plan.newRole'), () => { ui.state.roleDraft = {}; ui.render(); }),
  ];
}

export function catalogueView(s: State, ui: Ui): VNode {
  const cat = s.cat;
  if (!cat) return h('p', null, t('admin.loading'));
  const tab = (id: State['catTab'], label: string) => h('button', { type: 'button', role: 'tab', 'aria-selected': s.catTab === id ? 'true' : 'false',
    class: s.catTab === id ? 'subtab active' : 'subtab', onClick: () => { ui.state.catTab = id; ui.render(); } }, label);
  return h('div', { class: 'catalogue' },
    h('div', { role: 'tablist', class: 'subtabs' }, tab('competences', t('admin.cat.competences')), tab('plans', t('admin.cat.plans'))),
    ...(s.catTab === 'competences' ? competences(s, ui, cat) : plans(s, ui, cat)));
}
