// Re-certification reminders: windows from Settings, the smallest window entered, once; catch-up; the digest's week key.
import { dueReminders, digestKey, parseReminderDays, reminderKey, weekStart } from '../../src/core/recert-reminders';

describe('re-certification reminders', () => {
  const item = (daysLeft: number, extra = {}) => ({ competenceId: 'cpr', level: 'required' as const, status: 'expiring' as const, expiresOn: '2027-01-01', daysLeft, ...extra });

  it('reads the windows from Settings, falling back to 90/30/0', () => {
    expect(parseReminderDays('60; 14,0')).toEqual([60, 14, 0]);
    expect(parseReminderDays('30,abc')).toEqual([90, 30, 0]);
    expect(parseReminderDays(undefined)).toEqual([90, 30, 0]);
  });

  it('sends the smallest window entered, once', () => {
    const w = [90, 30, 0];
    expect(dueReminders('E1', [item(100)], w, new Set())).toEqual([]);
    expect(dueReminders('E1', [item(90)], w, new Set())[0]!.window).toBe(90);
    expect(dueReminders('E1', [item(25)], w, new Set())[0]).toMatchObject({ window: 30, subjectKey: 'cert:E1:cpr:2027-01-01:30' });
    expect(dueReminders('E1', [item(0)], w, new Set())[0]!.window).toBe(0);
    expect(dueReminders('E1', [item(25)], w, new Set([reminderKey('E1', 'cpr', '2027-01-01', 30)]))).toEqual([]);
  });

  it('catches up on a recent expiry, but not an old one, and leaves pending renewals and recommended items alone', () => {
    const w = [90, 30, 0];
    expect(dueReminders('E1', [item(-3, { status: 'expired' })], w, new Set())[0]!.window).toBe(0);
    expect(dueReminders('E1', [item(-40, { status: 'expired' })], w, new Set())).toEqual([]);
    expect(dueReminders('E1', [item(10, { pending: true })], w, new Set())).toEqual([]);
    expect(dueReminders('E1', [item(10, { level: 'recommended' })], w, new Set())).toEqual([]);
  });

  it('keys the leader digest by ISO week', () => {
    expect(weekStart('2026-11-22')).toBe('2026-11-16'); // a Sunday
    expect(weekStart('2026-11-23')).toBe('2026-11-23'); // a Monday
    expect(digestKey('a@k.no', '2026-11-18')).toBe('digest:leader:a@k.no:2026-11-16');
  });
});
