// The cards people read on a phone, at about 400 px wide: the Chat status card and the Gmail card of a course mail (the
// mail itself without a marker, from «Kompetent»). Screenshots in test-artifacts/screenshots/phone-*.png (issue 15).
import { join } from 'node:path';
import { DEMO_PERSONAS } from '../../src/demo';
import { ACTIONS } from '../../src/contract/actions';
import { actAs, clickCard, openTab, openWorkspace, say, settled, SHOTS, type Opened } from './browser';

jest.setTimeout(120_000);

const WIDTH = 400;
let ws: Opened;
beforeAll(async () => { ws = await openWorkspace({ width: WIDTH, height: 860 }); }, 90_000);
afterAll(async () => { await ws?.close(); });

const button = (action: string) => `button[data-action*='"value":"${action}"']`;

/** Nothing in the element is wider than the element (no text or button cut off or scrolling sideways). */
async function fitsWidth(el: ReturnType<Opened['page']['locator']>): Promise<{ width: number; overflow: string[] }> {
  return el.evaluate((root) => {
    const box = root.getBoundingClientRect();
    const overflow = [...root.querySelectorAll('*')].filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1);
    }).map((e) => `${e.tagName.toLowerCase()}.${(e as HTMLElement).className}: ${(e.textContent ?? '').trim().slice(0, 40)}`);
    return { width: box.width, overflow: overflow.slice(0, 5) };
  });
}

test('the Chat status card at phone width: readable, nothing cut off', async () => {
  const { page } = ws;
  await actAs(page, DEMO_PERSONAS.staff);
  await openTab(page, 'chat');
  await say(page, '/status');
  const card = page.locator('.ws-msg.bot').last();
  await expect(card.textContent()).resolves.toContain('Min kompetanse');
  // The card itself (the workspace's desktop shell around it is wider than a phone; Google draws the card on the phone).
  const fit = await fitsWidth(card.locator('.kc-card').first());
  expect(fit.overflow).toEqual([]);
  // Short on a phone: three buttons in view at the end of the card, the other actions one "Vis mer" away (issue 15).
  const menu = card.locator('.kc-card').first().locator('.kc-section').last();
  // checkVisibility: a button inside a closed <details> has a layout box but is not rendered (content-visibility).
  const shown = () => menu.evaluate((el) => [...el.querySelectorAll('button')].filter((b) => b.checkVisibility())
    .map((b) => (b.textContent ?? '').trim()));
  await expect(shown()).resolves.toEqual(['Mine kurs', 'Finn kurs', 'Spør en guide']);
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'phone-chat-status.png') });
  await menu.locator('summary.kc-more-toggle').click();
  // Open: every action, then «Vis mindre» at the bottom of the section, where Google puts it.
  await expect(shown()).resolves.toEqual(['Mine kurs', 'Finn kurs', 'Spør en guide', 'Søk i svar', 'Min guide', 'Mine samtaler', 'Digitale ferdigheter', 'Hjelp', 'Vis mindre']);
  await menu.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'phone-chat-status-more.png') });
});

test('a course mail and its Gmail card at phone width: sender «Kompetent», no marker, the session found', async () => {
  const { page } = ws;
  await actAs(page, DEMO_PERSONAS.staff);
  await openTab(page, 'chat');
  await say(page, '/kurs');
  await clickCard(page, page.locator('.ws-msg.bot').last().locator(button(ACTIONS.courseDetail)).first());
  const signUp = page.locator('.ws-msg.bot').last().locator(button(ACTIONS.signUp)).first();
  await signUp.waitFor();
  await clickCard(page, signUp);
  await openTab(page, 'gmail');
  const row = page.locator('.ws-mail-row', { hasText: /Påmeldt|Venteliste/ }).first();
  await row.waitFor();
  // The inbox shows who it is from by name, and the subject carries no machine marker (issue 15 §3).
  await expect(row.locator('.ws-mail-from').textContent()).resolves.toBe('Kompetent');
  await expect(row.textContent()).resolves.not.toMatch(/kompetent:session|\[kompetent/);
  await row.click();
  await settled(page);
  const mail = page.locator('.ws-mail-open');
  await expect(mail.textContent()).resolves.toMatch(/Kurs-ID: S\d+/);
  await expect(mail.textContent()).resolves.not.toContain('[kompetent:');
  await page.screenshot({ path: join(SHOTS, 'phone-gmail-mail.png') });
  const panel = page.locator('.ws-panel', { hasText: 'Denne e-posten gjelder' });
  await panel.waitFor();
  await panel.scrollIntoViewIfNeeded();
  const fit = await fitsWidth(panel.locator('.kc-card').first());
  expect(fit.overflow).toEqual([]);
  await panel.screenshot({ path: join(SHOTS, 'phone-gmail-card.png') });
});
