// The admin sidebar as HtmlService serves it (one HTML file), in Chromium at the Sheets sidebar's 300 px, with
// google.script.run answered by the real pipeline on a demo municipality: drill-down, tabs, CSV export, upload.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PERSONAS, generateDemo } from '../../src/demo';
import { SHOTS, START_AT } from './browser';
import { openSidebar } from './sidebar-page';

// The same demo day as every other browser test (the workspace's fixed start), so the figures' date matches the clock.
const TODAY = START_AT.slice(0, 10);

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openSidebar(generateDemo({ employees: 300, today: TODAY }), START_AT));
}, 60_000);

afterAll(async () => { await browser?.close(); });

const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('dashboard at 300 px: areas, drill down to a unit and a person', async () => {
  await page.waitForSelector('.chart .bar-row');
  expect(await page.textContent('h1')).toBe('Kompetent – administrasjon');
  expect(await noSideways()).toBe(true);
  // Built at the clock's time, shown in Oslo time (08:00Z is 09:00 in November): not the day before.
  expect(await page.textContent('p.muted:has-text("Tall per")')).toBe('Tall per 23. november 2026 kl. 09:00');
  await page.screenshot({ path: join(SHOTS, 'admin-sidebar-dashboard.png'), fullPage: true });
  await page.click('.bar-row:has-text("Helse og velferd")');
  await page.waitForSelector('h2:has-text("Helse og velferd")');
  await page.locator('.chart .bar-row').first().click();
  await page.waitForSelector('.crumbs button:nth-of-type(3)');
  // Down to a unit with people who need follow-up, then a person.
  for (let i = 0; i < 3 && (await page.locator('.member button').count()) === 0; i++) await page.locator('.block .chart .bar-row').first().click().then(() => page.waitForTimeout(50));
  await page.locator('.member button').first().click();
  await page.waitForSelector('text=Kompetanse mot rollen');
  expect(await noSideways()).toBe(true);
  await page.screenshot({ path: join(SHOTS, 'admin-sidebar-person.png'), fullPage: true });
}, 30_000);

test('expiring list and CSV download', async () => {
  await page.click('.tab:has-text("Utløper")');
  await page.click('button:has-text("Vis liste")');
  await page.waitForSelector('.rows li');
  const download = page.waitForEvent('download');
  await page.click('button:has-text("Last ned CSV")');
  const file = await (await download).path();
  expect(readFileSync(file!, 'utf8')).toMatch(/^\ufeffAnsattnr;Navn;E-post;Enhetsnr;Enhet;Kompetansenr;Kompetanse;Status;Dato\r\n/);
  expect(await noSideways()).toBe(true);
  // The list runs to hundreds of rows: the first 2,000 px are what a person reads (a 16,000 px image is unreadable).
  await page.screenshot({ path: join(SHOTS, 'admin-sidebar-expiring.png'), fullPage: true, clip: { x: 0, y: 0, width: 300, height: 2000 } });
}, 30_000);

test('catalogue: a competence with a bad id is refused with what to fix, keeping what was typed', async () => {
  await page.click('.tab:has-text("Katalog")');
  await page.click('button:has-text("Ny kompetanse")');
  await page.fill('input[name=competenceId]', 'brann øvelse');
  await page.fill('input[name=name]', 'Brannøvelse');
  await page.click('form button[type=submit]');
  await page.waitForSelector('.status.error');
  expect(await page.textContent('.status')).toContain('Id (kort, uten mellomrom) «brann øvelse» er ikke gyldig');
  expect(await page.inputValue('input[name=name]')).toBe('Brannøvelse');
  expect(await noSideways()).toBe(true);
  await page.screenshot({ path: join(SHOTS, 'admin-sidebar-catalogue.png'), fullPage: true });
  await page.fill('input[name=competenceId]', 'brannovelse');
  await page.click('form button[type=submit]');
  await page.waitForSelector('.status:not(.error):has-text("er lagret")');
}, 30_000);

test('role plan: a requirement added today applies from today, said in the list', async () => {
  await page.click('.tab:has-text("Katalog")');
  await page.click('.subtabs [role=tab]:has-text("Rolleplaner")');
  await page.selectOption('select[name=competenceId]', 'brannovelse');
  await page.fill('input[name=dueWithinDays]', '30');
  // The deadline's hint says who counts from when.
  expect(await page.textContent('form.card-form')).toContain('De som alt er i rollen, får den fra i dag.');
  await page.click('form.card-form button[type=submit]');
  await page.waitForSelector('.status:not(.error)');
  await page.waitForSelector('li.item:has(strong:text-is("Brannøvelse"))');
  expect(await page.textContent('li.item:has(strong:text-is("Brannøvelse"))')).toContain('påkrevd · frist 30 dager · gjelder fra 23. november 2026');
  expect(await noSideways()).toBe(true);
  await page.screenshot({ path: join(SHOTS, 'admin-sidebar-role-plan.png'), fullPage: true });
}, 30_000);

test('register a certification with evidence', async () => {
  await page.click('.tab:has-text("Registrer")');
  await page.fill('input[name=email]', DEMO_PERSONAS.staff);
  await page.selectOption('select[name=competenceId]', 'dhlr');
  await page.fill('input[name=achievedOn]', '2026-11-20');
  await page.setInputFiles('input[name=evidence]', { name: 'bevis.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
  await page.click('form button[type=submit]');
  await page.waitForSelector('.status:not(.error):has-text("er registrert")');
  await page.screenshot({ path: join(SHOTS, 'admin-sidebar-register.png'), fullPage: true });
}, 30_000);
