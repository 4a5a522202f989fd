// Issue #13's fault matrix: every change the product makes × every fault Google and busy people produce, through the real
// Sheets adapter over the Sheets API v4 double (HTTP) and the strict cache. Each cell is compared with the same change run
// untouched: every record (by key) and every effect the outbox job then sends must be the same, and the person must be
// told the truth. The matrix is printed once at the end and written to test-artifacts/fault-matrix.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import type { HttpRequest } from '../../src/adapters/google/transport';
import { TABLE_NAMES, tableDef, type TableName } from '../../src/core/records/tables';
import { localPorts, MovableClock, KOMPETENT_ACCOUNT } from '../../src/adapters/memory/memory-services';
import { createNodeSheetsTransport } from '../../src/adapters/node/sheets-node-transport';
import { SheetsWorkbook } from '../../src/adapters/google/sheets-workbook';
import { WITNESS_SHEET_ID, WITNESS_TAB } from '../../src/adapters/google/sheets-requests';
import { MemoryCache } from '../../src/store/strict-cache';
import { ReadModel } from '../../src/store/read-model';
import { rebuildReadModel } from '../../src/store/rebuild';
import { Records } from '../../src/store/records';
import { guarded } from '../../src/app/pipeline/handle';
import { allHandlers } from '../../src/app/pipeline/router';
import type { Env, Handlers } from '../../src/app/pipeline/handler';
import { rawMessage, translator, type MessageKey } from '../../src/core/i18n';
import { ACTIONS } from '../../src/contract/actions';
import { encodeMail } from '../../src/core/outbox';
import { COURSE_CALLS } from '../../src/contract/course-admin';
import { SIDEBAR_CALLS, sidebarEvent } from '../../src/contract/sidebar';
import { seedDefaultTemplates } from '../../src/adapters/memory/appraisal-templates';
import { asUser } from '../support/effects';
import { FaultyCache, FaultyWorkbook } from '../support/faults';
import { fixtureWorkbook, PEOPLE, TODAY } from '../support/fixture';
import { SheetsDouble } from '../support/sheets-double';
import type { HandEdit } from '../support/sheets-double-model';
import { chatEvent, forumData, EVA, GUIDES_SPACE, type Data } from './features/forum/support';
import { agreedTable, appraisalData } from './features/appraisals/support';

/**
 * The handlers, each run recorded while a change's own action is made untouched: the actions the matrix really exercises
 * (the coverage check at the end compares them with every change handler the router has).
 */
const covered = new Set<string>();
let acting = false;
const handlers: Handlers = Object.fromEntries(Object.entries(allHandlers()).map(([name, h]) => [name, {
  ...h, run: (env: Env) => { if (acting) covered.add(name); return h.run(env); },
}]));
const t = translator('nb');
const NOW = `${TODAY}T09:00:00Z`;

let double: SheetsDouble;
/** A local port nobody listens on (a connection there is refused). */
let closedPort = 0;
beforeAll(async () => {
  const probe = createServer();
  await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((ok) => probe.close(ok));
  double = await SheetsDouble.start();
  await double.allowToken('t');
});

/** One spreadsheet on the double with the ports a request gets on Apps Script (real Sheets adapter, strict cache). */
interface World {
  id: string;
  ports: ReturnType<typeof localPorts>;
  workbook: FaultyWorkbook;
  cache: FaultyCache;
  raw: MemoryCache;
  clock: MovableClock;
  vars: Record<string, string>;
  /** Writes still to refuse at the connection, and how many were. */
  refuse: number;
  refused: number;
  /** The Sheets adapter's backoff sleeps, and whether the script lock was held (never allowed). */
  sleeps: { ms: number; locked: boolean }[];
}

