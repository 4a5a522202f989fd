// Working time between two instants in the municipality's calendar (weekends, DST, holidays) and the calendar from Settings.
import { calendarFrom, DEFAULT_CALENDAR, isWorkingTime, workingMinutesBetween, zoneOffsetMs } from '../../src/core/working-hours';

describe('working hours', () => {
  const cal = DEFAULT_CALENDAR;
  it('counts Mon–Fri 08–16 Oslo time, in winter and in summer', () => {
    expect(workingMinutesBetween('2026-11-23T06:00:00Z', '2026-11-23T17:00:00Z', cal)).toBe(8 * 60); // Monday, UTC+1
    expect(workingMinutesBetween('2026-06-15T05:00:00Z', '2026-06-15T07:00:00Z', cal)).toBe(60); // Monday, UTC+2: 07–09 local
    expect(zoneOffsetMs(Date.parse('2026-06-15T12:00:00Z'), 'Europe/Oslo')).toBe(2 * 3_600_000);
  });

  it('skips weekends and holidays', () => {
    // Friday 15:00 to Monday 09:00 local: one hour on Friday, one on Monday.
    expect(workingMinutesBetween('2026-11-20T14:00:00Z', '2026-11-23T08:00:00Z', cal)).toBe(120);
    const withHoliday = calendarFrom({ holidays: '2026-12-24, 2026-12-25' });
    expect(workingMinutesBetween('2026-12-23T14:00:00Z', '2026-12-28T08:00:00Z', withHoliday)).toBe(120);
  });

  it('reads working hours and days from Settings, falling back to the default on nonsense', () => {
    const c = calendarFrom({ workingHours: '07:30-15:00', workingDays: '1-4' });
    expect([c.startMinute, c.endMinute, [...c.days]]).toEqual([450, 900, [1, 2, 3, 4]]);
    const bad = calendarFrom({ workingHours: '16-08', workingDays: 'weekdays' });
    expect([bad.startMinute, bad.endMinute, bad.days.size]).toEqual([480, 960, 5]);
  });

  it('lists working days as a list, and ignores a backwards range or hours past 24', () => {
    expect([...calendarFrom({ workingDays: '1, 3,5' }).days]).toEqual([1, 3, 5]);
    expect([...calendarFrom({ workingDays: '5-1' }).days]).toEqual([1, 2, 3, 4, 5]);
    expect(calendarFrom({ workingHours: '08:00-25:00' }).endMinute).toBe(960);
    expect(calendarFrom({ workingHours: '9-17' }).startMinute).toBe(540);
    expect([...calendarFrom({ holidays: '2026-12-24;2026-12-25 17. mai 2027-05-17' }).holidays]).toEqual(['2026-12-24', '2026-12-25', '2027-05-17']);
  });

  it('counts the day daylight saving starts and ends at the local hours (spring forward, fall back)', () => {
    // Sunday 29 March 2026 is the change; Monday 30 March is CEST (UTC+2), Monday 26 October is CET (UTC+1).
    expect(workingMinutesBetween('2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z', cal)).toBe(16 * 60);
    expect(workingMinutesBetween('2026-03-30T05:59:00Z', '2026-03-30T06:01:00Z', cal)).toBe(1);
    expect(workingMinutesBetween('2026-10-26T06:59:00Z', '2026-10-26T07:01:00Z', cal)).toBe(1);
  });

  it('is 0 for an empty, backwards or unreadable span', () => {
    expect(workingMinutesBetween('2026-11-23T10:00:00Z', '2026-11-23T10:00:00Z', cal)).toBe(0);
    expect(workingMinutesBetween('2026-11-23T12:00:00Z', '2026-11-23T10:00:00Z', cal)).toBe(0);
    expect(workingMinutesBetween('nonsense', '2026-11-23T10:00:00Z', cal)).toBe(0);
  });

  it('tells whether an instant is inside working hours', () => {
    expect(isWorkingTime('2026-11-23T07:01:00Z', cal)).toBe(true); // Monday 08:01 Oslo
    expect(isWorkingTime('2026-11-23T07:00:00Z', cal)).toBe(false); // 08:00 exactly: the minute before it was not worked
    expect(isWorkingTime('2026-11-23T15:00:00Z', cal)).toBe(true); // 16:00: the last minute was worked
    expect(isWorkingTime('2026-11-22T10:00:00Z', cal)).toBe(false); // Sunday
  });
});
