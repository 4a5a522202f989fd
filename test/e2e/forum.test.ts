// The guide forum in a real browser: a staff member asks in the DM, the question becomes a thread in the guides' space,
// a guide claims it and answers in a dialog, and the answer reaches the asker's DM. Hostile text stays text.
import { DEMO_PERSONAS } from '../../src/demo';
import { ACTIONS } from '../../src/contract/actions';
import { actAs, openSpace, clickCard, openTab, openWorkspace, say, shot, type Opened } from './browser';

jest.setTimeout(90_000);

const QUESTION = 'Hvordan deler jeg en mappe i Drive med hele avdelingen?';
const ANSWER = 'Høyreklikk mappen i Drive, velg «Del» og skriv inn avdelingens gruppeadresse.';
const HOSTILE = '<img src=x onerror=alert(1)>';

let ws: Opened;
const alerts: string[] = [];
beforeAll(async () => {
  ws = await openWorkspace();
  ws.page.on('dialog', (d) => { alerts.push(d.message()); void d.dismiss(); });
}, 90_000);
afterAll(async () => { await ws?.close(); });

const button = (action: string) => `button[data-action*='"value":"${action}"']`;

test('a staff member asks; a guide claims and answers; the answer reaches the asker', async () => {
  const { page } = ws;
  await actAs(page, DEMO_PERSONAS.staff);
  await openTab(page, 'chat');
  await say(page, `/spør ${QUESTION}`);
  await shot(page, 'chat-ask-matches');
  await clickCard(page, page.locator(button(ACTIONS.askPost)).last());
  await shot(page, 'chat-ask-posted');

  await actAs(page, DEMO_PERSONAS.guide);
  await openSpace(page, 'spaces/GUIDES');
  const thread = page.locator('.ws-thread', { hasText: QUESTION });
  await thread.waitFor();
  await clickCard(page, thread.locator(button(ACTIONS.claim)));
  await shot(page, 'chat-forum-claimed');
  await clickCard(page, thread.locator(button(ACTIONS.answerOpen)));
  await page.waitForSelector('#dialog[open] textarea');
  await page.fill('#dialog[open] textarea', ANSWER);
  await shot(page, 'chat-forum-answer-dialog');
  await clickCard(page, page.locator(`#dialog ${button(ACTIONS.answerSubmit)}`));
  await page.waitForSelector('#dialog:not([open])', { state: 'attached' });
  await expect(thread.textContent()).resolves.toContain(ANSWER.slice(0, 30));
  await shot(page, 'chat-forum-answered');

  await actAs(page, DEMO_PERSONAS.staff);
  await openSpace(page, 'dm');
  await page.waitForFunction((a) => document.querySelector('#messages')?.textContent?.includes(a), ANSWER.slice(0, 30));
  await shot(page, 'chat-dm-answer');
});

test('a question whose text is HTML shows as text, in the DM and in the guides\' thread', async () => {
  const { page } = ws;
  await actAs(page, DEMO_PERSONAS.staff);
  await openTab(page, 'chat');
  await openSpace(page, 'dm');
  await say(page, `/spør ${HOSTILE}`);
  await expect(page.locator('.ws-msg.human').last().textContent()).resolves.toContain(HOSTILE);
  await expect(page.locator('.ws-msg.bot').last().textContent()).resolves.toContain(HOSTILE);
  await clickCard(page, page.locator(button(ACTIONS.askPost)).last());
  await actAs(page, DEMO_PERSONAS.admin);
  await openSpace(page, 'spaces/GUIDES');
  await page.locator('.ws-thread', { hasText: HOSTILE }).first().waitFor();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(alerts).toEqual([]);
});
