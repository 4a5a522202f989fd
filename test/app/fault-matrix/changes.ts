// The fault matrix's changes (issue #13): every change the product makes, each with its data, its set-up and its one user
// action (always the same event: the same `k`, as a card button carries it), and a record of someone else at the top of
// the tab a hand edit hits.
import { tableDef, type TableName } from '../../../src/core/records/tables';
import { Records } from '../../../src/store/records';
import { ACTIONS } from '../../../src/contract/actions';
import { encodeMail } from '../../../src/core/outbox';
import { COURSE_CALLS } from '../../../src/contract/course-admin';
import { SIDEBAR_CALLS } from '../../../src/contract/sidebar';
import { PEOPLE } from '../../support/fixture';
import { forumData, EVA, GUIDES_SPACE, type Data } from '../features/forum/support';
import { agreedTable, appraisalData } from '../features/appraisals/support';
import { addon, chat, ms, rebuild, sidebar, type Form, type Reply, type World } from './world';

const oneSeat = (): Data => {
  const d = forumData();
  d.Sessions = d.Sessions!.map((s) => (s.sessionId === 'S2' ? { ...s, capacity: 1 } : s));
  return d;
};
const pendingC9 = (): Data => {
  const d = forumData();
  d.Certifications!.push({ certificationId: 'C9', employeeId: 'E1', competenceId: 'gws', achievedOn: '2026-11-01', expiresOn: undefined,
    source: 'document', evidenceFileId: undefined, verifiedBy: undefined, state: 'pending', note: 'Fra e-post: Kursbevis' });
  return d;
};
const Q = 'q-fm0001';
const QTEXT = 'Hvorfor blir kalenderinvitasjonene mine borte fra mobilen?';
const ask = (w: World, k: string) => chat(w, PEOPLE.kari, ACTIONS.askPost, { qid: Q, text: QTEXT, k });
const claim = (w: World, k: string) => chat(w, EVA, ACTIONS.claim, { q: Q, k }, undefined, { space: GUIDES_SPACE });
const answer = (w: World, k: string) => chat(w, EVA, ACTIONS.answerSubmit, { q: Q, k }, { answer: 'Slå på synkronisering av kalenderen i appen.' }, { dialog: true });
const solved = (w: World, k: string) => chat(w, PEOPLE.kari, ACTIONS.solved, { q: Q, k });

/**
 * A change: the data and steps before it, then the one user action (always the same event: the same `k`, as a card
 * button carries it). `table`: where a hand edit is made between its read and its write.
 */
export interface Change { name: string; table: TableName; data: () => Data; setup?: (w: World) => void; act: (w: World) => Reply }

