// The guides' coordinator posts an announcement from Chat in a real browser (issue 15 §2 "Forum"): `/kunngjoring` in the
// DM, the dialog (an over-long text refused with its length, nothing cut), and the post in the Kunngjøringer space.
import { DEFAULT_DEMO_SEED, generateDemo } from '../../src/demo';
import { ACTIONS } from '../../src/contract/actions';
import { actAs, clickCard, openSpace, openTab, openWorkspace, say, settled, shot, START_AT, type Opened } from './browser';

jest.setTimeout(120_000);

const EMPLOYEES = 160;
let ws: Opened;
beforeAll(async () => { ws = await openWorkspace({ employees: EMPLOYEES }); }, 90_000);
afterAll(async () => { await ws?.close(); });

const button = (action: string) => `button[data-action*='"value":"${action}"']`;
/** The demo's coordinator, as the workspace generated it (same seed, size and day). */
function coordinator(): string {
  const demo = generateDemo({ employees: EMPLOYEES, seed: DEFAULT_DEMO_SEED, today: START_AT.slice(0, 10) }) as unknown as { Settings: { key: string; value: string }[] };
  return demo.Settings.find((s) => s.key === 'coordinatorEmail')!.value;
}

test('the coordinator writes an announcement in the dialog, is told when it is too long, and it appears in Kunngjøringer', async () => {
  const { page } = ws;
  await actAs(page, coordinator());
  await openTab(page, 'chat');
  await openSpace(page, 'dm');
  await say(page, '/kunngjoring Fagdag for guidene');
  const prompt = page.locator('.ws-msg.bot .kc-card').last();
  await expect(prompt.textContent()).resolves.toContain('Kunngjøring til Google-guidene');
  await shot(page, 'chat-announce-prompt');
  await clickCard(page, prompt.locator(button(ACTIONS.announceOpen)));
  await page.waitForSelector('#dialog[open] textarea');
  expect(await page.inputValue('#dialog[open] textarea')).toBe('Fagdag for guidene');

  const long = `${'Fagdag for alle Google-guidene fredag, med lunsj og erfaringsdeling. '.repeat(50)}SLUTT`;
  await page.fill('#dialog[open] textarea', long);
  await clickCard(page, page.locator(`#dialog ${button(ACTIONS.announce)}`));
  await page.locator('#dialog[open]', { hasText: `Teksten er på ${long.length} tegn` }).waitFor();
  expect(await page.inputValue('#dialog[open] textarea')).toBe(long);
  await shot(page, 'chat-announce-too-long');

  const text = 'Fagdag for alle Google-guidene fredag 4. desember kl. 12 i rådhuset. Ta med spørsmålene dere har fått!';
  await page.fill('#dialog[open] textarea', text);
  await clickCard(page, page.locator(`#dialog ${button(ACTIONS.announce)}`));
  await page.waitForSelector('#dialog:not([open])', { state: 'attached' });
  await openSpace(page, 'spaces/ANNOUNCEMENTS');
  await page.locator('.ws-msg.bot', { hasText: 'Fagdag for alle Google-guidene fredag 4. desember' }).first().waitFor();
  await settled(page);
  await shot(page, 'chat-announce-posted');
});
