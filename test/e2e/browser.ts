// Starts the local workspace on a fresh data folder and Debian's Chromium through playwright-core (no browser download).
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer } from '../../src/local/server';

export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

export async function openWorkspace(width = 1400, height = 900): Promise<{ page: Page; browser: Browser; url: string; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM)) throw new Error('Browser tests need Debian\'s chromium at /usr/bin/chromium: sudo apt-get install chromium');
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'kompetent-e2e-'));
  const { server, url } = await startServer({ port: 0, dataDir, root: join(__dirname, '..', '..'), employees: 120 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(url);
  await page.waitForSelector('#who option', { state: 'attached' });
  return { page, browser, url, close: async () => { await browser.close(); await new Promise((ok) => server.close(ok)); } };
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}
