// The admin sidebar as HtmlService serves it (one HTML file), in Chromium at the Sheets sidebar's 300 px, with
// google.script.run answered by the real pipeline on a demo municipality: drill-down, tabs, CSV export, upload.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { guarded } from '../../src/app/handle';
import { allHandlers } from '../../src/app/router';
import { sidebarEvent } from '../../src/app/sidebar-contract';
import { headerOf, TABLE_NAMES, type Row, type TableName } from '../../src/core/records/tables';
import { DEMO_PERSONAS, generateDemo } from '../../src/local/demo';
import { localPorts, MovableClock } from '../../src/local/memory-services';
import { MemoryWorkbook } from '../../src/store/memory-workbook';
import { ReadModel } from '../../src/store/read-model';
import { rebuildReadModel } from '../../src/store/rebuild';
import { encodeRow } from '../../src/store/table-parse';
import { CHROMIUM, SHOTS } from './browser';

const ROOT = join(__dirname, '..', '..');
const TODAY = '2026-11-22';

/** build/sidebar.html the way scripts/build.mjs makes it (template + inlined CSS and script). */
function sidebarHtml(): string {
  const js = esbuild.buildSync({ entryPoints: [join(ROOT, 'src/sidebar/main.ts')], bundle: true, format: 'iife', target: 'es2019', minify: true, write: false, platform: 'browser' });
  return readFileSync(join(ROOT, 'src/sidebar/sidebar.html'), 'utf8')
    .replace('/*STYLES*/', () => readFileSync(join(ROOT, 'src/sidebar/sidebar.css'), 'utf8'))
    .replace('/*SCRIPT*/', () => js.outputFiles[0].text.replace(/<\/script/gi, '<\\/script'));
}

function demoPorts() {
  const data = generateDemo({ employees: 300, today: TODAY });
  const wb = new MemoryWorkbook();
  for (const t of TABLE_NAMES) {
    const header = headerOf(t);
    wb.seed(t, header, ((data as Record<string, Row<TableName>[]>)[t] ?? []).map((r) => { const e = encodeRow(t, r); return header.map((h) => e[h]); }));
  }
  const ports = localPorts(wb, { clock: new MovableClock('Europe/Oslo', () => Date.parse(`${TODAY}T09:00:00Z`)) });
  rebuildReadModel(wb, new ReadModel(ports.cache, () => 'g0'), { now: `${TODAY}T09:00:00Z`, today: TODAY, generation: 'g0' });
  return ports;
}

const SHIM = `window.google = { script: { get run() {
  let ok = () => {}, fail = () => {};
  const run = { withSuccessHandler(f) { ok = f; return run; }, withFailureHandler(f) { fail = f; return run; },
    sidebarCall(name, json) { window.kompetentSidebarCall(name, json).then(ok, fail); } };
  return run;
} } };`;

let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error('Browser tests need Debian\'s chromium at /usr/bin/chromium');
  mkdirSync(SHOTS, { recursive: true });
  const ports = demoPorts();
  const handlers = allHandlers();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage({ viewport: { width: 300, height: 900 }, locale: 'nb-NO', acceptDownloads: true });
  page.setDefaultTimeout(10_000);
  await page.exposeFunction('kompetentSidebarCall', (name: string, json: string) =>
    JSON.stringify(guarded(ports, handlers, sidebarEvent(name, json), { host: 'sidebar', action: name, userEmail: DEMO_PERSONAS.admin }).reply));
  // Before the sidebar's own script, as Apps Script's HtmlService provides google.script.run.
  await page.setContent(sidebarHtml().replace('<head>', () => `<head><script>${SHIM}</script>`));
}, 60_000);

afterAll(async () => { await browser?.close(); });

const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('dashboard at 300 px: areas, drill down to a unit and a person', async () => {
  await page.waitForSelector('.chart .bar-row');
  expect(await page.textContent('h1')).toBe('Kompetent – administrasjon');
  expect(await noSideways()).toBe(true);
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
  expect(readFileSync(file!, 'utf8')).toMatch(/^\ufeffAnsattnr,Navn,E-post,Enhet,Kompetanse,Status,Dato/);
  expect(await noSideways()).toBe(true);
  await page.screenshot({ path: join(SHOTS, 'admin-sidebar-expiring.png'), fullPage: true });
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