let n = 0;
async function world(data: Data): Promise<World> {
  const id = `fm-${++n}`;
  const w = { vars: {}, refuse: 0, refused: 0, sleeps: [] } as unknown as World;
  // Each run is its own minute of the double's per-user quota (60 reads, 60 writes a minute).
  await double.advanceClock(60_000);
  await double.create(id);
  const seeded = fixtureWorkbook(data);
  for (const tab of TABLE_NAMES) {
    const d = seeded.dump(tab)!;
    await double.seed(id, tab, d.header, d.rows);
  }
  // The hidden witness tab as the first witnessed write leaves it (so a fault hits the change's own write, not its set-up).
  await double.seed(id, WITNESS_TAB, [], [], { sheetId: WITNESS_SHEET_ID, rowCount: 1, columnCount: 1 });
  const clock = new MovableClock('Europe/Oslo', () => Date.parse(NOW));
  // As on Apps Script (src/gas/ports.ts): never a backoff sleep while the script lock is held. Every sleep is recorded.
  const held: { lock?: { holding?(): boolean } } = {};
  const net = createNodeSheetsTransport();
  const transport = {
    request: (req: HttpRequest) => {
      // A connection refused (nothing reached Google): the request goes to a port nobody listens on, through the real
      // Node transport, so the error is the one Node gives.
      if (w.refuse > 0 && req.method === 'POST' && /:batchUpdate/.test(req.url)) {
        w.refuse--;
        w.refused++;
        return net.request({ ...req, url: req.url.replace(double.url, `http://127.0.0.1:${closedPort}`) });
      }
      return net.request(req);
    },
  };
  const sheets = new SheetsWorkbook({ spreadsheetId: id, transport, auth: { token: () => 't' }, root: double.url,
    sleep: (ms) => { w.sleeps.push({ ms, locked: held.lock?.holding?.() ?? false }); }, mayWait: () => !held.lock?.holding?.() });
  const workbook = new FaultyWorkbook(sheets);
  const raw = new MemoryCache(() => clock.now().getTime());
  const cache = new FaultyCache(raw);
  // modelTime off: a fault's extra calls must not move "now" (every timestamp would then differ from the untouched run).
  const ports = localPorts(workbook, { clock, cache, modelTime: false });
  held.lock = ports.lock;
  for (const e of [PEOPLE.kari, PEOPLE.ola, PEOPLE.per, EVA, PEOPLE.guri]) ports.services.chat.dms.set(e, `spaces/dm-${e.split('@')[0]}`);
  seedDefaultTemplates(ports.services);
  rebuild({ ports, clock } as World);
  return Object.assign(w, { id, ports, workbook, cache, raw, clock });
}

function rebuild(w: Pick<World, 'ports' | 'clock'>): void {
  rebuildReadModel(w.ports.workbook, new ReadModel(w.ports.cache, () => `g${w.clock.now().getTime()}`, w.ports.codec),
    { now: w.clock.now().toISOString(), today: w.clock.today(), generation: `g${w.clock.now().getTime()}` });
}

type Reply = unknown;
type Form = Record<string, string | string[] | { ms: number }>;

function inputs(form: Form) {
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k,
    typeof v === 'object' && !Array.isArray(v) ? { dateInput: { msSinceEpoch: v.ms } } : { stringInputs: { value: Array.isArray(v) ? v : [v] } }]));
}

/** A Chat card click (or dialog submit), as the person. */
function chat(w: World, who: string, action: string, params: Record<string, string>, form?: Form, o: { space?: string; dialog?: boolean } = {}): Reply {
  const e = chatEvent(who, { action, params, dialog: o.dialog ? 'submit' : undefined, space: o.space }) as { commonEventObject: Record<string, unknown> };
  if (form) e.commonEventObject.formInputs = inputs(form);
  return asUser(w.ports, who, () => guarded(w.ports, handlers, e, { host: 'chat', action: 'chat.message', userEmail: who }).reply);
}
/** An add-on card click (Gmail, Sheets, Docs), as the person. */
function addon(w: World, who: string, host: 'gmail' | 'sheets' | 'docs', action: string, params: Record<string, string>, form?: Form, extra: object = {}): Reply {
  const e = { commonEventObject: { hostApp: host.toUpperCase(), parameters: { action, ...params }, ...(form ? { formInputs: inputs(form) } : {}) }, ...extra };
  return asUser(w.ports, who, () => guarded(w.ports, handlers, e, { host, action: 'home', userEmail: who }).reply);
}
function sidebar(w: World, who: string, name: string, payload: object): Reply {
  return asUser(w.ports, who, () => guarded(w.ports, handlers, sidebarEvent(name, JSON.stringify(payload)), { host: 'sidebar', action: name, userEmail: who }).reply);
}
function outbox(w: World): void {
  asUser(w.ports, KOMPETENT_ACCOUNT, () => guarded(w.ports, handlers, {}, { host: 'job', action: ACTIONS.jobOutbox, userEmail: '', fromTrigger: true }));
}