export const CHANGES: Change[] = [
  { name: 'sign-up', table: 'Enrollments', data: forumData, act: (w) => chat(w, PEOPLE.kari, ACTIONS.signUp, { sessionId: 'S2', k: 'fm-signup' }) },
  {
    name: 'cancel', table: 'Enrollments', data: forumData,
    setup: (w) => { chat(w, PEOPLE.kari, ACTIONS.signUp, { sessionId: 'S2', k: 'fm-s1' }); },
    act: (w) => chat(w, PEOPLE.kari, ACTIONS.cancelEnrollment, { sessionId: 'S2', k: 'fm-cancel' }),
  },
  {
    name: 'promotion (a cancel frees the seat)', table: 'Enrollments', data: oneSeat,
    setup: (w) => {
      chat(w, PEOPLE.kari, ACTIONS.signUp, { sessionId: 'S2', k: 'fm-s1' });
      chat(w, PEOPLE.ola, ACTIONS.signUp, { sessionId: 'S2', k: 'fm-s2' });
    },
    act: (w) => chat(w, PEOPLE.kari, ACTIONS.cancelEnrollment, { sessionId: 'S2', k: 'fm-cancel' }),
  },
  {
    name: 'attendance', table: 'Enrollments', data: forumData,
    setup: (w) => {
      chat(w, PEOPLE.kari, ACTIONS.signUp, { sessionId: 'S2', k: 'fm-s1' });
      chat(w, PEOPLE.ola, ACTIONS.signUp, { sessionId: 'S2', k: 'fm-s2' });
      w.clock.set('2026-12-10T15:00:00Z');
      rebuild(w);
      const ids = new Records(w.ports.workbook).read(['Enrollments']).Enrollments!.rows.filter((r) => r.row.sessionId === 'S2').map((r) => String(r.row.enrollmentId));
      [w.vars.a, w.vars.b] = [ids[0]!, ids[1]!];
    },
    act: (w) => sidebar(w, PEOPLE.guri, COURSE_CALLS.markAttendance,
      { sessionId: 'S2', k: 'fm-attend', marks: [{ enrollmentId: w.vars.a, attended: true }, { enrollmentId: w.vars.b, attended: false }] }),
  },
  {
    name: 'sign-off', table: 'Certifications', data: forumData,
    act: (w) => chat(w, PEOPLE.per, ACTIONS.signOffSubmit, { email: PEOPLE.kari, chain: 'solbakken-a,solbakken,helse', k: 'fm-signoff' },
      { competenceId: 'fire', achievedOn: ms('2026-11-20') }, { dialog: true }),
  },
  {
    name: 'register certificate', table: 'Certifications', data: forumData,
    setup: (w) => {
      w.vars.msg = w.ports.services.gmail.deliver({
        to: PEOPLE.kari, from: 'kurs@leverandor.example', subject: 'Kursbevis D-HLR', text: 'Vedlagt kursbevis.',
        attachments: [{ fileName: 'kursbevis.pdf', mimeType: 'application/pdf', content: Buffer.from('%PDF-1.4 kursbevis').toString('base64'), encoding: 'base64' }],
      });
    },
    act: (w) => addon(w, PEOPLE.kari, 'gmail', ACTIONS.registerCertificate, { messageId: w.vars.msg!, attachment: '0', k: 'fm-register' },
      { competenceId: 'cpr', achievedOn: ms('2026-11-20') }, { gmail: { messageId: w.vars.msg, threadId: 'thread-f:1', accessToken: 'token' } }),
  },
  {
    name: 'verify: approve', table: 'Certifications', data: pendingC9,
    act: (w) => chat(w, PEOPLE.per, ACTIONS.verifyCertification, { email: PEOPLE.kari, certificationId: 'C9', chain: 'solbakken-a,solbakken,helse', k: 'fm-verify' }),
  },
  {
    name: 'verify: reject', table: 'Certifications', data: pendingC9,
    act: (w) => chat(w, PEOPLE.per, ACTIONS.rejectCertification, { email: PEOPLE.kari, certificationId: 'C9', chain: 'solbakken-a,solbakken,helse', from: 'list', k: 'fm-reject' },
      { reason: 'Beviset gjelder et annet kurs.' }, { dialog: true }),
  },
  { name: 'ask', table: 'Questions', data: forumData, act: (w) => ask(w, 'fm-ask') },
  { name: 'claim', table: 'Questions', data: forumData, setup: (w) => { ask(w, 'fm-s1'); }, act: (w) => claim(w, 'fm-claim') },
  { name: 'answer', table: 'Questions', data: forumData, setup: (w) => { ask(w, 'fm-s1'); claim(w, 'fm-s2'); }, act: (w) => answer(w, 'fm-answer') },
  {
    name: 'resolve', table: 'Questions', data: forumData,
    setup: (w) => { ask(w, 'fm-s1'); claim(w, 'fm-s2'); answer(w, 'fm-s3'); }, act: (w) => solved(w, 'fm-solved'),
  },
  {
    name: 'publish FAQ', table: 'Faq', data: forumData,
    setup: (w) => { ask(w, 'fm-s1'); claim(w, 'fm-s2'); answer(w, 'fm-s3'); solved(w, 'fm-s4'); },
    act: (w) => chat(w, PEOPLE.ola, ACTIONS.publishSubmit, { q: Q, k: 'fm-publish' },
      { question: 'Hvorfor forsvinner kalenderinvitasjoner fra mobilen?', answer: 'Slå på synkronisering av kalenderen i appen.', topic: 'calendar' },
      { dialog: true, space: GUIDES_SPACE }),
  },
  {
    name: 'skills survey', table: 'SkillAssessments', data: forumData,
    act: (w) => chat(w, PEOPLE.kari, ACTIONS.skillsSubmit, { k: 'fm-skills' }, { skill_email: '3', skill_sheets: '1', skill_drive: 'none' }, { dialog: true }),
  },
  {
    name: 'plan items from an appraisal', table: 'PlanItems', data: () => appraisalData(),
    setup: (w) => {
      addon(w, PEOPLE.per, 'docs', 'appraisal.create', { email: PEOPLE.kari, k: 'fm-s1' }, { kind: 'development', date: ms('2026-11-25') },
        { docs: { addonHasFileScopePermission: false } });
      const a = new Records(w.ports.workbook).read(['Appraisals']).Appraisals!.rows.map((r) => r.row).find((r) => r.docId)!;
      Object.assign(w.vars, { appraisalId: a.appraisalId, docId: a.docId });
      const table = agreedTable(w.ports as never, a.docId!);
      table.rows = [table.rows[0]!, ['Ta oppfriskning', 'D-HLR', '01.02.2027', 'Kari'], ['', 'Brannvernopplæring', '2027-01-15', '']];
    },
    act: (w) => addon(w, PEOPLE.per, 'docs', 'appraisal.recordActions', { email: PEOPLE.kari, appraisalId: w.vars.appraisalId!, docId: w.vars.docId!, k: 'fm-plan' },
      undefined, { docs: { id: w.vars.docId, title: 'Dok', addonHasFileScopePermission: true } }),
  },
  ...MORE_CHANGES(),
];

