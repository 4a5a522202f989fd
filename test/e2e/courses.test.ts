// Courses in a real browser: a staff member finds a course in the Chat DM and signs up; the confirmation arrives in
// Gmail with its invitation, and opening it shows the session in the add-on panel; a certificate mailed by a course
// provider is registered from the Gmail card and is in the leader's pending list at once.
import { DEMO_PERSONAS } from '../../src/demo';
import { ACTIONS } from '../../src/contract/actions';
import { actAs, clickCard, openSpace, openTab, openWorkspace, say, settled, shot, type Opened } from './browser';

jest.setTimeout(90_000);

let ws: Opened;
beforeAll(async () => { ws = await openWorkspace(); }, 90_000);
afterAll(async () => { await ws?.close(); });

const button = (action: string) => `button[data-action*='"value":"${action}"']`;

test('find a course in Chat, sign up, and open the confirmation in Gmail with the session in the panel', async () => {
  const { page } = ws;
  await actAs(page, DEMO_PERSONAS.staff);
  await openTab(page, 'chat');
  await say(page, '/kurs');
  const list = page.locator('.ws-msg.bot').last();
  await expect(list.textContent()).resolves.toContain('Finn kurs');
  await shot(page, 'courses-chat-find');
  // Open the first course with dates and sign up for its first open date.
  await clickCard(page, list.locator(button(ACTIONS.courseDetail)).first());
  const detail = page.locator('.ws-msg.bot').last();
  const signUp = detail.locator(button(ACTIONS.signUp)).first();
  await signUp.waitFor();
  await clickCard(page, signUp);
  await page.waitForFunction(() => /påmeldt|ventelisten/.test(document.querySelector('#messages')?.textContent ?? ''));
  await shot(page, 'courses-chat-signed-up');

  await openTab(page, 'gmail');
  const row = page.locator('.ws-mail-row', { hasText: /Påmeldt|Venteliste/ }).first();
  await row.waitFor();
  await row.click();
  await settled(page);
  await page.locator('.ws-attachment', { hasText: '.ics' }).waitFor();
  await page.locator('.ws-panel', { hasText: 'Denne e-posten gjelder' }).waitFor();
  await shot(page, 'courses-gmail-contextual');
});

test('a certificate mailed by a course provider is registered from the Gmail card', async () => {
  const { page } = ws;
  await actAs(page, DEMO_PERSONAS.staff);
  await openTab(page, 'gmail');
  await page.click('[data-external-certificate]');
  await settled(page);
  const panel = page.locator('.ws-panel');
  await panel.locator('text=Registrer kursbevis').first().waitFor();
  await shot(page, 'courses-gmail-certificate');
  await clickCard(page, panel.locator(button(ACTIONS.registerCertificate)));
  await page.waitForFunction(() => /venter på godkjenning/.test(document.body.textContent ?? ''));
  await shot(page, 'courses-gmail-certificate-registered');

  // Her leader sees it in the pending list at once (the read model is patched at the commit; no rebuild in between).
  await actAs(page, DEMO_PERSONAS.leader);
  await openTab(page, 'chat');
  await openSpace(page, 'dm');
  await say(page, '/godkjenn');
  const list = page.locator('.ws-msg.bot .kc-card').last();
  await expect(list.textContent()).resolves.toContain('Sunniva Nygård');
  await expect(list.textContent()).resolves.toMatch(/\(D-HLR\) · fullført/);
  await shot(page, 'courses-certificate-in-leader-list');
});
