// Provisions the local Drive like `kompetent provision` does a tenant's: the Kompetent folders and the default appraisal
// templates (one shared source, src/core/appraisal-templates.ts) as documents in the Docs twin; returns their Settings.
import type { AppraisalKind } from '../../core/appraisal';
import { TEMPLATES } from '../../core/appraisal-templates';
import { DRIVE_FOLDERS } from '../../core/drive-names';
import { documentFrom } from './docs-twin';
import { DOCUMENT_MIME } from './memory-drive';
import type { LocalServices } from './memory-services';

export const TEMPLATE_IDS: Record<AppraisalKind, string> = {
  development: 'template-development',
  probation: 'template-probation',
  'life-phase': 'template-life-phase',
};

/** The folders provision makes under Kompetent/ and the Settings keys that name them (src/cli/provision.ts). */
const FOLDERS = { evidenceFolderId: DRIVE_FOLDERS.evidence, appraisalsFolderId: DRIVE_FOLDERS.appraisals, templatesFolderId: DRIVE_FOLDERS.templates,
  archiveFolderId: DRIVE_FOLDERS.archive } as const;

/**
 * Puts the default templates into the local Drive and Docs (a template HR has edited is left alone) and returns the
 * Settings rows that point at them and at the folders (templateDevelopment, …, appraisalsFolderId, archiveFolderId).
 */
export function seedDefaultTemplates(services: Pick<LocalServices, 'drive' | 'docs'>): Record<string, string> {
  const { drive, docs } = services;
  const settings: Record<string, string> & Record<keyof typeof FOLDERS, string> = {
    ...(Object.fromEntries(Object.entries(FOLDERS).map(([key, name]) => [key, drive.ensureFolder([DRIVE_FOLDERS.root, name])])) as Record<keyof typeof FOLDERS, string>),
  };
  for (const t of TEMPLATES) {
    const id = TEMPLATE_IDS[t.kind];
    if (!drive.files.has(id)) {
      drive.files.set(id, { id, name: t.name, mimeType: DOCUMENT_MIME, folderId: settings.templatesFolderId, content: '', readers: [], writers: [], commenters: [] });
    }
    if (!docs.docs.has(id)) docs.docs.set(id, documentFrom(id, t.name, t.blocks));
    settings[t.settingKey] = id;
  }
  return settings;
}