/** An appraisal created by the leader in the set-up (its document and row), for the steps after it. */
function created(w: World): void {
  addon(w, PEOPLE.per, 'docs', ACTIONS.appraisalCreate, { email: PEOPLE.kari, k: 'fm-s0' }, { kind: 'development', date: ms('2026-11-25') },
    { docs: { addonHasFileScopePermission: false } });
  const a = new Records(w.ports.workbook).read(['Appraisals']).Appraisals!.rows.map((r) => r.row).find((r) => r.docId)!;
  Object.assign(w.vars, { appraisalId: a.appraisalId, docId: a.docId });
}
const inDoc = (w: World) => ({ docs: { id: w.vars.docId, title: 'Dok', addonHasFileScopePermission: true } });
const step = (w: World, who: string, action: string, k: string, form?: Form) =>
  addon(w, who, 'docs', action, { email: PEOPLE.kari, appraisalId: w.vars.appraisalId!, docId: w.vars.docId!, k }, form, inDoc(w));
const held = (w: World, k: string) => step(w, PEOPLE.per, ACTIONS.appraisalMarkHeld, k, { heldOn: ms('2026-11-21') });
const signed = (w: World, k: string) => step(w, PEOPLE.kari, ACTIONS.appraisalSignOff, k);
const askAsker = (w: World, k: string) => chat(w, EVA, ACTIONS.askAskerSubmit, { q: Q, k }, { message: 'Bruker du Android eller iPhone?' }, { dialog: true });
const NOQ = 'Hvor finner jeg lønnsslippen for november?';

