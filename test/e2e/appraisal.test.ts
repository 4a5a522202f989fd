// The appraisal cycle offline, as a leader and an employee do it in Docs: file access granted in Docs' dialog, a new
// conversation (the form keeps the choices after an error), the document read and typed into (agreed actions in its
// table), the actions recorded into the plan and seen in the employee's status, held, signed, archived as a real PDF.
import { DEMO_PERSONAS } from '../../src/demo';
import { actAs, clickCard, openSpace, openTab, openWorkspace, say, settled, shot, type Opened } from './browser';

jest.setTimeout(180_000);

let ws: Opened;
beforeAll(async () => { ws = await openWorkspace(); }, 90_000);
afterAll(async () => { await ws?.close(); });

const panel = () => ws.page.locator('.ws-panel[data-host="docs"]');
const button = (text: string) => panel().locator('.kc-card [data-action]', { hasText: text }).first();

async function grantAccess(): Promise<void> {
  const { page } = ws;
  await panel().locator('.kc-card').first().waitFor();
  await clickCard(page, button('Gi tilgang til dokumentet'));
  await page.waitForSelector('.ws-consent');
  await page.click('[data-consent="yes"]');
  await page.waitForSelector('.ws-consent', { state: 'detached' });
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  await page.waitForTimeout(200);
}

/** Types into a paragraph or a cell of the open document and leaves it (Docs saves as you go). */
async function type(selector: string, text: string): Promise<void> {
  const { page } = ws;
  const saved = page.waitForResponse((r) => r.url().includes('/edit') && r.request().method() === 'POST');
  await page.click(selector);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.locator(selector).evaluate((el) => (el as HTMLElement).blur());
  const res = await saved;
  if (!res.ok()) throw new Error(`Saving the edit failed: ${res.status()} ${await res.text()}`);
}

