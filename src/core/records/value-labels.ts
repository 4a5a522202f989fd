// The records spreadsheet's enumerated cells in Norwegian: each stored key's label, one map per enumeration (issue 15 §3).
// Code and zod rows keep the English keys (tables.ts); the enum codec writes the label and reads the label or the key in
// any case, so sheets written before the labels, and values typed by hand in either language, keep parsing.
import type {
  APPRAISAL_KIND, APPRAISAL_STATUS, CERT_SOURCE, CERT_STATE, CHANNEL, COMPETENCE_CATEGORY, COURSE_FORMAT, EMPLOYEE_STATUS,
  ENROLLMENT_STATUS, LOCALES, NOTIFICATION_KIND, OUTBOX_CHANNEL, OUTBOX_STATUS, PLAN_STATUS, QUESTION_STATUS, RENEW_FROM,
  REQUIREMENT_LEVEL, SATISFIED_BY, SESSION_STATUS, SKILL_AREAS,
} from './tables';

/**
 * The tab HR sees for each table (nb bokmål: the records spreadsheet is the municipality's daily tool). labels.ts checks
 * it names every table (a check here would make the tables' types depend on themselves: the Audit log uses this map).
 */
export const TAB_LABELS = {
  Units: 'Enheter',
  Employees: 'Ansatte',
  Roles: 'Roller',
  Competences: 'Kompetanser',
  Requirements: 'Kompetansekrav',
  Certifications: 'Sertifiseringer',
  Courses: 'Kurs',
  Sessions: 'Kursdatoer',
  Enrollments: 'Påmeldinger',
  PlanItems: 'Planpunkter',
  Appraisals: 'Samtaler',
  SkillAssessments: 'Digitale ferdigheter',
  Guides: 'Google-guider',
  Questions: 'Spørsmål',
  Faq: 'Spørsmål og svar',
  Notifications: 'Varsler',
  Outbox: 'Utsendinger',
  Audit: 'Endringslogg',
  Settings: 'Innstillinger',
} as const;

type LabelsOf<V extends readonly string[]> = { readonly [K in V[number]]: string };

/**
 * nb bokmål, lower case except names (the dropdowns HR picks from). The same word may serve two enumerations, never two
 * values of one (a test checks labels are unique and never another value's key in their enumeration).
 */
export const VALUE_LABELS = {
  locale: { nb: 'bokmål', en: 'engelsk', sv: 'svensk' } satisfies LabelsOf<typeof LOCALES>,
  employeeStatus: { active: 'aktiv', leave: 'permisjon', left: 'sluttet' } satisfies LabelsOf<typeof EMPLOYEE_STATUS>,
  competenceCategory: {
    legal: 'lovpålagt', mandatory: 'obligatorisk', recommended: 'anbefalt', digital: 'digital',
  } satisfies LabelsOf<typeof COMPETENCE_CATEGORY>,
  renewFrom: { expiry: 'utløpsdato', completion: 'gjennomført dato' } satisfies LabelsOf<typeof RENEW_FROM>,
  satisfiedBy: { course: 'kurs', 'sign-off': 'godkjent av leder', document: 'dokumentasjon' } satisfies LabelsOf<typeof SATISFIED_BY>,
  requirementLevel: { required: 'påkrevd', recommended: 'anbefalt' } satisfies LabelsOf<typeof REQUIREMENT_LEVEL>,
  certSource: {
    session: 'kurs', 'sign-off': 'godkjent av leder', document: 'dokumentasjon', import: 'importert', appraisal: 'medarbeidersamtale',
  } satisfies LabelsOf<typeof CERT_SOURCE>,
  certState: { valid: 'gyldig', pending: 'venter på godkjenning', revoked: 'trukket tilbake' } satisfies LabelsOf<typeof CERT_STATE>,
  courseFormat: { classroom: 'klasserom', video: 'video', stream: 'strømming', 'e-learning': 'e-læring' } satisfies LabelsOf<typeof COURSE_FORMAT>,
  sessionStatus: { open: 'åpen', closed: 'stengt', cancelled: 'avlyst', held: 'gjennomført' } satisfies LabelsOf<typeof SESSION_STATUS>,
  enrollmentStatus: {
    enrolled: 'påmeldt', waitlisted: 'på venteliste', cancelled: 'avmeldt', attended: 'deltok', 'no-show': 'møtte ikke',
  } satisfies LabelsOf<typeof ENROLLMENT_STATUS>,
  planStatus: { open: 'åpen', done: 'fullført', cancelled: 'avbrutt' } satisfies LabelsOf<typeof PLAN_STATUS>,
  appraisalKind: {
    development: 'medarbeidersamtale', probation: 'prøvetidssamtale', 'life-phase': 'livsfasesamtale',
  } satisfies LabelsOf<typeof APPRAISAL_KIND>,
  appraisalStatus: {
    planned: 'planlagt', prepared: 'dokument klart', held: 'holdt', signed: 'signert', archived: 'arkivert', cancelled: 'avlyst',
  } satisfies LabelsOf<typeof APPRAISAL_STATUS>,
  skillArea: {
    email: 'e-post', calendar: 'kalender', drive: 'Drive', docs: 'Dokumenter', sheets: 'Regneark', chat: 'Chat', meet: 'Meet',
    intranet: 'intranett', mobile: 'mobil',
  } satisfies LabelsOf<typeof SKILL_AREAS>,
  questionStatus: {
    open: 'åpent', claimed: 'tatt av guide', answered: 'besvart', resolved: 'løst', reopened: 'åpnet igjen',
  } satisfies LabelsOf<typeof QUESTION_STATUS>,
  notificationKind: {
    reminder: 'påminnelse', digest: 'oppsummering', nudge: 'purring', promotion: 'fått plass', confirmation: 'bekreftelse',
    announcement: 'kunngjøring', verify: 'til godkjenning',
  } satisfies LabelsOf<typeof NOTIFICATION_KIND>,
  channel: { chat: 'Chat', mail: 'e-post' } satisfies LabelsOf<typeof CHANNEL>,
  outboxChannel: { mail: 'e-post', calendar: 'kalender', chat: 'Chat' } satisfies LabelsOf<typeof OUTBOX_CHANNEL>,
  outboxStatus: { pending: 'venter', sent: 'sendt', failed: 'feilet' } satisfies LabelsOf<typeof OUTBOX_STATUS>,
} as const;

export type ValueLabels = Readonly<Record<string, string>>;

/** The label of a stored key (the key itself when the enumeration has no label for it). */
export function valueLabel(labels: ValueLabels, key: string): string {
  return Object.prototype.hasOwnProperty.call(labels, key) ? labels[key]! : key;
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** Reads a cell's word back to its key: the Norwegian label or the English key, any case and spacing; undefined if neither. */
export function keyReader(keys: readonly string[], labels: ValueLabels): (word: string) => string | undefined {
  const m = new Map<string, string>();
  for (const k of keys) m.set(norm(valueLabel(labels, k)), k);
  // Keys after labels: a key always reads as itself (a test checks no label is another value's key).
  for (const k of keys) m.set(norm(k), k);
  return (word) => m.get(norm(word));
}