/** The changes issue #13's first round left out: console, courses administration, the rest of the forum, appraisals. */
function MORE_CHANGES(): Change[] {
  return [
    { name: 'sign up someone else (leader)', table: 'Enrollments', data: forumData,
      act: (w) => chat(w, PEOPLE.per, ACTIONS.signUpOther, { k: 'fm-other' }, { sessionId: 'S2', email: PEOPLE.kari }, { dialog: true }) },
    { name: 'add to my calendar', table: 'Outbox', data: forumData,
      setup: (w) => { chat(w, PEOPLE.kari, ACTIONS.signUp, { sessionId: 'S2', k: 'fm-s1' }); },
      act: (w) => chat(w, PEOPLE.kari, ACTIONS.addToCalendar, { sessionId: 'S2', k: 'fm-calendar' }) },
    { name: 'console: new course', table: 'Courses', data: forumData,
      act: (w) => sidebar(w, PEOPLE.guri, COURSE_CALLS.saveCourse,
        { isNew: true, courseId: 'K9', title: 'Smittevern', format: 'classroom', hours: 2, competenceIds: ['med'], targetRoleIds: ['nurse'], active: true, k: 'fm-course' }) },
    { name: 'console: new session (date)', table: 'Sessions', data: forumData,
      act: (w) => sidebar(w, PEOPLE.guri, COURSE_CALLS.saveSession,
        { isNew: true, courseId: 'K1', startsAt: '2027-01-12T09:00', endsAt: '2027-01-12T12:00', capacity: 10, location: 'Rådhuset', k: 'fm-session' }) },
    { name: 'console: more seats (the waitlist promoted)', table: 'Sessions', data: oneSeat,
      setup: (w) => {
        chat(w, PEOPLE.kari, ACTIONS.signUp, { sessionId: 'S2', k: 'fm-s1' });
        chat(w, PEOPLE.ola, ACTIONS.signUp, { sessionId: 'S2', k: 'fm-s2' });
      },
      act: (w) => sidebar(w, PEOPLE.guri, COURSE_CALLS.saveSession,
        { isNew: false, sessionId: 'S2', courseId: 'K2', startsAt: '2026-12-10T13:00', endsAt: '2026-12-10T15:00', capacity: 2, location: 'Solbakken', k: 'fm-seats' }) },
    { name: 'console: cancel a session', table: 'Sessions', data: forumData,
      setup: (w) => {
        chat(w, PEOPLE.kari, ACTIONS.signUp, { sessionId: 'S2', k: 'fm-s1' });
        chat(w, PEOPLE.ola, ACTIONS.signUp, { sessionId: 'S2', k: 'fm-s2' });
      },
      act: (w) => sidebar(w, PEOPLE.guri, COURSE_CALLS.cancelSession, { sessionId: 'S2', reason: 'Kursholder er syk', k: 'fm-cancelsession' }) },
    { name: 'console: edit a competence', table: 'Competences', data: forumData,
      act: (w) => sidebar(w, PEOPLE.guri, SIDEBAR_CALLS.saveCompetence,
        { isNew: false, competenceId: 'gws', name: 'Google Workspace for alle', category: 'digital', satisfiedBy: ['course'], k: 'fm-competence' }) },
    { name: 'console: new role', table: 'Roles', data: forumData,
      act: (w) => sidebar(w, PEOPLE.guri, SIDEBAR_CALLS.saveRole, { isNew: true, roleId: 'cook', name: 'Kokk', k: 'fm-role' }) },
    { name: 'console: add to a role plan', table: 'Requirements', data: forumData,
      act: (w) => sidebar(w, PEOPLE.guri, SIDEBAR_CALLS.saveRequirement, { roleId: 'teacher', competenceId: 'cpr', level: 'required', dueWithinDays: 30, k: 'fm-req' }) },
    { name: 'console: remove from a role plan', table: 'Requirements', data: forumData,
      act: (w) => sidebar(w, PEOPLE.guri, SIDEBAR_CALLS.removeRequirement, { roleId: 'nurse', competenceId: 'gws', k: 'fm-unreq' }) },
    { name: 'console: register a certificate (evidence)', table: 'Certifications', data: forumData,
      act: (w) => sidebar(w, PEOPLE.guri, SIDEBAR_CALLS.registerCertification, {
        email: PEOPLE.kari, competenceId: 'cpr', achievedOn: '2026-11-20', note: 'Papirbevis',
        evidence: { name: 'bevis.pdf', mimeType: 'application/pdf', base64: Buffer.from('%PDF-1.4 bevis').toString('base64') }, k: 'fm-hrcert',
      }) },
    { name: 'console: verify a certificate', table: 'Certifications', data: pendingC9,
      act: (w) => sidebar(w, PEOPLE.guri, SIDEBAR_CALLS.verifyCertification, { email: PEOPLE.kari, certificationId: 'C9', k: 'fm-hrverify' }) },
    { name: 'ask (dialog, no FAQ match)', table: 'Questions', data: forumData,
      act: (w) => chat(w, PEOPLE.kari, ACTIONS.askSubmit, { k: 'fm-askdialog' }, { text: NOQ }, { dialog: true }) },
    { name: 'FAQ: helpful', table: 'Faq', data: forumData,
      act: (w) => chat(w, PEOPLE.kari, ACTIONS.faqFeedback, { faqId: 'F1', v: 'up', k: 'fm-helpful' }) },
    { name: 'FAQ: solved it before asking', table: 'Faq', data: forumData,
      act: (w) => chat(w, PEOPLE.kari, ACTIONS.askSolvedByFaq, { faqId: 'F1', qid: 'q-fm0002', k: 'fm-solvedfaq' }) },
    { name: 'FAQ: owner confirms', table: 'Faq', data: forumData,
      act: (w) => chat(w, PEOPLE.ola, ACTIONS.faqReviewed, { faqId: 'F1', k: 'fm-reviewed' }) },
    { name: 'guide asks the asker', table: 'Outbox', data: forumData, setup: (w) => { ask(w, 'fm-s1'); claim(w, 'fm-s2'); },
      act: (w) => askAsker(w, 'fm-askasker') },
    { name: 'asker replies to the guide', table: 'Outbox', data: forumData,
      setup: (w) => { ask(w, 'fm-s1'); claim(w, 'fm-s2'); askAsker(w, 'fm-s3'); },
      act: (w) => chat(w, PEOPLE.kari, ACTIONS.replySubmit, { q: Q, k: 'fm-reply' }, { message: 'Jeg bruker iPhone.' }, { dialog: true }) },
    { name: 'asker: not yet (follow-up)', table: 'Questions', data: forumData,
      setup: (w) => { ask(w, 'fm-s1'); claim(w, 'fm-s2'); answer(w, 'fm-s3'); },
      act: (w) => chat(w, PEOPLE.kari, ACTIONS.replySubmit, { q: Q, reopen: '1', k: 'fm-notyet' }, { message: 'Det hjalp ikke.' }, { dialog: true }) },
    { name: 'hand over', table: 'Questions', data: forumData, setup: (w) => { ask(w, 'fm-s1'); claim(w, 'fm-s2'); },
      act: (w) => chat(w, EVA, ACTIONS.handOver, { q: Q, k: 'fm-handover' }, { to: PEOPLE.ola }, { dialog: true, space: GUIDES_SPACE }) },
    { name: 'escalate', table: 'Questions', data: forumData, setup: (w) => { ask(w, 'fm-s1'); claim(w, 'fm-s2'); },
      act: (w) => chat(w, EVA, ACTIONS.escalate, { q: Q, k: 'fm-escalate' }, undefined, { space: GUIDES_SPACE }) },
    { name: 'guide relay ("Send svaret" in the thread)', table: 'Questions', data: forumData, setup: (w) => { ask(w, 'fm-s1'); claim(w, 'fm-s2'); },
      act: (w) => chat(w, EVA, ACTIONS.answerSubmit, { q: Q, answer: 'Slå på synkronisering i appen.', k: 'fm-relay' }, undefined, { space: GUIDES_SPACE }) },
    { name: 'announcement (/kunngjoring)', table: 'Notifications', data: forumData,
      act: (w) => chat(w, PEOPLE.guri, ACTIONS.announce, { aid: 'ann-fm0001', k: 'fm-announce' }, { message: 'Nytt kurs i Chat på torsdag.' }, { dialog: true }) },
    { name: 'appraisal: create', table: 'Appraisals', data: () => appraisalData(),
      act: (w) => addon(w, PEOPLE.per, 'docs', ACTIONS.appraisalCreate, { email: PEOPLE.kari, k: 'fm-create' }, { kind: 'development', date: ms('2026-11-25') },
        { docs: { addonHasFileScopePermission: false } }) },
    { name: 'appraisal: mark held', table: 'Appraisals', data: () => appraisalData(), setup: created, act: (w) => held(w, 'fm-held') },
    { name: 'appraisal: employee signs', table: 'Appraisals', data: () => appraisalData(), setup: (w) => { created(w); held(w, 'fm-s1'); },
      act: (w) => signed(w, 'fm-sign') },
    { name: 'appraisal: schedule the next', table: 'Appraisals', data: () => appraisalData(), setup: (w) => { created(w); held(w, 'fm-s1'); },
      act: (w) => step(w, PEOPLE.per, ACTIONS.appraisalScheduleNext, 'fm-next', { nextOn: ms('2027-11-20') }) },
    { name: 'appraisal: archive', table: 'Appraisals', data: () => appraisalData(), setup: (w) => { created(w); held(w, 'fm-s1'); signed(w, 'fm-s2'); },
      act: (w) => step(w, PEOPLE.per, ACTIONS.appraisalArchive, 'fm-archive') },
  ];
}

