// The admin console's Courses tab as HtmlService serves it, in Chromium at the Sheets sidebar's 300 px, with
// google.script.run answered by the real pipeline on a demo municipality: the course list and search, a new course (a bad
// id is refused with what to fix and the form keeps what was typed), a new date, cancelling it after a yes, participants
// of a date that has begun (attendance) and of one to come (no marking), and the participant list as CSV.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Course, Enrollment, Session } from '../../src/core/records/tables';
import { generateDemo } from '../../src/demo';
import { SHOTS } from './browser';
import { openSidebar } from './sidebar-page';

const TODAY = '2026-11-22';
const NOW = `${TODAY}T09:00:00Z`;

const data = generateDemo({ employees: 300, today: TODAY });

/**
 * A demo date with people on it and its course: the latest one that has begun (its people already marked) or the first
 * one to come that has a waiting list.
 */
function demoSession(begun: boolean): { session: Session; course: Course; seated: number; waiting: number } {
  const sessions = (data as unknown as { Sessions: Session[] }).Sessions;
  const enrollments = (data as unknown as { Enrollments: Enrollment[] }).Enrollments;
  const courses = (data as unknown as { Courses: Course[] }).Courses;
  const count = (s: Session, statuses: string[]) => enrollments.filter((e) => e.sessionId === s.sessionId && statuses.includes(e.status)).length;
  const seated = (s: Session) => count(s, ['enrolled', 'attended', 'no-show']);
  const candidates = sessions.filter((s) => s.status !== 'cancelled' && (Date.parse(s.startsAt) <= Date.parse(NOW)) === begun
    && seated(s) >= 3 && (begun || count(s, ['waitlisted']) > 0) && courses.some((c) => c.courseId === s.courseId && c.active));
  const found = begun ? candidates[candidates.length - 1] : candidates[0];
  if (!found) throw new Error(`The demo has no ${begun ? 'begun' : 'coming'} session with people signed up`);
  return { session: found, course: courses.find((c) => c.courseId === found.courseId)!, seated: seated(found), waiting: count(found, ['waitlisted']) };
}

let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  ({ browser, page } = await openSidebar(data, NOW, (message) => errors.push(message)));
  await page.waitForSelector('.chart .bar-row');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  expect(errors).toEqual([]);
});

const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `admin-courses-${name}.png`), fullPage: true });
/** Waits for the status line to show a message (and no call to be running). */
async function status(error = false): Promise<string> {
  await page.waitForSelector(`.app[aria-busy="false"] .status${error ? '.error' : ':not(.error)'}:not(:empty)`);
  return (await page.textContent('.status')) ?? '';
}
async function openCourse(title: string): Promise<void> {
  if (await page.locator('.crumbs button:has-text("Alle kurs")').count()) await page.click('.crumbs button:has-text("Alle kurs")');
  await page.fill('input[name=courseSearch]', title);
  await page.locator('.course-list li button.link', { hasText: title }).first().click();
  await page.waitForSelector(`.course h2:has-text("${title}")`);
}

test('the Courses tab lists the courses, active first, and searches them at 300 px', async () => {
  await page.click('.tab:has-text("Kurs")');
  await page.waitForSelector('.course-list li');
  expect(await page.getAttribute('.tab.active', 'aria-current')).toBe('page');
  expect(await page.textContent('.tab.active')).toBe('Kurs');
  const all = await page.locator('.course-list li').count();
  expect(all).toBeGreaterThan(1);
  // Inactive courses (if any) come after every active one.
  const classes = await page.locator('.course-list li').evaluateAll((els) => els.map((e) => e.className));
  const firstInactive = classes.findIndex((c) => c.includes('inactive'));
  if (firstInactive >= 0) expect(classes.slice(firstInactive).every((c) => c.includes('inactive'))).toBe(true);
  expect(await noSideways()).toBe(true);
  await shot('list');
  // Typing keeps the caret in the box while the list narrows.
  const { course } = demoSession(true);
  await page.click('input[name=courseSearch]');
  await page.keyboard.type(course.title.slice(0, 6));
  expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('courseSearch');
  expect(await page.inputValue('input[name=courseSearch]')).toBe(course.title.slice(0, 6));
  const narrowed = await page.locator('.course-list li').count();
  expect(narrowed).toBeGreaterThan(0);
  expect(narrowed).toBeLessThan(all);
  await page.fill('input[name=courseSearch]', 'finnes-ikke-xyz');
  await page.waitForSelector('text=Ingen kurs passer søket.');
  await page.fill('input[name=courseSearch]', '');
}, 30_000);