test('a leader creates, fills in and records a conversation; the employee signs; it is archived as a PDF', async () => {
  const { page } = ws;
  await actAs(page, DEMO_PERSONAS.leader);
  await openTab(page, 'docs');
  // Docs has no file access for the add-on until the person gives it: the panel says so and has the button for it.
  await expect(panel().textContent()).resolves.toContain('gi Kompetent tilgang til dokumentet');
  await shot(page, 'appraisal-01-file-access');
  await grantAccess();
  await expect(panel().textContent()).resolves.toContain('ikke en samtale i Kompetent');

  // New conversation: a kind that does not fit the person is refused, and the form keeps what the leader chose.
  await clickCard(page, button('Ny samtale'));
  const form = panel().locator('.kc-card').last();
  await form.locator('select[name=email]').selectOption(DEMO_PERSONAS.staff);
  await form.locator('select[name=kind]').selectOption('probation');
  await form.locator('input[name=date]').fill('2026-11-26');
  await clickCard(page, button('Lag dokument'));
  await expect(page.locator('#toast').textContent()).resolves.toMatch(/prøvetid/);
  await expect(form.locator('select[name=email]').inputValue()).resolves.toBe(DEMO_PERSONAS.staff);
  await expect(form.locator('select[name=kind]').inputValue()).resolves.toBe('probation');
  await expect(form.locator('input[name=date]').inputValue()).resolves.toBe('2026-11-26');
  await shot(page, 'appraisal-02-form-keeps-choices');
  await form.locator('select[name=kind]').selectOption('life-phase');
  await clickCard(page, button('Lag dokument'));
  await expect(panel().textContent()).resolves.toContain('Sunniva Nygård');
  await expect(page.locator('#toast').textContent()).resolves.toContain('er klart');

  // "Open the document" opens it here, in the Docs tab; the panel needs access to this document too.
  await button('Åpne dokumentet').click();
  await page.waitForSelector('.ws-doc-page[data-doc-role="writer"]');
  await settled(page);
  const doc = page.locator('.ws-doc-page');
  await expect(doc.textContent()).resolves.toContain('Medarbeider: Sunniva Nygård');
  await expect(doc.textContent()).resolves.not.toMatch(/\{\{/);
  await grantAccess();
  await expect(panel().textContent()).resolves.toContain('Registrer avtalte tiltak');

  // Writing in the document: a paragraph, and two agreed actions in the table (one row added).
  const para = doc.locator('h2', { hasText: 'Tilrettelegging og ønsker' }).locator('xpath=following-sibling::p[1]');
  const block = await para.getAttribute('data-doc-block');
  await type(`.ws-doc-page p[data-doc-block="${block}"]`, 'Trives godt på avdelingen, ønsker mer ansvar for legemidler.');
  const table = doc.locator('table[data-doc-table]').last();
  const tb = await table.getAttribute('data-doc-table');
  const cell = (r: number, c: number) => `.ws-doc-page td[data-doc-block="${tb}"][data-doc-row="${r}"][data-doc-col="${c}"]`;
  await type(cell(1, 0), 'Ta oppfriskning');
  await type(cell(1, 1), 'D-HLR');
  await type(cell(1, 2), '01.03.2027');
  await page.click(`[data-doc-add-row="${tb}"]`);
  await page.waitForSelector(cell(2, 1));
  await type(cell(2, 1), 'Bli tryggere på digitale møter');
  await type(cell(2, 2), '15.02.2027');
  await shot(page, 'appraisal-03-document-edited');

  await clickCard(page, button('Registrer avtalte tiltak'));
  await expect(page.locator('#toast').textContent()).resolves.toContain('2 avtalte tiltak er registrert');
  await expect(panel().textContent()).resolves.toContain('Bli tryggere på digitale møter');
  await clickCard(page, button('Merk som holdt'));
  await expect(page.locator('#toast').textContent()).resolves.toContain('merket som holdt');
  await shot(page, 'appraisal-04-recorded-and-held');

  // The employee: the plan items are in her status, and she reads, writes in and signs the document.
  await actAs(page, DEMO_PERSONAS.staff);
  await openTab(page, 'chat');
  await openSpace(page, 'dm');
  await say(page, '/status');
  await expect(page.locator('.ws-msg.bot .kc-card').last().textContent()).resolves.toContain('Bli tryggere på digitale møter');
  await openTab(page, 'docs');
  await page.click('.ws-doc-row:has-text("Livsfasesamtale – Sunniva Nygård")');
  await settled(page);
  await page.waitForSelector('.ws-doc-page[data-doc-role="writer"]');
  await type('.ws-doc-page p[data-doc-block]:last-of-type', 'Jeg er enig i referatet. – Sunniva');
  await grantAccess();
  await clickCard(page, button('Signer'));
  await expect(page.locator('#toast').textContent()).resolves.toContain('signert');
  await shot(page, 'appraisal-05-employee-signed');

  // The leader archives it: a PDF in the archive folder of the local Drive, which HR can open.
  await actAs(page, DEMO_PERSONAS.leader);
  await openTab(page, 'docs');
  await page.click('.ws-doc-row:has-text("Livsfasesamtale – Sunniva Nygård")');
  await settled(page);
  await panel().locator('.kc-card [data-action]', { hasText: 'Arkiver som PDF' }).waitFor();
  await clickCard(page, button('Arkiver som PDF'));
  await expect(page.locator('#toast').textContent()).resolves.toContain('arkivert som PDF');
  await shot(page, 'appraisal-06-archived');

  await actAs(page, DEMO_PERSONAS.admin);
  await openTab(page, 'docs');
  const pdfLink = page.locator('.ws-file-row', { hasText: 'Sunniva Nygård' }).first();
  await expect(pdfLink.textContent()).resolves.toMatch(/\.pdf$/);
  const res = await page.request.get(new URL((await pdfLink.getAttribute('href'))!, ws.server.url).toString());
  expect(res.headers()['content-type']).toBe('application/pdf');
  const bytes = (await res.body()).toString('latin1');
  expect(bytes.startsWith('%PDF-1.4')).toBe(true);
  expect(bytes.trimEnd().endsWith('%%EOF')).toBe(true);
  expect(bytes).toContain('Trives godt p\xe5 avdelingen');
  expect(bytes).toContain('D-HLR');
  expect(bytes).toContain('Bli tryggere p\xe5');
  // Chromium's own PDF viewer opens it.
  const viewer = await ws.browser.newPage();
  await viewer.goto(new URL((await pdfLink.getAttribute('href'))!, ws.server.url).toString()).catch(() => undefined);
  await viewer.waitForTimeout(1500);
  await viewer.screenshot({ path: `${__dirname}/../../test-artifacts/screenshots/appraisal-07-pdf.png` });
  await viewer.close();
});
