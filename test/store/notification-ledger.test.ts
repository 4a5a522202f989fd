// A job's ledger of Notifications rows per day: counted, summed since a moment, pruned after LEDGER_DAYS, hand edits ignored.
import { LEDGER_DAYS, parseLedger, recordedSince, withRecorded } from '../../src/store/notification-ledger';

describe('notification ledger', () => {
  it('counts rows by the day they were sent and sums them since a midnight', () => {
    const v = withRecorded('2026-11-20:3', [{ sentAt: '2026-11-23T06:00:00Z' }, { sentAt: '2026-11-23T06:01:00Z' }, { sentAt: '2026-11-24T00:10:00Z' }], '2026-11-24');
    expect(v).toBe('2026-11-20:3 2026-11-23:2 2026-11-24:1');
    expect(recordedSince(v, '2026-11-23T00:00:00Z')).toBe(3);
    expect(recordedSince(v, '2026-11-01T00:00:00Z')).toBe(6);
    expect(recordedSince(undefined, '2026-11-01T00:00:00Z')).toBe(0);
  });

  it('forgets days older than the longest look-back, and ignores words a hand edit broke', () => {
    expect(withRecorded('2026-01-01:9 2026-11-20:1', [], '2026-11-24')).toBe('2026-11-20:1');
    expect(LEDGER_DAYS).toBeGreaterThanOrEqual(62);
    expect([...parseLedger('2026-11-20:1 nonsense 2026-11-21:x')]).toEqual([['2026-11-20', 1]]);
  });
});
