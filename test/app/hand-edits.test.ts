// Issue #13 through the pipeline over the Sheets API double: a row inserted or the rows sorted by hand between a change's
// read and its write. Each change is run twice on fresh spreadsheets, once untouched and once with the hand edit at that
// moment; every record must end the same (by key), with the same answer to the person.
import { headerOf, TABLE_NAMES, tableDef, type TableName } from '../../src/core/records/tables';
import { localPorts, MovableClock } from '../../src/adapters/memory/memory-services';
import { createNodeSheetsTransport } from '../../src/adapters/node/sheets-node-transport';
import { ReadModel } from '../../src/store/read-model';
import { rebuildReadModel } from '../../src/store/rebuild';
import { Records } from '../../src/store/records';
import { SheetsWorkbook } from '../../src/adapters/google/sheets-workbook';
import { COURSE_CALLS } from '../../src/contract/course-admin';
import { guarded } from '../../src/app/pipeline/handle';
import { sidebarEvent } from '../../src/contract/sidebar';
import { ACTIONS } from '../../src/contract/actions';
import { asUser } from '../support/effects';
import { fixtureData, fixtureWorkbook, PEOPLE, TODAY } from '../support/fixture';
import { SheetsDouble } from '../support/sheets-double';
import type { HandEdit } from '../support/sheets-double-model';
import { handlers, runAddon, runChat, type Data, type Ports } from './features/status/support';

let double: SheetsDouble;
beforeAll(async () => {
  double = await SheetsDouble.start();
  await double.allowToken('t');
});
afterAll(async () => { await double.stop(); });

let n = 0;
async function sheetsPorts(data: Data): Promise<{ ports: Ports; id: string }> {
  const id = `he-${++n}`;
  // Each run is its own minute of the double's per-user quota (60 reads, 60 writes): one scenario fits in one.
  await double.advanceClock(60_000);
  await double.create(id);
  const seeded = fixtureWorkbook(data);
  for (const t of TABLE_NAMES) {
    const tab = seeded.dump(t)!;
    await double.seed(id, t, tab.header, tab.rows);
  }
  const workbook = new SheetsWorkbook({ spreadsheetId: id, transport: createNodeSheetsTransport(), auth: { token: () => 't' }, root: double.url, sleep: () => undefined });
  const ports = localPorts(workbook, { clock: new MovableClock('Europe/Oslo', () => Date.parse(`${TODAY}T09:00:00Z`)) }) as Ports;
  rebuildReadModel(ports.workbook, new ReadModel(ports.cache, () => 'g0', ports.codec), { now: `${TODAY}T09:00:00Z`, today: TODAY, generation: 'g0' });
  return { ports, id };
}

/** Every record of the tables a change touches, by key (row numbers left out: a hand edit moves them). */
function records(ports: Ports, tables: TableName[]): Record<string, unknown> {
  const snap = new Records(ports.workbook).read(tables);
  const out: Record<string, unknown> = {};
  for (const t of tables) {
    const def = tableDef(t);
    for (const r of snap[t]!.rows) out[`${t}:${def.key.map((k) => String((r.row as Record<string, unknown>)[k])).join('|')}`] = r.row;
    // A row the write left half-filled would be a bad row here (no key), which the untouched run does not have.
    out[`${t}:issues`] = snap[t]!.issues.filter((i) => i.reason !== 'missing_column').length;
  }
  return out;
}

interface Change { name: string; table: TableName; data?: () => Data; setup?: (p: Ports) => void; act: (p: Ports) => { reply: unknown } }