/**
 * A record of someone else at the top (row 2) of every table a change writes, in every run: the "row deleted" case deletes
 * it by hand between the change's read and write (every row below moves up one), and leaves it out of the comparison.
 */
export const DECOYS: Partial<Record<TableName, { key: string; row: Record<string, unknown> }>> = {
  Enrollments: { key: 'EN-decoy', row: { enrollmentId: 'EN-decoy', sessionId: 'S1', employeeId: 'E4', status: 'cancelled', signedUpAt: '2026-10-01T08:00:00Z', changedAt: '2026-10-02T08:00:00Z' } },
  Certifications: { key: 'C-decoy', row: { certificationId: 'C-decoy', employeeId: 'E4', competenceId: 'cpr', achievedOn: '2020-01-10', source: 'import', state: 'revoked' } },
  Questions: { key: 'Q-decoy', row: { questionId: 'Q-decoy', askerEmail: PEOPLE.ola, anonymous: false, unitId: 'haugen', topic: 'drive', text: 'Et gammelt spørsmål',
    status: 'resolved', guideEmail: PEOPLE.ola, askedAt: '2025-01-10T10:00:00Z', answeredAt: '2025-01-10T11:00:00Z', resolvedAt: '2025-01-11T10:00:00Z', answer: 'Svar', nudgeLevel: 0 } },
  Faq: { key: 'F-decoy', row: { faqId: 'F-decoy', question: 'Hvordan skriver jeg ut?', answer: 'Ctrl+P.', topic: 'docs', ownerEmail: PEOPLE.ola, publishedAt: '2025-01-10', reviewBy: '2027-06-01', helpful: 0, notHelpful: 0, views: 0 } },
  SkillAssessments: { key: 'E4|email', row: { employeeId: 'E4', area: 'email', level: 2, assessedOn: '2026-01-10' } },
  Outbox: { key: 'O-decoy', row: { outboxId: 'O-decoy', channel: 'mail', recipientEmail: PEOPLE.ola, subjectKey: 'old', payload: encodeMail({ subject: 'Gammel', text: 'Sendt.' }),
    createdAt: '2025-01-10T10:00:00Z', status: 'sent', attempts: 1, sentAt: '2025-01-10T10:01:00Z' } },
  Courses: { key: 'K-decoy', row: { courseId: 'K-decoy', title: 'Gammelt kurs', competenceIds: [], format: 'classroom', targetRoleIds: [], active: false } },
  Sessions: { key: 'S-decoy', row: { sessionId: 'S-decoy', courseId: 'K1', startsAt: '2025-01-10T08:00:00Z', endsAt: '2025-01-10T10:00:00Z', capacity: 5, status: 'closed' } },
  Competences: { key: 'c-decoy', row: { competenceId: 'c-decoy', name: 'Gammel kompetanse', category: 'digital', satisfiedBy: ['course'] } },
  Roles: { key: 'r-decoy', row: { roleId: 'r-decoy', name: 'Gammel rolle' } },
  Requirements: { key: 'r-decoy|cpr', row: { roleId: 'r-decoy', competenceId: 'cpr', level: 'recommended' } },
  Notifications: { key: 'N-decoy', row: { notificationId: 'N-decoy', kind: 'digest', recipientEmail: PEOPLE.ola, subjectKey: 'old', channel: 'mail', sentAt: '2025-01-10T10:00:00Z' } },
  Appraisals: { key: 'A-decoy', row: { appraisalId: 'A-decoy', employeeId: 'E4', leaderEmail: PEOPLE.per, kind: 'development', heldOn: '2025-01-10', status: 'archived' } },
  PlanItems: { key: 'P-decoy', row: { planItemId: 'P-decoy', employeeId: 'E4', goal: 'Lære Sheets', dueBy: '2027-01-01', status: 'open' } },
};

export function withDecoy(c: Change): Data {
  const d = c.data();
  const decoy = DECOYS[c.table];
  // And a second one whose key sorts after every other, so that sorting Z→A always moves rows.
  const last = decoy && { ...decoy.row, [tableDef(c.table).key[0]!]: LAST_KEY };
  if (decoy) (d as Record<string, unknown[]>)[c.table] = [decoy.row, last, ...((d as Record<string, unknown[]>)[c.table] ?? [])];
  return d;
}
export const LAST_KEY = 'zz-decoy';
