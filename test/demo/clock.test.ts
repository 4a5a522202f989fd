// The demo's Oslo wall clock: local times as UTC instants across both daylight-saving switches, checked against the
// Intl time-zone data; memoised date arithmetic that answers as the core does; weekdays and date bounds.
import { addDays as coreAddDays, addMonths as coreAddMonths, daysBetween as coreDaysBetween } from '../../src/core/dates';
import { addDays, addMinutes, addMonths, clearDateCaches, daysBetween, demoNow, maxDate, minDate, osloTime, weekdayOnOrAfter, weekdayOnOrBefore } from '../../src/demo/clock';

const OSLO = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
/** An instant as Oslo's wall clock shows it: `YYYY-MM-DD HH:MM`. */
function wallClock(instant: string): string {
  const p = Object.fromEntries(OSLO.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

it('turns Oslo wall-clock times into the right UTC instants in winter and summer', () => {
  expect(osloTime('2026-01-15', 8, 30)).toBe('2026-01-15T07:30:00Z');
  expect(osloTime('2026-07-15', 8, 30)).toBe('2026-07-15T06:30:00Z');
  expect(demoNow('2026-11-22')).toBe('2026-11-22T07:00:00Z');
});

it('shows the asked-for wall-clock time on every day of two years, the switch days included', () => {
  const wrong: string[] = [];
  for (let day = '2026-01-01'; day < '2028-01-01'; day = coreAddDays(day, 1)) {
    for (const [h, m] of [[8, 0], [12, 15], [16, 45], [23, 30]] as const) {
      const got = wallClock(osloTime(day, h, m));
      const want = `${day} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
      if (got !== want) wrong.push(`${want} → ${got}`);
    }
  }
  expect(wrong).toEqual([]);
});

it('does date arithmetic as the core does, also after its memory is cleared', () => {
  for (const pass of [1, 2]) {
    expect([pass, addDays('2026-02-27', 3)]).toEqual([pass, coreAddDays('2026-02-27', 3)]);
    expect([pass, addMonths('2026-01-31', 1)]).toEqual([pass, coreAddMonths('2026-01-31', 1)]);
    expect([pass, daysBetween('2026-01-01', '2026-12-31')]).toEqual([pass, coreDaysBetween('2026-01-01', '2026-12-31')]);
    // A count back is not answered from the memory of a count forward.
    expect(addDays('2026-03-10', -1)).toBe('2026-03-09');
    expect(addDays('2026-03-10', 1)).toBe('2026-03-11');
    clearDateCaches();
  }
});

it('adds minutes to an instant, finds weekdays on either side, and bounds dates', () => {
  expect(addMinutes('2026-03-10T07:30:00Z', 90)).toBe('2026-03-10T09:00:00Z');
  expect(addMinutes('2026-03-10T00:10:00Z', -20)).toBe('2026-03-09T23:50:00Z');
  // 2026-03-11 is a Wednesday (ISO 3).
  expect(weekdayOnOrBefore('2026-03-11', 1)).toBe('2026-03-09');
  expect(weekdayOnOrBefore('2026-03-11', 3)).toBe('2026-03-11');
  expect(weekdayOnOrAfter('2026-03-11', 1)).toBe('2026-03-16');
  expect(weekdayOnOrAfter('2026-03-11', 3)).toBe('2026-03-11');
  expect(minDate('2026-01-02', '2025-12-31')).toBe('2025-12-31');
  expect(maxDate('2026-01-02', '2025-12-31')).toBe('2026-01-02');
});
