// Google's documented limits and the planning cost model the bench and the budget tests count with.
import { GoogleLimitExceeded, INTERACTION_MS, MAIL_RECIPIENTS_PER_DAY, modeledCallMs, modeledMs, SCRIPT_RUNTIME_MS, SHEETS_READS_PER_MINUTE_PER_USER } from '../../src/core/google-limits';

it('keeps the documented figures (Apps Script quotas, Sheets API limits, Chat interaction deadline)', () => {
  expect([SCRIPT_RUNTIME_MS, INTERACTION_MS, MAIL_RECIPIENTS_PER_DAY, SHEETS_READS_PER_MINUTE_PER_USER]).toEqual([360_000, 30_000, 1500, 60]);
});

it('plans each kind of remote call at its published cost', () => {
  expect(modeledCallMs('cache.getAll')).toBe(14);
  expect(modeledCallMs('cache.putAll')).toBe(75);
  expect(modeledCallMs('cache.removeAll')).toBe(75);
  expect(modeledCallMs('lock')).toBe(20);
  expect(modeledCallMs('lock.tryLock')).toBe(20);
  expect(modeledCallMs('properties.get')).toBe(30);
  expect(modeledCallMs('mail.send')).toBe(250);
  expect(modeledCallMs('workbook.read')).toBe(175);
  expect(modeledCallMs('workbook.write')).toBe(500);
  expect(modeledCallMs('workbook.ensureTable')).toBe(500);
  expect(modeledCallMs('archive.delete')).toBe(500);
  expect(modeledCallMs('archive.list')).toBe(175);
  expect(modeledCallMs('chat.post')).toBe(150);
  expect(modeledCallMs('lockdown')).toBe(150);
});

it('adds calls by kind and cells moved', () => {
  expect(modeledMs({}, 0)).toBe(0);
  expect(modeledMs({ 'cache.getAll': 2, 'workbook.read': 1 }, 4000, 2000)).toBe(2 * 14 + 175 + 4 * 27.5 + 2 * 10);
});

it('names the error Google stops an execution with', () => {
  const e = new GoogleLimitExceeded('Exceeded maximum execution time');
  expect(e).toBeInstanceOf(Error);
  expect([e.name, e.message]).toEqual(['GoogleLimitExceeded', 'Exceeded maximum execution time']);
});
