// The default appraisal templates, one source for every tenant: `kompetent provision` uploads them as Google Docs and the
// local workspace's demo puts the same blocks into its Docs twin. Document content in bokmål (HR edits it in Drive after).
import { TEMPLATE_SETTING, type AppraisalKind } from './appraisal';

/** One block of a template: the title, a heading, a paragraph (may hold line breaks) or a table (first row = headers). */
export type TemplateBlock =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'table'; rows: string[][] };

export interface TemplateDef {
  kind: AppraisalKind;
  /** The Settings key that holds the template's document id. */
  settingKey: string;
  /** The template's file name in Drive. */
  name: string;
  blocks: TemplateBlock[];
}

/** The agreed-actions table every template ends with (the headers the panel reads back: AGREED_TABLE_HEADERS). */
export const AGREED_TABLE: readonly (readonly string[])[] = [['Tiltak', 'Kompetanse eller mål', 'Frist', 'Ansvarlig'], ['', '', '', '']];

const head = (extra: string[] = []): TemplateBlock => ({
  kind: 'text',
  text: ['Medarbeider: {{employeeName}} ({{employeeEmail}})', 'Stilling: {{role}}', 'Enhet: {{unitName}}', 'Startdato: {{startDate}}',
    'Leder: {{leaderName}}', 'Dato for samtalen: {{date}}', ...extra].join('\n'),
});

const RECORDS: TemplateBlock[] = [
  { kind: 'heading', text: 'Kompetanse i dag (fra Kompetent)' }, { kind: 'text', text: '{{competenceStatus}}' },
  { kind: 'heading', text: 'Kurs' }, { kind: 'text', text: '{{courses}}' },
  { kind: 'heading', text: 'Åpne tiltak i kompetanseplanen' }, { kind: 'text', text: '{{planItems}}' },
  { kind: 'heading', text: 'Avtalt sist ({{lastHeldOn}})' }, { kind: 'text', text: '{{lastAgreed}}' },
];

const CLOSING: TemplateBlock[] = [
  { kind: 'heading', text: 'Avtalte tiltak' },
  { kind: 'text', text: 'Skriv ett tiltak per rad i tabellen under: en kompetanse, et kurs eller et mål med egne ord, og en frist (dd.mm.åååå). '
    + 'Trykk «Registrer avtalte tiltak» i Kompetent-panelet når samtalen er ferdig.' },
  { kind: 'table', rows: AGREED_TABLE.map((r) => [...r]) },
  { kind: 'text', text: 'Referatet arkiveres i personalmappen etter kommunens arkivrutiner. Lønn drøftes ikke i denne samtalen.' },
];

const section = (title: string, prompt = ''): TemplateBlock[] => [{ kind: 'heading', text: title }, { kind: 'text', text: prompt }];

export const TEMPLATES: readonly TemplateDef[] = [
  {
    kind: 'development', settingKey: TEMPLATE_SETTING.development, name: 'Mal – medarbeidersamtale',
    blocks: [
      { kind: 'title', text: 'Medarbeidersamtale' }, head(),
      ...section('Tilbakeblikk', 'Hvordan gikk det med målene fra forrige samtale?'),
      ...section('Arbeidssituasjon og arbeidsmiljø'), ...section('Mål og kompetansebehov fremover'),
      ...RECORDS, ...CLOSING,
    ],
  },
  {
    kind: 'probation', settingKey: TEMPLATE_SETTING.probation, name: 'Mal – oppfølging i prøvetiden',
    blocks: [
      { kind: 'title', text: 'Oppfølgingssamtale i prøvetiden' },
      head(['Prøvetiden slutter: {{probationEndsOn}}', 'Oppfølgingssamtaler: {{probationFollowUps}}']),
      ...section('Opplæring og tilpasning'), ...section('Forventninger begge veier'),
      ...RECORDS,
      { kind: 'text', text: 'Prøvetiden (arbeidsmiljøloven § 15-6) er høyst seks måneder. Den kan bare forlenges ved fravær, og bare hvis '
        + 'arbeidstakeren har fått skriftlig beskjed før prøvetiden slutter. Oppfølgingen dokumenteres i dette referatet.' },
      ...CLOSING,
    ],
  },
  {
    kind: 'life-phase', settingKey: TEMPLATE_SETTING['life-phase'], name: 'Mal – livsfasesamtale',
    blocks: [
      { kind: 'title', text: 'Livsfasesamtale' }, head(),
      ...section('Livsfase og arbeidssituasjon'), ...section('Tilrettelegging og ønsker'),
      ...RECORDS, ...CLOSING,
    ],
  },
];

/** The placeholders a template uses, in order of first use. */
export function placeholdersOf(blocks: readonly TemplateBlock[]): string[] {
  const text = blocks.map((b) => (b.kind === 'table' ? b.rows.flat().join('\n') : b.text)).join('\n');
  return [...new Set([...text.matchAll(/\{\{\s*([^{}\s][^{}]*?)\s*\}\}/g)].flatMap((m) => (m[1] === undefined ? [] : [m[1]])))];
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The template as HTML that Drive converts into a Google Doc (provision uploads it with mimeType text/html). */
export function templateHtml(t: TemplateDef): string {
  const body = t.blocks.map((b) => {
    if (b.kind === 'title') return `<h1>${esc(b.text)}</h1>`;
    if (b.kind === 'heading') return `<h2>${esc(b.text)}</h2>`;
    if (b.kind === 'text') return `<p>${esc(b.text).replace(/\n/g, '<br>')}</p>`;
    return `<table border="1">${b.rows.map((r, i) => `<tr>${r.map((c) => (i === 0 ? `<th>${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join('')}</tr>`).join('')}</table>`;
  }).join('');
  return `<html><head><meta charset="utf-8"><title>${esc(t.name)}</title></head><body>${body}</body></html>`;
}
