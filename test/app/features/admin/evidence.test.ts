// An evidence file is stored in Drive before the write lock and recorded under it (DESIGN.md: only the records read and
// write while the lock is held): the console's "register by hand" and the Gmail add-on's "register this certificate",
// with the lock busy, a double click, and a commit refused under the lock — one live file per recorded row, none else.
import { guarded } from '../../../../src/app/pipeline/handle';
import { SIDEBAR_CALLS, sidebarEvent } from '../../../../src/contract/sidebar';
import { ACTIONS } from '../../../../src/contract/actions';
import type { MemoryWorkbook } from '../../../../src/adapters/memory/memory-workbook';
import type { LockPort } from '../../../../src/store/ports';
import { watchHeld } from '../../../support/held-calls';
import { PEOPLE } from '../../../support/fixture';
import { handlers, warm, type Ports } from '../status/support';
import { keyedRows } from '../../../support/sheet-rows';

const json = (x: unknown) => JSON.stringify(x);
const rows = (ports: Ports, table: string) => {
  return keyedRows(table, (ports.workbook as MemoryWorkbook).dump(table)!);
};
const live = (ports: Ports) => [...ports.services.drive.files.values()].filter((f) => !f.trashed);
const trashed = (ports: Ports) => [...ports.services.drive.files.values()].filter((f) => f.trashed);
/** Only these may be called while the script lock is held (DESIGN.md Performance model). */
const RECORDS_ONLY = new Set(['workbook.read', 'workbook.write', 'cache.getAll', 'cache.putAll']);

/** Runs `between` once, after this request has prepared its file and just before it takes the lock. */
function beforeLock(ports: Ports, between: () => void): void {
  const lock = ports.lock;
  let done = false;
  const wrapped: LockPort = {
    holding: () => lock.holding?.() ?? false,
    tryLock: (ms: number) => {
      if (!done) { done = true; ports.lock = lock; between(); ports.lock = wrapped; }
      return lock.tryLock(ms);
    },
    release: () => lock.release(),
  };
  ports.lock = wrapped;
}

const evidence = { name: 'kursbevis.pdf', mimeType: 'application/pdf', base64: Buffer.from('%PDF-1.4 test').toString('base64') };
const byHand = (ports: Ports, payload: object = {}) => guarded(ports, handlers,
  sidebarEvent(SIDEBAR_CALLS.registerCertification, JSON.stringify({ email: PEOPLE.ola, competenceId: 'cpr', achievedOn: '2026-11-01', evidence, ...payload })),
  { host: 'sidebar', action: SIDEBAR_CALLS.registerCertification, userEmail: PEOPLE.guri });

describe('the console registers a certificate: the evidence file before the lock, the row under it', () => {
  it('holds the lock for the records only, and records the file it stored', () => {
    const ports = warm();
    const held = watchHeld(ports);
    expect(json(byHand(ports).reply)).toContain('D-HLR er registrert for Ola Åsen');
    const [file] = live(ports);
    expect(rows(ports, 'Certifications').at(-1)).toMatchObject({ evidenceFileId: file!.id, state: 'valid' });
    expect(held.holds()).toBe(1);
    expect(Object.keys(held.byKind()).filter((k) => !RECORDS_ONLY.has(k))).toEqual([]);
    expect(held.byKind()).toEqual({ 'workbook.read': 1, 'workbook.write': 1, 'cache.putAll': 1 });
  });

  it('trashes the stored file when the lock cannot be had, and records nothing', () => {
    const ports = warm();
    ports.services.lock.held = true;
    expect(json(byHand(ports).reply)).toContain('Mange gjør endringer akkurat nå');
    expect(live(ports)).toHaveLength(0);
    expect(trashed(ports)).toHaveLength(1);
    expect(rows(ports, 'Certifications')).toHaveLength(4);
  });

  it('a double click: the second finds the first row under the lock and trashes its own file', () => {
    const ports = warm();
    let first: ReturnType<typeof byHand> | undefined;
    beforeLock(ports, () => { first = byHand(ports); });
    const second = byHand(ports);
    expect(json(first!.reply)).toContain('D-HLR er registrert');
    expect(json(second.reply)).toContain('var allerede registrert');
    expect(rows(ports, 'Certifications')).toHaveLength(5);
    expect(live(ports).map((f) => f.id)).toEqual([rows(ports, 'Certifications').at(-1)!.evidenceFileId]);
    expect(trashed(ports)).toHaveLength(1);
  });

  it('a commit refused under the lock (the tab lost a column) trashes the file', () => {
    const ports = warm();
    const wb = ports.workbook as MemoryWorkbook;
    wb.handEdit('Certifications', 1, wb.dump('Certifications')!.header.indexOf('evidenceFileId'), 'bevis');
    expect(json(byHand(ports).reply)).not.toContain('er registrert');
    expect(live(ports)).toHaveLength(0);
    expect(trashed(ports)).toHaveLength(1);
  });
});

