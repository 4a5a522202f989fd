// What a change did, in words HR reads in the Endringslogg's «Handling» column and the local workspace's jobs menu: one map
// from the code's action name to nb bokmål (issue 15 §3). The Audit codec writes the words and reads the words or the old
// code name back to the name, so logs written before keep their meaning; a name not in the map is written as it is.
// Action names as the code passes them to commit (contract/actions.ts for appraisals and jobs; a test checks them).

/** Noun phrases, lower case: they read as what happened (the log) and as what a job does (the jobs menu). */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
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

/** The words for an action (the name itself when it has none), with a capital first letter when it heads a line. */
export function actionLabel(action: string, capital = false): string {
  const label = Object.prototype.hasOwnProperty.call(AUDIT_ACTION_LABELS, action) ? AUDIT_ACTION_LABELS[action]! : action;
  return capital ? label.charAt(0).toUpperCase() + label.slice(1) : label;
}
