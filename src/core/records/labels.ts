// The records spreadsheet in Norwegian: every table's tab name and every column's header label, in one place (issue 15 §3).
// Code keeps the stable English keys (tables.ts); a tab or column is found by its Norwegian label or by its old English
// key, so a spreadsheet made before the labels keeps working, and everything Kompetent creates carries the labels.
import { TABLES, type TableName } from './tables';
import { TAB_LABELS } from './value-labels';

type FieldsOf<T extends TableName> = keyof (typeof TABLES)[T]['fields'] & string;

/** The tab HR sees for each table (kept beside the value labels: the Audit log's table column uses it too). */
export { TAB_LABELS };
/** Every table has its tab title (a table added to tables.ts without one is a type error here). */
const EVERY_TAB: { readonly [T in TableName]: string } = TAB_LABELS;
void EVERY_TAB;

/**
 * The header label of every column. The mapped type makes a field without a label a type error, and a test checks the
 * labels are unique in their table and never another field's key. "(teknisk)" marks a column the app keeps for itself.
 */
export const COLUMN_LABELS: { readonly [T in TableName]: { readonly [F in FieldsOf<T>]: string } } = {
  Units: { unitId: 'Enhet-ID', name: 'Navn', area: 'Område', parentUnitId: 'Overordnet enhet-ID', leaderEmails: 'Ledere (e-post)' },
  Employees: {
    employeeId: 'Ansatt-ID', email: 'E-post', name: 'Navn', unitId: 'Enhet-ID', roleIds: 'Rolle-ID-er', managerEmail: 'Nærmeste leder (e-post)',
    startDate: 'Startdato', probationEndsOn: 'Prøvetid slutter', status: 'Status', locale: 'Språk',
    chatSpace: 'Chat-samtale (teknisk)', remindedKeys: 'Sendte påminnelser (teknisk)',
  },
  Roles: { roleId: 'Rolle-ID', name: 'Navn', description: 'Beskrivelse' },
  Competences: {
    competenceId: 'Kompetanse-ID', name: 'Navn', category: 'Kategori', validityMonths: 'Gyldighet (måneder)', renewFrom: 'Fornyes fra',
    windowDays: 'Fornyelsesvindu (dager)', satisfiedBy: 'Oppfylles ved', legalBasis: 'Hjemmel',
  },
  Requirements: { roleId: 'Rolle-ID', competenceId: 'Kompetanse-ID', level: 'Nivå', dueWithinDays: 'Frist (dager fra start)', effectiveFrom: 'Gjelder fra' },
  Certifications: {
    certificationId: 'Sertifisering-ID', employeeId: 'Ansatt-ID', competenceId: 'Kompetanse-ID', achievedOn: 'Oppnådd dato',
    expiresOn: 'Utløpsdato', source: 'Kilde', evidenceFileId: 'Dokumentasjon (fil-ID)', verifiedBy: 'Godkjent av (e-post)', state: 'Tilstand',
    note: 'Merknad',
  },
  Courses: {
    courseId: 'Kurs-ID', title: 'Tittel', competenceIds: 'Gir kompetanse (ID-er)', format: 'Form', hours: 'Timer', description: 'Beskrivelse',
    ownerEmail: 'Kursansvarlig (e-post)', targetRoleIds: 'Målgruppe (rolle-ID-er)', active: 'Aktiv',
  },
  Sessions: {
    sessionId: 'Kursdato-ID', courseId: 'Kurs-ID', startsAt: 'Starter', endsAt: 'Slutter', location: 'Sted', capacity: 'Plasser',
    instructorEmail: 'Instruktør (e-post)', signupDeadline: 'Påmeldingsfrist', status: 'Status', calendarEventId: 'Kalenderavtale (teknisk)',
  },
  Enrollments: {
    enrollmentId: 'Påmelding-ID', sessionId: 'Kursdato-ID', employeeId: 'Ansatt-ID', status: 'Status', signedUpAt: 'Meldt på',
    changedAt: 'Endret', signedUpBy: 'Meldt på av (e-post)',
  },
  PlanItems: {
    planItemId: 'Planpunkt-ID', employeeId: 'Ansatt-ID', competenceId: 'Kompetanse-ID', courseId: 'Kurs-ID', goal: 'Mål', dueBy: 'Frist',
    status: 'Status', appraisalId: 'Samtale-ID',
  },
  Appraisals: {
    appraisalId: 'Samtale-ID', employeeId: 'Ansatt-ID', leaderEmail: 'Leder (e-post)', kind: 'Samtaletype', scheduledOn: 'Planlagt dato',
    heldOn: 'Holdt dato', docId: 'Dokument-ID', status: 'Status', nextDueOn: 'Neste samtale innen',
  },
  SkillAssessments: { employeeId: 'Ansatt-ID', area: 'Område', level: 'Nivå (0–4)', assessedOn: 'Vurdert dato' },
  Guides: {
    email: 'E-post', unitIds: 'Enhet-ID-er', topics: 'Temaer', active: 'Aktiv', capacityPerWeek: 'Kapasitet per uke', since: 'Guide siden',
  },
  Questions: {
    questionId: 'Spørsmål-ID', askerEmail: 'Spurt av (e-post)', anonymous: 'Anonymt', unitId: 'Enhet-ID', topic: 'Tema', text: 'Spørsmål',
    status: 'Status', guideEmail: 'Guide (e-post)', threadName: 'Tråd (teknisk)', askedAt: 'Spurt', claimedAt: 'Tatt av guide',
    answeredAt: 'Besvart', resolvedAt: 'Løst', faqId: 'Svar-ID', answer: 'Svar', nudgeLevel: 'Purringer',
    messageName: 'Trådkort (teknisk)', waitingSince: 'Venter siden',
  },
  Faq: {
    faqId: 'Svar-ID', question: 'Spørsmål', answer: 'Svar', topic: 'Tema', ownerEmail: 'Ansvarlig (e-post)', publishedAt: 'Publisert',
    reviewBy: 'Gjennomgås innen', helpful: 'Nyttig', notHelpful: 'Ikke nyttig', views: 'Visninger', voters: 'Stemmer (teknisk)',
  },
  Notifications: {
    notificationId: 'Varsel-ID', kind: 'Type', recipientEmail: 'Mottaker (e-post)', subjectKey: 'Gjelder (teknisk)', channel: 'Kanal',
    sentAt: 'Sendt',
  },
  Outbox: {
    outboxId: 'Utsending-ID', channel: 'Kanal', recipientEmail: 'Mottaker (e-post)', subjectKey: 'Gjelder (teknisk)',
    payload: 'Innhold (teknisk)', createdAt: 'Opprettet', status: 'Status', attempts: 'Forsøk', sentAt: 'Sendt', lastError: 'Siste feil',
  },
  Audit: {
    at: 'Tidspunkt', actorEmail: 'Utført av', action: 'Handling', table: 'Område', key: 'Nøkkel', before: 'Før', after: 'Etter',
    requestKey: 'Forespørsel (teknisk)',
  },
  Settings: { key: 'Innstilling', value: 'Verdi' },
};