test('a new course: a bad id is refused with what to fix, keeping what was typed; then it is saved', async () => {
  await page.click('button:has-text("Nytt kurs")');
  await page.waitForSelector('form[data-form=course]');
  await page.fill('input[name=courseId]', 'brann kurs');
  await page.fill('input[name=title]', 'Brannvern for nattevakter');
  await page.selectOption('select[name=format]', 'e-learning');
  await page.fill('input[name=hours]', '3');
  await page.fill('textarea[name=description]', 'Slokking, rømning og varsling.');
  await page.locator('input[name=competenceIds]').first().check();
  await page.locator('input[name=targetRoleIds]').first().check();
  await page.click('form[data-form=course] button[type=submit]');
  expect(await status(true)).toContain('«brann kurs»');
  expect(await page.inputValue('input[name=title]')).toBe('Brannvern for nattevakter');
  expect(await page.inputValue('select[name=format]')).toBe('e-learning');
  expect(await page.inputValue('textarea[name=description]')).toBe('Slokking, rømning og varsling.');
  expect(await page.locator('input[name=competenceIds]').first().isChecked()).toBe(true);
  expect(await page.locator('input[name=targetRoleIds]').first().isChecked()).toBe(true);
  expect(await noSideways()).toBe(true);
  await shot('course-form-error');
  await page.fill('input[name=courseId]', 'brannvern-natt');
  await page.click('form[data-form=course] button[type=submit]');
  expect(await status()).toContain('er lagret');
  await page.waitForSelector('.course h2:has-text("Brannvern for nattevakter")');
  expect(await page.textContent('.course')).toContain('Ingen kursdatoer ennå.');
  expect(await page.textContent('.course')).toContain('Gir:');
}, 30_000);

test('a new date for the course (times checked by the server), then cancelled after a yes', async () => {
  await page.click('button:has-text("Ny kursdato")');
  await page.waitForSelector('form[data-form=session]');
  await page.fill('input[name=startsAt]', '2027-01-15T09:00');
  await page.fill('input[name=endsAt]', '2027-01-15T08:00');
  await page.fill('input[name=location]', 'Brannstasjonen, sal 2');
  await page.fill('input[name=capacity]', '12');
  await page.fill('input[name=signupDeadline]', '2027-01-08');
  await page.click('form[data-form=session] button[type=submit]');
  expect(await status(true)).toContain('slutt må være etter start');
  expect(await page.inputValue('input[name=location]')).toBe('Brannstasjonen, sal 2');
  expect(await noSideways()).toBe(true);
  await shot('session-form');
  await page.fill('input[name=endsAt]', '2027-01-15T15:30');
  await page.click('form[data-form=session] button[type=submit]');
  expect(await status()).toContain('Kursdatoen er lagret');
  const item = page.locator('li.session').first();
  await item.waitFor();
  expect(await item.textContent()).toContain('15. januar 2027 kl. 09:00–15:30');
  expect(await item.textContent()).toContain('Plasser: 0/12');
  expect(await item.textContent()).toContain('Påmeldingsfrist 8. januar 2027');
  expect(await noSideways()).toBe(true);
  await shot('course-dates');

  // Editing keeps the municipality's wall-clock time in the form.
  await item.locator('button:has-text("Endre")').click();
  expect(await page.inputValue('input[name=startsAt]')).toBe('2027-01-15T09:00');
  await page.fill('input[name=capacity]', '14');
  await page.click('form[data-form=session] button[type=submit]');
  expect(await status()).toContain('Kursdatoen er lagret');
  await page.waitForSelector('li.session:has-text("Plasser: 0/14")');

  // Cancelling asks first; "no" leaves it be, "yes" cancels with the reason.
  await page.locator('li.session button:has-text("Avlys")').click();
  await page.waitForSelector('li.session .confirm');
  expect(await page.textContent('li.session .confirm')).toContain('Ingen er påmeldt');
  await page.click('li.session button:has-text("Nei, behold")');
  expect(await page.locator('li.session .confirm').count()).toBe(0);
  await page.locator('li.session button:has-text("Avlys")').click();
  await page.fill('li.session input[name=reason]', 'For få påmeldte');
  expect(await noSideways()).toBe(true);
  await shot('cancel-confirm');
  await page.click('li.session button:has-text("Ja, avlys")');
  expect(await status()).toContain('avlyst');
  await page.waitForSelector('li.session .tag-cancelled');
  expect(await page.locator('li.session button:has-text("Avlys")').count()).toBe(0);
}, 30_000);

