// Evidence files (a scanned certificate): which may be stored, and storing one in the employee's Drive folder as a
// change's `prepare` step — before the write lock, trashed again after it unless the row naming it was committed.
import type { Env, Prepared } from '../../pipeline/handler';
import { DRIVE_FOLDERS } from '../../../core/drive-names';

/** What a scanned certificate may be. */
export const EVIDENCE_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'image/webp'];
/** Competences whose documents must never be stored, only seen (DESIGN.md: police certificates — record a receipt). */
const NO_EVIDENCE_DEFAULT = 'politiattest';

/** Competences whose documents are seen but never stored (Settings noEvidenceCompetences). */
export function noEvidenceCompetences(env: Env): Set<string> {
  return new Set(env.setting('noEvidenceCompetences', NO_EVIDENCE_DEFAULT).split(/[,;\s]+/).filter(Boolean));
}

/** Drive file names: no path separators or control characters. */
function safeName(s: string): string {
  return [...s].map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('').slice(0, 150);
}

export interface StoredEvidence { fileId: string }

/**
 * Stores the evidence in the employee's own folder (never while the lock is held: this runs in `prepare`). The file is
 * trashed after the lock unless `run` called `env.keepPrepared()` once the row naming it was committed.
 */
export function prepareEvidence(env: Env, employeeId: string, label: string, file: { name: string; mimeType: string; base64: string }): Prepared & { value: StoredEvidence } {
  const { drive, log } = env.ports;
  const folder = drive.ensureFolder([DRIVE_FOLDERS.root, DRIVE_FOLDERS.evidence, employeeId]);
  // Marked pending in the same call: if this execution dies before the commit, the heal job trashes the file.
  const fileId = drive.createFile(folder, safeName(`${label} - ${file.name}`), file.mimeType, file.base64.replace(/\s/g, ''), env.fileMarks?.());
  return {
    value: { fileId },
    undo: () => {
      log.info(`${env.req.action}: the certification naming evidence ${fileId} was not committed; the file is trashed`);
      try { drive.trash(fileId); } catch (err) { log.error(`${env.req.action}: could not trash evidence ${fileId}`, err instanceof Error ? err.message : err); }
    },
  };
}
