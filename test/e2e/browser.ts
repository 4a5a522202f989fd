// Starts the local workspace on a fresh data folder and Debian's Chromium through playwright-core (no browser download).
// The browser bundle and the admin sidebar are built into a private folder per test file, so parallel test files and a
// stale out/ never mix.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/workspace/server';
import { CHROMIUM } from '../../src/cli/clasp';

// One place for where Chromium is: `kompetent push` looks there too, to run the browser tests or say it cannot.
export { CHROMIUM };
export const ROOT = join(__dirname, '..', '..');
export const SHOTS = join(ROOT, 'test-artifacts', 'screenshots');
/** A fixed start for the workspace clock, so the demo's "today" and every date in it are the same on each run. */
export const START_AT = '2026-11-23T08:00:00Z';

export const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** What `node scripts/build.mjs` puts in out/ and build/ for the workspace, made in a temporary project root. */
export function buildAssets(): string {
  const root = mkdtempSync(join(tmpdir(), 'kompetent-assets-'));
  mkdirSync(join(root, 'out'));
  mkdirSync(join(root, 'build'));
  mkdirSync(join(root, 'src', 'workspace', 'web'), { recursive: true });
  esbuild.buildSync({ entryPoints: [join(ROOT, 'src/workspace/web/client.ts')], bundle: true, outfile: join(root, 'out', 'workspace-client.js'), platform: 'browser', format: 'iife', target: 'es2020', logLevel: 'error' });
  for (const css of ['card.css', 'workspace.css']) copyFileSync(join(ROOT, 'src/workspace/web', css), join(root, 'src/workspace/web', css));
  const template = join(ROOT, 'src/sidebar/sidebar.html');
  if (existsSync(template)) {
    const js = esbuild.buildSync({ entryPoints: [join(ROOT, 'src/sidebar/main.ts')], bundle: true, format: 'iife', target: 'es2019', minify: true, write: false, platform: 'browser', logLevel: 'error' });
    const css = existsSync(join(ROOT, 'src/sidebar/sidebar.css')) ? readFileSync(join(ROOT, 'src/sidebar/sidebar.css'), 'utf8') : '';
    writeFileSync(join(root, 'build', 'sidebar.html'), readFileSync(template, 'utf8')
      .replace('/*STYLES*/', () => css)
      .replace('/*SCRIPT*/', () => js.outputFiles[0]!.text.replace(/<\/script/gi, '<\\/script')));
  }
  return root;
}

export interface Opened { page: Page; browser: Browser; server: RunningServer; dataDir: string; close: () => Promise<void> }

export async function openWorkspace(opts: { width?: number; height?: number; employees?: number; dataDir?: string } = {}): Promise<Opened> {
  if (!existsSync(CHROMIUM)) throw new Error("Browser tests need Debian's chromium at /usr/bin/chromium: sudo apt-get install chromium (.ci/run does it)");
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'kompetent-e2e-'));
  const server = await startServer({ port: 0, dataDir, root: buildAssets(), employees: opts.employees ?? 160, startAt: START_AT });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
  const page = await browser.newPage({ viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo', acceptDownloads: true });
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  return {
    page, browser, server, dataDir,
    close: async () => {
      await browser.close();
      await server.close();
      if (errors.length) throw new Error(`Errors in the page: ${errors.join('; ')}`);
    },
  };
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(100);
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Who am I → pick a person from the demo personas (or search the records when they are not one). */
export async function actAs(page: Page, email: string): Promise<void> {
  await page.click('#who-button');
  const row = page.locator(`#who-menu [data-person="${email}"]`);
  if (await row.count() === 0) await page.fill('#who-search', email.split('@')[0]!.replace(/\./g, ' '));
  await row.first().click();
  await page.waitForFunction((e) => document.querySelector('#who-button')?.getAttribute('aria-label')?.includes(e), email);
  await settled(page);
}

/** Waits until the workspace has finished redrawing after a navigation. */
export async function settled(page: Page): Promise<void> {
  await page.waitForSelector('body[data-ready="true"]:not([data-busy])', { state: 'attached' });
}

/** Opens a space in the Chat rail (`dm` for the DM with the app). */
export async function openSpace(page: Page, space: string): Promise<void> {
  await page.click(space === 'dm' ? '[data-space^="spaces/dm-"]' : `[data-space="${space}"]`);
  await settled(page);
}

export async function openTab(page: Page, tab: 'chat' | 'gmail' | 'docs' | 'sheets'): Promise<void> {
  await page.click(`[data-tab="${tab}"]`);
  await page.waitForSelector(`[data-tab="${tab}"][aria-selected="true"]`);
  await settled(page);
}

/** Types into the Chat composer and waits for the app's answer to appear. */
export async function say(page: Page, text: string): Promise<void> {
  const before = await page.locator('.ws-msg.bot').count();
  const answered = page.waitForResponse((r) => r.url().includes('/api/chat/') && r.request().method() === 'POST');
  await page.fill('#compose', text);
  await page.press('#compose', 'Enter');
  const res = await answered;
  if (!res.ok()) throw new Error(`The workspace answered ${res.status()}: ${await res.text()}`);
  await page.waitForFunction((n) => document.querySelectorAll('.ws-msg.bot').length > n, before);
}

/** Clicks a card button and waits until the app has answered and the workspace has redrawn. */
export async function clickCard(page: Page, target: ReturnType<Page['locator']>): Promise<void> {
  const answered = page.waitForResponse((r) => /\/api\/(chat\/event|addon\/)/.test(r.url()) && r.request().method() === 'POST');
  await target.click();
  const res = await answered;
  if (!res.ok()) throw new Error(`The workspace answered ${res.status()}: ${await res.text()}`);
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  await page.waitForTimeout(150);
}
