// The admin sidebar as HtmlService serves it (build/sidebar.html's recipe), in Chromium at the Sheets sidebar's 300 px,
// with google.script.run answered by the real pipeline on a warm demo municipality, as the admin persona.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { guarded } from '../../src/app/pipeline/handle';
import { allHandlers } from '../../src/app/pipeline/router';
import { sidebarEvent } from '../../src/contract/sidebar';
import { DEMO_PERSONAS } from '../../src/demo';
import { localPorts, MovableClock } from '../../src/adapters/memory/memory-services';
import { ReadModel } from '../../src/store/read-model';
import { rebuildReadModel } from '../../src/store/rebuild';
import { fixtureWorkbook } from '../support/fixture';
import { CHROMIUM, LAUNCH_ARGS, ROOT, SHOTS } from './browser';

/** build/sidebar.html the way scripts/build.mjs makes it (template + inlined CSS and script). */
function sidebarHtml(): string {
  const js = esbuild.buildSync({ entryPoints: [join(ROOT, 'src/sidebar/main.ts')], bundle: true, format: 'iife', target: 'es2019', minify: true, write: false, platform: 'browser' });
  return readFileSync(join(ROOT, 'src/sidebar/sidebar.html'), 'utf8')
    .replace('/*STYLES*/', () => readFileSync(join(ROOT, 'src/sidebar/sidebar.css'), 'utf8'))
    .replace('/*SCRIPT*/', () => js.outputFiles[0]!.text.replace(/<\/script/gi, '<\\/script'));
}

/** What Apps Script's HtmlService provides as google.script.run, answered through an exposed function. */
const SHIM = `window.google = { script: { get run() {
  let ok = () => {}, fail = () => {};
  const run = { withSuccessHandler(f) { ok = f; return run; }, withFailureHandler(f) { fail = f; return run; },
    sidebarCall(name, json) { window.kompetentSidebarCall(name, json).then(ok, fail); } };
  return run;
} } };`;

export interface OpenSidebar { browser: Browser; page: Page }

/** Opens the sidebar on these records (warmed at `now`), the admin persona asking. */
export async function openSidebar(data: Parameters<typeof fixtureWorkbook>[0], now: string, onPageError?: (message: string) => void): Promise<OpenSidebar> {
  if (!existsSync(CHROMIUM)) throw new Error('Browser tests need Debian\'s chromium at /usr/bin/chromium');
  mkdirSync(SHOTS, { recursive: true });
  const wb = fixtureWorkbook(data);
  const clock = new MovableClock('Europe/Oslo', () => Date.parse(now));
  // The page's clock stays put (a browser test is about the page); the limits are still enforced on modeled time.
  const ports = localPorts(wb, { clock, modelTime: false });
  rebuildReadModel(wb, new ReadModel(ports.cache, () => 'g0', ports.codec), { now, today: clock.today(), generation: 'g0' });
  const handlers = allHandlers();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
  const page = await browser.newPage({ viewport: { width: 300, height: 900 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo', acceptDownloads: true });
  page.setDefaultTimeout(10_000);
  if (onPageError) page.on('pageerror', (e) => onPageError(e.message));
  await page.exposeFunction('kompetentSidebarCall', (name: string, json: string) =>
    JSON.stringify(guarded(ports, handlers, sidebarEvent(name, json), { host: 'sidebar', action: name, userEmail: DEMO_PERSONAS.admin }).reply));
  // Before the sidebar's own script, as HtmlService provides google.script.run.
  await page.setContent(sidebarHtml().replace('<head>', () => `<head><script>${SHIM}</script>`));
  return { browser, page };
}
