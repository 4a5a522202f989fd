// What Kompetent's Drive folders and files are called: HR browses them in Drive, so they have Norwegian names; the
// English names of earlier versions are still found, and renamed to these where the app or `provision` meets them.

/** The folders under the app's Drive root (DRIVE_ROOT_FOLDER_ID), by purpose. */
export const DRIVE_FOLDERS = {
  root: 'Kompetent',
  /** Course certificates and other evidence, one subfolder per employee id. */
  evidence: 'Dokumentasjon',
  /** Appraisal documents while they are being written. */
  appraisals: 'Samtaler',
  /** The appraisal templates HR edits. */
  templates: 'Maler',
  /** Held appraisals, archived as PDF. */
  archive: 'Samtalearkiv',
  /** The records' closed months of Audit and Notifications, one spreadsheet per year (filled month by month). */
  recordsArchive: 'Registerarkiv',
} as const;

/** The records spreadsheet `provision` makes. */
export const RECORDS_SPREADSHEET = 'Kompetent – registre';

/**
 * The person shard `k` (1-based) `provision --person-shards` makes: a spreadsheet beside the records holding the
 * Certifications and SkillAssessments rows of the employees hashed to it (src/store/shards.ts).
 */
export function personShardName(k: number): string {
  return `Kompetent – personregister ${k}`;
}

/** Earlier names, newest first: what a folder or file was called before it got its name above. */
const EARLIER: Readonly<Record<string, readonly string[]>> = {
  [DRIVE_FOLDERS.evidence]: ['Evidence'],
  [DRIVE_FOLDERS.appraisals]: ['Appraisals'],
  [DRIVE_FOLDERS.templates]: ['Templates'],
  [DRIVE_FOLDERS.archive]: ['Archive'],
  [DRIVE_FOLDERS.recordsArchive]: ['Records archive'],
  [RECORDS_SPREADSHEET]: ['Kompetent – records'],
};

/** The names a folder or file of this name had before (none for a name that never changed, such as an employee id). */
export function earlierNames(name: string): readonly string[] {
  return Object.prototype.hasOwnProperty.call(EARLIER, name) ? EARLIER[name]! : [];
}

/** The name of a year's archive spreadsheet (how the archive shelf finds it again after a run died between create and record). */
export function archiveName(year: number): string {
  return `Kompetent – arkiv ${year}`;
}

/** The year of an archive spreadsheet's name (today's or the earlier English one), or undefined for any other file. */
export function archiveYearOf(name: string): number | undefined {
  const m = /^Kompetent – (?:arkiv|archive) (\d{4})$/.exec(name);
  return m ? Number(m[1]) : undefined;
}
