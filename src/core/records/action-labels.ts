// What a change did, in words HR reads in the Endringslogg's «Handling» column and the local workspace's jobs menu: one map
// from the code's action name to nb bokmål (issue 15 §3). The Audit codec writes the words and reads the words or the old
// code name back to the name, so logs written before keep their meaning; a name not in the map is written as it is.
// Action names as the code passes them to commit (contract/actions.ts for appraisals and jobs; a test checks them).
// English and Swedish words serve the access export read in the requester's language (issue 15).
import { TAB_LABELS } from './value-labels';

/** Noun phrases, lower case: they read as what happened (the log) and as what a job does (the jobs menu). */
const NB = {
  // Courses
  signUp: 'påmelding',
  signUpOther: 'påmelding av ansatt',
  cancel: 'avmelding',
  cancelFor: 'avmelding av ansatt',
  addToCalendar: 'lagt i kalenderen',
  createCourse: 'nytt kurs',
  saveCourse: 'kurs endret',
  createSession: 'ny kursdato',
  saveSession: 'kursdato endret',
  cancelSession: 'kursdato avlyst',
  markAttendance: 'oppmøte registrert',
  // Competences and certificates
  registerCertificate: 'kursbevis registrert fra e-post',
  registerCertification: 'sertifisering registrert',
  verifyCertification: 'sertifisering godkjent',
  rejectCertification: 'sertifisering avvist',
  signOff: 'godkjent av leder',
  assessSkills: 'digitale ferdigheter vurdert',
  saveCompetence: 'kompetanse lagret',
  saveRole: 'rolle lagret',
  saveRequirement: 'kompetansekrav lagret',
  removeRequirement: 'kompetansekrav fjernet',
  // The guides' forum
  askQuestion: 'spørsmål stilt',
  claimQuestion: 'spørsmål tatt av guide',
  answerQuestion: 'spørsmål besvart',
  askAsker: 'guiden spurte den som spurte',
  handOverQuestion: 'spørsmål gitt videre',
  escalateQuestion: 'spørsmål sendt til koordinator',
  publishFaq: 'svar publisert (FAQ)',
  resolveQuestion: 'spørsmål løst',
  reopenQuestion: 'spørsmål åpnet igjen',
  replyToQuestion: 'svar fra den som spurte',
  faqHelpful: 'svar merket som nyttig',
  faqNotHelpful: 'svar merket som ikke nyttig',
  faqReviewed: 'svar gjennomgått',
  announceToGuides: 'kunngjøring til guidene',
  // Appraisals
  'appraisal.create': 'samtaledokument laget',
  'appraisal.recordActions': 'avtalte tiltak registrert',
  'appraisal.markHeld': 'samtale holdt',
  'appraisal.scheduleNext': 'neste samtale planlagt',
  'appraisal.signOff': 'samtale signert',
  'appraisal.archive': 'samtale arkivert',
  // Jobs (a job's own commits carry its action)
  'job.rebuild': 'oppdatering av oversiktene',
  'job.heal': 'reparasjon av oversiktene',
  'job.reminders': 'påminnelser om fornyelse',
  'job.courseReminders': 'påminnelser om kurs',
  'job.nudges': 'purring på ubesvarte spørsmål',
  'job.appraisalReminders': 'påminnelser om samtaler',
  'job.digest': 'ukeoppsummering til guidene',
  'job.leaderDigest': 'ukeoppsummering til ledere',
  'job.faqReview': 'gjennomgang av svar (FAQ)',
  'job.outbox': 'utsending av e-post og kalenderinvitasjoner',
  'job.rotate': 'arkivering av avsluttede år',
  readModelRebuilt: 'oversiktene bygget på nytt',
  // The admin CLI and the console
  provision: 'oppsett av registeret',
  import: 'import av data',
  accessExport: 'innsyn: utskrift av personens data',
};

/** nb bokmål: what the Endringslogg holds (the codec reads these words back to the action name). */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = NB;

type Words = { readonly [K in keyof typeof NB]: string };

