// Registering a certification by hand, with the evidence file sent base64-encoded to the server (which puts it in Drive).
import type { CatalogueData, SavedData } from '../contract/sidebar';
import { call, t } from './api';
import { formDraft, str, type State, type Ui } from './state';
import { h, type VNode } from './vdom';
import { field, input, select } from './widgets';

/** The form's submit listener; the DOM ignores what a listener returns, so the async work runs on its own. */
function onSubmit(ui: Ui): (ev: Event) => void {
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const form = ev.currentTarget as HTMLFormElement;
    const draft = formDraft(form);
    ui.state.registerDraft = draft;
    const file = (form.elements.namedItem('evidence') as HTMLInputElement | null)?.files?.[0];
    let evidence: { name: string; mimeType: string; base64: string } | undefined;
    if (file) {
      ui.state.status = { text: t('admin.reg.reading'), error: false };
      ui.render();
      evidence = { name: file.name, mimeType: file.type || 'application/octet-stream', base64: await ui.readFile(file) };
    }
    const saved = await ui.run(() => call<SavedData>('admin.registerCertification', {
      email: str(draft, 'email'), competenceId: str(draft, 'competenceId'), achievedOn: str(draft, 'achievedOn'),
      expiresOn: str(draft, 'expiresOn'), note: str(draft, 'note'), ...(evidence ? { evidence } : {}),
    }), (d) => d.message);
    if (saved) ui.state.registerDraft = {};
    ui.render();
  };
  return (ev) => { void submit(ev); };
}

export function registerView(s: State, ui: Ui): VNode {
  const cat: CatalogueData | undefined = s.cat;
  if (!cat) return h('p', null, t('admin.loading'));
  const d = s.registerDraft;
  return h('form', { class: 'card-form', onSubmit: onSubmit(ui) },
    h('h2', null, t('admin.reg.title')),
    h('p', { class: 'muted' }, t('admin.reg.intro')),
    field(t('admin.field.email'), input('email', str(d, 'email'), { type: 'email', required: true, autocomplete: 'off' })),
    field(t('admin.csv.competence'), select('competenceId', str(d, 'competenceId'), cat.competences.map((c) => ({ value: c.competenceId, label: c.name })))),
    field(t('admin.field.achievedOn'), input('achievedOn', str(d, 'achievedOn'), { type: 'date', required: true })),
    field(t('admin.field.expiresOn'), input('expiresOn', str(d, 'expiresOn'), { type: 'date' })),
    field(t('admin.field.note'), input('note', str(d, 'note'), { maxlength: '1000' })),
    field(t('admin.field.evidence'), h('input', { type: 'file', name: 'evidence', accept: 'application/pdf,image/jpeg,image/png,image/heic,image/webp' })),
    h('button', { type: 'submit', class: 'primary', disabled: s.busy }, t('admin.reg.submit')));
}
