// The monthly rotation job through the pipeline: from its trigger or an administrator's "run now", under its job lease;
// every step recorded in Settings with an audit row naming who ran it; idle once the closed month is done.
import { actionLabel } from '../../../src/core/records/action-labels';
import { guarded } from '../../../src/app/pipeline/handle';
import { KOMPETENT_ACCOUNT } from '../../../src/adapters/memory/memory-services';
import type { MemoryArchiveShelf } from '../../../src/adapters/memory/memory-archives';
import type { MemoryWorkbook } from '../../../src/adapters/memory/memory-workbook';
import type { MovableClock } from '../../../src/adapters/memory/memory-services';
import { ACTIONS } from '../../../src/contract/actions';
import { headerOf } from '../../../src/core/records/tables';
import { ROTATED_THROUGH_KEY, archiveKey, rotationCutoff, rotationKey, type RotationSummary } from '../../../src/app/common/rotation-job';
import { AUDIT_END_VIEW, AUDIT_TAIL_ROWS } from '../../../src/store/records';
import { ReadModel } from '../../../src/store/read-model';
import { asUser } from '../../support/effects';
import { PEOPLE } from '../../support/fixture';
import { handlers, warm, type Ports } from '../features/status/support';

const AH = headerOf('Audit');
const NH = headerOf('Notifications');
const rowOf = (header: string[], o: Record<string, string>) => header.map((h) => o[h] ?? null);

/**
 * Today is 2026-11-22 (cutoff 2026-10-01): Audit holds 120 rows of 2025 and 60 of September 2026 (to go), then 220 of
 * October and November (to stay); Notifications 30 of 2025 and 10 of September (to go), 8 of October and 5 of November.
 */
function seedHistory(ports: Ports) {
  const wb = ports.workbook as MemoryWorkbook;
  const audit = (n: number, at: (i: number) => string, key: string, who: string) => Array.from({ length: n }, (_, i) => rowOf(AH, { at: at(i), actorEmail: who, action: 'signUp', table: 'Enrollments', key: `${key}${i}`, after: '{}' }));
  wb.seed('Audit', AH, [
    ...audit(120, (i) => `2025-0${1 + (i % 9)}-10T08:00:00Z`, 'E', PEOPLE.kari),
    ...audit(60, (i) => `2026-09-${10 + (i % 20)}T08:00:00Z`, 'S', PEOPLE.kari),
    ...audit(220, (i) => `2026-1${i % 2}-1${i % 9}T08:00:00Z`, 'N', PEOPLE.ola),
  ]);
  const note = (n: number, sentAt: string, key: string) => Array.from({ length: n }, (_, i) => rowOf(NH, { notificationId: `ntf-${key}${i}`, kind: 'reminder', recipientEmail: PEOPLE.kari, subjectKey: `${key}${i}`, channel: 'mail', sentAt }));
  wb.seed('Notifications', NH, [...note(30, '2025-05-05T05:00:00Z', 'o'), ...note(10, '2026-09-30T21:30:00Z', 's'), ...note(8, '2026-10-05T05:00:00Z', 't'), ...note(5, '2026-11-05T05:00:00Z', 'n')]);
}
const at = AH.indexOf('at');
const sentAt = NH.indexOf('sentAt');
const day = (clock: unknown, iso: string) => (clock as MovableClock).set(`${iso}T01:00:00Z`);
function putSetting(ports: Ports, key: string, value: string) {
  const wb = ports.workbook as MemoryWorkbook;
  const t = wb.dump('Settings')!;
  wb.seed('Settings', t.header, [...t.rows.filter((r) => r[0] !== key), [key, value]]);
}

const settings = (ports: Ports) => {
  const t = (ports.workbook as MemoryWorkbook).dump('Settings')!;
  return Object.fromEntries(t.rows.map((r) => [String(r[0]), String(r[1] ?? '')]));
};
const auditTab = (ports: Ports) => (ports.workbook as MemoryWorkbook).dump('Audit')!;

function runJob(ports: Ports, as?: string) {
  return as
    ? asUser(ports, as, () => guarded(ports, handlers, {}, { host: 'job', action: ACTIONS.jobRotate, userEmail: as }))
    : asUser(ports, KOMPETENT_ACCOUNT, () => guarded(ports, handlers, {}, { host: 'job', action: ACTIONS.jobRotate, userEmail: '', fromTrigger: true }));
}

