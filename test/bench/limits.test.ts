// The go-live reminder backlog in the bench: days until everyone on the first due-list was told, also by mail alone.
import { benchBacklog, formatBacklog } from '../../src/bench/limits';
import { seedMunicipality } from '../../src/bench/seed';
import { allHandlers } from '../../src/app/pipeline/router';

const TODAY = '2026-11-23';
const seed = () => seedMunicipality(250, TODAY).wb;

it('counts the days a mail-only backlog takes, everyone on the go-live due-list told once', () => {
  // 160 mails a day (60 after the job's reserve of 100) make this small backlog last days, as 1,500 do at 50,000.
  const b = benchBacklog(seed, allHandlers(), TODAY, 0, 30, 160);
  expect(b.sentByDay.length).toBeGreaterThan(1);
  expect(b.days).toBe(b.sentByDay.length);
  // Each day new people are told (no one mailed twice while others wait), nearly all on the list (some are not to be told).
  expect(b.toldByDay.every((n, i) => i === 0 || n > b.toldByDay[i - 1]!)).toBe(true);
  expect(b.toldByDay.at(-1)).toBeGreaterThan(b.day1.listed * 0.9);
  expect(b.sentByDay.slice(0, -1).every((n) => n === 60)).toBe(true);
  expect(formatBacklog(b, 0, b.day1.listed).join('\n')).toMatch(new RegExp(`cleared in ${b.days} day\\(s\\)`));
});

it('says so plainly when the backlog is not cleared within the days it was given', () => {
  const b = benchBacklog(seed, allHandlers(), TODAY, 0, 1, 160);
  expect(b.days).toBe(Number.POSITIVE_INFINITY);
  const text = formatBacklog(b, 0, b.day1.listed).join('\n');
  expect(text).toContain('not cleared within 1 day(s)');
  expect(text).not.toContain('Infinity');
});