/**
 * Labels a column had before, still read as its field (a spreadsheet keeps them until `kompetent provision` renames the
 * header cell): the Endringslogg's «Område» was «Tabell (teknisk)», a word HR did not use.
 */
export const FORMER_LABELS: { readonly [T in TableName]?: { readonly [F in FieldsOf<T>]?: readonly string[] } } = {
  Audit: { table: ['Tabell (teknisk)'] },
};

/** The former labels of a field (none for most). */
export function formerLabels(table: string, field: string): readonly string[] {
  if (!isTable(table)) return [];
  const f = FORMER_LABELS[table] as Readonly<Record<string, readonly string[]>> | undefined;
  return f && Object.prototype.hasOwnProperty.call(f, field) ? f[field]! : [];
}

function isTable(name: string): name is TableName {
  return Object.prototype.hasOwnProperty.call(TABLES, name);
}

/** The tab title Kompetent creates for a table; any other tab (ReadModel, RebuildStage…) keeps its own name. */
export function tabTitle(table: string): string {
  return isTable(table) ? TAB_LABELS[table] : table;
}

/**
 * The titles a table's tab may have, in the order they are looked for: the Norwegian label, then the English key of
 * spreadsheets made before the labels. A name that is no records table (a technical tab) is its only title.
 */
export function tabTitles(table: string): string[] {
  return isTable(table) ? [TAB_LABELS[table], table] : [table];
}