/** The same actions in English, for an access export in the requester's language (never written to the log). */
const EN: Words = {
  signUp: 'sign-up', signUpOther: 'employee signed up', cancel: 'cancellation', cancelFor: 'employee cancelled', addToCalendar: 'added to calendar',
  createCourse: 'new course', saveCourse: 'course changed', createSession: 'new course date', saveSession: 'course date changed',
  cancelSession: 'course date cancelled', markAttendance: 'attendance recorded',
  registerCertificate: 'course certificate registered from e-mail', registerCertification: 'certification registered',
  verifyCertification: 'certification approved', rejectCertification: 'certification rejected', signOff: 'signed off by leader',
  assessSkills: 'digital skills assessed', saveCompetence: 'competence saved', saveRole: 'role saved', saveRequirement: 'competence requirement saved',
  removeRequirement: 'competence requirement removed',
  askQuestion: 'question asked', claimQuestion: 'question taken by a guide', answerQuestion: 'question answered', askAsker: 'the guide asked the asker',
  handOverQuestion: 'question handed over', escalateQuestion: 'question sent to the coordinator', publishFaq: 'answer published (FAQ)',
  resolveQuestion: 'question resolved', reopenQuestion: 'question reopened', replyToQuestion: 'reply from the asker', faqHelpful: 'answer marked helpful',
  faqNotHelpful: 'answer marked not helpful', faqReviewed: 'answer reviewed', announceToGuides: 'announcement to the guides',
  'appraisal.create': 'conversation document made', 'appraisal.recordActions': 'agreed actions recorded', 'appraisal.markHeld': 'conversation held',
  'appraisal.scheduleNext': 'next conversation planned', 'appraisal.signOff': 'conversation signed', 'appraisal.archive': 'conversation archived',
  'job.rebuild': 'overviews updated', 'job.heal': 'overviews repaired', 'job.reminders': 'renewal reminders', 'job.courseReminders': 'course reminders',
  'job.nudges': 'reminders about unanswered questions', 'job.appraisalReminders': 'conversation reminders', 'job.digest': 'weekly summary to the guides',
  'job.leaderDigest': 'weekly summary to leaders', 'job.faqReview': 'review of answers (FAQ)', 'job.outbox': 'sending of e-mail and calendar invitations',
  'job.rotate': 'archiving of closed years', readModelRebuilt: 'overviews rebuilt',
  provision: 'set-up of the records', import: 'data import', accessExport: 'right of access: printout of the person\'s data',
};

/** Swedish. */
const SV: Words = {
  signUp: 'anmälan', signUpOther: 'anställd anmäld', cancel: 'avanmälan', cancelFor: 'anställd avanmäld', addToCalendar: 'lagt i kalendern',
  createCourse: 'ny kurs', saveCourse: 'kurs ändrad', createSession: 'nytt kurstillfälle', saveSession: 'kurstillfälle ändrat',
  cancelSession: 'kurstillfälle inställt', markAttendance: 'närvaro registrerad',
  registerCertificate: 'kursintyg registrerat från e-post', registerCertification: 'certifiering registrerad',
  verifyCertification: 'certifiering godkänd', rejectCertification: 'certifiering avvisad', signOff: 'godkänt av chef',
  assessSkills: 'digitala färdigheter bedömda', saveCompetence: 'kompetens sparad', saveRole: 'roll sparad', saveRequirement: 'kompetenskrav sparat',
  removeRequirement: 'kompetenskrav borttaget',
  askQuestion: 'fråga ställd', claimQuestion: 'fråga tagen av guide', answerQuestion: 'fråga besvarad', askAsker: 'guiden frågade den som frågade',
  handOverQuestion: 'fråga lämnad vidare', escalateQuestion: 'fråga skickad till samordnaren', publishFaq: 'svar publicerat (FAQ)',
  resolveQuestion: 'fråga löst', reopenQuestion: 'fråga öppnad igen', replyToQuestion: 'svar från den som frågade', faqHelpful: 'svar markerat som användbart',
  faqNotHelpful: 'svar markerat som inte användbart', faqReviewed: 'svar granskat', announceToGuides: 'meddelande till guiderna',
  'appraisal.create': 'samtalsdokument skapat', 'appraisal.recordActions': 'överenskomna åtgärder registrerade', 'appraisal.markHeld': 'samtal hållet',
  'appraisal.scheduleNext': 'nästa samtal planerat', 'appraisal.signOff': 'samtal signerat', 'appraisal.archive': 'samtal arkiverat',
  'job.rebuild': 'översikterna uppdaterade', 'job.heal': 'översikterna reparerade', 'job.reminders': 'påminnelser om förnyelse',
  'job.courseReminders': 'påminnelser om kurser', 'job.nudges': 'påminnelser om obesvarade frågor', 'job.appraisalReminders': 'påminnelser om samtal',
  'job.digest': 'veckosammanfattning till guiderna', 'job.leaderDigest': 'veckosammanfattning till chefer', 'job.faqReview': 'granskning av svar (FAQ)',
  'job.outbox': 'utskick av e-post och kalenderinbjudningar', 'job.rotate': 'arkivering av avslutade år', readModelRebuilt: 'översikterna byggda på nytt',
  provision: 'uppsättning av registret', import: 'dataimport', accessExport: 'registerutdrag: utskrift av personens uppgifter',
};

