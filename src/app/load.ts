// Loads the views a request needs: one cache getAll; what is missing comes from one combined records read and is refilled.
import { normaliseEmail } from '../core/records/cells';
import type { Employee, TableName } from '../core/records/tables';
import type { ReadRequest, RowRange, WorkbookPort } from '../store/ports';
import {
  buildPersonViews, keyOfNeed, PERSON_TABLES, personRowsOf, type CatalogueView, type DirectoryView, type FaqView, type Loaded,
  type Need, type PersonRows, type PersonView, type ReadModel, type SessionsView,
} from '../store/read-model';
import { catalogueOf, directoryOf, faqOf, sessionsOf } from '../store/rebuild';
import type { HealthReport } from '../store/health';
import type { Snapshot } from '../store/records';
import { parseTable, type Located } from '../store/table-parse';

export interface Views {
  dir: DirectoryView;
  cat(): CatalogueView;
  ses(): SessionsView;
  faq(): FaqView;
  health(): HealthReport | undefined;
  /** A person's view, if they were among the needs (undefined: not an employee). */
  person(email: string): PersonView | undefined;
  /** Where a person's rows are (for patching the index after a write). */
  personRows(email: string): PersonRows | undefined;
  /** A feature view (`{ view: key }` need) as cached; undefined when missing (not refilled: the handler answers). */
  view<T>(key: string): T | undefined;
  /** Which shards came from the records instead of the cache (for tests and the bench). */
  refilled: string[];
  /** People (and `shard:ses`) whose view could not be had within the request's budget (cache lost); a rebuild is due. */
  unavailable: string[];
}

const SHARD_TABLES: Record<'dir' | 'cat' | 'ses' | 'faq', TableName[]> = {
  dir: ['Units', 'Guides', 'Settings'],
  cat: ['Roles', 'Competences', 'Requirements', 'Courses'],
  ses: ['Sessions', 'Enrollments'],
  faq: ['Faq'],
};

/**
 * Shards whose refill reads a table that grows with the municipality (seat counts come from the whole Enrollments
 * table: tens of thousands of cells): only jobs refill them. A user request says "being prepared" and asks for a rebuild.
 */
const JOB_ONLY_REFILL: ReadonlySet<string> = new Set(['ses']);

type Plan = Map<TableName, RowRange[] | 'all'>;

function want(plan: Plan, table: TableName, ranges: RowRange[] | 'all'): void {
  const have = plan.get(table);
  if (have === 'all' || ranges === 'all') { plan.set(table, 'all'); return; }
  plan.set(table, [...(have ?? []), ...ranges]);
}

/** Loads the needs (the directory is always loaded: access rules need it). */
export function loadViews(workbook: WorkbookPort, rm: ReadModel, needs: Need[], today: string, opts: { allowFullRead?: boolean } = {}): Views {
  const all: Need[] = [{ shard: 'dir' }, ...needs];
  const personEmails = [...new Set(all.flatMap((n) => ('person' in n ? [normaliseEmail(n.person)] : [])))];
  for (const e of personEmails) all.push({ index: e });
  const loaded: Loaded = rm.load(all);

  const shards = new Map<string, unknown>();
  const plan: Plan = new Map();
  const refilled: string[] = [];
  const unavailable: string[] = [];
  for (const n of all) {
    if (!('shard' in n) || n.shard === 'meta' || n.shard === 'health') continue;
    const v = loaded.get(n.shard);
    if (v !== undefined) shards.set(n.shard, v);
    else if (JOB_ONLY_REFILL.has(n.shard) && !opts.allowFullRead) {
      if (!unavailable.includes(`shard:${n.shard}`)) unavailable.push(`shard:${n.shard}`);
    } else if (!refilled.includes(n.shard)) {
      refilled.push(n.shard);
      for (const t of SHARD_TABLES[n.shard]) want(plan, t, 'all');
    }
  }
  const persons = new Map<string, PersonView | undefined>();
  const rowsOf = new Map<string, PersonRows | undefined>();
  const coldPersons: string[] = [];
  for (const email of personEmails) {
    const view = loaded.person(email);
    const index = loaded.index(email);
    rowsOf.set(email, index?.[email] ?? (view ? personRowsOf(view) : undefined));
    if (view) { persons.set(email, view); continue; }
    if (index && !index[email]) { persons.set(email, undefined); continue; } // not an employee
    const where = index?.[email];
    if (!where && !opts.allowFullRead) {
      // The index is gone too (cache lost): finding this person's rows would mean reading the person tables whole,
      // far beyond an interactive request's cell budget. The caller says "being prepared" and a rebuild is asked for.
      unavailable.push(email);
      persons.set(email, undefined);
      continue;
    }
    coldPersons.push(email);
    refilled.push(keyOfNeed({ person: email }));
    if (where) {
      want(plan, 'Employees', [{ from: where.employeeRow, to: where.employeeRow }]);
      for (const t of PERSON_TABLES) want(plan, t, (where.rows[t] ?? []).map((n) => ({ from: n, to: n })));
    } else {
      want(plan, 'Employees', 'all');
      for (const t of PERSON_TABLES) want(plan, t, 'all');
    }
  }

  if (plan.size > 0) {
    const requests: ReadRequest[] = [...plan].map(([table, r]) => (r === 'all' ? { table } : { table, ranges: r }));
    const results = workbook.read(requests);
    const snap: Snapshot = {};
    for (const r of results) (snap as Record<string, unknown>)[r.table] = parseTable(r.table as TableName, r);
    const build: Record<string, () => unknown> = {
      dir: () => directoryOf(snap), cat: () => catalogueOf(snap), ses: () => sessionsOf(snap, today), faq: () => faqOf(snap),
    };
    for (const s of refilled) {
      if (!build[s]) continue;
      const v = build[s]();
      shards.set(s, v);
      rm.stage(s, v);
    }
    if (coldPersons.length) {
      const employees = ((snap.Employees?.rows ?? []) as Located<Employee>[]).filter((e) => coldPersons.includes(e.row.email));
      const tables = Object.fromEntries(PERSON_TABLES.map((t) => [t, snap[t]?.rows ?? []])) as Parameters<typeof buildPersonViews>[1];
      const views = buildPersonViews(employees, tables);
      for (const email of coldPersons) {
        const v = views.get(email);
        persons.set(email, v);
        if (v) rm.stagePerson(v);
      }
    }
  }

  const fromShard = <T>(name: string): T => {
    if (!shards.has(name)) throw new Error(`View ${name} was not among the needs of this handler`);
    return shards.get(name) as T;
  };
  return {
    dir: fromShard<DirectoryView>('dir'),
    cat: () => fromShard<CatalogueView>('cat'),
    ses: () => fromShard<SessionsView>('ses'),
    faq: () => fromShard<FaqView>('faq'),
    health: () => loaded.get<HealthReport>('health'),
    person: (email) => {
      const e = normaliseEmail(email);
      if (!persons.has(e)) throw new Error(`Person ${e} was not among the needs of this handler`);
      return persons.get(e);
    },
    personRows: (email) => rowsOf.get(normaliseEmail(email)),
    view: <T>(key: string): T | undefined => {
      if (!all.some((n) => 'view' in n && n.view === key)) throw new Error(`View ${key} was not among the needs of this handler`);
      return loaded.get<T>(key);
    },
    refilled,
    unavailable,
  };
}