describe('the Gmail add-on registers a certificate from a mail: the Gmail, Drive and Chat calls before the lock', () => {
  const form = { competenceId: { stringInputs: { value: ['cpr'] } }, achievedOn: { dateInput: { msSinceEpoch: Date.parse('2026-11-20T00:00:00Z') } } };
  const deliver = (ports: Ports) => ports.services.gmail.deliver({
    to: PEOPLE.kari, from: 'kurs@leverandor.example', subject: 'Kursbevis D-HLR', text: 'Vedlagt kursbevis.',
    attachments: [{ fileName: 'kursbevis.pdf', mimeType: 'application/pdf', content: evidence.base64, encoding: 'base64' }],
  });
  const click = (ports: Ports, id: string, k: string) => guarded(ports, handlers, {
    commonEventObject: { hostApp: 'GMAIL', parameters: { action: ACTIONS.registerCertificate, messageId: id, attachment: '0', k }, formInputs: form },
    gmail: { messageId: id, threadId: 'thread-f:1', accessToken: 'token' },
  }, { host: 'gmail', action: 'home', userEmail: PEOPLE.kari });

  it('holds the lock for the records only', () => {
    const ports = warm();
    const id = deliver(ports);
    const held = watchHeld(ports);
    expect(json(click(ports, id, 'key-gmail').reply)).toContain('venter på godkjenning');
    const cert = rows(ports, 'Certifications').at(-1)!;
    expect(live(ports).map((f) => f.id)).toEqual([cert.evidenceFileId]);
    // The leader may open it from the verify list (shared before the lock).
    expect(live(ports)[0]!.readers).toEqual([PEOPLE.per]);
    expect(Object.keys(held.byKind()).filter((k) => !RECORDS_ONLY.has(k))).toEqual([]);
  });

  it('trashes the stored file when the lock cannot be had', () => {
    const ports = warm();
    const id = deliver(ports);
    ports.services.lock.held = true;
    expect(json(click(ports, id, 'key-busy').reply)).toContain('Mange gjør endringer akkurat nå');
    expect(live(ports)).toHaveLength(0);
    expect(trashed(ports)).toHaveLength(1);
    expect(rows(ports, 'Certifications')).toHaveLength(4);
  });

  it('the same click twice at once: one row, one live file', () => {
    const ports = warm();
    const id = deliver(ports);
    beforeLock(ports, () => { click(ports, id, 'key-twice'); });
    const second = click(ports, id, 'key-twice');
    expect(json(second.reply)).toMatch(/allerede/);
    expect(rows(ports, 'Certifications')).toHaveLength(5);
    expect(live(ports).map((f) => f.id)).toEqual([rows(ports, 'Certifications').at(-1)!.evidenceFileId]);
    expect(trashed(ports)).toHaveLength(1);
  });

  it('a commit refused under the lock trashes the file', () => {
    const ports = warm();
    const id = deliver(ports);
    const wb = ports.workbook as MemoryWorkbook;
    wb.handEdit('Certifications', 1, wb.dump('Certifications')!.header.indexOf('evidenceFileId'), 'bevis');
    expect(json(click(ports, id, 'key-column').reply)).not.toContain('venter på godkjenning');
    expect(live(ports)).toHaveLength(0);
    expect(trashed(ports)).toHaveLength(1);
  });
});
