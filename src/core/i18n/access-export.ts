// Texts of the personal-data export (the employee reads it): Norwegian bokmål, English and Swedish.
export type ExportLang = 'nb' | 'en' | 'sv';

const nb = {
  title: 'Innsyn: opplysninger om {name} i Kompetent',
  intro: 'Utskrift {date} fra kommunens kompetanseregister (Kompetent), etter personvernforordningen artikkel 15. '
    + 'Her er alle opplysningene registeret har om deg.',
  about: 'Om deg', field: 'Felt', value: 'Verdi',
  employeeId: 'Ansattnummer', email: 'E-post', name: 'Navn', unit: 'Enhet', roles: 'Roller', manager: 'Nærmeste leder',
  startDate: 'Startdato', probationEndsOn: 'Prøvetid til', status: 'Status', locale: 'Språk',
  certifications: 'Kompetanse og sertifikater', competence: 'Kompetanse', achievedOn: 'Oppnådd', expiresOn: 'Utløper',
  source: 'Kilde', state: 'Tilstand', verifiedBy: 'Bekreftet av', note: 'Merknad', evidence: 'Dokumentasjon (fil-id)',
  enrollments: 'Kurspåmeldinger', course: 'Kurs', when: 'Tidspunkt', where: 'Sted', signedUpAt: 'Påmeldt',
  planItems: 'Utviklingsplan', goal: 'Mål', dueBy: 'Frist',
  appraisals: 'Samtaler', kind: 'Type', leader: 'Leder', scheduledOn: 'Planlagt', heldOn: 'Gjennomført', nextDueOn: 'Neste', document: 'Dokument (id)',
  skills: 'Digitale ferdigheter (egenvurdering)', area: 'Område', level: 'Nivå (0–4)', assessedOn: 'Vurdert',
  questions: 'Spørsmål du har stilt', askedAt: 'Stilt', text: 'Spørsmål', answer: 'Svar', anonymous: 'Anonymt',
  guide: 'Som Google-guide', topics: 'Temaer', units: 'Enheter', active: 'Aktiv', since: 'Siden',
  notifications: 'Varsler sendt til deg', sentAt: 'Sendt', subject: 'Gjelder', channel: 'Kanal',
  audit: 'Endringslogg', at: 'Tid', actor: 'Utført av', action: 'Handling', table: 'Område', change: 'Endring',
  none: 'Ingen.', yes: 'ja', no: 'nei',
  processing: 'Om behandlingen',
  processingText: [
    'Formål: å følge opp lovpålagt og nødvendig opplæring, kurs, medarbeidersamtaler og digital kompetanse.',
    'Behandlingsgrunnlag: arbeidsgivers plikter etter arbeidsmiljøloven og særlovgivning (GDPR art. 6 nr. 1 c og e).',
    'Hvem ser opplysningene: du, din leder (for enheten du tilhører) og HR. Helseopplysninger registreres ikke.',
    'Referater fra samtaler ligger i eget dokument og arkiveres i personalmappen; registeret har bare datoer og status.',
    'Du kan be om retting eller sletting av feil opplysninger hos HR.',
  ],
};

type Texts = typeof nb;

