// The new document is made before the write lock and recorded under it: one live document per appraisal, whatever
// happens between the two (the lock busy, another click of the same button committing first, a lost cache patch).
import { TEMPLATE_IDS } from '../../../../src/adapters/memory/appraisal-templates';
import type { MemoryWorkbook } from '../../../../src/adapters/memory/memory-workbook';
import type { LockPort } from '../../../../src/store/ports';
import type { MemoryCache } from '../../../../src/store/strict-cache';
import { watchHeld } from '../../../support/held-calls';
import { guarded } from '../../../../src/app/pipeline/handle';
import { handlers, msOf, PEOPLE, rebuild, rows, runDocs, setup, type Ports } from './support';

const json = (x: unknown) => JSON.stringify(x);
const liveDocs = (ports: Ports) => [...ports.services.drive.files.values()].filter((f) => !f.trashed && !Object.values(TEMPLATE_IDS).includes(f.id));
const trashed = (ports: Ports) => [...ports.services.drive.files.values()].filter((f) => f.trashed);

/** The leader's "create" click carrying the card's key `k` (a double click, or Google resending it, carries the same). */
const click = (ports: Ports, leader: string, k: string) =>
  runDocs(ports, leader, { action: 'appraisal.create', params: { email: PEOPLE.kari, k }, form: { kind: 'development', date: { ms: msOf('2026-11-25') } } });

/** Runs `between` once, after this request has prepared its document and just before it takes the lock. */
function beforeLock(ports: Ports, between: () => void): void {
  const lock = ports.lock;
  let done = false;
  ports.lock = {
    holding: () => lock.holding?.() ?? false,
    tryLock: (ms: number) => {
      if (!done) { done = true; ports.lock = lock; between(); ports.lock = wrapped; }
      return lock.tryLock(ms);
    },
    release: () => lock.release(),
  };
  const wrapped: LockPort = ports.lock;
}

describe('appraisal.create: the document before the lock, the row under it', () => {
  it('trashes the prepared copy when the lock cannot be had, and records nothing', () => {
    const ports = setup();
    ports.services.lock.held = true;
    const out = click(ports, PEOPLE.per, 'key-busy');
    expect(json(out.reply)).toContain('Mange gjør endringer akkurat nå');
    expect(liveDocs(ports)).toHaveLength(0);
    expect(trashed(ports)).toHaveLength(1);
    expect(rows(ports, 'Appraisals')).toHaveLength(0);
  });

  it('the same click arriving twice at once: the second sees the first commit under the lock, shows its document and trashes its own', () => {
    const ports = setup();
    let first: ReturnType<typeof click> | undefined;
    beforeLock(ports, () => { first = click(ports, PEOPLE.per, 'key-twice'); });
    const held = watchHeld(ports);
    const second = click(ports, PEOPLE.per, 'key-twice');
    expect(json(first!.reply)).toContain('Dokumentet for Kari Nordmann er klart');
    const [row] = rows(ports, 'Appraisals');
    expect(rows(ports, 'Appraisals')).toHaveLength(1);
    expect(liveDocs(ports).map((f) => f.id)).toEqual([row!.docId]);
    expect(trashed(ports)).toHaveLength(1);
    // The second decided again on views read under the lock (a commit had landed since its own were read), found the
    // document and showed it.
    expect(json(second.reply)).toContain('Det finnes allerede et dokument');
    expect(json(second.reply)).toContain(row!.docId);
    // The second's hold: the commit's read found the Audit tab grown, so the views were read again (two getAll, under
    // the lock: the rare path) and nothing was written; no Drive or Docs call.
    expect(held.byKind()).toEqual({ 'workbook.read': 1, 'cache.getAll': 2 });
  });

  it('another leader creating the same conversation meanwhile: one document, theirs', () => {
    const ports = setup();
    beforeLock(ports, () => { click(ports, PEOPLE.guri, 'key-admin'); });
    const mine = click(ports, PEOPLE.per, 'key-leader');
    expect(rows(ports, 'Appraisals')).toHaveLength(1);
    expect(liveDocs(ports).map((f) => f.id)).toEqual([rows(ports, 'Appraisals')[0]!.docId]);
    expect(json(mine.reply)).toContain('Det finnes allerede et dokument');
  });

  it('a retry of a click whose commit landed but whose cache patch was lost: the recorded document stays, the new copy goes', () => {
    const ports = setup();
    const raw = ports.services.rawCache as MemoryCache;
    const before = raw.snapshot();
    click(ports, PEOPLE.per, 'key-lost');
    const [row] = rows(ports, 'Appraisals');
    // The first arrival's cache patch never landed (its execution ended after the write): the cache is as before it.
    raw.restore(before);
    const again = click(ports, PEOPLE.per, 'key-lost');
    expect(rows(ports, 'Appraisals')).toEqual([row]);
    expect(liveDocs(ports).map((f) => f.id)).toEqual([row!.docId]);
    expect(trashed(ports)).toHaveLength(1);
    expect(json(again.reply)).toContain('allerede registrert');
    // The views missed that commit: a rebuild is asked for, and after it the panel knows the recorded document.
    expect(ports.services.rebuildRequests).toBeGreaterThan(0);
    rebuild(ports);
    expect(json(runDocs(ports, PEOPLE.per, { docId: row!.docId }).reply)).toContain('appraisal.recordActions');
  });

  it('right after the hourly rebuild (which stamps Settings): the views read before the lock are still current', () => {
    const ports = setup();
    guarded(ports, handlers, {}, { host: 'job', action: 'job.rebuild', userEmail: '', fromTrigger: true });
    expect(rows(ports, 'Settings').some((r) => r.key === 'readModelBuiltAt')).toBe(true);
    const held = watchHeld(ports);
    expect(json(click(ports, PEOPLE.per, 'key-after-rebuild').reply)).toContain('er klart');
    // Not the stale path (a second read and two getAll under the lock): the stamp's Audit row moved the cache's mark too.
    expect(held.byKind()).toEqual({ 'workbook.read': 1, 'workbook.write': 1, 'cache.putAll': 1 });
  });

  it('a commit refused under the lock (the Appraisals tab lost a column) trashes the copy', () => {
    const ports = setup();
    const wb = ports.workbook as MemoryWorkbook;
    wb.handEdit('Appraisals', 1, wb.dump('Appraisals')!.header.indexOf('docId'), 'dokument');
    const out = click(ports, PEOPLE.per, 'key-column');
    expect(json(out.reply)).not.toContain('er klart');
    expect(liveDocs(ports)).toHaveLength(0);
    expect(rows(ports, 'Appraisals')).toHaveLength(0);
  });
});
