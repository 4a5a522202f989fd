// Data health names the table and row of a record stored twice, a unit loop and a question the guides never got a thread for.
import { healthReport } from '../../src/store/health';
import { readAllTables } from '../../src/store/rebuild';
import { fixtureData, fixtureWorkbook, PEOPLE } from '../support/fixture';

function report(mutate: (d: ReturnType<typeof fixtureData>) => void) {
  const d = fixtureData();
  mutate(d);
  return healthReport(readAllTables(fixtureWorkbook(d)), '2026-11-22T09:00:00Z');
}

it('reports a notification sent twice and a second active sign-up, naming the first row', () => {
  const r = report((d) => {
    const note = { kind: 'reminder' as const, recipientEmail: PEOPLE.kari, subjectKey: 'recert:C1:30', channel: 'mail' as const, sentAt: '2026-11-20T06:00:00Z' };
    d.Notifications = [{ notificationId: 'N1', ...note }, { notificationId: 'N2', ...note }];
    const e = { sessionId: 'S1', employeeId: 'E1', status: 'enrolled' as const, signedUpAt: '2026-11-20T06:00:00Z', changedAt: undefined };
    d.Enrollments = [{ enrollmentId: 'EN1', ...e }, { enrollmentId: 'EN2', ...e }, { enrollmentId: 'EN3', ...e, status: 'cancelled' }];
  });
  expect(r.issues).toEqual(expect.arrayContaining([
    expect.objectContaining({ table: 'Notifications', rowNumber: 3, reason: 'duplicate_record', value: `${PEOPLE.kari}+recert:C1:30 (row 2)` }),
    expect.objectContaining({ table: 'Enrollments', rowNumber: 3, reason: 'duplicate_record', value: 'S1+E1 (row 2)' }),
  ]));
  expect(r.issues.filter((i) => i.reason === 'duplicate_record')).toHaveLength(2);
});

it('reports every unit on a parent loop, and none off it', () => {
  const r = report((d) => {
    d.Units = d.Units!.map((u) => (u.unitId === 'helse' ? { ...u, parentUnitId: 'solbakken-a' } : u));
  });
  const loop = r.issues.filter((i) => i.reason === 'unit_cycle').map((i) => i.rowNumber);
  expect(loop).toEqual([2, 3, 4]); // helse → solbakken-a → solbakken → helse; haugen (row 5) is not on it
});

it('reports an open question with no thread after an hour, and two questions sharing one thread', () => {
  const r = report((d) => {
    const q = { askerEmail: PEOPLE.kari, anonymous: false, unitId: 'solbakken-a', topic: 'drive', text: 'Hvordan?', status: 'open' as const,
      guideEmail: undefined, askedAt: '2026-11-22T07:00:00Z', claimedAt: undefined, answeredAt: undefined, resolvedAt: undefined, faqId: undefined, answer: undefined, nudgeLevel: 0 };
    d.Questions = [
      { questionId: 'Q1', ...q, threadName: undefined },
      { questionId: 'Q2', ...q, threadName: 'spaces/GUIDES/threads/t1' },
      { questionId: 'Q3', ...q, threadName: 'spaces/GUIDES/threads/t1' },
      { questionId: 'Q4', ...q, threadName: undefined, askedAt: '2026-11-22T08:30:00Z' },
    ] as NonNullable<typeof d.Questions>;
  });
  expect(r.issues).toEqual(expect.arrayContaining([
    expect.objectContaining({ table: 'Questions', rowNumber: 2, field: 'status', reason: 'no_thread', value: 'Q1' }),
    expect.objectContaining({ table: 'Questions', rowNumber: 4, reason: 'duplicate_record', value: 'spaces/GUIDES/threads/t1 (row 3)' }),
  ]));
  expect(r.issues.some((i) => i.reason === 'no_thread' && i.rowNumber === 5)).toBe(false);
});
