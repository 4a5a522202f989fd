// The workspace's own state files and the data-folder lock.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentFrom } from '../../src/adapters/memory/docs-twin';
import { localPorts } from '../../src/adapters/memory/memory-services';
import { DataDirBusyError, LOCK_FILE, lockDataDir } from '../../src/workspace/data-lock';
import { StateFiles } from '../../src/workspace/persist';
import { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';

const fresh = () => localPorts(new MemoryWorkbook()).services;

test('services survive a save and load, and name counters go on where they stopped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kompetent-state-'));
  const a = fresh();
  a.chat.createMessage('spaces/GUIDES', { text: 'Første' }, { threadKey: 'q1' });
  a.mail.send({ to: 'kari@kommune.example', subject: 'Påmeldt', text: 'Hei', attachments: [{ fileName: 'kurs.ics', mimeType: 'text/calendar', content: 'BEGIN:VCALENDAR' }] });
  a.calendar.syncEvent({ id: 'kmp5331', title: 'Kurs', startsAt: '2026-12-01T08:00:00Z', endsAt: '2026-12-01T10:00:00Z' }, ['kari@kommune.example'], []);
  const folder = a.drive.ensureFolder(['Kompetent', 'Bevis']);
  a.drive.createFile(folder, 'bevis.pdf', 'application/pdf', 'JVBERi0=');
  a.docs.docs.set('doc1', documentFrom('doc1', 'Samtale', [{ kind: 'text', text: 'Mål' }, { kind: 'table', rows: [['Tiltak', 'Frist']] }]));
  a.clock.advance(86_400_000);
  a.chat.dms.set('kari@kommune.example', 'spaces/dm-kari');
  const files = new StateFiles(dir);
  const ids = files.load(a);
  ids.next('enr');
  expect(files.save(a, ids)).toBe(true);
  expect(files.save(a, ids)).toBe(false); // nothing changed: nothing rewritten

  const b = fresh();
  const ids2 = new StateFiles(dir).load(b);
  expect(b.chat.messages).toEqual(a.chat.messages);
  expect(b.mail.sent).toEqual(a.mail.sent);
  expect([...b.calendar.events.values()]).toEqual([...a.calendar.events.values()]);
  expect([...b.drive.files.values()]).toEqual([...a.drive.files.values()]);
  expect(b.docs.docs.get('doc1')).toEqual(a.docs.docs.get('doc1'));
  expect(b.chat.findDirectMessage('kari@kommune.example')).toBe('spaces/dm-kari');
  expect(Math.abs(b.clock.now().getTime() - a.clock.now().getTime())).toBeLessThan(1000);
  expect({ salt: ids2.salt, n: ids2.n }).toEqual({ salt: ids.salt, n: 1 });
  expect(b.chat.createMessage('spaces/GUIDES', { text: 'Andre' }).name).not.toBe(a.chat.messages[0]!.name);
  expect(b.drive.createFile(folder, 'ny.pdf', 'application/pdf', '')).not.toBe([...a.drive.files.keys()][0]);
});

test('a state file that is not JSON stops the start with a message naming it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kompetent-state-'));
  new StateFiles(dir).save(fresh(), new StateFiles(dir).load(fresh()));
  writeFileSync(join(dir, 'workspace', 'chat.json'), '{"messages": [');
  expect(() => new StateFiles(dir).load(fresh())).toThrow(/chat\.json is not readable JSON/);
});

test('files are replaced atomically (no temp files left behind)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kompetent-state-'));
  const s = fresh();
  const files = new StateFiles(dir);
  const ids = files.load(s);
  files.save(s, ids);
  s.mail.send({ to: 'a@b.no', subject: 'x', text: 'y' });
  files.save(s, ids);
  expect(JSON.parse(readFileSync(join(dir, 'workspace', 'mail.json'), 'utf8')).sent).toHaveLength(1);
  expect(readdirSync(join(dir, 'workspace')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
});

test('the data lock: one holder at a time, released for the next, stale locks taken over', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kompetent-lock-'));
  const release = lockDataDir(dir);
  expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  expect(() => lockDataDir(dir)).toThrow(DataDirBusyError);
  release();
  expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  // Another live process (our parent) holds it.
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid }));
  expect(() => lockDataDir(dir)).toThrow(/process \d+/);
  // A process that is gone does not.
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 11 }));
  const again = lockDataDir(dir);
  expect(statSync(join(dir, LOCK_FILE)).size).toBeGreaterThan(0);
  again();
});
