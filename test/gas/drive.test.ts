// The Apps Script Drive adapter's pending-file marks over UrlFetchApp and the Drive double (Drive API v3 as documented):
// the marks go in the call that makes the file (files.create, files.copy `appProperties`), `findMarked` finds exactly the
// marked files made before a moment (`appProperties has { key and value }`, `createdTime <`), and clearing a mark (null)
// takes the file out of the search. Drive's limits on custom properties hold for the marks Kompetent writes.
import { appsScriptWorld } from './apps-script-fakes';
import { driveDoubleFiles, PROPERTY_BYTES_MAX, resetDriveDouble } from '../support/drive-double';
import { serviceAccountDrive } from '../../src/gas/drive';
import { urlFetchTransport } from '../../src/gas/http';
import { withBearer } from '../../src/adapters/google/transport';
import { PENDING_KEY, PENDING_VALUE, pendingMarks } from '../../src/app/common/pending-files';
import { DRIVE_FOLDERS } from '../../src/core/drive-names';

const world = appsScriptWorld('admin@kommune.example');
const g = globalThis as Record<string, unknown>;

beforeEach(() => {
  resetDriveDouble();
  g.UrlFetchApp = world.context.UrlFetchApp;
  g.Utilities = world.context.Utilities;
  world.fetches.length = 0;
});

afterAll(() => {
  delete g.UrlFetchApp;
  delete g.Utilities;
});

function drive() {
  return serviceAccountDrive(withBearer(urlFetchTransport(), () => 'ya29.fake'), () => undefined);
}

const LATER = '2999-01-01T00:00:00Z';
/** The longest request key there can be: a button's `k` of 80 characters (src/app/pipeline/request-key.ts). */
const KEY = `k:${'A'.repeat(80)}`;

describe('Apps Script Drive adapter: pending-file marks', () => {
  it('marks a file in the files.create call itself, and findMarked finds it with its marks', () => {
    const d = drive();
    const folder = d.ensureFolder(['Kompetent', 'Kursbevis']);
    const marks = pendingMarks('2026-11-22T09:00:00Z', 42, KEY, 'key')!;
    const id = d.createFile(folder, 'kursbevis.pdf', 'application/pdf', Buffer.from('%PDF').toString('base64'), marks);
    const plain = d.createFile(folder, 'other.pdf', 'application/pdf', Buffer.from('%PDF').toString('base64'));
    // One files.create with the marks in its metadata, then the content (uploadType=media): never a file without them.
    const create = world.fetches.find((f) => f.method === 'post' && /\/drive\/v3\/files\?/.test(f.url) && (f.body as { name?: string }).name === 'kursbevis.pdf');
    expect((create?.body as { appProperties?: unknown }).appProperties).toEqual(marks);
    expect(driveDoubleFiles().find((f) => f.id === id)).toMatchObject({ appProperties: marks, content: '%PDF' });
    const found = d.findMarked(PENDING_KEY, PENDING_VALUE, LATER, 100);
    expect(found.map((f) => f.id)).toEqual([id]);
    expect(found[0]).toMatchObject({ name: 'kursbevis.pdf', marks });
    expect(found.map((f) => f.id)).not.toContain(plain);
    // The query as Drive documents it, sent URL-encoded.
    const q = new URL(world.fetches.at(-1)!.url).searchParams.get('q');
    expect(q).toBe(`appProperties has { key='${PENDING_KEY}' and value='${PENDING_VALUE}' } and createdTime < '${LATER}' and trashed = false`);
  });

  it('marks a copy (files.copy) and not its template; only files made before the moment are found', () => {
    const d = drive();
    const folder = d.ensureFolder(['Kompetent', 'Maler']);
    const template = d.createFile(folder, 'Mal.docx', 'application/vnd.google-apps.document', Buffer.from('mal').toString('base64'));
    const marks = pendingMarks('2026-11-22T09:00:00Z', 7, undefined)!;
    const copy = d.copy(template, folder, 'Medarbeidersamtale – Kari', marks);
    expect(driveDoubleFiles().find((f) => f.id === copy)).toMatchObject({ name: 'Medarbeidersamtale – Kari', appProperties: marks, content: 'mal' });
    expect(driveDoubleFiles().find((f) => f.id === template)?.appProperties).toBeUndefined();
    expect(d.findMarked(PENDING_KEY, PENDING_VALUE, LATER, 100).map((f) => f.id)).toEqual([copy]);
    // Made after the moment asked for: not yet the sweep's to judge.
    expect(d.findMarked(PENDING_KEY, PENDING_VALUE, '2000-01-01T00:00:00Z', 100)).toEqual([]);
    // Another value of the key: not found.
    expect(d.findMarked(PENDING_KEY, '0', LATER, 100)).toEqual([]);
  });

  it('clearing the marks (null, as Drive deletes a property) or trashing the file takes it out of the search', () => {
    const d = drive();
    const folder = d.ensureFolder(['Kompetent']);
    const marks = pendingMarks('2026-11-22T09:00:00Z', 3, undefined)!;
    const kept = d.createFile(folder, 'a.pdf', 'application/pdf', '', marks);
    const dropped = d.createFile(folder, 'b.pdf', 'application/pdf', '', marks);
    d.setMarks(kept, Object.fromEntries(Object.keys(marks).map((k) => [k, null])));
    expect(driveDoubleFiles().find((f) => f.id === kept)?.appProperties).toBeUndefined();
    expect(d.findMarked(PENDING_KEY, PENDING_VALUE, LATER, 100).map((f) => f.id)).toEqual([dropped]);
    d.trash(dropped);
    expect(d.findMarked(PENDING_KEY, PENDING_VALUE, LATER, 100)).toEqual([]);
  });

  it('the marks Kompetent writes stay within Drive\'s limits on custom properties, which the double enforces', () => {
    const marks = pendingMarks('2026-11-22T09:00:00.000Z', 1_000_000, KEY, 'key')!;
    for (const [k, v] of Object.entries(marks)) expect(Buffer.byteLength(k + v, 'utf8')).toBeLessThanOrEqual(PROPERTY_BYTES_MAX);
    const d = drive();
    const folder = d.ensureFolder(['Kompetent']);
    // A key past 124 bytes with its value, or more than 30 properties: Drive refuses the call, and so does the double.
    expect(() => d.createFile(folder, 'x.pdf', 'application/pdf', '', { kpKey: 'x'.repeat(PROPERTY_BYTES_MAX) })).toThrow(/Drive create failed: HTTP 400/);
    const many = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`k${i}`, 'v']));
    expect(() => d.copy(d.createFile(folder, 'y.pdf', 'application/pdf', ''), folder, 'z', many)).toThrow(/Drive copy failed: HTTP 400/);
  });
});