/** The tab among `existing` titles that holds `table` (label first, then the English key), or undefined. */
export function findTab(table: string, existing: (title: string) => boolean): string | undefined {
  return tabTitles(table).find(existing);
}

/** The records table a tab title names (label or English key), or undefined for any other tab. */
export function tableOfTitle(title: string): TableName | undefined {
  const t = title.trim();
  if (isTable(t)) return t;
  return (Object.keys(TAB_LABELS) as TableName[]).find((k) => TAB_LABELS[k] === t);
}

/** The header label of a field (the field itself for a name that is no column of the table). */
export function columnLabel(table: string, field: string): string {
  if (!isTable(table)) return field;
  const labels = COLUMN_LABELS[table] as Readonly<Record<string, string>>;
  return (Object.prototype.hasOwnProperty.call(labels, field) ? labels[field] : undefined) ?? field;
}

/** The header row Kompetent writes for a table: the labels, in field order. */
export function labelledHeader(table: TableName): string[] {
  return Object.keys(TABLES[table].fields).map((f) => columnLabel(table, f));
}

const norm = (s: string) => s.trim().toLowerCase();

/**
 * The column of `header` that holds `field`: the label, the key or a former label as written, then any of them
 * case-insensitively (people retype headers). -1 when the header has none of them.
 */
export function findColumn(table: string, header: readonly string[], field: string): number {
  const names = [columnLabel(table, field), field, ...formerLabels(table, field)];
  for (const n of names) { const i = header.findIndex((h) => h.trim() === n); if (i >= 0) return i; }
  const lower = names.map(norm);
  return header.findIndex((h) => lower.includes(norm(h)));
}

/** Per table, every field by its label, its key and its former labels in lower case (built once: headers are mapped on every read). */
const NAMES = new Map<TableName, Map<string, string>>();
function namesOf(table: TableName): Map<string, string> {
  let m = NAMES.get(table);
  if (!m) {
    m = new Map();
    for (const f of Object.keys(TABLES[table].fields)) {
      m.set(norm(f), f);
      m.set(norm(columnLabel(table, f)), f);
      for (const old of formerLabels(table, f)) m.set(norm(old), f);
    }
    NAMES.set(table, m);
  }
  return m;
}

/** The field a header cell names (label, key or former label, any case), or undefined when it names no field of the table. */
export function fieldOfHeader(table: string, cell: string): string | undefined {
  if (!isTable(table)) return undefined;
  const c = norm(cell);
  return c === '' ? undefined : namesOf(table).get(c);
}

/**
 * The columns of `wanted` (labels or keys) that `have` lacks, where a column counts as present under its label or its
 * key: what ensureTable adds at the end of a header, so an English-headed tab never gets a second column for a field.
 */
export function missingColumns(table: string, have: readonly string[], wanted: readonly string[]): string[] {
  return wanted.filter((w) => {
    const field = fieldOfHeader(table, w);
    if (field === undefined) return !have.includes(w);
    return findColumn(table, have, field) < 0;
  });
}

/**
 * A header cell as columns are matched between tabs of one table (the records, an archive, a person shard): the field it
 * names, by Norwegian label or English key, else its trimmed text.
 */
export function headerKey(table: string, cell: string): string {
  return fieldOfHeader(table, cell) ?? cell.trim();
}

/** For each column of `to`, the column of `from` with the same field (see headerKey; −1: none). */
export function columnMap(table: string, from: readonly string[], to: readonly string[]): number[] {
  const at = new Map(from.map((h, i) => [headerKey(table, h), i]));
  return to.map((h) => at.get(headerKey(table, h)) ?? -1);
}
