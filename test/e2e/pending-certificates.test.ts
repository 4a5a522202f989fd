// A leader's certificates waiting for approval in a real browser (issue 15): /godkjenn in the Chat DM lists what waits in
// their units; rejecting asks for a reason in a dialog; the Gmail panel announces the list and opens it.
import { DEMO_PERSONAS } from '../../src/demo';
import { ACTIONS } from '../../src/contract/actions';
import { actAs, clickCard, openSpace, openTab, openWorkspace, say, settled, shot, type Opened } from './browser';

jest.setTimeout(120_000);

let ws: Opened;
beforeAll(async () => { ws = await openWorkspace(); }, 90_000);
afterAll(async () => { await ws?.close(); });

const button = (action: string) => `button[data-action*='"value":"${action}"']`;

test('the Gmail panel tells the leader what waits and opens the list', async () => {
  const { page } = ws;
  await actAs(page, DEMO_PERSONAS.leader);
  await openTab(page, 'gmail');
  const panel = page.locator('.ws-panel[data-host="gmail"]');
  await panel.locator('.kc-card').first().waitFor();
  // The demo's new hire in the leader's ward waits for her police certificate receipt to be approved.
  const open = panel.locator(button(ACTIONS.pendingList));
  await open.first().waitFor();
  await shot(page, 'gmail-pending-section');
  await clickCard(page, open.first());
  await settled(page);
  await expect(panel.textContent()).resolves.toContain('Til godkjenning');
  await expect(panel.textContent()).resolves.toContain('Amalie Rønning');
  await shot(page, 'gmail-pending-list');
});

test('a leader lists what waits, rejects one with a reason, and the list is posted again without it', async () => {
  const { page } = ws;
  await actAs(page, DEMO_PERSONAS.leader);
  await openTab(page, 'chat');
  await openSpace(page, 'dm');
  await say(page, '/godkjenn');
  const list = page.locator('.ws-msg.bot .kc-card').last();
  await expect(list.textContent()).resolves.toContain('Til godkjenning');
  const rejects = list.locator(button(ACTIONS.rejectOpen));
  const before = await rejects.count();
  expect(before).toBeGreaterThan(0);
  await shot(page, 'chat-pending-list');

  await clickCard(page, rejects.first());
  await page.waitForSelector('#dialog[open] textarea');
  await page.fill('#dialog[open] textarea', 'Politiattesten må vises fram for meg på kontoret før den kan godkjennes.');
  await shot(page, 'chat-pending-reject-dialog');
  await clickCard(page, page.locator(`#dialog ${button(ACTIONS.rejectCertification)}`));
  await page.waitForSelector('#dialog:not([open])', { state: 'attached' });
  const after = page.locator('.ws-msg.bot .kc-card').last();
  await expect(after.textContent()).resolves.toMatch(/Til godkjenning/);
  await expect(after.locator(button(ACTIONS.rejectOpen)).count()).resolves.toBe(before - 1);
  await shot(page, 'chat-pending-after-reject');
});
