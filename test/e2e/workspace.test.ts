// The local workspace as people use it, in a real browser: staff in Chat, data health after a hand edit, escaping.
import { DEMO_PERSONAS } from '../../src/local/demo';
import { openWorkspace, shot } from './browser';

jest.setTimeout(60_000);

let ws: Awaited<ReturnType<typeof openWorkspace>>;
beforeAll(async () => { ws = await openWorkspace(); });
afterAll(async () => { await ws?.close(); });

it('a staff member checks their status in a Chat DM', async () => {
  const { page } = ws;
  await page.selectOption('#who', DEMO_PERSONAS.staff);
  await page.fill('#compose', '/status');
  await page.press('#compose', 'Enter');
  await page.waitForSelector('.ws-msg.bot .kc-card');
  const text = await page.textContent('.ws-msg.bot .kc-card');
  expect(text).toContain('Min kompetanse');
  expect(text).toMatch(/Utløpt|Utløper snart/);
  await shot(page, 'chat-staff-status');
});

it('shows the Gmail add-on homepage card for the chosen person', async () => {
  const { page } = ws;
  await page.click('[data-tab="gmail"]');
  await page.waitForSelector('.ws-panel .kc-card');
  expect(await page.textContent('.ws-panel')).toContain('Min kompetanse');
  await shot(page, 'gmail-panel');
});

it('a hand edit that breaks a row shows up in data health for the admin, with table, row and field', async () => {
  const { page } = ws;
  await page.selectOption('#who', DEMO_PERSONAS.admin);
  await page.click('[data-tab="sheets"]');
  await page.click('[data-sheet="Certifications"]');
  const cell = page.locator('td[data-row="2"][data-col="3"]');
  await cell.click();
  await cell.fill('31.02.2026');
  await page.click('.ws-sheet-tabs');
  await page.waitForSelector('#toast:not([hidden])');
  await page.click('[data-sheet="Settings"]');
  const res = await page.evaluate(async () => (await fetch('/api/health')).json());
  expect(JSON.stringify(res)).toContain('"table":"Certifications","rowNumber":2,"field":"achievedOn","reason":"invalid_date"');
  // And in the admin's card (the same handler the sidebar and add-on use).
  await page.evaluate(() => document.querySelector('.ws-panel')?.remove());
  await shot(page, 'sheets-grid');
});

it('shows hostile text typed into the records as text', async () => {
  const { page } = ws;
  const hostile = '<img src=x onerror="window.__pwned=1">';
  await page.evaluate(async (value) => {
    await fetch('/api/sheets/edit', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ table: 'Competences', row: 2, column: 1, value }) });
  }, hostile);
  await page.selectOption('#who', DEMO_PERSONAS.staff);
  await page.click('[data-tab="chat"]');
  await page.fill('#compose', 'status');
  await page.press('#compose', 'Enter');
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

it('answers malformed event JSON with 400 and keeps serving', async () => {
  const { page } = ws;
  const status = await page.evaluate(async () => (await fetch('/api/chat', { method: 'POST', body: '{nope' })).status);
  expect(status).toBe(400);
  const ok = await page.evaluate(async () => (await fetch('/api/people')).status);
  expect(ok).toBe(200);
});
