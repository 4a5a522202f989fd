// The app's Drive names: Norwegian today, the English names of earlier versions still known, archive years read from both.
import { archiveName, archiveYearOf, DRIVE_FOLDERS, earlierNames, personShardName, RECORDS_SPREADSHEET } from '../../src/core/drive-names';
import { MemoryDrive } from '../../src/adapters/memory/memory-drive';

describe('Drive names', () => {
  it('are Norwegian, and each renamed folder or file knows its earlier English name', () => {
    expect(Object.values(DRIVE_FOLDERS)).toEqual(['Kompetent', 'Dokumentasjon', 'Samtaler', 'Maler', 'Samtalearkiv', 'Registerarkiv']);
    expect(earlierNames(DRIVE_FOLDERS.evidence)).toEqual(['Evidence']);
    expect(earlierNames(RECORDS_SPREADSHEET)).toEqual(['Kompetent – records']);
    // A name that never changed (an employee id, the root) has none; nor do names of Object.prototype.
    expect(earlierNames('e1')).toEqual([]);
    expect(earlierNames(DRIVE_FOLDERS.root)).toEqual([]);
    expect(earlierNames('constructor')).toEqual([]);
  });

  it('an archive year is read back from today\'s name and from the earlier English one', () => {
    expect(archiveName(2025)).toBe('Kompetent – arkiv 2025');
    expect(archiveYearOf(archiveName(2025))).toBe(2025);
    expect(archiveYearOf('Kompetent – archive 2024')).toBe(2024);
    expect(archiveYearOf('Kompetent – arkiv 25')).toBeUndefined();
    expect(archiveYearOf('Kopi av Kompetent – arkiv 2025')).toBeUndefined();
  });

  it('a person shard is named by its number, in Norwegian, and never had another name', () => {
    expect(personShardName(1)).toBe('Kompetent – personregister 1');
    expect(personShardName(12)).toBe('Kompetent – personregister 12');
    expect(earlierNames(personShardName(1))).toEqual([]);
    expect(archiveYearOf(personShardName(2025))).toBeUndefined();
  });

  it('the local Drive moves a folder kept under its earlier name (a saved workspace) to today\'s name, subfolders included', () => {
    const drive = new MemoryDrive();
    const kari = drive.ensureFolder(['Kompetent', 'Evidence', 'e1']);
    const templates = drive.ensureFolder(['Kompetent', 'Templates']);
    expect(drive.ensureFolder([DRIVE_FOLDERS.root, DRIVE_FOLDERS.evidence, 'e1'])).toBe(kari);
    expect(drive.ensureFolder([DRIVE_FOLDERS.root, DRIVE_FOLDERS.templates])).toBe(templates);
    expect([...drive.folders.keys()].sort()).toEqual(['Kompetent/Dokumentasjon/e1', 'Kompetent/Maler']);
  });
});
