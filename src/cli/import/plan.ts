// The import plan: every data row of a legacy sheet becomes add / change / unchanged / skip / reject with its reasons,
// and the changes (Employees, Certifications) to write. Pure: records and the mapping are passed in.
import { createHash } from 'node:crypto';
import type { IsoDate } from '../../core/records/cells';
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
function valid<T extends 'Employees' | 'Certifications'>(table: T, row: object, column: (field: string) => string | undefined): string | undefined {
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
  return col ? `"${col}" (${field}): ${why}` : `${field}: ${why}`;
}

/** Which mapped column a record field of Employees or Certifications comes from. */
const SOURCE: Record<string, Target> = {
  employeeId: 'employeeId', email: 'email', name: 'name', unitId: 'unit', roleIds: 'role', startDate: 'startDate', managerEmail: 'managerEmail',
  competenceId: 'competence', note: 'note',
};

interface CertIn { competence?: string; competenceIds?: string[]; achieved: string; expires: string; where: string; expiresWhere: string }

export function planImport(input: PlanInput): ImportPlan {
  const { mapping, resolver: r, today } = input;
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
    if (email === 'invalid') reasons.push(`"${get('email')}" in "${colName('email')}" is not an e-mail address`);
    if (empNo === 'invalid') reasons.push(`"${get('employeeId')}" in "${colName('employeeId')}" is not a usable employee number`);
    const name = cleanName(get('firstName'), get('lastName'), get('name'));
    const okEmail = email === 'invalid' ? undefined : email;
    const okNo = empNo === 'invalid' ? undefined : empNo;

    // Who is it: the records by e-mail or employee number, or someone an earlier row of this file adds.
    const recE = okEmail ? byEmail.get(okEmail) : undefined;
    const recI = okNo ? byId.get(okNo) : undefined;
    let existing: Located<Employee> | undefined;
    let pending: { e: Employee; row: number } | undefined;
    if (recE && recI && recE !== recI) {
      reasons.push(`${okEmail} is employee ${recE.row.employeeId} in the records, but ${okNo} is ${recI.row.name}`);
    } else if (recE && okNo && recE.row.employeeId !== okNo) {
      reasons.push(`employee number ${okNo} differs from the records (${recE.row.employeeId} for ${okEmail})`);
    } else existing = recE ?? recI;
    if (!existing && reasons.length === 0) {
      const pE = okEmail ? newByEmail.get(okEmail) : undefined;
      const pI = okNo ? newById.get(okNo) : undefined;
      if ((pE && pI && pE !== pI) || (pE && okNo && pE.e.employeeId !== okNo) || (pI && okEmail && pI.e.email !== okEmail)) {
        reasons.push(`conflicts with row ${(pE ?? pI)!.row} (${(pE ?? pI)!.e.email}, ${(pE ?? pI)!.e.employeeId})`);
      } else pending = pE ?? pI;
    }
    if (!okEmail && !okNo && reasons.length === 0) reasons.push('no e-mail or employee number to tell who this is');

    const unitText = get('unit');
    const unitHit = unitText ? resolve('units', unitText) : undefined;
    const roleTexts = get('role') ? get('role').split(/\s*[,;/]\s*/).filter(Boolean) : [];
    const roleIds = roleTexts.flatMap((t) => resolve('roles', t)?.ids ?? []);
    const unknownRoles = roleTexts.filter((t) => !r.resolve('roles', t));
    const startText = get('startDate');
    const startDate = startText ? parseLegacyDate(startText) : undefined;
    if (startText && !startDate) reasons.push(`"${startText}" in "${colName('startDate')}" is not a date`);
    const mgr = cleanEmail(get('managerEmail'));
    if (mgr === 'invalid') reasons.push(`"${get('managerEmail')}" in "${colName('managerEmail')}" is not an e-mail address`);

    let employeeId: string | undefined;
    if (reasons.length === 0 && existing) {
      employeeId = existing.row.employeeId;
      const base = changed.get(employeeId)?.after ?? existing.row;
      const after: Employee = { ...base };
      const diffs: string[] = [];
      if (name && matchKey(name) !== matchKey(base.name)) { after.name = name; diffs.push(`name ${base.name} → ${name}`); }
      if (okEmail && okEmail !== base.email) { after.email = okEmail; diffs.push(`e-mail ${base.email} → ${okEmail}`); }
      if (unitText && !unitHit) details.push(`unknown unit "${unitText}" (unit not changed)`);
      const newUnit = unitHit?.ids[0];
      if (newUnit && newUnit !== base.unitId) { after.unitId = newUnit; diffs.push(`unit ${r.nameOf('units', base.unitId)} → ${r.nameOf('units', newUnit)}`); }
      if (roleIds.length && [...new Set(roleIds)].sort().join() !== [...(base.roleIds ?? [])].sort().join()) {
        after.roleIds = [...new Set(roleIds)]; diffs.push(`roles ${(base.roleIds ?? []).join(', ') || '–'} → ${after.roleIds.join(', ')}`);
      }
      if (startDate && startDate !== base.startDate) { after.startDate = startDate; diffs.push(`start ${base.startDate ?? '–'} → ${startDate}`); }
      if (mgr && mgr !== 'invalid' && mgr !== base.managerEmail) { after.managerEmail = mgr; diffs.push(`manager ${base.managerEmail ?? '–'} → ${mgr}`); }
      const who = `employee ${employeeId} ${existing.row.name}`;
      if (diffs.length && !input.updatePeople) {
        details.push(`${who} differs from the records: ${diffs.join('; ')} (not changed; --update-people changes it)`);
        bump('unchanged');
      }
      else if (diffs.length) {
        const prev = changed.get(employeeId);
        if (prev && prev.row !== rowNo) details.push(`${who}: ${diffs.join('; ')} conflicts with row ${prev.row}; row ${prev.row} wins`);
        else {
          const problem = valid('Employees', after, sourceOf);
          if (problem) reasons.push(`employee ${employeeId}: ${problem}`);
          else { local.push(update('Employees', existing.rowNumber, existing.row, after)); details.push(`${who}: ${diffs.join('; ')}`); bump('change'); }
        }
      } else bump('unchanged');
    } else if (reasons.length === 0 && pending) {
      employeeId = pending.e.employeeId;
      bump('unchanged');
    } else if (reasons.length === 0) {
      if (!okEmail) reasons.push(`new person${name ? ` ${name}` : ''} without an e-mail address`);
      if (!name) reasons.push('new person without a name');
      if (!first('unit')) reasons.push('new person, and no column is mapped to unit');
      else if (!unitText) reasons.push(`new person without a unit in "${colName('unit')}"`);
      else if (!unitHit) reasons.push(`unknown unit "${unitText}"`);
      else if (unitHit.ids.length !== 1) reasons.push(`"${unitText}" names more than one unit`);
      if (reasons.length === 0) {
        const e: Employee = { employeeId: okNo ?? importIds.employee(okEmail!), email: okEmail!, name: name!, unitId: unitHit!.ids[0] ?? '',
          roleIds: roleIds.length ? [...new Set(roleIds)] : undefined, status: 'active',
          ...(startDate ? { startDate } : {}), ...(mgr && mgr !== 'invalid' ? { managerEmail: mgr } : {}) };
        const problem = valid('Employees', e, sourceOf);
        if (problem) reasons.push(problem);
        else {
          employeeId = e.employeeId;
          local.push(insert('Employees', e));
          details.push(`new employee ${e.employeeId} ${e.name} <${e.email}>, ${r.nameOf('units', e.unitId)}${okNo ? '' : ' (number generated)'}`);
          if (unknownRoles.length) details.push(`unknown role${unknownRoles.length > 1 ? 's' : ''} ${unknownRoles.map((t) => `"${t}"`).join(', ')} left out`);
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
        reasons.push(`"${c.key}" has an expiry but no column gives the date for ${r.nameOf('competences', id)}`);
      }
    }
    const note = get('note');
    for (const c of certs) {
      let ids = c.competenceIds;
      if (!ids) {
        if (!c.competence) { reasons.push(`a date ("${c.achieved}") but no course in "${colName('competence')}"`); continue; }
        const hit = resolve('competences', c.competence);
        if (!hit) { reasons.push(`unknown course or competence "${c.competence}"`); continue; }
        ids = hit.ids;
      }
      const label = ids.map((id) => r.nameOf('competences', id)).join(' + ');
      if (!c.achieved) { reasons.push(`no date for ${label} in "${c.where}"`); continue; }
      const achievedOn = parseLegacyDate(c.achieved);
      if (!achievedOn) { reasons.push(`"${c.achieved}" in "${c.where}" is not a date (${label})`); continue; }
      if (achievedOn > today) { reasons.push(`${label} achieved ${achievedOn}, which is in the future`); continue; }
      const expiresOn = c.expires ? parseLegacyDate(c.expires) : undefined;
      if (c.expires && !expiresOn) { reasons.push(`"${c.expires}" in "${c.expiresWhere}" is not a date (expiry of ${label})`); continue; }
      if (expiresOn && expiresOn < achievedOn) { reasons.push(`${label} expires ${expiresOn}, before it was achieved (${achievedOn})`); continue; }
      if (!employeeId) continue;
      for (const competenceId of ids) {
        const cname = r.nameOf('competences', competenceId);
        const key = certKey({ employeeId, competenceId, achievedOn });
        const inRecords = recorded.get(key);
        if (inRecords) {
          if (expiresOn && inRecords.row.expiresOn && inRecords.row.expiresOn !== expiresOn) {
            reasons.push(`${cname} ${achievedOn} is recorded (Certifications row ${inRecords.rowNumber}) expiring ${inRecords.row.expiresOn}, the file says ${expiresOn}`);
          } else { details.push(`${cname} ${achievedOn} already recorded`); bump('unchanged'); }
          continue;
        }
        const dup = fileCerts.get(key);
        if (dup !== undefined) { details.push(`${cname} ${achievedOn}: duplicate of row ${dup}`); continue; }
        const cert: Certification = { certificationId: importIds.certification(employeeId, competenceId, achievedOn), employeeId, competenceId,
          achievedOn, source: 'import', state: 'valid', ...(expiresOn ? { expiresOn } : {}), ...(note ? { note } : {}) };
        const problem = valid('Certifications', cert, (f) => (f === 'achievedOn' ? c.where : f === 'expiresOn' ? c.expiresWhere : sourceOf(f)));
        if (problem) { reasons.push(`${cname}: ${problem}`); continue; }
        local.push(insert('Certifications', cert));
        details.push(`${cname} ${achievedOn}${expiresOn ? ` (valid to ${expiresOn})` : ''}${note ? ' with a note' : ''}`);
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