const en: Texts = {
  title: 'Right of access: what Kompetent holds about {name}',
  intro: 'Printed {date} from the municipality\'s competence records (Kompetent), under Article 15 GDPR. It lists every record held about you.',
  about: 'About you', field: 'Field', value: 'Value',
  employeeId: 'Employee number', email: 'E-mail', name: 'Name', unit: 'Unit', roles: 'Roles', manager: 'Manager',
  startDate: 'Start date', probationEndsOn: 'Probation ends', status: 'Status', locale: 'Language',
  certifications: 'Competences and certificates', competence: 'Competence', achievedOn: 'Achieved', expiresOn: 'Expires',
  source: 'Source', state: 'State', verifiedBy: 'Verified by', note: 'Note', evidence: 'Evidence (file id)',
  enrollments: 'Course sign-ups', course: 'Course', when: 'When', where: 'Where', signedUpAt: 'Signed up',
  planItems: 'Development plan', goal: 'Goal', dueBy: 'Due',
  appraisals: 'Conversations', kind: 'Kind', leader: 'Leader', scheduledOn: 'Scheduled', heldOn: 'Held', nextDueOn: 'Next', document: 'Document (id)',
  skills: 'Digital skills (self-assessment)', area: 'Area', level: 'Level (0–4)', assessedOn: 'Assessed',
  questions: 'Questions you asked', askedAt: 'Asked', text: 'Question', answer: 'Answer', anonymous: 'Anonymous',
  guide: 'As a Google guide', topics: 'Topics', units: 'Units', active: 'Active', since: 'Since',
  notifications: 'Notifications sent to you', sentAt: 'Sent', subject: 'About', channel: 'Channel',
  audit: 'Change log', at: 'Time', actor: 'By', action: 'Action', table: 'Area', change: 'Change',
  none: 'None.', yes: 'yes', no: 'no',
  processing: 'About the processing',
  processingText: [
    'Purpose: to follow up mandatory and needed training, courses, appraisal conversations and digital skills.',
    'Legal basis: the employer\'s duties under the Working Environment Act and sector law (GDPR Art. 6(1)(c) and (e)).',
    'Who sees it: you, your manager (for your unit) and HR. No health data is recorded.',
    'Conversation minutes are kept in their own document and archived in the personnel file; the records keep dates and status only.',
    'Ask HR to correct or erase anything that is wrong.',
  ],
};

const sv: Texts = {
  title: 'Registerutdrag: uppgifter om {name} i Kompetent',
  intro: 'Utskrift {date} ur kommunens kompetensregister (Kompetent), enligt artikel 15 i dataskyddsförordningen. Här finns alla uppgifter registret har om dig.',
  about: 'Om dig', field: 'Fält', value: 'Värde',
  employeeId: 'Anställningsnummer', email: 'E-post', name: 'Namn', unit: 'Enhet', roles: 'Roller', manager: 'Närmaste chef',
  startDate: 'Startdatum', probationEndsOn: 'Provanställning till', status: 'Status', locale: 'Språk',
  certifications: 'Kompetenser och certifikat', competence: 'Kompetens', achievedOn: 'Uppnådd', expiresOn: 'Går ut',
  source: 'Källa', state: 'Tillstånd', verifiedBy: 'Bekräftad av', note: 'Anteckning', evidence: 'Underlag (fil-id)',
  enrollments: 'Kursanmälningar', course: 'Kurs', when: 'Tid', where: 'Plats', signedUpAt: 'Anmäld',
  planItems: 'Utvecklingsplan', goal: 'Mål', dueBy: 'Senast',
  appraisals: 'Samtal', kind: 'Typ', leader: 'Chef', scheduledOn: 'Planerat', heldOn: 'Genomfört', nextDueOn: 'Nästa', document: 'Dokument (id)',
  skills: 'Digitala färdigheter (självskattning)', area: 'Område', level: 'Nivå (0–4)', assessedOn: 'Bedömd',
  questions: 'Frågor du har ställt', askedAt: 'Ställd', text: 'Fråga', answer: 'Svar', anonymous: 'Anonym',
  guide: 'Som Google-guide', topics: 'Ämnen', units: 'Enheter', active: 'Aktiv', since: 'Sedan',
  notifications: 'Aviseringar till dig', sentAt: 'Skickad', subject: 'Gäller', channel: 'Kanal',
  audit: 'Ändringslogg', at: 'Tid', actor: 'Utförd av', action: 'Åtgärd', table: 'Område', change: 'Ändring',
  none: 'Inga.', yes: 'ja', no: 'nej',
  processing: 'Om behandlingen',
  processingText: [
    'Syfte: att följa upp lagstadgad och nödvändig utbildning, kurser, medarbetarsamtal och digital kompetens.',
    'Rättslig grund: arbetsgivarens skyldigheter enligt arbetsmiljölagstiftning och speciallagstiftning (GDPR art. 6.1 c och e).',
    'Vem ser uppgifterna: du, din chef (för din enhet) och HR. Inga hälsouppgifter registreras.',
    'Samtalsanteckningar finns i ett eget dokument och arkiveras i personalakten; registret har bara datum och status.',
    'Be HR rätta eller radera uppgifter som är fel.',
  ],
};

export const EXPORT_TEXTS: Record<ExportLang, Texts> = { nb, en, sv };
export type ExportTexts = Texts;