/** The action words per language of an access export. */
export type ActionLang = 'nb' | 'en' | 'sv';
const BY_LANG: Readonly<Record<ActionLang, Readonly<Record<string, string>>>> = { nb: NB, en: EN, sv: SV };

/**
 * The words for an action in a language (nb by default: the log and the jobs menu), with a capital first letter when it
 * heads a line; an action without words (one from a newer version) shows its name.
 */
export function actionLabel(action: string, capital = false, lang: ActionLang = 'nb'): string {
  const words = BY_LANG[lang];
  const label = Object.prototype.hasOwnProperty.call(words, action) ? words[action]! : action;
  return capital ? label.charAt(0).toUpperCase() + label.slice(1) : label;
}

/** The tables an Audit row names, as an English or Swedish reader of an access export calls them (nb: the tab titles). */
const TABLE_WORDS: Readonly<Record<'en' | 'sv', { readonly [T in keyof typeof TAB_LABELS]: string }>> = {
  en: {
    Units: 'Units', Employees: 'Employees', Roles: 'Roles', Competences: 'Competences', Requirements: 'Competence requirements',
    Certifications: 'Certifications', Courses: 'Courses', Sessions: 'Course dates', Enrollments: 'Sign-ups', PlanItems: 'Plan items',
    Appraisals: 'Conversations', SkillAssessments: 'Digital skills', Guides: 'Google guides', Questions: 'Questions', Faq: 'Questions and answers',
    Notifications: 'Notifications', Outbox: 'Outgoing messages', Audit: 'Change log', Settings: 'Settings',
  },
  sv: {
    Units: 'Enheter', Employees: 'Anställda', Roles: 'Roller', Competences: 'Kompetenser', Requirements: 'Kompetenskrav',
    Certifications: 'Certifieringar', Courses: 'Kurser', Sessions: 'Kurstillfällen', Enrollments: 'Anmälningar', PlanItems: 'Planpunkter',
    Appraisals: 'Samtal', SkillAssessments: 'Digitala färdigheter', Guides: 'Google-guider', Questions: 'Frågor', Faq: 'Frågor och svar',
    Notifications: 'Aviseringar', Outbox: 'Utskick', Audit: 'Ändringslogg', Settings: 'Inställningar',
  },
};

/** Which part of the records an Audit row concerns, in the reader's language (a name that is no table shows as it is). */
export function tableWord(table: string, lang: ActionLang): string {
  const words: Readonly<Record<string, string>> = lang === 'nb' ? TAB_LABELS : TABLE_WORDS[lang];
  return Object.prototype.hasOwnProperty.call(words, table) ? words[table]! : table;
}
