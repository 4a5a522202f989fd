// The local workspace server over real HTTP on an ephemeral port: bad requests, restarts, concurrency, the data lock.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PERSONAS } from '../../src/demo';
import { startServer, type RunningServer } from '../../src/workspace/server';
import { DataDirBusyError, LOCK_FILE } from '../../src/workspace/data-lock';
import { addonEvent, commandEvent, dmSpaceOf, messageEvent, type Who } from '../../src/workspace/web/google-events';
import { validateChatResponse } from '../support/discovery-validator';

jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');
const START = '2026-11-23T08:00:00Z';
const staff: Who = { email: DEMO_PERSONAS.staff, name: 'Sunniva Nygård', locale: 'nb' };

function start(dataDir: string): Promise<RunningServer> {
  return startServer({ port: 0, dataDir, root: ROOT, employees: 60, startAt: START });
}

async function call(s: RunningServer, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(s.url + path, body === undefined ? { headers } : {
    method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: res.status, json: json as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

let n = 0;
function typed(space: string, text: string) {
  n++;
  return { name: `${space}/messages/t${n}.t${n}`, text, threadName: `${space}/threads/t${n}`, createTime: START };
}
const slash = (text: string) => commandEvent(staff, dmSpaceOf(staff.email), typed(dmSpaceOf(staff.email), `/${text}`), { commandId: 1, commandName: '/status', argumentText: '' });

describe('one server', () => {
  let s: RunningServer;
  beforeAll(async () => { s = await start(mkdtempSync(join(tmpdir(), 'kompetent-srv-'))); });
  afterAll(async () => { await s?.close(); });

  test.each([
    ['/api/chat/event'], ['/api/addon/gmail/onHomepage'], ['/api/sidebar'], ['/api/sheets/Employees/cells'], ['/api/clock'], ['/api/chat/message'],
  ])('malformed JSON to %s is a 400 with a message, and the server keeps serving', async (path) => {
    const r = await call(s, path, '{"commonEventObject": {nope');
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/not valid JSON/);
    expect((await call(s, '/api/version')).status).toBe(200);
  });

  test('a Chat event that is JSON but not an event is a 400 naming what is wrong', async () => {
    const r = await call(s, '/api/chat/event', { commonEventObject: {}, chat: { user: { email: 'nope' }, space: { name: 'x' } } });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/chat\.user\.email/);
    expect(r.json.error).toMatch(/chat\.space\.name/);
    const two = slash('status') as unknown as { chat: Record<string, unknown> };
    two.chat.messagePayload = two.chat.appCommandPayload;
    expect((await call(s, '/api/chat/event', two)).json.error).toMatch(/exactly one payload/);
  });

  test('nobody posts in another person\'s DM, or clicks a message that does not exist', async () => {
    const other = dmSpaceOf(DEMO_PERSONAS.admin);
    expect((await call(s, '/api/chat/event', messageEvent(staff, other, typed(other, 'hei'), 'hei'))).status).toBe(403);
    const click = { commonEventObject: { hostApp: 'CHAT', parameters: { action: 'status.mine' } }, chat: {
      user: { email: staff.email }, space: { name: dmSpaceOf(staff.email) }, buttonClickedPayload: { message: { name: `${dmSpaceOf(staff.email)}/messages/none` } },
    } };
    expect((await call(s, '/api/chat/event', click)).status).toBe(404);
  });

  test('requests from another site, or through another host name, are refused', async () => {
    expect((await call(s, '/api/state?as=' + staff.email, undefined, { Origin: 'https://evil.example' })).status).toBe(403);
    const status = await new Promise<number>((ok) => {
      request(`${s.url}/api/version`, { headers: { Host: 'evil.example:80' } }, (res) => { res.resume(); ok(res.statusCode ?? 0); }).end();
    });
    expect(status).toBe(403);
  });

  test('/status in the DM: the person\'s message and the app\'s card land there; the reply is valid Chat JSON', async () => {
    const r = await call(s, '/api/chat/event', slash('status'));
    expect(r.status).toBe(200);
    expect(validateChatResponse(r.json.response)).toEqual([]);
    expect(r.json.response.hostAppDataAction.chatDataAction.createMessageAction.message.cardsV2[0].card.header.title).toBe('Min kompetanse');
    const msgs = (await call(s, `/api/chat/messages?as=${staff.email}&space=${dmSpaceOf(staff.email)}`)).json.messages;
    expect(msgs.map((m: { sender: { type: string } }) => m.sender.type).slice(-2)).toEqual(['HUMAN', 'BOT']);
    expect(msgs.at(-2).message.text).toBe('/status');
  });

  test('the same message name twice is refused (Chat creates each message once)', async () => {
    const e = slash('status');
    expect((await call(s, '/api/chat/event', e)).status).toBe(200);
    expect((await call(s, '/api/chat/event', e)).status).toBe(409);
  });

  test('add-on homepage: the who-am-I person\'s card as RenderActions', async () => {
    const r = await call(s, '/api/addon/gmail/onHomepage', { user: staff.email, event: addonEvent('gmail', staff, { now: new Date(START) }) });
    expect(r.status).toBe(200);
    expect(r.json.action.navigations[0].pushCard.header.title).toBe('Kompetent');
    expect(r.json.action.navigations[0].pushCard.sections[0].header).toBe('Mine kommende kurs');
    const wrongHost = await call(s, '/api/addon/docs/onDocsHomepage', { user: staff.email, event: addonEvent('gmail', staff, { now: new Date(START) }) });
    expect(wrongHost.status).toBe(400);
    expect((await call(s, '/api/addon/gmail/onDocsHomepage', { user: staff.email, event: {} })).status).toBe(404);
  });

  test('google.script.run → sidebarCall answers JSON text; anything else is not a server function', async () => {
    const ok = await call(s, '/api/sidebar', { user: DEMO_PERSONAS.admin, fn: 'sidebarCall', args: ['admin.dashboard', '{"locale":"nb"}'] });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.json.value).kind).toBe('data');
    const staffTry = await call(s, '/api/sidebar', { user: staff.email, fn: 'sidebarCall', args: ['admin.dashboard', '{}'] });
    expect(JSON.parse(staffTry.json.value).kind).toBe('notify');
    expect((await call(s, '/api/sidebar', { user: staff.email, fn: 'deleteEverything', args: [] })).status).toBe(404);
  });

  test('two requests at once (two tabs, two people): both answered, nothing lost', async () => {
    const dmA = dmSpaceOf(staff.email);
    const leader: Who = { email: DEMO_PERSONAS.leader, name: 'Øystein Håkonsen', locale: 'nb' };
    const dmB = dmSpaceOf(leader.email);
    const rows = await call(s, '/api/sheets/Roles?limit=5');
    const nameCol = rows.json.header.indexOf('Navn'); // the Roles tab (Roller) has Norwegian headers
    const results = await Promise.all([
      call(s, '/api/chat/event', messageEvent(staff, dmA, typed(dmA, 'status'), 'status')),
      call(s, '/api/chat/event', messageEvent(leader, dmB, typed(dmB, 'status'), 'status')),
      call(s, '/api/sheets/Roles/cells', { row: 2, column: nameCol, value: 'Sykepleier A' }),
      call(s, '/api/sheets/Roles/cells', { row: 3, column: nameCol, value: 'Rolle B' }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const after = await call(s, '/api/sheets/Roles?limit=5');
    expect(after.json.rows.slice(0, 2).map((r: { cells: string[] }) => r.cells[nameCol])).toEqual(['Sykepleier A', 'Rolle B']);
    for (const [who, dm] of [[staff.email, dmA], [leader.email, dmB]]) {
      const msgs = (await call(s, `/api/chat/messages?as=${who}&space=${dm}`)).json.messages;
      expect(msgs.at(-1).sender.type).toBe('BOT');
      expect(msgs.at(-2).message.text).toBe('status');
    }
  });

  test('a cell far below the data is refused, so the file never grows by millions of empty rows', async () => {
    const r = await call(s, '/api/sheets/Employees/cells', { row: 9_999_999, column: 0, value: 'x' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.json)).toContain('ends at row');
  });

  test('the shell\'s words from the server are in the person\'s language: jobs, schedules, a document they may not edit', async () => {
    const nb = (await call(s, `/api/state?as=${staff.email}`)).json;
    expect(nb.me.persona).toBe('staff'); // the shell names the persona in the acting person's language (ws.persona.staff)
    expect(nb.jobs.find((j: { name: string }) => j.name === 'jobDailyReminders')).toMatchObject({ label: 'Påminnelser om fornyelse', schedule: 'daglig kl. 06' });
    const english = s.ws.directory().employees.find((e) => e.locale === 'en');
    expect(english).toBeDefined();
    const en = (await call(s, `/api/state?as=${english!.email}`)).json;
    expect(en.jobs.find((j: { name: string }) => j.name === 'jobDailyReminders').schedule).toBe('daily at 06');
    expect(en.jobs.find((j: { name: string }) => j.name === 'jobWeeklyDigest').schedule).toBe('Mondays at 07');
    expect(JSON.stringify(en.jobs)).not.toMatch(/daglig|mandager|hvert?\b/);
    const docs = (await call(s, `/api/docs/no-such-document?as=${english!.email}`)).json;
    expect(docs.error).toBe('The document is not shared with you (any more).');
  });

  test('the clock moves forward only; jobs run by name', async () => {
    const before = (await call(s, `/api/state?as=${staff.email}`)).json.today;
    const r = await call(s, '/api/clock', { days: 2 });
    expect(r.json.today > before).toBe(true);
    expect((await call(s, '/api/clock', { days: -1 })).status).toBe(400);
    expect((await call(s, '/api/jobs/jobRebuildReadModel', {})).json).toMatchObject({ job: 'jobRebuildReadModel', handled: true });
    expect((await call(s, '/api/jobs/nope', {})).status).toBe(404);
  });
});

describe('the data folder', () => {
  test('a restart keeps records, messages, the clock and the id counter', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kompetent-restart-'));
    let s = await start(dir);
    await call(s, '/api/clock', { days: 3 });
    const saved = await call(s, '/api/sidebar', { user: DEMO_PERSONAS.admin, fn: 'sidebarCall', args: ['admin.saveCompetence', JSON.stringify({
      isNew: true, competenceId: 'restart-test', name: 'Omstartsprøve', category: 'recommended', satisfiedBy: ['course'],
    })] });
    expect(JSON.parse(saved.json.value)).toMatchObject({ kind: 'data' });
    await call(s, '/api/chat/event', slash('status'));
    const messages = (await call(s, `/api/chat/messages?as=${staff.email}&space=${dmSpaceOf(staff.email)}`)).json.messages.length;
    const today = (await call(s, `/api/state?as=${staff.email}`)).json.today;
    const idBefore = s.ws.ports.ids.next('probe');
    await s.close();

    s = await start(dir);
    try {
      const comp = await call(s, '/api/sheets/Competences?q=restart-test');
      expect(comp.json.rows).toHaveLength(1);
      const audit = await call(s, '/api/sheets/Audit?q=restart-test');
      expect(audit.json.rows.length).toBeGreaterThan(0);
      expect((await call(s, `/api/chat/messages?as=${staff.email}&space=${dmSpaceOf(staff.email)}`)).json.messages).toHaveLength(messages);
      expect((await call(s, `/api/state?as=${staff.email}`)).json.today).toBe(today);
      const idAfter = s.ws.ports.ids.next('probe');
      expect(idAfter).not.toBe(idBefore);
      expect(idAfter.slice(0, -4)).toBe(idBefore.slice(0, -4));
      expect(parseInt(idAfter.slice(-4), 36)).toBeGreaterThan(parseInt(idBefore.slice(-4), 36));
      // A new message after the restart gets a new name, never one already in the history.
      await call(s, '/api/chat/event', slash('status'));
      const names = (await call(s, `/api/chat/messages?as=${staff.email}&space=${dmSpaceOf(staff.email)}`)).json.messages.map((m: { name: string }) => m.name);
      expect(new Set(names).size).toBe(names.length);
    } finally {
      await s.close();
    }
  });

  test('two servers never share a data folder; a lock left by a dead process is taken over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kompetent-lock-'));
    const s = await start(dir);
    await expect(start(dir)).rejects.toBeInstanceOf(DataDirBusyError);
    await s.close();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 7 }));
    const again = await start(dir);
    await again.close();
  });
});
