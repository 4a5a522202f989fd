// A person's rows as a compact record for the person packs: rows as arrays in field order (names once per pack), with
// their sheet row numbers, and whether the record is known to match the records (trusted) or only says where rows are.
import { headerOf, type TableName } from '../core/records/tables';
import type { Located } from './table-parse';
import type { PersonView } from './read-model';

const TABLES = ['Employees', 'Certifications', 'Enrollments', 'PlanItems', 'SkillAssessments', 'Appraisals', 'Questions'] as const;
const FIELDS: Record<(typeof TABLES)[number], keyof PersonView> = {
  Employees: 'employee', Certifications: 'certifications', Enrollments: 'enrollments', PlanItems: 'planItems',
  SkillAssessments: 'skills', Appraisals: 'appraisals', Questions: 'questions',
};

/** [trusted, employee, certifications, enrollments, planItems, skills, appraisals, questions]; a row is [rowNumber, ...values]. */
export type PersonRecord = [0 | 1, unknown[], unknown[][], unknown[][], unknown[][], unknown[][], unknown[][], unknown[][]];

/** Field order of every person table (stored once in each person pack, so a record decodes even after fields are added). */
export function personHeaders(): Record<string, string[]> {
  return Object.fromEntries(TABLES.map((t) => [t, headerOf(t as TableName)]));
}

function rowOf(l: Located<unknown>, fields: readonly string[]): unknown[] {
  const r = l.row as Record<string, unknown>;
  return [l.rowNumber, ...fields.map((f) => (r[f] === undefined ? null : r[f]))];
}

function located(a: unknown[], fields: readonly string[]): Located<never> {
  const row: Record<string, unknown> = {};
  fields.forEach((f, i) => { if (a[i + 1] !== null && a[i + 1] !== undefined) row[f] = a[i + 1]; });
  return { rowNumber: a[0] as number, row: row as never };
}

/** A table's header as the record was packed with (every person table is in `headers`: a missing one is a bug). */
function fieldsOf(headers: Record<string, string[]>, table: string): string[] {
  const fields = headers[table];
  if (!fields) throw new Error(`person record: no header for ${table}`);
  return fields;
}

export function encodePerson(view: PersonView, headers: Record<string, string[]>, trusted: boolean): PersonRecord {
  const list = (t: (typeof TABLES)[number]) => (view[FIELDS[t]] as Located<unknown>[]).map((l) => rowOf(l, fieldsOf(headers, t)));
  return [trusted ? 1 : 0, rowOf(view.employee, fieldsOf(headers, 'Employees')), list('Certifications'), list('Enrollments'), list('PlanItems'),
    list('SkillAssessments'), list('Appraisals'), list('Questions')];
}

export function decodePerson(rec: PersonRecord, headers: Record<string, string[]>): { view: PersonView; trusted: boolean } {
  const list = (i: number, t: (typeof TABLES)[number]) => (rec[i] as unknown[][]).map((a) => located(a, fieldsOf(headers, t)));
  return {
    trusted: rec[0] === 1,
    view: {
      employee: located(rec[1], fieldsOf(headers, 'Employees')),
      certifications: list(2, 'Certifications'), enrollments: list(3, 'Enrollments'), planItems: list(4, 'PlanItems'),
      skills: list(5, 'SkillAssessments'), appraisals: list(6, 'Appraisals'), questions: list(7, 'Questions'),
    },
  };
}

/** A record marked untrusted (refilled from the durable copy: right row numbers, possibly old values). */
export function distrust(rec: PersonRecord): PersonRecord {
  return [0, ...rec.slice(1)] as PersonRecord;
}
