// The demo's earlier conversations as documents in the local Drive and Docs: every Appraisals row with a docId gets its
// document, copied from the kind's template and shared as the app shares one (leader edits; the employee per Settings).
import { PLACEHOLDERS, TEMPLATE_SETTING } from '../core/appraisal';
import { DRIVE_FOLDERS } from '../core/drive-names';
import type { Appraisal, Employee, Unit } from '../core/records/tables';
import type { LocalServices } from '../adapters/memory/memory-services';

const KIND_TITLE: Record<Appraisal['kind'], string> = {
  development: 'Medarbeidersamtale', probation: 'Oppfølgingssamtale i prøvetiden', 'life-phase': 'Livsfasesamtale',
};

function norwegianDate(iso: string | undefined): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat('nb-NO', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

/** Creates the documents that are missing; returns how many were made. */
export function ensureAppraisalDocs(services: Pick<LocalServices, 'drive' | 'docs'>, rows: {
  appraisals: Appraisal[]; employees: Employee[]; units: Unit[]; settings: Record<string, string>;
}): number {
  const { drive, docs } = services;
  const byId = new Map(rows.employees.map((e) => [e.employeeId, e]));
  const byEmail = new Map(rows.employees.map((e) => [e.email, e]));
  const folder = rows.settings.appraisalsFolderId || drive.ensureFolder([DRIVE_FOLDERS.root, DRIVE_FOLDERS.appraisals]);
  const edit = (rows.settings.appraisalEmployeeAccess ?? '').trim().toLowerCase() === 'edit';
  let made = 0;
  for (const a of rows.appraisals) {
    const e = byId.get(a.employeeId);
    const template = rows.settings[TEMPLATE_SETTING[a.kind]];
    if (!a.docId || !e || !template || drive.files.has(a.docId) || !docs.docs.has(template)) continue;
    const title = `${KIND_TITLE[a.kind]} – ${e.name} – ${a.scheduledOn ?? a.heldOn ?? ''}`;
    drive.files.set(a.docId, { id: a.docId, name: title, mimeType: 'application/vnd.google-apps.document', folderId: folder, content: '',
      readers: [], writers: edit ? [a.leaderEmail, e.email] : [a.leaderEmail], commenters: edit ? [] : [e.email] });
    docs.twin.copy(template, a.docId, title);
    const unit = rows.units.find((u) => u.unitId === e.unitId)?.name ?? e.unitId;
    const known: Record<string, string> = {
      employeeName: e.name, employeeEmail: e.email, unit, unitName: unit, role: (e.roleIds ?? []).join(', ') || '–',
      startDate: norwegianDate(e.startDate), leaderName: byEmail.get(a.leaderEmail)?.name ?? a.leaderEmail, leaderEmail: a.leaderEmail,
      date: norwegianDate(a.heldOn ?? a.scheduledOn), kind: KIND_TITLE[a.kind], probationEndsOn: norwegianDate(e.probationEndsOn),
      lastHeldOn: '–', municipality: rows.settings.municipalityName ?? '',
    };
    const values = Object.fromEntries(PLACEHOLDERS.map((p) => [p, known[p] ?? '(fylt ut fra registeret da dokumentet ble laget)']));
    docs.fillPlaceholders(a.docId, values);
    made++;
  }
  return made;
}
