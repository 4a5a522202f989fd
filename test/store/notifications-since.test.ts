// The rows a job needs from the ever-growing Notifications tab: read from its end in doubling slices until a row older
// than the moment asked for, and the whole tab only when a hand sort broke the append order.
import { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';
import { headerOf } from '../../src/core/records/tables';
import { FIRST_SLICE_ROWS, notificationsSince } from '../../src/store/notifications-since';

const header = headerOf('Notifications');
/** `n` rows, one every `stepMin` minutes from `start`. */
function tab(n: number, start = Date.parse('2026-01-01T00:00:00Z'), stepMin = 60): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  const rows = Array.from({ length: n }, (_, i) => {
    const r: Record<string, string> = { notificationId: `ntf-${i}`, kind: 'reminder', recipientEmail: `p${i % 500}@kommune.example`,
      subjectKey: `k:${i}`, channel: 'mail', sentAt: new Date(start + i * stepMin * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z') };
    return header.map((h) => r[h] ?? null);
  });
  wb.seed('Notifications', header, rows);
  return wb;
}

describe('notificationsSince', () => {
  it('reads only the slices from the end that reach back past the moment', () => {
    const wb = tab(20_000);
    wb.meter.reset();
    // The last 3 days: 72 rows, all in the first slice.
    const last = notificationsSince(wb, 20_001, new Date(Date.parse('2026-01-01T00:00:00Z') + (20_000 - 72) * 3_600_000).toISOString());
    expect(last.rows.map((r) => r.row.subjectKey)).toEqual(Array.from({ length: 72 }, (_, i) => `k:${20_000 - 72 + i}`));
    expect(last.slices).toBe(1);
    expect(wb.meter.byKind['workbook.read']).toBe(1);
    expect(wb.meter.cellsRead).toBeLessThanOrEqual((FIRST_SLICE_ROWS + 1) * header.length);
    // 5,000 rows back: slices of 2,000 then 4,000.
    const more = notificationsSince(wb, 20_001, new Date(Date.parse('2026-01-01T00:00:00Z') + 15_000 * 3_600_000).toISOString());
    expect(more.rows).toHaveLength(5_000);
    expect(more.slices).toBe(2);
    expect(more.whole).toBe(false);
  });

  it('reads the whole tab when a hand sort broke the append order (what was sent may be anywhere)', () => {
    const wb = tab(3_000);
    const sorted = tab(3_000);
    // Someone sorted the tab by recipient: rows sent lately are spread over the whole tab.
    const d = wb.dump('Notifications')!;
    const byRecipient = [...d.rows].sort((a, b) => String(a[2]).localeCompare(String(b[2])));
    sorted.seed('Notifications', header, byRecipient);
    const since = '2026-04-30T00:00:00Z';
    const expected = d.rows.filter((r) => String(r[5]) >= since).length;
    const out = notificationsSince(sorted, 3_001, since);
    expect(out.whole).toBe(true);
    expect(out.rows).toHaveLength(expected);
    // In order, the same question reads one slice.
    expect(notificationsSince(wb, 3_001, since)).toMatchObject({ whole: false, slices: 1 });
    expect(notificationsSince(wb, 3_001, since).rows).toHaveLength(expected);
  });

  it('reads the whole tab when a row its ledger counts is missing from the end (moved up by hand)', () => {
    const wb = tab(3_000);
    const d = wb.dump('Notifications')!;
    const since = '2026-05-05T00:00:00Z';
    const mine = (n: { subjectKey: string }) => n.subjectKey === 'k:2999';
    // In place: found in the one slice, as the ledger says.
    expect(notificationsSince(wb, 3_001, since, { expected: 1, counts: mine })).toMatchObject({ whole: false, slices: 1 });
    // The last row dragged to the top: the end is still in order, but one of the job's rows is not there.
    wb.seed('Notifications', header, [d.rows[2_999]!, ...d.rows.slice(0, 2_999)]);
    const out = notificationsSince(wb, 3_001, since, { expected: 1, counts: mine });
    expect(out.whole).toBe(true);
    expect(out.rows.map((r) => r.row.subjectKey)).toContain('k:2999');
    // Without the ledger the bounded read cannot tell.
    expect(notificationsSince(wb, 3_001, since).rows.map((r) => r.row.subjectKey)).not.toContain('k:2999');
  });

  it('an empty tab costs nothing', () => {
    const wb = tab(0);
    wb.meter.reset();
    expect(notificationsSince(wb, 1, '2026-01-01T00:00:00Z')).toEqual({ rows: [], slices: 0, whole: false });
    expect(wb.meter.calls).toBe(0);
  });
});