const sessionOneSeat = (): Data => {
  const d = fixtureData();
  d.Sessions = d.Sessions!.map((s) => (s.sessionId === 'S2' ? { ...s, capacity: 1 } : s));
  return d;
};
const pendingC9 = (): Data => {
  const d = fixtureData();
  d.Certifications!.push({ certificationId: 'C9', employeeId: 'E1', competenceId: 'gws', achievedOn: '2026-11-01', expiresOn: undefined,
    source: 'document', evidenceFileId: 'file1', verifiedBy: undefined, state: 'pending', note: undefined });
  return d;
};
const sidebar = (ports: Ports, who: string, name: string, payload: object) =>
  asUser(ports, who, () => guarded(ports, handlers, sidebarEvent(name, JSON.stringify(payload)), { host: 'sidebar', action: name, userEmail: who }));
const enrollmentIds = (ports: Ports) => new Records(ports.workbook).read(['Enrollments']).Enrollments!.rows.map((r) => r.row.enrollmentId);
const skills = (level: string) => ({ skill_email: level, skill_sheets: '1', skill_drive: 'none' });

const CHANGES: Change[] = [
  {
    name: 'verify a certificate', table: 'Certifications', data: pendingC9,
    act: (p) => runAddon(p, PEOPLE.per, ACTIONS.verifyCertification, { email: PEOPLE.kari, certificationId: 'C9', chain: 'solbakken-a,solbakken' }),
  },
  {
    name: 'cancel a sign-up (and promote the next)', table: 'Enrollments', data: sessionOneSeat,
    setup: (p) => {
      runChat(p, PEOPLE.kari, { action: ACTIONS.signUp, params: { sessionId: 'S2' } });
      runChat(p, PEOPLE.ola, { action: ACTIONS.signUp, params: { sessionId: 'S2' } });
    },
    act: (p) => runChat(p, PEOPLE.kari, { action: ACTIONS.cancelEnrollment, params: { sessionId: 'S2' } }),
  },
  {
    name: 'attendance marked (met / no-show)', table: 'Enrollments',
    setup: (p) => {
      runChat(p, PEOPLE.kari, { action: ACTIONS.signUp, params: { sessionId: 'S2' } });
      runChat(p, PEOPLE.ola, { action: ACTIONS.signUp, params: { sessionId: 'S2' } });
      (p.clock as MovableClock).set('2026-12-10T15:00:00Z');
      rebuildReadModel(p.workbook, new ReadModel(p.cache, () => 'g1', p.codec), { now: p.clock.now().toISOString(), today: p.clock.today(), generation: 'g1' });
    },
    act: (p) => {
      const [a, b] = enrollmentIds(p);
      return sidebar(p, PEOPLE.guri, COURSE_CALLS.markAttendance, { sessionId: 'S2', marks: [{ enrollmentId: a, attended: true }, { enrollmentId: b, attended: false }] });
    },
  },
  {
    name: 'skills survey answered again', table: 'SkillAssessments',
    setup: (p) => { runChat(p, PEOPLE.kari, { action: ACTIONS.skillsSubmit, form: skills('3'), dialog: true }); },
    act: (p) => runChat(p, PEOPLE.kari, { action: ACTIONS.skillsSubmit, form: skills('4'), dialog: true }),
  },
];

const EDITS: [string, (table: TableName) => HandEdit][] = [
  ['a row inserted at the top', () => ({ insertAbove: 2 })],
  ['the rows sorted Z→A by key', (t) => ({ sortBy: headerOf(t).indexOf(tableDef(t).key[0]!), descending: true })],
];

async function run(c: Change, edit?: HandEdit) {
  const { ports, id } = await sheetsPorts(c.data?.() ?? fixtureData());
  c.setup?.(ports);
  if (edit) await double.handEdit(id, c.table, edit);
  const reply = JSON.stringify(c.act(ports).reply);
  return { reply, state: records(ports, [c.table, 'Notifications']), ports };
}

describe.each(CHANGES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  let control: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => { control = await run(c); });

  it.each(EDITS)('%s between read and write: every record ends as without it, the same answer', async (_e, edit) => {
    const edited = await run(c, edit(c.table));
    expect(edited.reply).toBe(control.reply);
    expect(edited.state).toEqual(control.state);
  });
});
