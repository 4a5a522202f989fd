// Default appraisal templates for the local workspace: plain-text documents with {{placeholders}} and the agreed-actions
// table, put into the in-memory Drive and Docs; returns the Settings that point at them. Google uses HR's own Docs.
import type { AppraisalKind } from '../core/appraisal';
import { TEMPLATE_SETTING } from '../core/appraisal';
import type { LocalServices } from './memory-services';

export const TEMPLATE_IDS: Record<AppraisalKind, string> = {
  development: 'template-development',
  probation: 'template-probation',
  'life-phase': 'template-life-phase',
};

const HEAD = `Medarbeider: {{employeeName}} ({{employeeEmail}})
Stilling: {{role}}
Enhet: {{unit}}
Startdato: {{startDate}}
Leder: {{leaderName}}
Dato for samtalen: {{date}}`;

const RECORDS = `Kompetanse i dag (fra Kompetent)
{{competenceStatus}}

Kurs
{{courses}}

Åpne tiltak i kompetanseplanen
{{planItems}}

Avtalt sist ({{lastHeldOn}})
{{lastAgreed}}`;

const CLOSING = `Avtalte tiltak
Skriv ett tiltak per rad i tabellen under: en kompetanse, et kurs eller et mål med egne ord, og en frist (dd.mm.åååå).
Trykk «Registrer avtalte tiltak» i Kompetent-panelet når samtalen er ferdig.

Referatet arkiveres i personalmappen etter kommunens arkivrutiner. Lønn drøftes ikke i denne samtalen.`;

const BODIES: Record<AppraisalKind, { title: string; body: string }> = {
  development: {
    title: 'Mal – medarbeidersamtale',
    body: `Medarbeidersamtale

${HEAD}

Tilbakeblikk
Hvordan gikk det med målene fra forrige samtale?

Arbeidssituasjon og arbeidsmiljø


Mål og kompetansebehov fremover


${RECORDS}

${CLOSING}`,
  },
  probation: {
    title: 'Mal – oppfølging i prøvetiden',
    body: `Oppfølgingssamtale i prøvetiden

${HEAD}
Prøvetiden slutter: {{probationEndsOn}}
Oppfølgingssamtaler: {{probationFollowUps}}

Opplæring og tilpasning


Forventninger begge veier


${RECORDS}

Prøvetiden (arbeidsmiljøloven § 15-6) er høyst seks måneder. Den kan bare forlenges ved fravær, og bare hvis arbeidstakeren
har fått skriftlig beskjed før prøvetiden slutter. Oppfølgingen dokumenteres i dette referatet.

${CLOSING}`,
  },
  'life-phase': {
    title: 'Mal – livsfasesamtale',
    body: `Livsfasesamtale

${HEAD}

Livsfase og arbeidssituasjon


Tilrettelegging og ønsker


${RECORDS}

${CLOSING}`,
  },
};

/** The agreed-actions table every template ends with (the headers the panel reads back). */
export const AGREED_TABLE = [['Tiltak', 'Kompetanse eller mål', 'Frist', 'Ansvarlig'], ['', '', '', '']];

/**
 * Puts the default templates into the local Drive and Docs (a template HR has edited is left alone) and returns the
 * Settings rows to add (templateDevelopment, templateProbation, templateLifePhase, appraisalsFolderId, archiveFolderId).
 */
export function seedDefaultTemplates(services: Pick<LocalServices, 'drive' | 'docs'>): Record<string, string> {
  const { drive, docs } = services;
  const folder = drive.ensureFolder(['Kompetent', 'Templates']);
  const settings: Record<string, string> = {};
  for (const kind of Object.keys(TEMPLATE_IDS) as AppraisalKind[]) {
    const id = TEMPLATE_IDS[kind];
    const { title, body } = BODIES[kind];
    if (!drive.files.has(id)) {
      drive.files.set(id, { id, name: title, mimeType: 'application/vnd.google-apps.document', folderId: folder, content: '', readers: [], writers: [], commenters: [] });
    }
    if (!docs.docs.has(id)) docs.docs.set(id, { id, title, body, tables: [{ heading: 'Avtalte tiltak', rows: AGREED_TABLE.map((r) => [...r]) }] });
    settings[TEMPLATE_SETTING[kind]] = id;
  }
  settings.appraisalsFolderId = drive.ensureFolder(['Kompetent', 'Appraisals']);
  settings.archiveFolderId = drive.ensureFolder(['Kompetent', 'Archive']);
  return settings;
}