const ms = (iso: string) => ({ ms: Date.parse(`${iso}T00:00:00Z`) });
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
interface Change { name: string; table: TableName; data: () => Data; setup?: (w: World) => void; act: (w: World) => Reply }

const CHANGES: Change[] = [
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
      [w.vars.a, w.vars.b] = ids;
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
    act: (w) => addon(w, PEOPLE.kari, 'gmail', ACTIONS.registerCertificate, { messageId: w.vars.msg, attachment: '0', k: 'fm-register' },
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
      table.rows = [table.rows[0], ['Ta oppfriskning', 'D-HLR', '01.02.2027', 'Kari'], ['', 'Brannvernopplæring', '2027-01-15', '']];
    },
    act: (w) => addon(w, PEOPLE.per, 'docs', 'appraisal.recordActions', { email: PEOPLE.kari, appraisalId: w.vars.appraisalId, docId: w.vars.docId, k: 'fm-plan' },
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
  addon(w, who, 'docs', action, { email: PEOPLE.kari, appraisalId: w.vars.appraisalId, docId: w.vars.docId, k }, form, inDoc(w));
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

/** What a run leaves: every record by key (volatile delivery fields left out), every effect sent, and the answers. */
interface Result { records: Record<string, string>; effects: string[]; replies: string[]; id: string; sleptLocked: number[] }

const VOLATILE: Partial<Record<TableName, string[]>> = { Outbox: ['status', 'attempts', 'sentAt', 'lastError'] };

function state(w: World): Result['records'] {
  const snap = new Records(w.ports.workbook).read([...TABLE_NAMES]);
  const out: Record<string, string> = {};
  for (const table of TABLE_NAMES) {
    const p = snap[table]!;
    const def = tableDef(table);
    const seen = new Map<string, number>();
    for (const { row } of p.rows) {
      const r = { ...(row as Record<string, unknown>) };
      for (const f of VOLATILE[table] ?? []) delete r[f];
      // Audit has no key: its rows are counted by what they say.
      const key = table === 'Audit' ? `${r.table}|${r.key}|${r.action}` : def.key.map((k) => String(r[k] ?? '')).join('|');
      const nth = (seen.get(key) ?? 0) + 1;
      seen.set(key, nth);
      out[`${table}:${key}${nth > 1 ? `#${nth}` : ''}`] = JSON.stringify(r);
    }
    if (p.issues.length) out[`${table}:issues`] = JSON.stringify(p.issues.map((i) => i.reason));
  }
  return out;
}

function effects(w: World): string[] {
  const s = w.ports.services;
  return [
    ...s.mail.sent.map((m) => `mail ${m.from} → ${m.to}: ${m.subject}`),
    ...s.chat.messages.map((m) => `chat ${m.space}: ${m.message.text ?? ''}`.slice(0, 160)),
    ...[...s.calendar.events.values()].map((e) => `calendar ${e.id} ${e.status} ${[...e.guests].sort().join(',')}`),
    ...[...s.drive.files.values()].filter((f) => !f.trashed).map((f) => `drive ${f.name}`),
  ].sort();
}

/** A reply as the person reads it: generated ids and button keys left out (a fault's extra attempt draws more of them). */
function said(r: Reply): string {
  return JSON.stringify(r).replace(/"key":"k","value":"[^"]*"/g, '"key":"k"').replace(/\b(k|g|run|err)-[0-9a-z]{4,}(\.[0-9a-z]+)?\b/g, '$1-#');
}

/**
 * The messages that say a change is already so (true after a fault: the change was made once). Matched by the longest
 * literal stretch of the template (placeholders and plurals left out).
 */
const ALREADY = ['change.alreadyDone', 'courses.done.already', 'courses.done.alreadyCancelled', 'courses.cert.already',
  'courses.admin.attendance.nothing', 'signoff.already', 'verify.already', 'pending.alreadyRejected', 'pending.alreadyDecided',
  'claim.already', 'publish.already', 'appraisal.actions.unchanged', 'appraisal.step.already', 'courses.done.otherAlready',
  'courses.admin.alreadyCancelled', 'admin.saved.already', 'admin.saved.removed', 'admin.verified.already', 'appraisal.exists', 'faq.feedback.already'];
function literal(template: string): string {
  let s = template;
  while (/\{[^{}]*\}/.test(s)) s = s.replace(/\{[^{}]*\}/g, '\u0000');
  return s.split('\u0000').sort((a, b) => b.length - a.length)[0];
}
const ALREADY_TEXTS = ALREADY.map((k) => {
  const text = literal(rawMessage('nb', k as MessageKey));
  if (text.length < 8 || text === k) throw new Error(`No usable text for ${k}`);
  return JSON.stringify(text).slice(1, -1);
});

/** What the person may be told after a fault: what the untouched run said, or that it is already so (true: it is). */
function honest(reply: string, control: string, extra: string[] = []): boolean {
  return reply === control || ALREADY_TEXTS.some((x) => reply.includes(x)) || extra.some((x) => reply.includes(JSON.stringify(x).slice(1, -1)));
}

type CaseRun = (w: World, c: Change) => Promise<string[]>;

const DELETED = 'another record\'s row deleted above, between read and write';

const EDIT = (edit: (c: Change) => HandEdit): CaseRun => async (w, c) => {
  const e = edit(c);
  await double.handEdit(w.id, c.table, e);
  const replies = [said(c.act(w))];
  // The edit was made (the double makes it just before the first write to that tab): the tab shows it.
  const raw = (await double.dump(w.id, c.table))!.raw.slice(1);
  const blank = (r: unknown[]) => r.every((x) => x === null || x === '');
  const firstKey = String(raw[0]?.[0] ?? '');
  const made = 'insertAbove' in e ? raw.length > 0 && blank(raw[0])
    : 'deleteRow' in e ? !raw.some((r) => r.includes(DECOYS[c.table]!.key.split('|')[0]) && (c.table !== 'SkillAssessments' || r.includes('email')))
      : firstKey === LAST_KEY;
  fired.set(w.id, made);
  return replies;
};

/** Double submits: whether the later arrival was given the first result word for word (else an honest "already so"). */
const firstResult = new Map<string, boolean>();
/** What a case found wrong beyond the records, effects and answers. */
const extra = new Map<string, string[]>();
/** Whether the fault of a run really happened (a cell whose fault never fired proves nothing, and fails). */
const fired = new Map<string, boolean | 'n/a'>();
async function logged(w: World, test: (e: { route: string; status: number; hungUp?: boolean }[]) => boolean): Promise<void> {
  fired.set(w.id, test((await double.log()).filter((e) => e.spreadsheetId === w.id && e.route === 'batchUpdate')));
}

/** The cases: each returns the answers the person got, in order (the last is what they are left with). */
const CASES: [string, CaseRun][] = [
  ['500 after applying', async (w, c) => {
    await double.clearLog();
    await double.fail({ route: 'batchUpdate', status: 500, after: true });
    const r = [said(c.act(w))];
    await logged(w, (l) => l.some((e) => e.status === 500));
    return r;
  }],
  ['timeout after applying', async (w, c) => {
    await double.clearLog();
    await double.fail({ route: 'batchUpdate', status: 0, hangup: true });
    const r = [said(c.act(w))];
    await logged(w, (l) => l.some((e) => e.hungUp === true));
    return r;
  }],
  ['503 before applying', async (w, c) => {
    await double.clearLog();
    await double.fail({ route: 'batchUpdate', status: 503 });
    const r = [said(c.act(w))];
    await logged(w, (l) => l.some((e) => e.status === 503));
    return r;
  }],
  ['connection refused (cannot have applied: retried)', async (w, c) => {
    w.refuse = 1;
    const r = [said(c.act(w))];
    fired.set(w.id, w.refused === 1);
    // It cannot have applied, so it is simply sent again (send.ts), never treated as a lost answer to re-check.
    const uncertain = w.ports.services.log.entries.filter((e) => /may or may not have been applied/.test(e.message));
    if (uncertain.length > 0) extra.set(w.id, [`a refused connection was taken for a lost answer: ${uncertain[0].message}`]);
    return r;
  }],
  ['429 before applying', async (w, c) => {
    await double.clearLog();
    await double.fail({ route: 'batchUpdate', status: 429 });
    const r = [said(c.act(w))];
    await logged(w, (l) => l.some((e) => e.status === 429));
    return r;
  }],
  ['cache write fails after commit', async (w, c) => {
    w.cache.failPuts = 1;
    const a = said(c.act(w));
    fired.set(w.id, w.cache.failPuts === 0);
    return [a, said(c.act(w))];
  }],
  ['evicted between two identical events', async (w, c) => {
    const a = said(c.act(w));
    fired.set(w.id, w.raw.keys().length > 0);
    w.raw.removeAll(w.raw.keys());
    return [a, said(c.act(w))];
  }],
  ['the same event twice', async (w, c) => { fired.set(w.id, true); return [said(c.act(w)), said(c.act(w))]; }],
  ['double submit (same key, second click during the write)', async (w, c) => {
    // The second execution arrives while the first holds the script lock (it is writing): told "busy", nothing written;
    // the person tries again once the first is done and is given the first result (or told it is already so).
    let second: string | undefined;
    w.workbook.beforeWrite = () => { w.workbook.beforeWrite = undefined; second = said(c.act(w)); };
    const first = said(c.act(w));
    fired.set(w.id, second !== undefined);
    const writes = w.workbook.writes;
    const retry = said(c.act(w));
    if (w.workbook.writes !== writes) extra.set(w.id, [`the retry of a committed action wrote ${w.workbook.writes - writes} more time(s)`]);
    firstResult.set(w.id, retry === first);
    return [first, second ?? 'no second click happened', retry];
  }],
  ['double submit (same key, second waits for the lock and runs as the first lets go)', async (w, c) => {
    // Google's tryLock waits (up to 10 s here): the second execution of the same key gets the lock the moment the first
    // releases it — after the first committed and patched the cache, before the first's effects and answer went out.
    const lock = w.ports.lock as { release(): void };
    const release = lock.release.bind(lock);
    let second: string | undefined;
    let wrote = 0;
    const start = w.workbook.writes;
    lock.release = () => {
      release();
      if (second !== undefined || w.workbook.writes === start) return;
      lock.release = release;
      const writes = w.workbook.writes;
      second = said(c.act(w));
      wrote = w.workbook.writes - writes;
    };
    let first: string;
    try { first = said(c.act(w)); } finally { lock.release = release; }
    fired.set(w.id, second !== undefined);
    if (wrote > 0) extra.set(w.id, [`the second arrival of a committed key wrote ${wrote} time(s)`]);
    firstResult.set(w.id, second === first);
    return [first, second ?? 'no second execution happened'];
  }],
  ['row inserted above, between read and write', EDIT(() => ({ insertAbove: 2 }))],
  ['rows sorted Z→A, between read and write', EDIT(() => ({ sortBy: 0, descending: true }))],
  [DELETED, EDIT(() => ({ deleteRow: 2 }))],
  ['two overlapping outbox runs (Chat down at the click)', async (w, c) => {
    const s = w.ports.services;
    // Chat is down during the click, so every Chat effect is left to the outbox job too; then two runs overlap.
    const post = s.chat.createMessage.bind(s.chat);
    s.chat.createMessage = () => { throw new Error('Chat API create failed: HTTP 503 UNAVAILABLE'); };
    let a: string;
    try { a = said(c.act(w)); } finally { Object.assign(s.chat, { createMessage: post }); }
    let nested = false;
    const overlap = () => { if (!nested) { nested = true; outbox(w); } };
    const [mail, chatPost, sync, cancel] = [s.mail.send.bind(s.mail), s.chat.createMessage.bind(s.chat), s.calendar.syncEvent.bind(s.calendar), s.calendar.cancelEvent.bind(s.calendar)];
    s.mail.send = (m) => { overlap(); mail(m); };
    s.chat.createMessage = (...x) => { overlap(); return chatPost(...x); };
    s.calendar.syncEvent = (...x) => { overlap(); sync(...x); };
    s.calendar.cancelEvent = (...x) => { overlap(); cancel(...x); };
    try { outbox(w); } finally { Object.assign(s.mail, { send: mail }); Object.assign(s.chat, { createMessage: chatPost }); Object.assign(s.calendar, { syncEvent: sync, cancelEvent: cancel }); }
    // A change with no mail, Chat or calendar effect leaves the job nothing to send: nothing to overlap.
    fired.set(w.id, nested || 'n/a');
    return [a];
  }],
];

/**
 * A record of someone else at the top (row 2) of every table a change writes, in every run: the "row deleted" case deletes
 * it by hand between the change's read and write (every row below moves up one), and leaves it out of the comparison.
 */
const DECOYS: Partial<Record<TableName, { key: string; row: Record<string, unknown> }>> = {
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

function withDecoy(c: Change): Data {
  const d = c.data();
  const decoy = DECOYS[c.table];
  // And a second one whose key sorts after every other, so that sorting Z→A always moves rows.
  const last = decoy && { ...decoy.row, [tableDef(c.table).key[0]]: LAST_KEY };
  if (decoy) (d as Record<string, unknown[]>)[c.table] = [decoy.row, last, ...((d as Record<string, unknown[]>)[c.table] ?? [])];
  return d;
}
const LAST_KEY = 'zz-decoy';

async function run(c: Change, fault?: CaseRun): Promise<Result> {
  const w = await world(withDecoy(c));
  c.setup?.(w);
  // The set-up's effects are out before the change (they are not what is compared).
  outbox(w);
  let replies: string[];
  if (fault) replies = await fault(w, c);
  else {
    acting = true;
    try { replies = [said(c.act(w))]; } finally { acting = false; }
  }
  outbox(w);
  outbox(w);
  const res = { records: state(w), effects: effects(w), replies, id: w.id, sleptLocked: w.sleeps.filter((x) => x.locked).map((x) => x.ms) };
  await double.reset();
  return res;
}

const matrix = new Map<string, Map<string, boolean | 'n/a'>>();
/** Per double-submit case: how many changes gave the later arrival the first answer word for word, and which did not. */
const verbatim = new Map<string, { same: number; all: number; already: string[] }>();

function diff(a: Record<string, string>, b: Record<string, string>): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => a[k] !== b[k]).map((k) => `${k}\n   untouched: ${a[k] ?? '(none)'}\n   faulted:   ${b[k] ?? '(none)'}`);
}

describe.each(CHANGES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  let control: Result;
  beforeAll(async () => { control = await run(c); });

  it('untouched, it makes the change (else every cell below would compare nothing with nothing)', () => {
    expect(Object.values(control.records).some((r) => /"requestKey":"k:fm-(?!s\d)/.test(r))).toBe(true);
  });

  it.each(CASES)('%s: nothing lost, doubled or misdirected; an honest answer', async (name, fault) => {
    const row = matrix.get(c.name) ?? new Map<string, boolean | 'n/a'>();
    matrix.set(c.name, row);
    row.set(name, false);
    const got = await run(c, fault);
    const problems: string[] = [];
    // The record deleted by hand is gone in that run only (nothing else may differ).
    const gone = name === DELETED ? `${c.table}:${DECOYS[c.table]!.key}` : undefined;
    const expected = Object.fromEntries(Object.entries(control.records).filter(([k]) => k !== gone));
    problems.push(...diff(expected, got.records));
    if (JSON.stringify(got.effects) !== JSON.stringify(control.effects)) {
      problems.push(`effects\n   untouched: ${control.effects.join(' | ')}\n   faulted:   ${got.effects.join(' | ')}`);
    }
    const last = got.replies[got.replies.length - 1];
    if (!honest(last, control.replies[0])) problems.push(`last answer\n   untouched: ${control.replies[0]}\n   faulted:   ${last}`);
    // A click during the write may be told to try again (it was not done then): the truth, too.
    for (const r of got.replies.slice(0, -1)) if (!honest(r, control.replies[0], [t('error.busy')])) problems.push(`earlier answer: ${r}`);
    problems.push(...(extra.get(got.id) ?? []));
    if (got.sleptLocked.length > 0) problems.push(`slept ${got.sleptLocked.join(', ')} ms while holding the script lock`);
    const happened = fired.get(got.id);
    if (happened === false || happened === undefined) problems.push('the fault never happened: this cell would prove nothing');
    expect(problems).toEqual([]);
    row.set(name, happened === 'n/a' ? 'n/a' : true);
    if (firstResult.has(got.id)) {
      const tally = verbatim.get(name) ?? { same: 0, all: 0, already: [] };
      tally.all++;
      if (firstResult.get(got.id)) tally.same++; else tally.already.push(c.name);
      verbatim.set(name, tally);
    }
  });
});

describe('coverage', () => {
  it('every change handler the router has is in the matrix (a new change cannot be forgotten)', () => {
    // Runs after every change above (jest runs a file's blocks in order): each change's untouched run recorded its handler.
    const changes = Object.entries(allHandlers()).filter(([, h]) => h.kind === 'change').map(([name]) => name).sort();
    expect(changes.length).toBeGreaterThan(30);
    expect(changes.filter((name) => !covered.has(name))).toEqual([]);
  });
});

afterAll(async () => {
  await double?.stop();
  const cases = CASES.map(([name]) => name);
  const lines = [
    '# Fault matrix (issue #13)',
    '',
    'Each cell: the change run with the fault, over the Sheets API v4 double (real HTTP, the real Sheets adapter) and the strict',
    'cache, compared with the same change run untouched — every record by key, every effect the outbox job sends, and the',
    'answer the person is left with. ✓ = nothing lost, nothing doubled, nothing written to another record, an honest answer;',
    '✗ = not so; · = nothing to test (the change has no mail, Chat or calendar effect, so two runs had nothing to overlap on).',
    'Each cell also checks that its fault really happened (the double logged the 500/503/hang-up, the hand edit is in the tab,',
    'the cache put failed, the second click came during the write).',
    '',
    `| change | ${cases.map((_x, i) => `${i + 1}`).join(' | ')} |`,
    `|---|${cases.map(() => ':-:').join('|')}|`,
    ...CHANGES.map((c) => `| ${c.name} | ${cases.map((x) => { const v = matrix.get(c.name)?.get(x); return v === undefined ? '–' : v === 'n/a' ? '·' : v ? '✓' : '✗'; }).join(' | ')} |`),
    '',
    ...cases.map((x, i) => `${i + 1}. ${x}`),
    '',
    'Double submits: the later arrival of the same key writes nothing and is told the truth. Given the first answer word for',
    'word (the rest say it is already so, e.g. "Du er allerede påmeldt"):',
    ...[...verbatim].map(([name, v]) => `- ${name}: ${v.same} of ${v.all}${v.already.length ? ` (not word for word: ${v.already.join(', ')})` : ''}`),
  ];
  const text = lines.join('\n');
  mkdirSync(join(__dirname, '..', '..', 'test-artifacts'), { recursive: true });
  writeFileSync(join(__dirname, '..', '..', 'test-artifacts', 'fault-matrix.md'), `${text}\n`);
  console.log(text);
});

