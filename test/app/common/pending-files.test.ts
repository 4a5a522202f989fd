// An execution Google kills between the Drive call of a change's prepare step and its commit never runs the undo: the
// file it made carries a pending mark (set in the same Drive call), and the heal job trashes it once no execution can
// still commit it — while a file whose row was committed is never trashed, even when its execution died right after.
import { guarded } from '../../../src/app/pipeline/handle';
import { GoogleLimitExceeded } from '../../../src/core/google-limits';
import { SIDEBAR_CALLS, sidebarEvent } from '../../../src/contract/sidebar';
import type { MemoryWorkbook } from '../../../src/adapters/memory/memory-workbook';
import { MAX_PROPERTY_BYTES } from '../../../src/adapters/memory/memory-drive';
import type { MovableClock } from '../../../src/adapters/memory/memory-services';
import { PENDING_AGE_MS, PENDING_KEY } from '../../../src/app/common/pending-files';
import { PEOPLE } from '../../support/fixture';
import { handlers, warm, type Ports } from '../features/status/support';
import { msOf, PEOPLE as APPRAISAL_PEOPLE, rows as appraisalRows, runDocs, setup } from '../features/appraisals/support';

const json = (x: unknown) => JSON.stringify(x);
const rows = (ports: Ports, table: string) => {
  const tab = (ports.workbook as MemoryWorkbook).dump(table)!;
  return tab.rows.map((r) => Object.fromEntries(tab.header.map((h, i) => [h, r[i]])));
};
const evidence = { name: 'kursbevis.pdf', mimeType: 'application/pdf', base64: Buffer.from('%PDF-1.4 test').toString('base64') };
const byHand = (ports: Ports, competenceId = 'cpr') => guarded(ports, handlers,
  sidebarEvent(SIDEBAR_CALLS.registerCertification, JSON.stringify({ email: PEOPLE.ola, competenceId, achievedOn: '2026-11-01', evidence })),
  { host: 'sidebar', action: SIDEBAR_CALLS.registerCertification, userEmail: PEOPLE.guri });
const heal = (ports: Ports) => guarded(ports, handlers, {}, { host: 'job', action: 'job.heal', userEmail: '', fromTrigger: true });
const later = (ports: Ports, ms: number) => (ports.clock as MovableClock).advance(ms);

/** Google ends the execution at the next remote call after `when` says so (as past its time limit). */
function killAt(ports: Ports, when: 'lock' | 'release'): void {
  const lock = ports.lock;
  ports.lock = {
    holding: () => lock.holding?.() ?? false,
    tryLock: (ms: number) => {
      if (when === 'lock') throw new GoogleLimitExceeded('Exceeded maximum execution time');
      return lock.tryLock(ms);
    },
    release: () => {
      lock.release();
      if (when === 'release') throw new GoogleLimitExceeded('Exceeded maximum execution time');
    },
  };
}

describe('files made before a commit that never came', () => {
  it('an execution killed between the evidence upload and its commit: the next heal run past the age trashes the file', () => {
    const ports = warm();
    const lock = ports.lock;
    killAt(ports, 'lock');
    expect(() => byHand(ports)).toThrow(GoogleLimitExceeded);
    ports.lock = lock;
    const [file] = [...ports.services.drive.files.values()];
    // The undo never ran: the file is live, with nothing naming it.
    expect(file!.trashed).toBeFalsy();
    expect(file!.marks?.[PENDING_KEY]).toBe('1');
    expect(rows(ports, 'Certifications').some((c) => c.evidenceFileId === file!.id)).toBe(false);
    // Too young to judge: the execution that made it might still be running.
    heal(ports);
    expect(file!.trashed).toBeFalsy();
    later(ports, PENDING_AGE_MS);
    ports.meter.reset();
    heal(ports);
    expect(file!.trashed).toBe(true);
    // The sweep's cost: one files.list, one Audit read of the rows since the file was made, one trash.
    expect(ports.meter.byKind['drive.findMarked']).toBe(1);
    expect(ports.meter.byKind['drive.trash']).toBe(1);
    expect(ports.meter.byKind['workbook.read']).toBe(1);
    // The Audit rows from the file's mark on (here the mark row itself and the header, 8 columns each), never the tab.
    expect(ports.meter.cellsRead).toBeLessThanOrEqual(3 * 8);
  });

  it('a committed file is never trashed, even when its execution died right after the commit; its mark is cleared once', () => {
    const ports = warm();
    const lock = ports.lock;
    killAt(ports, 'release');
    expect(() => byHand(ports)).toThrow(GoogleLimitExceeded);
    ports.lock = lock;
    expect(json(byHand(ports, 'fire').reply)).toContain('er registrert');
    const committed = rows(ports, 'Certifications').filter((c) => c.evidenceFileId).map((c) => String(c.evidenceFileId));
    expect(committed).toHaveLength(2);
    later(ports, PENDING_AGE_MS);
    heal(ports);
    for (const id of committed) {
      const f = ports.services.drive.files.get(id)!;
      expect(f.trashed).toBeFalsy();
      expect(f.marks?.[PENDING_KEY]).toBeUndefined();
    }
    // Settled files are not looked at again: the next run makes the one files.list and nothing else for them.
    ports.meter.reset();
    heal(ports);
    expect(ports.meter.byKind['drive.setMarks']).toBeUndefined();
    expect(ports.meter.byKind['drive.trash']).toBeUndefined();
  });

  it('an appraisal document copied before a commit that never came is trashed; one committed is kept', () => {
    const ports = setup();
    const click = (k: string, email: string) =>
      runDocs(ports, APPRAISAL_PEOPLE.per, { action: 'appraisal.create', params: { email, k }, form: { kind: 'development', date: { ms: msOf('2026-11-25') } } });
    const lock = ports.lock;
    killAt(ports, 'lock');
    expect(() => click('key-killed', APPRAISAL_PEOPLE.kari)).toThrow(GoogleLimitExceeded);
    ports.lock = lock;
    const orphan = [...ports.services.drive.files.values()].find((f) => f.marks?.[PENDING_KEY])!;
    expect(json(click('key-ok', APPRAISAL_PEOPLE.kari).reply)).toContain('er klart');
    const [row] = appraisalRows(ports, 'Appraisals');
    expect(row!.docId).not.toBe(orphan.id);
    later(ports, PENDING_AGE_MS);
    heal(ports);
    expect(orphan.trashed).toBe(true);
    expect(ports.services.drive.files.get(String(row!.docId))!.trashed).toBeFalsy();
  });

  it('Drive refuses a mark over 124 bytes (key and value in UTF-8), as documented', () => {
    const ports = warm();
    const folder = ports.services.drive.ensureFolder(['x']);
    expect(() => ports.services.drive.createFile(folder, 'a', 'text/plain', '', { k: 'æ'.repeat(MAX_PROPERTY_BYTES / 2) })).toThrow(/124 bytes/);
  });
});