test('participants of a date that has begun: attendance is marked and the list downloads as CSV', async () => {
  const { session, course, seated } = demoSession(true);
  await openCourse(course.title);
  // The course owner by name (the address only as the tooltip).
  const owner = (data as unknown as { Employees: { email: string; name: string }[] }).Employees.find((e) => e.email === course.ownerEmail)!;
  const ownerLine = page.locator('.course p.muted', { hasText: 'Kursansvarlig' });
  expect(await ownerLine.textContent()).toBe(`Kursansvarlig: ${owner.name}`);
  expect(await ownerLine.getAttribute('title')).toBe(course.ownerEmail);
  await shot('course-owner');
  await page.locator(`li[data-session="${session.sessionId}"] button:has-text("Deltakere")`).click();
  await page.waitForSelector('.participants h2');
  expect(await page.textContent('.participants h2')).toBe(course.title);
  const boxes = page.locator('.attendance input[name=attended]');
  expect(await boxes.count()).toBe(seated);
  expect(await noSideways()).toBe(true);
  await shot('participants-begun');
  // Everyone attended but the first.
  for (let i = 0; i < seated; i++) await boxes.nth(i).setChecked(i !== 0);
  await page.click('.attendance button[type=submit]');
  expect(await status()).toContain('Oppmøte lagret');
  await page.waitForFunction((n) => document.querySelectorAll('.attendance .tag-attended').length === n, seated - 1);
  expect(await page.locator('.attendance .tag-no-show').count()).toBe(1);
  expect(await page.locator('.attendance input[name=attended]').first().isChecked()).toBe(false);
  await shot('participants-marked');

  const download = page.waitForEvent('download');
  await page.click('button:has-text("Last ned deltakerliste")');
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^deltakere-.*\.csv$/);
  const csv = readFileSync((await file.path())!, 'utf8');
  expect(csv).toMatch(/^\ufeffNavn;E-post;Enhetsnr;Enhet;Status;Påmeldt \(norsk tid\);Plass på venteliste\r\n/);
  expect(csv.split('\r\n').length).toBeGreaterThanOrEqual(seated + 1);
  expect(await status()).toContain('er lastet ned');
}, 30_000);

test('participants of a date to come: no attendance marking yet', async () => {
  const { session, course, seated, waiting } = demoSession(false);
  await page.click('.crumbs button');
  await openCourse(course.title);
  // Cancelling a date with people on it says how many will be mailed; "no" keeps it.
  await page.locator(`li[data-session="${session.sessionId}"] button:has-text("Avlys")`).click();
  expect(await page.textContent(`li[data-session="${session.sessionId}"] .confirm`)).toContain(`Alle ${seated} påmeldte og ${waiting} på ventelisten blir meldt av og får e-post.`);
  await page.locator(`li[data-session="${session.sessionId}"] button:has-text("Nei, behold")`).click();
  await page.locator(`li[data-session="${session.sessionId}"] button:has-text("Deltakere")`).click();
  await page.waitForSelector('.participants h2');
  expect(await page.locator('.attendance').count()).toBe(0);
  expect(await page.textContent('.participants')).toContain('Oppmøte kan registreres når kurset har startet.');
  expect(await page.locator('.participants .tag-enrolled').count()).toBe(seated);
  expect(await page.locator('.participants .tag-waitlisted').count()).toBe(waiting);
  expect(await page.textContent('.participants .tag-waitlisted >> nth=0')).toBe('Venteliste nr. 1');
  expect(await noSideways()).toBe(true);
  await shot('participants-coming');
}, 30_000);
