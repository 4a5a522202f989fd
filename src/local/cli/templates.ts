// Default appraisal templates that provision uploads as Google Docs (HTML converted by Drive); {{placeholders}} are
// filled from the records when a leader creates a document. HR edits them in Drive afterwards.

export interface TemplateDef {
  /** Appraisal kind (Appraisals.kind) and the Settings key that holds the document id. */
  kind: 'development' | 'probation' | 'life-phase';
  settingKey: string;
  name: string;
  html: string;
}

const HEAD = `<p><b>Medarbeider:</b> {{employeeName}} ({{employeeEmail}})<br><b>Enhet:</b> {{unitName}}<br>`
  + `<b>Leder:</b> {{leaderName}}<br><b>Dato:</b> {{date}}</p>`;
const STATUS = `<h2>Kompetanse i dag</h2><p>{{competenceStatus}}</p>`;
const ACTIONS = `<h2>Avtalte tiltak</h2><table border="1"><tr><th>Tiltak</th><th>Kompetanse eller mål</th><th>Frist</th>`
  + `<th>Ansvarlig</th></tr><tr><td></td><td></td><td></td><td></td></tr></table>`;
const SIGN = `<p>Referatet arkiveres i personalmappen etter kommunens arkivrutiner. Lønn drøftes ikke i denne samtalen.</p>`;

function doc(title: string, body: string): string {
  return `<html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${HEAD}${body}${ACTIONS}${SIGN}</body></html>`;
}

export const TEMPLATES: TemplateDef[] = [
  {
    kind: 'development', settingKey: 'templateDevelopment', name: 'Mal – medarbeidersamtale',
    html: doc('Medarbeidersamtale', `<h2>Tilbakeblikk</h2><p>Hvordan gikk det med fjorårets mål?</p>`
      + `<h2>Arbeidssituasjon og arbeidsmiljø</h2><p></p><h2>Mål og kompetansebehov fremover</h2><p></p>${STATUS}`),
  },
  {
    kind: 'probation', settingKey: 'templateProbation', name: 'Mal – oppfølging i prøvetiden',
    html: doc('Oppfølgingssamtale i prøvetiden', `<p><b>Prøvetiden slutter:</b> {{probationEndsOn}}</p>`
      + `<h2>Opplæring og tilpasning</h2><p></p><h2>Forventninger begge veier</h2><p></p>${STATUS}`
      + `<p>Forlengelse av prøvetiden (arbeidsmiljøloven § 15-6) kan bare skje ved fravær, og skriftlig før prøvetiden utløper.</p>`),
  },
  {
    kind: 'life-phase', settingKey: 'templateLifePhase', name: 'Mal – livsfasesamtale',
    html: doc('Livsfasesamtale', `<h2>Livsfase og arbeidssituasjon</h2><p></p><h2>Tilrettelegging og ønsker</h2><p></p>${STATUS}`),
  },
];
