// The yearly rotation job through the pipeline: from its trigger or an administrator's "run now", under its job lease;
// every step recorded in Settings with an audit row naming who ran it; idle once the closed year is done.
import { actionLabel } from '../../../src/core/records/action-labels';
import { guarded } from '../../../src/app/pipeline/handle';
import { KOMPETENT_ACCOUNT } from '../../../src/adapters/memory/memory-services';
import type { MemoryArchiveShelf } from '../../../src/adapters/memory/memory-archives';
import type { MemoryWorkbook } from '../../../src/adapters/memory/memory-workbook';
import { ACTIONS } from '../../../src/contract/actions';
import { headerOf } from '../../../src/core/records/tables';
import { ROTATED_THROUGH_KEY, archiveKey, rotatableUpTo, rotationKey, type RotationSummary } from '../../../src/app/common/rotation-job';
import { AUDIT_END_VIEW } from '../../../src/store/records';
import { ReadModel } from '../../../src/store/read-model';
import { asUser } from '../../support/effects';
import { PEOPLE } from '../../support/fixture';
import { handlers, warm, type Ports } from '../features/status/support';

const AH = headerOf('Audit');
const NH = headerOf('Notifications');
const rowOf = (header: string[], o: Record<string, string>) => header.map((h) => o[h] ?? null);

function seedHistory(ports: Ports) {
  const wb = ports.workbook as MemoryWorkbook;
  const old = Array.from({ length: 120 }, (_, i) => rowOf(AH, { at: `2025-0${1 + (i % 9)}-10T08:00:00Z`, actorEmail: PEOPLE.kari, action: 'signUp', table: 'Enrollments', key: `E${i}`, after: '{}' }));
  const now = Array.from({ length: 220 }, (_, i) => rowOf(AH, { at: `2026-0${1 + (i % 9)}-11T08:00:00Z`, actorEmail: PEOPLE.ola, action: 'signUp', table: 'Enrollments', key: `N${i}`, after: '{}' }));
  wb.seed('Audit', AH, [...old, ...now]);
  wb.seed('Notifications', NH, [
    ...Array.from({ length: 30 }, (_, i) => rowOf(NH, { notificationId: `ntf-o${i}`, kind: 'reminder', recipientEmail: PEOPLE.kari, subjectKey: `k${i}`, channel: 'mail', sentAt: '2025-05-05T05:00:00Z' })),
    ...Array.from({ length: 5 }, (_, i) => rowOf(NH, { notificationId: `ntf-n${i}`, kind: 'reminder', recipientEmail: PEOPLE.kari, subjectKey: `n${i}`, channel: 'mail', sentAt: '2026-05-05T05:00:00Z' })),
  ]);
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
  it('knows which closed years it may rotate: a year stays in the records for its grace period', () => {
    expect(rotatableUpTo('2026-01-15', 31)).toBe(2024);
    expect(rotatableUpTo('2026-02-01', 31)).toBe(2025);
    expect(rotatableUpTo('2026-11-22', 31)).toBe(2025);
  });

  it('from its trigger: archives 2025 of both tables, records each step in Settings with audit rows, and is idle the next day', () => {
    const ports = warm();
    seedHistory(ports);
    ports.meter.reset();
    runJob(ports);
    const s = settings(ports);
    const shelf = ports.archives as MemoryArchiveShelf;
    expect(shelf.list().map((a) => a.year)).toEqual([2025]);
    expect(s[archiveKey(2025)]).toBe(shelf.list()[0]!.spreadsheetId);
    expect(s[ROTATED_THROUGH_KEY]).toBe('2025');
    expect(s[rotationKey('Audit')]).toMatch(/2025: 120 rows \(checksum 120:[0-9a-f]+\), archive 120 \(checksum 120:[0-9a-f]+\) verified, 120 copied; removed 120, put back 0, remaining 0/);
    expect(s[rotationKey('Notifications')]).toMatch(/2025: 30 rows .* verified, 30 copied; removed 30/);
    const archive = shelf.open(s[archiveKey(2025)]!) as MemoryWorkbook;
    expect([archive.dump('Audit')!.rows.length, archive.dump('Notifications')!.rows.length]).toEqual([120, 30]);
    // The records keep 2026 only (and the Audit rows the job's own steps wrote).
    const audit = auditTab(ports);
    const at = AH.indexOf('at');
    expect(audit.rows.filter((r) => String(r[at]).startsWith('2025'))).toHaveLength(0);
    expect((ports.workbook as MemoryWorkbook).dump('Notifications')!.rows).toHaveLength(5);
    // Audited: each step is a Settings change by the account the trigger runs as.
    const mine = audit.rows.filter((r) => r[AH.indexOf('action')] === actionLabel(ACTIONS.jobRotate));
    expect(mine.map((r) => [r[AH.indexOf('actorEmail')], r[AH.indexOf('key')]])).toEqual([
      ['kompetent', archiveKey(2025)], ['kompetent', rotationKey('Audit')], ['kompetent', rotationKey('Notifications')], ['kompetent', ROTATED_THROUGH_KEY],
    ]);
    // The request-key tail hint in the cache follows Audit's new end.
    // The request-key tail hint in the cache follows Audit's new end (rows below the deleted ones moved up).
    const hint = new ReadModel(ports.cache, () => 'test', ports.codec).load([{ view: AUDIT_END_VIEW }]).get<number>(AUDIT_END_VIEW);
    expect(hint).toBe(1 + 220 + 1); // header + the 2026 rows + the audit row of recording the archive (written before the delete)

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
    expect(done).toMatchObject({ upTo: 2025, done: true, archivesCreated: 1 });
    const audit = auditTab(ports);
    const mine = audit.rows.filter((r) => r[AH.indexOf('action')] === actionLabel(ACTIONS.jobRotate));
    expect(new Set(mine.map((r) => r[AH.indexOf('actorEmail')]))).toEqual(new Set([PEOPLE.guri]));
  });
});