describe('Apps Script Drive adapter: folders', () => {
  it('finds a folder an earlier version made under its English name, gives it today\'s name and keeps it, contents and all', () => {
    const d = drive();
    // As an earlier version made it: Kompetent/Evidence/e1 with a certificate in it.
    const oldFolder = d.ensureFolder(['Kompetent', 'Evidence', 'e1']);
    const file = d.createFile(oldFolder, 'kursbevis.pdf', 'application/pdf', Buffer.from('%PDF').toString('base64'));
    const evidence = driveDoubleFiles().find((f) => f.name === 'Evidence')!;

    expect(d.ensureFolder([DRIVE_FOLDERS.root, DRIVE_FOLDERS.evidence, 'e1'])).toBe(oldFolder);
    expect(driveDoubleFiles().find((f) => f.id === evidence.id)?.name).toBe('Dokumentasjon');
    expect(driveDoubleFiles().filter((f) => f.name === 'Dokumentasjon')).toHaveLength(1);
    expect(driveDoubleFiles().find((f) => f.id === file)?.parents).toEqual([oldFolder]);
    // Once renamed: one search per folder in the path, as before.
    world.fetches.length = 0;
    expect(d.ensureFolder([DRIVE_FOLDERS.root, DRIVE_FOLDERS.evidence, 'e1'])).toBe(oldFolder);
    expect(world.fetches.map((f) => f.method)).toEqual(['get', 'get', 'get']);
  });

  it('makes a missing folder under today\'s name, after looking for the earlier one', () => {
    const d = drive();
    const made = d.ensureFolder([DRIVE_FOLDERS.root, DRIVE_FOLDERS.recordsArchive]);
    expect(driveDoubleFiles().find((f) => f.id === made)?.name).toBe('Registerarkiv');
    const searched = world.fetches.filter((f) => f.method === 'get').map((f) => new URL(f.url).searchParams.get('q') ?? '');
    expect(searched.some((q) => q.startsWith("name = 'Records archive'"))).toBe(true);
  });
});