describe('the rotation job', () => {
  it('cuts at the first day of the month that holds today − grace: the records keep at most about two months', () => {
    expect(rotationCutoff('2026-12-04', 31)).toBe('2026-11-01'); // 2026-11-03
    expect(rotationCutoff('2026-12-31', 31)).toBe('2026-11-01'); // 2026-11-30
    expect(rotationCutoff('2027-01-01', 31)).toBe('2026-12-01'); // 2026-12-01: New Year
    expect(rotationCutoff('2027-01-31', 31)).toBe('2026-12-01'); // 2026-12-31: 62 days kept, the most
    expect(rotationCutoff('2027-02-01', 31)).toBe('2027-01-01');
    expect(rotationCutoff('2026-03-31', 31)).toBe('2026-02-01'); // 2026-02-28
    expect(rotationCutoff('2026-11-22', 31)).toBe('2026-10-01');
    expect([rotationCutoff('2026-11-22', 0), rotationCutoff('2026-11-22', -5)]).toEqual(['2026-11-01', '2026-11-01']);
  });

  it('from its trigger: archives everything before October into the archive of its year, records each step in Settings with audit rows, and is idle the next day', () => {
    const ports = warm();
    seedHistory(ports);
    ports.meter.reset();
    runJob(ports);
    const s = settings(ports);
    const shelf = ports.archives as MemoryArchiveShelf;
    expect(shelf.list().map((a) => a.year)).toEqual([2025, 2026]);
    expect([s[archiveKey(2025)], s[archiveKey(2026)]]).toEqual(shelf.list().map((a) => a.spreadsheetId));
    expect(s[ROTATED_THROUGH_KEY]).toBe('2026-10-01');
    expect(s[rotationKey('Audit')]).toMatch(new RegExp('^2026-11-22T\\S+ before 2026-10-01: 2025 from 2025-01-10: 120 rows \\(checksum 120:[0-9a-f]+\\), archive 120 \\(checksum 120:[0-9a-f]+\\) verified, 120 copied; '
      + '2026 from 2026-09-10: 60 rows \\(checksum 60:[0-9a-f]+\\), archive 60 \\(checksum 60:[0-9a-f]+\\) verified, 60 copied; removed 180, put back 0, remaining 0$'));
    // 21:30 UTC on 30 September is 23:30 in Oslo: September.
    expect(s[rotationKey('Notifications')]).toMatch(/2025 from 2025-05-05: 30 rows .* verified, 30 copied; 2026 from 2026-09-30: 10 rows .* verified, 10 copied; removed 40/);
    const a25 = shelf.open(s[archiveKey(2025)]!) as MemoryWorkbook;
    const a26 = shelf.open(s[archiveKey(2026)]!) as MemoryWorkbook;
    expect([a25.dump('Audit')!.rows.length, a25.dump('Notifications')!.rows.length, a26.dump('Audit')!.rows.length, a26.dump('Notifications')!.rows.length]).toEqual([120, 30, 60, 10]);
    // The records keep October and November only (and the Audit rows the job's own steps wrote).
    const audit = auditTab(ports);
    expect(audit.rows.filter((r) => String(r[at]) < '2026-10')).toHaveLength(0);
    expect((ports.workbook as MemoryWorkbook).dump('Notifications')!.rows.map((r) => String(r[sentAt]).slice(0, 7))).toEqual([...Array(8).fill('2026-10'), ...Array(5).fill('2026-11')]);
    // Audited: each step is a Settings change by the account the trigger runs as.
    const mine = audit.rows.filter((r) => r[AH.indexOf('action')] === actionLabel(ACTIONS.jobRotate));
    expect(mine.map((r) => [r[AH.indexOf('actorEmail')], r[AH.indexOf('key')]])).toEqual([
      ['kompetent', archiveKey(2025)], ['kompetent', archiveKey(2026)], ['kompetent', rotationKey('Audit')], ['kompetent', rotationKey('Notifications')], ['kompetent', ROTATED_THROUGH_KEY],
    ]);
    // The request-key tail hint in the cache follows Audit's new end (rows below the deleted ones moved up).
    const hint = new ReadModel(ports.cache, () => 'test', ports.codec).load([{ view: AUDIT_END_VIEW }]).get<number>(AUDIT_END_VIEW);
    expect(hint).toBe(1 + 220 + 2); // header + October and November + the audit rows of recording the archives (written before the delete)

    ports.meter.reset();
    const before = audit.rows.length;
    runJob(ports);
    // Idle: the job's lease, one read of Settings; nothing written.
    expect(ports.meter.byKind['workbook.read']).toBe(1);
    expect(ports.meter.byKind['workbook.write'] ?? 0).toBe(0);
    expect(auditTab(ports).rows).toHaveLength(before);
  });

  it('an administrator may run it now (audited as them); anyone else is refused before the records are touched', () => {
    const ports = warm();
    seedHistory(ports);
    ports.meter.reset();
    const refused = runJob(ports, PEOPLE.kari);
    expect(refused.reply).toMatchObject({ kind: 'notify' });
    expect(ports.meter.byKind['workbook.read'] ?? 0).toBe(0);
    expect((ports.archives as MemoryArchiveShelf).list()).toEqual([]);
    runJob(ports, PEOPLE.guri);
    const done = ports.services.log.entries.filter((e) => e.message === `${ACTIONS.jobRotate} finished`).pop()?.detail as RotationSummary;
    expect(done).toMatchObject({ cutoff: '2026-10-01', done: true, archivesCreated: 2 });
    const audit = auditTab(ports);
    const mine = audit.rows.filter((r) => r[AH.indexOf('action')] === actionLabel(ACTIONS.jobRotate));
    expect(new Set(mine.map((r) => r[AH.indexOf('actorEmail')]))).toEqual(new Set([PEOPLE.guri]));
  });

  it('the next month: the cutoff moves to 1 November, only October is appended to the year\'s archive and verified', () => {
    const ports = warm();
    seedHistory(ports);
    runJob(ports);
    const s1 = settings(ports);
    const a26 = (ports.archives as MemoryArchiveShelf).open(s1[archiveKey(2026)]!) as MemoryWorkbook;
    day(ports.clock, '2026-12-02');
    runJob(ports);
    const s = settings(ports);
    expect(s[ROTATED_THROUGH_KEY]).toBe('2026-11-01');
    expect(s[archiveKey(2026)]).toBe(s1[archiveKey(2026)]);
    expect(s[rotationKey('Notifications')]).toMatch(/before 2026-11-01: 2026 from 2026-10-05: 8 rows .* archive 8 .* verified, 8 copied; removed 8, put back 0, remaining 0$/);
    // Audit's newest 200 rows (the request keys' tail) stay whatever their date: of its 110 October rows, the 13 above it go.
    expect(s[rotationKey('Audit')]).toMatch(/before 2026-11-01: 2026 from 2026-10-10: 13 rows .* archive 13 .* verified, 13 copied; removed 13, put back 0, remaining 0$/);
    // The year's archive: September, then October.
    expect(a26.dump('Notifications')!.rows.map((r) => String(r[sentAt]).slice(0, 7))).toEqual([...Array(10).fill('2026-09'), ...Array(8).fill('2026-10')]);
    expect(a26.dump('Audit')!.rows).toHaveLength(60 + 13);
    expect((ports.workbook as MemoryWorkbook).dump('Notifications')!.rows.map((r) => String(r[sentAt]).slice(0, 7))).toEqual(Array(5).fill('2026-11'));
    const audit = auditTab(ports).rows;
    const october = audit.flatMap((r, i) => (String(r[at]) < '2026-11' ? [i] : []));
    expect(october).toHaveLength(110 - 13);
    // Within the newest 200 rows at the scan (the job wrote three after it: rotation.Audit, rotation.Notifications, rotatedThrough).
    expect(october[0]).toBeGreaterThanOrEqual(audit.length - 3 - AUDIT_TAIL_ROWS);
  });

  it('reads a rotatedThrough left by the yearly version (a year) as the next 1 January: idle before it, runs after it', () => {
    const ports = warm();
    seedHistory(ports);
    putSetting(ports, ROTATED_THROUGH_KEY, '2025');
    // 2026-01-20: cutoff 2025-12-01, and 2025 is done (everything before 2026-01-01): idle, one Settings read.
    day(ports.clock, '2026-01-20');
    ports.meter.reset();
    runJob(ports);
    expect(ports.meter.byKind['workbook.read']).toBe(1);
    expect((ports.archives as MemoryArchiveShelf).list()).toEqual([]);
    // 2026-02-01: cutoff 2026-01-01, still done.
    day(ports.clock, '2026-02-01');
    runJob(ports);
    expect((ports.archives as MemoryArchiveShelf).list()).toEqual([]);
    // 2026-03-04: cutoff 2026-02-01 — past it: January goes (none here), and the 2025 rows still in the records too.
    day(ports.clock, '2026-03-04');
    runJob(ports);
    expect(settings(ports)[ROTATED_THROUGH_KEY]).toBe('2026-02-01');
    expect((ports.archives as MemoryArchiveShelf).list().map((a) => a.year)).toEqual([2025]);
    expect(auditTab(ports).rows.filter((r) => String(r[at]).startsWith('2025'))).toHaveLength(0);
  });
});
