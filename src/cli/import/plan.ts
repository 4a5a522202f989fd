// The import plan: every data row of a legacy sheet becomes add / change / unchanged / skip / reject with its reasons,
// and the changes (Employees, Certifications) to write. Pure: records and the mapping are passed in.
import { createHash } from 'node:crypto';
import type { Translate } from '../../core/i18n';
import type { IsoDate } from '../../core/records/cells';
import { columnLabel, tabTitle } from '../../core/records/labels';
import { tableDef, type Certification, type Employee } from '../../core/records/tables';
import { insert, update, type Change } from '../../store/records';
import { encodeRow, type Located } from '../../store/table-parse';
import { fieldOfHeader, isBlank, isTotalsRow } from './headers';
import type { Mapping, Resolver, Target } from './mapping';
import { cleanEmail, cleanEmployeeNo, cleanName, cleanText, matchKey, parseLegacyDate } from './values';

export type Outcome = 'add' | 'change' | 'unchanged' | 'skip' | 'reject';
export interface RowReport { row: number; outcome: Outcome; details: string[]; reasons: string[] }
type Kind = 'units' | 'roles' | 'competences';

export interface ImportPlan {
  rows: RowReport[];
  changes: Change[];
  /** Rows left out before planning: blank, totals, a repeated header, a line with only a comment. */
  skipped: { blank: number[]; totals: number[]; header: number[]; comment: number[] };
  /** Every legacy text met, and what it resolved to (for the mapping file). */
  texts: Record<Kind, Map<string, { ids?: string[]; how?: 'mapping' | 'exact' | 'guess' }>>;
  counts: Record<Outcome, number> & { employeesAdded: number; employeesChanged: number; certificationsAdded: number };
}

export interface PlanInput {
  mapping: Mapping;
  resolver: Resolver;
  employees: readonly Located<Employee>[];
  certifications: readonly Located<Certification>[];
  today: IsoDate;
  updatePeople: boolean;
  /** The language of the reasons and details (the CLI's locale: src/cli/locale.ts). */
  tr: Translate;
}

function hash(s: string, n: number): string {
  return createHash('sha1').update(s).digest('hex').slice(0, n);
}

/** Ids that stay the same when the same file is imported again. */
export const importIds = {
  employee: (email: string) => `e-${hash(email, 10)}`,
  certification: (employeeId: string, competenceId: string, achievedOn: string) => `imp-${hash(`${employeeId}|${competenceId}|${achievedOn}`, 12)}`,
};

/**
 * Why a record built from the row cannot be stored, or undefined. The message names the file's column the field
 * came from (`column` gives it, e.g. "Kommentar" for note), not only the record's field.
 */
function valid<T extends 'Employees' | 'Certifications'>(tr: Translate, table: T, row: object, column: (field: string) => string | undefined): string | undefined {
  const def = tableDef(table);
  const parsed = def.schema.safeParse(encodeRow(table, row as never));
  let field: string;
  let why: string;
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    field = String(i?.path[0] ?? '');
    why = i?.message ?? '';
  } else {
    const problem = def.check?.(parsed.data as never);
    if (!problem) return undefined;
    field = problem.field;
    why = problem.reason;
  }
  const col = column(field);
  // The field as the records' header names it; the reason in words where the data-health catalogue has them.
  const known = ['required', 'formula', 'invalid_date', 'invalid_datetime', 'invalid_number', 'invalid_integer', 'invalid_bool', 'invalid_enum',
    'invalid_email', 'invalid_id', 'too_long', 'out_of_range', 'expires_before_achieved'];
  const words = known.includes(why) ? tr(`health.reason.${why}` as never, { ref: '' }) : why;
  const label = columnLabel(table, field);
  if (!col) return tr('import.reason.fieldOnly', { field: label, why: words });
  return col.trim().toLowerCase() === label.toLowerCase() ? tr('import.reason.columnOnly', { column: col, why: words })
    : tr('import.reason.field', { column: col, field: label, why: words });
}

/** Which mapped column a record field of Employees or Certifications comes from. */
const SOURCE: Record<string, Target> = {
  employeeId: 'employeeId', email: 'email', name: 'name', unitId: 'unit', roleIds: 'role', startDate: 'startDate', managerEmail: 'managerEmail',
  competenceId: 'competence', note: 'note',
};

