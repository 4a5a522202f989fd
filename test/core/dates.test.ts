// Calendar arithmetic on ISO dates (never shifted by time zones or DST) and wall-clock times in the municipality's zone.
import { addDays, addMonths, daysBetween, isoDateIn, wallTimeIn, wallTimeToUtc, weekday } from '../../src/core/dates';

const OSLO = 'Europe/Oslo';

it('adds days across month, year and DST boundaries, and ignores a time part', () => {
  expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  expect(addDays('2026-03-28', 2)).toBe('2026-03-30'); // the night clocks go forward in Oslo
  expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  expect(addDays('2026-12-03T23:30:00Z', 0)).toBe('2026-12-03');
});

it('adds months clamped to the month\'s last day, forwards and backwards', () => {
  expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
  expect(addMonths('2026-05-15', 24)).toBe('2028-05-15');
  expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
});

it('counts whole days between dates, negative when the second is earlier', () => {
  expect(daysBetween('2026-12-03', '2027-03-03')).toBe(90);
  expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2); // over the autumn DST change
  expect(daysBetween('2026-12-03', '2026-12-01')).toBe(-2);
});

it('gives ISO weekdays, Monday 1 to Sunday 7', () => {
  expect(weekday('2026-11-23')).toBe(1);
  expect(weekday('2026-11-29')).toBe(7);
});

it('gives the date and wall time of an instant in a zone (Oslo after 23:00 UTC is already tomorrow)', () => {
  expect(isoDateIn(new Date('2026-12-31T23:30:00Z'), OSLO)).toBe('2027-01-01');
  expect(isoDateIn(new Date('2026-12-31T23:30:00Z'), 'UTC')).toBe('2026-12-31');
  expect(wallTimeIn(new Date('2026-06-15T22:05:00Z'), OSLO)).toBe('2026-06-16T00:05');
  expect(wallTimeIn(new Date('2026-01-15T07:00:00Z'), OSLO)).toBe('2026-01-15T08:00');
});

describe('wallTimeToUtc', () => {
  it('turns an Oslo wall time into UTC in winter and summer, and back again', () => {
    expect(wallTimeToUtc('2026-01-15T08:00', OSLO)).toBe('2026-01-15T07:00:00Z');
    expect(wallTimeToUtc('2026-06-15T08:00', OSLO)).toBe('2026-06-15T06:00:00Z');
    expect(wallTimeToUtc(' 2026-06-15T08:00 ', OSLO)).toBe('2026-06-15T06:00:00Z');
    for (const local of ['2026-03-29T01:59', '2026-03-29T03:00', '2026-10-25T12:00', '2026-12-31T23:59']) {
      expect(wallTimeIn(new Date(wallTimeToUtc(local, OSLO)!), OSLO)).toBe(local);
    }
  });

  it('resolves a time skipped in spring to the hour after', () => {
    // 29 March 2026 02:30 does not exist in Oslo (02:00 → 03:00).
    expect(wallTimeIn(new Date(wallTimeToUtc('2026-03-29T02:30', OSLO)!), OSLO)).toBe('2026-03-29T03:30');
  });

  it('is undefined for what is no wall time or no calendar day', () => {
    for (const bad of ['2026-02-30T08:00', '2026-13-01T08:00', '2026-01-01T24:00', '2026-01-01T08:60', '2026-01-01 08:00', '2026-01-01T08:00:00', '']) {
      expect([bad, wallTimeToUtc(bad, OSLO)]).toEqual([bad, undefined]);
    }
  });
});
