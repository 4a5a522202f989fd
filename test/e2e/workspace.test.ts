// The local workspace as people use it, in a real browser: staff in Chat, Gmail, leader in Docs, admin in Sheets with
// the sidebar and a hand edit that data health catches, the clock and jobs, and hostile text shown as text.
import { COMMANDS } from '../../src/app/pipeline/chat-routing';
import { DEMO_PERSONAS } from '../../src/demo';
import { actAs, openSpace, openTab, openWorkspace, say, settled, shot, type Opened } from './browser';

jest.setTimeout(90_000);

let ws: Opened;
beforeAll(async () => { ws = await openWorkspace(); }, 90_000);
afterAll(async () => { await ws?.close(); });

test('a staff member checks their status in the Chat DM with /status', async () => {
  const { page } = ws;
  await actAs(page, DEMO_PERSONAS.staff);
  await openTab(page, 'chat');
  await openSpace(page, 'dm');
  await say(page, '/status');
  const card = page.locator('.ws-msg.bot .kc-card').last();
  await expect(card.textContent()).resolves.toContain('Min kompetanse');
  await expect(card.textContent()).resolves.toMatch(/Utløpt|Utløper snart/);
  // The person's own message is in the history, as Chat shows it.
  await expect(page.locator('.ws-msg.human').last().textContent()).resolves.toContain('/status');
  await shot(page, 'chat-dm-status');
});

test('time: the clock moves forward and the daily reminder job sends the renewal reminder to the DM', async () => {
  const { page } = ws;
  await actAs(page, DEMO_PERSONAS.staff);
  await openTab(page, 'chat');
  await openSpace(page, 'dm');
  const before = await page.locator('.ws-msg.bot').count();
  await page.click('#clock-button');
  await page.click('[data-advance-days="7"]');
  await settled(page);
  await expect(page.locator('#clock').textContent()).resolves.toContain('30. nov.');
  await page.click('#jobs-button');
  // Jobs are named in words; the function names stay out of sight (issue 15 §3).
  await expect(page.locator('#jobs-menu').textContent()).resolves.toContain('Påminnelser om fornyelse');
  await expect(page.locator('#jobs-menu').textContent()).resolves.not.toContain('jobDailyReminders');
  await page.click('[data-job="jobDailyReminders"]');
  await settled(page);
  await page.waitForFunction((n) => document.querySelectorAll('.ws-msg.bot').length > n, before);
  await expect(page.locator('.ws-msg.bot').last().textContent()).resolves.toMatch(/fornyes|Påminnelse/);
  await shot(page, 'time-reminder-in-dm');
});

test('slash commands are suggested while typing "/"', async () => {
  const { page } = ws;
  await page.fill('#compose', '/');
  await page.waitForSelector('#slash-hints:not([hidden]) li');
  expect(await page.locator('#slash-hints li').count()).toBe(COMMANDS.length);
  // Every hint names a configured command with its description (issue 15: "/undefined" and "/spor" were shown).
  const hints = await page.locator('#slash-hints li b').allTextContents();
  expect(hints).toEqual(COMMANDS.map((c) => `/${c.slash}`));
  expect(await page.locator('#slash-hints').textContent()).not.toMatch(/undefined|\/spor\b/);
  await shot(page, 'chat-slash-hints');
  await page.fill('#compose', '');
});

test('the Gmail add-on shows the homepage card for the chosen person', async () => {
  const { page } = ws;
  await openTab(page, 'gmail');
  await page.waitForSelector('.ws-panel[data-host="gmail"] .kc-card');
  await expect(page.locator('.ws-panel').textContent()).resolves.toContain('Sunniva');
  await shot(page, 'gmail-homepage');
});

test('a leader opens the Docs add-on panel', async () => {
  const { page } = ws;
  await actAs(page, DEMO_PERSONAS.leader);
  await openTab(page, 'docs');
  await page.waitForSelector('.ws-panel[data-host="docs"] .kc-card');
  expect(await page.locator('.ws-panel .kc-card').count()).toBe(1);
  await shot(page, 'docs-leader-panel');
});

test('an admin opens the admin sidebar from the Kompetent menu in Sheets', async () => {
  const { page } = ws;
  await actAs(page, DEMO_PERSONAS.admin);
  await openTab(page, 'sheets');
  await page.click('#kompetent-menu');
  await page.click('#kompetent-menu-items [data-open-sidebar]');
  const frame = page.frameLocator('#admin-sidebar');
  await expect(frame.locator('h1').textContent()).resolves.toBe('Kompetent – administrasjon');
  await frame.locator('.chart .bar-row').first().waitFor();
  await shot(page, 'sheets-admin-sidebar');
});

test('a hand edit that breaks a row shows up in data health', async () => {
  const { page } = ws;
  // The tab and its header as HR sees them: Norwegian title and labels (records/labels.ts).
  await page.click('[data-sheet="Sertifiseringer"]');
  await settled(page);
  await page.waitForSelector('.ws-grid[aria-label="Sertifiseringer"]');
  const col = await page.locator('.ws-header-row td').evaluateAll((tds) => tds.findIndex((td) => td.textContent === 'Oppnådd dato'));
  const cell = page.locator(`td[data-row="2"][data-col="${col}"]`);
  await cell.click();
  await cell.fill('31.02.2026');
  await page.keyboard.press('Enter');
  await page.waitForSelector('td.ws-bad[data-row="2"]');
  await expect(page.locator('.ws-health.bad').textContent()).resolves.toContain('Rad 2, Oppnådd dato');
  // The admin's own data-health view (the sidebar, same handler as on Apps Script) lists it too.
  const frame = page.frameLocator('#admin-sidebar');
  await frame.locator('.tab:has-text("Datahelse")').click();
  await expect(frame.locator('body').textContent()).resolves.toMatch(/Sertifiseringer[\s\S]*2[\s\S]*Oppnådd dato/);
  await shot(page, 'sheets-data-health');
});

test('the shell speaks the acting person\'s language: an English-speaking employee gets English words around the cards', async () => {
  const { page, server } = ws;
  // (one whose name is written as the e-mail is, so the who-am-I search finds them by it)
  const english = server.ws.directory().employees.find((e) => e.locale === 'en' && e.email.startsWith(e.name.toLowerCase().replace(/ /g, '.')));
  expect(english).toBeDefined();
  await actAs(page, english!.email);
  await openTab(page, 'chat');
  await openSpace(page, 'dm');
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
  await expect(page.locator('#jobs-button').textContent()).resolves.toBe('Scheduled jobs');
  await expect(page.locator('#compose').getAttribute('placeholder')).resolves.toBe('Message Kompetent – type / for commands');
  await expect(page.locator('.ws-rail').textContent()).resolves.toContain('Direct messages');
  await page.click('#clock-button');
  await expect(page.locator('#clock-menu').textContent()).resolves.toMatch(/\+1 day[\s\S]*\+1 week[\s\S]*rebuilds the overviews/);
  await page.click('#jobs-button');
  await expect(page.locator('#jobs-menu').textContent()).resolves.toMatch(/Run now[\s\S]*daily at 06/);
  await shot(page, 'shell-in-english');
  await page.keyboard.press('Escape');
  // Back to a Norwegian persona: the words follow.
  await actAs(page, DEMO_PERSONAS.staff);
  await expect(page.locator('#jobs-button').textContent()).resolves.toBe('Planlagte jobber');
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nb');
});