interface CertIn { competence?: string; competenceIds?: string[]; achieved: string; expires: string; where: string; expiresWhere: string }

export function planImport(input: PlanInput): ImportPlan {
  const { mapping, resolver: r, today, tr } = input;
  const texts: ImportPlan['texts'] = { units: new Map(), roles: new Map(), competences: new Map() };
  const resolve = (kind: Kind, text: string) => {
    const hit = r.resolve(kind, text);
    texts[kind].set(cleanText(text), { ids: hit?.ids, how: hit?.how });
    return hit;
  };
  const byEmail = new Map(input.employees.map((e) => [e.row.email, e]));
  const byId = new Map(input.employees.map((e) => [e.row.employeeId, e]));
  const certKey = (c: { employeeId: string; competenceId: string; achievedOn: string }) => `${c.employeeId}|${c.competenceId}|${c.achievedOn}`;
  const recorded = new Map(input.certifications.map((c) => [certKey(c.row), c]));
  const newByEmail = new Map<string, { e: Employee; row: number }>();
  const newById = new Map<string, { e: Employee; row: number }>();
  const changed = new Map<string, { change: Change; row: number; after: Employee }>();
  const fileCerts = new Map<string, number>();
  const changes: Change[] = [];
  const rows: RowReport[] = [];
  const skipped: ImportPlan['skipped'] = { blank: [], totals: [], header: [], comment: [] };
  const cols = mapping.columns;
  const first = (t: Target) => cols.find((c) => c.target === t);
  const headerKeys = new Set(mapping.header.labels.map(matchKey).filter(Boolean));

  const data = mapping.sheet.rows;
  for (let i = mapping.header.row + 1; i < data.length; i++) {
    const cells = data[i] ?? [];
    const rowNo = i + 1;
    const get = (t: Target) => {
      const c = first(t);
      return c ? cleanText(cells[c.index] ?? '') : '';
    };
    const mapped = cols.filter((c) => c.target !== 'ignore').map((c) => cleanText(cells[c.index] ?? ''));
    if (isBlank(cells) || mapped.every((v) => v === '')) { skipped.blank.push(rowNo); continue; }
    const noteCol = first('note');
    if (noteCol && cols.every((c) => c.target === 'ignore' || c === noteCol || cleanText(cells[c.index] ?? '') === '')) {
      skipped.comment.push(rowNo);
      continue;
    }
    if (isTotalsRow(cells)) { skipped.totals.push(rowNo); continue; }
    const asHeader = cells.filter((c) => headerKeys.has(matchKey(c)) && fieldOfHeader(c) !== undefined).length;
    if (asHeader >= 2) { skipped.header.push(rowNo); continue; }

    const reasons: string[] = [];
    const details: string[] = [];
    const local: Change[] = [];
    let outcome: Outcome = 'skip';
    const bump = (o: Outcome) => {
      const order: Outcome[] = ['skip', 'unchanged', 'change', 'add'];
      if (order.indexOf(o) > order.indexOf(outcome)) outcome = o;
    };
    const colName = (t: Target) => first(t)?.key ?? t;
    /** The file's column a record field comes from (a name split over first and last name columns names both). */
    const sourceOf = (field: string): string | undefined => {
      if (field === 'name' && !first('name') && (first('firstName') || first('lastName'))) {
        return [first('firstName')?.key, first('lastName')?.key].filter(Boolean).join('" + "');
      }
      const t = SOURCE[field];
      return t ? first(t)?.key : undefined;
    };

    const email = cleanEmail(get('email'));
    const empNo = cleanEmployeeNo(get('employeeId'));
    if (email === 'invalid') reasons.push(tr('import.reason.notEmail', { value: get('email'), column: colName('email') }));
    if (empNo === 'invalid') reasons.push(tr('import.reason.notEmployeeNo', { value: get('employeeId'), column: colName('employeeId') }));
    const name = cleanName(get('firstName'), get('lastName'), get('name'));
    const okEmail = email === 'invalid' ? undefined : email;
    const okNo = empNo === 'invalid' ? undefined : empNo;

    // Who is it: the records by e-mail or employee number, or someone an earlier row of this file adds.
    const recE = okEmail ? byEmail.get(okEmail) : undefined;
    const recI = okNo ? byId.get(okNo) : undefined;
    let existing: Located<Employee> | undefined;
    let pending: { e: Employee; row: number } | undefined;
    if (recE && recI && recE !== recI) {
      reasons.push(tr('import.reason.emailNoMismatch', { email: okEmail, id: recE.row.employeeId, no: okNo, name: recI.row.name }));
    } else if (recE && okNo && recE.row.employeeId !== okNo) {
      reasons.push(tr('import.reason.noDiffers', { no: okNo, id: recE.row.employeeId, email: okEmail }));
    } else existing = recE ?? recI;
    if (!existing && reasons.length === 0) {
      const pE = okEmail ? newByEmail.get(okEmail) : undefined;
      const pI = okNo ? newById.get(okNo) : undefined;
      if ((pE && pI && pE !== pI) || (pE && okNo && pE.e.employeeId !== okNo) || (pI && okEmail && pI.e.email !== okEmail)) {
        reasons.push(tr('import.reason.conflictsRow', { row: String((pE ?? pI)!.row), email: (pE ?? pI)!.e.email, id: (pE ?? pI)!.e.employeeId }));
      } else pending = pE ?? pI;
    }
    if (!okEmail && !okNo && reasons.length === 0) reasons.push(tr('import.reason.noWho'));

    const unitText = get('unit');
    const unitHit = unitText ? resolve('units', unitText) : undefined;
    const roleTexts = get('role') ? get('role').split(/\s*[,;/]\s*/).filter(Boolean) : [];
    const roleIds = roleTexts.flatMap((t) => resolve('roles', t)?.ids ?? []);
    const unknownRoles = roleTexts.filter((t) => !r.resolve('roles', t));
    const startText = get('startDate');
    const startDate = startText ? parseLegacyDate(startText) : undefined;
    if (startText && !startDate) reasons.push(tr('import.reason.notDate', { value: startText, column: colName('startDate') }));
    const mgr = cleanEmail(get('managerEmail'));
    if (mgr === 'invalid') reasons.push(tr('import.reason.notEmail', { value: get('managerEmail'), column: colName('managerEmail') }));

    let employeeId: string | undefined;
    if (reasons.length === 0 && existing) {
      employeeId = existing.row.employeeId;
      const base = changed.get(employeeId)?.after ?? existing.row;
      const after: Employee = { ...base };
      const diffs: string[] = [];
      const diff = (what: 'name' | 'email' | 'unit' | 'roles' | 'start' | 'manager', from: string, to: string) =>
        diffs.push(tr('import.detail.diff', { what: tr(`import.detail.what.${what}`), from, to }));
      if (name && matchKey(name) !== matchKey(base.name)) { after.name = name; diff('name', base.name, name); }
      if (okEmail && okEmail !== base.email) { after.email = okEmail; diff('email', base.email, okEmail); }
      if (unitText && !unitHit) details.push(tr('import.detail.unknownUnitKept', { unit: unitText }));
      const newUnit = unitHit?.ids[0];
      if (newUnit && newUnit !== base.unitId) { after.unitId = newUnit; diff('unit', r.nameOf('units', base.unitId), r.nameOf('units', newUnit)); }
      if (roleIds.length && [...new Set(roleIds)].sort().join() !== [...(base.roleIds ?? [])].sort().join()) {
        after.roleIds = [...new Set(roleIds)]; diff('roles', (base.roleIds ?? []).join(', ') || '–', after.roleIds.join(', '));
      }
      if (startDate && startDate !== base.startDate) { after.startDate = startDate; diff('start', base.startDate ?? '–', startDate); }
      if (mgr && mgr !== 'invalid' && mgr !== base.managerEmail) { after.managerEmail = mgr; diff('manager', base.managerEmail ?? '–', mgr); }
      const who = tr('import.detail.who', { id: employeeId, name: existing.row.name });
      if (diffs.length && !input.updatePeople) {
        details.push(tr('import.detail.differsNotChanged', { who, diffs: diffs.join('; ') }));
        bump('unchanged');
      }
      else if (diffs.length) {
        const prev = changed.get(employeeId);
        if (prev && prev.row !== rowNo) details.push(tr('import.detail.diffConflict', { who, diffs: diffs.join('; '), row: String(prev.row) }));
        else {
          const problem = valid(tr, 'Employees', after, sourceOf);
          if (problem) reasons.push(tr('import.reason.employeeProblem', { id: employeeId, problem }));
          else { local.push(update('Employees', existing.rowNumber, existing.row, after)); details.push(`${who}: ${diffs.join('; ')}`); bump('change'); }
        }
      } else bump('unchanged');
    } else if (reasons.length === 0 && pending) {
      employeeId = pending.e.employeeId;
      bump('unchanged');
    } else if (reasons.length === 0) {
      if (!okEmail) reasons.push(name ? tr('import.reason.newNoEmail', { name }) : tr('import.reason.newNoEmailNoName'));
      if (!name) reasons.push(tr('import.reason.newNoName'));
      if (!first('unit')) reasons.push(tr('import.reason.newNoUnitColumn'));
      else if (!unitText) reasons.push(tr('import.reason.newNoUnit', { column: colName('unit') }));
      else if (!unitHit) reasons.push(tr('import.reason.unknownUnit', { unit: unitText }));
      else if (unitHit.ids.length !== 1) reasons.push(tr('import.reason.unitAmbiguous', { unit: unitText }));
      if (reasons.length === 0) {
        const e: Employee = { employeeId: okNo ?? importIds.employee(okEmail!), email: okEmail!, name: name!, unitId: unitHit!.ids[0] ?? '',
          roleIds: roleIds.length ? [...new Set(roleIds)] : undefined, status: 'active',
          ...(startDate ? { startDate } : {}), ...(mgr && mgr !== 'invalid' ? { managerEmail: mgr } : {}) };
        const problem = valid(tr, 'Employees', e, sourceOf);
        if (problem) reasons.push(problem);
        else {
          employeeId = e.employeeId;
          local.push(insert('Employees', e));
          details.push(tr('import.detail.newEmployee', { id: e.employeeId, name: e.name, email: e.email, unit: r.nameOf('units', e.unitId) })
            + (okNo ? '' : tr('import.detail.numberGenerated')));
          if (unknownRoles.length) details.push(tr('import.detail.unknownRoles', { count: unknownRoles.length, roles: unknownRoles.map((t) => `"${t}"`).join(', ') }));
          bump('add');
        }
      }
    }

    // What the row says was achieved: one course column ("long" lists) or a column per competence ("wide").
    const certs: CertIn[] = [];
    const compText = get('competence');
    if (compText || (first('achievedOn') && get('achievedOn'))) {
      certs.push({ competence: compText, achieved: get('achievedOn'), expires: get('expiresOn'), where: colName('achievedOn'),
        expiresWhere: colName('expiresOn') });
    }
    for (const c of cols) {
      const [, id] = /^achievedOn:(.+)$/.exec(c.target) ?? [];
      const exp = cols.find((x) => x.target === `expiresOn:${id ?? ''}`);
      const achieved = id ? cleanText(cells[c.index] ?? '') : '';
      const expires = exp ? cleanText(cells[exp.index] ?? '') : '';
      if (id && (achieved || expires)) certs.push({ competenceIds: [id], achieved, expires, where: c.key, expiresWhere: exp?.key ?? 'expiresOn' });
    }
    for (const c of cols) {
      const [, id] = /^expiresOn:(.+)$/.exec(c.target) ?? [];
      if (id && cleanText(cells[c.index] ?? '') && !cols.some((x) => x.target === `achievedOn:${id}`)) {
        reasons.push(tr('import.reason.expiryNoDate', { column: c.key, competence: r.nameOf('competences', id) }));
      }
    }
    const note = get('note');
    for (const c of certs) {
      let ids = c.competenceIds;
      if (!ids) {
        if (!c.competence) { reasons.push(tr('import.reason.dateNoCourse', { date: c.achieved, column: colName('competence') })); continue; }
        const hit = resolve('competences', c.competence);
        if (!hit) { reasons.push(tr('import.reason.unknownCompetence', { text: c.competence })); continue; }
        ids = hit.ids;
      }
      const label = ids.map((id) => r.nameOf('competences', id)).join(' + ');
      if (!c.achieved) { reasons.push(tr('import.reason.noDate', { competence: label, column: c.where })); continue; }
      const achievedOn = parseLegacyDate(c.achieved);
      if (!achievedOn) { reasons.push(tr('import.reason.notDateOf', { value: c.achieved, column: c.where, competence: label })); continue; }
      if (achievedOn > today) { reasons.push(tr('import.reason.future', { competence: label, date: achievedOn })); continue; }
      const expiresOn = c.expires ? parseLegacyDate(c.expires) : undefined;
      if (c.expires && !expiresOn) { reasons.push(tr('import.reason.notExpiryDate', { value: c.expires, column: c.expiresWhere, competence: label })); continue; }
      if (expiresOn && expiresOn < achievedOn) { reasons.push(tr('import.reason.expiresBefore', { competence: label, expires: expiresOn, achieved: achievedOn })); continue; }
      if (!employeeId) continue;
      for (const competenceId of ids) {
        const cname = r.nameOf('competences', competenceId);
        const key = certKey({ employeeId, competenceId, achievedOn });
        const inRecords = recorded.get(key);
        if (inRecords) {
          if (expiresOn && inRecords.row.expiresOn && inRecords.row.expiresOn !== expiresOn) {
            reasons.push(tr('import.reason.recordedOtherExpiry', { competence: cname, date: achievedOn, tab: tabTitle('Certifications'),
              row: String(inRecords.rowNumber), recorded: inRecords.row.expiresOn, file: expiresOn }));
          } else { details.push(tr('import.detail.alreadyRecorded', { competence: cname, date: achievedOn })); bump('unchanged'); }
          continue;
        }
        const dup = fileCerts.get(key);
        if (dup !== undefined) { details.push(tr('import.detail.duplicateOf', { competence: cname, date: achievedOn, row: String(dup) })); continue; }
        const cert: Certification = { certificationId: importIds.certification(employeeId, competenceId, achievedOn), employeeId, competenceId,
          achievedOn, source: 'import', state: 'valid', ...(expiresOn ? { expiresOn } : {}), ...(note ? { note } : {}) };
        const problem = valid(tr, 'Certifications', cert, (f) => (f === 'achievedOn' ? c.where : f === 'expiresOn' ? c.expiresWhere : sourceOf(f)));
        if (problem) { reasons.push(`${cname}: ${problem}`); continue; }
        local.push(insert('Certifications', cert));
        details.push(tr('import.detail.certAdded', { competence: cname, date: achievedOn })
          + (expiresOn ? tr('import.detail.validTo', { date: expiresOn }) : '') + (note ? tr('import.detail.withNote') : ''));
        bump('add');
      }
    }

    if (reasons.length > 0) {
      rows.push({ row: rowNo, outcome: 'reject', details: [], reasons });
      continue;
    }
    for (const c of local) {
      changes.push(c);
      if (c.kind === 'insert' && c.table === 'Employees') {
        const e = c.row as Employee;
        const entry = { e, row: rowNo };
        newByEmail.set(e.email, entry);
        newById.set(e.employeeId, entry);
      } else if (c.kind === 'insert' && c.table === 'Certifications') fileCerts.set(certKey(c.row as Certification), rowNo);
      else if (c.kind === 'update') changed.set((c.after as Employee).employeeId, { change: c, row: rowNo, after: c.after as Employee });
    }
    rows.push({ row: rowNo, outcome, details, reasons });
  }
  const counts = { add: 0, change: 0, unchanged: 0, skip: 0, reject: 0, employeesAdded: 0, employeesChanged: 0, certificationsAdded: 0 };
  for (const row of rows) counts[row.outcome]++;
  for (const c of changes) {
    if (c.kind === 'insert' && c.table === 'Employees') counts.employeesAdded++;
    else if (c.kind === 'insert') counts.certificationsAdded++;
    else counts.employeesChanged++;
  }
  return { rows, changes, skipped, texts, counts };
}
