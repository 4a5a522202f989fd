// Loads the views a request needs: one cache getAll; what the cache lost comes from its small table or the durable copy,
// and a person whose record is not trusted from one read of exactly their rows.
import { normaliseEmail } from '../../core/records/cells';
import type { TableName } from '../../core/records/tables';
import type { ReadRequest, ReadResult, WorkbookPort } from '../../store/ports';
import {
  keyOfNeed, personRowsOf, type CatalogueView, type DirectoryView, type FaqView, type Meta, type Need, type PersonRows,
  type PersonView, type ReadModel, type SessionsView,
} from '../../store/read-model';
import { DURABLE_TABLE, durableRequest, durableTexts } from '../../store/durable';
import { packOf, type PackValue } from '../../store/packs';
import { distrust, type PersonRecord } from '../../store/person-records';
import { personFromRead, personRequests } from '../../store/person-fresh';
import { catalogueOf, directoryOf, faqOf, sessionsOf } from '../../store/rebuild';
import type { HealthReport } from '../../store/health';
import type { Snapshot } from '../../store/records';
import { parseTable } from '../../store/table-parse';

export interface Views {
  dir: DirectoryView;
  cat(): CatalogueView;
  ses(): SessionsView;
  faq(): FaqView;
  health(): HealthReport | undefined;
  /** A person's view, if they were among the needs (undefined: not an employee). */
  person(email: string): PersonView | undefined;
  /** Where a person's rows are. */
  personRows(email: string): PersonRows | undefined;
  /** A feature view (`{ view: key }` need) from the cache or its durable copy; undefined when there is none. */
  view<T>(key: string): T | undefined;
  /** What came from the records or the durable copy instead of the cache (for tests and the bench). */
  refilled: string[];
  /** What could not be had within the request's budget: only before the first rebuild (no durable copy yet). */
  unavailable: string[];
}

const SHARD_TABLES: Record<'dir' | 'cat' | 'faq', TableName[]> = {
  dir: ['Units', 'Guides', 'Settings'],
  cat: ['Roles', 'Competences', 'Requirements', 'Courses'],
  faq: ['Faq'],
};

/**
 * Shared values refilled from their (small) tables when lost; everything else the rebuild builds comes back from the
 * durable copy (the ReadModel tab), one bounded read.
 */
const TABLE_REFILL: ReadonlySet<string> = new Set(Object.keys(SHARD_TABLES));

/**
 * Loads the needs (the directory is always loaded: access rules need it). Warm: one getAll. A lost value: one read of
 * its small table or its durable row (in the same call), and for a person whose record is not trusted one more read of
 * exactly their rows. The values read come back into the cache in the request's one putAll while the request stays
 * within three calls (always for changes and jobs, whose flush writes anyway); `noRefill`: never (a read that loads
 * twice, around its access check, would go past three; the heal job puts lost packs back from their durable copy).
 */
export function loadViews(workbook: Pick<WorkbookPort, 'read'>, rm: ReadModel, needs: Need[], today: string,
  opts: { allowFullRead?: boolean; refill?: boolean; noRefill?: boolean } = {}): Views {
  const all: Need[] = [{ shard: 'dir' }, ...needs];
  const loaded = rm.load(all);
  const keys = [...new Set(all.map(keyOfNeed))];
  const personEmails = [...new Set(all.flatMap((n) => ('person' in n ? [normaliseEmail(n.person)] : [])))];
  const refilled: string[] = [];
  const unavailable: string[] = [];

  // What is lost: shared values refilled from tables, packs from the durable copy.
  const fromTables = keys.filter((k) => TABLE_REFILL.has(k) && loaded.presence(k).state !== 'present');
  const lostPacks = new Set<string>();
  for (const k of keys) {
    if (k.startsWith('p:') || TABLE_REFILL.has(k)) continue;
    if (loaded.presence(k).state === 'unknown') lostPacks.add(packOf(k));
  }
  const persons = new Map<string, PersonView | undefined>();
  const fresh = new Map<string, PersonRows>();
  const findRows: string[] = [];
  for (const email of personEmails) {
    const p = loaded.person(email);
    if (p.state === 'absent') persons.set(email, undefined);
    else if (p.state === 'present' && p.value.trusted) persons.set(email, p.value.view);
    else if (p.state === 'present') fresh.set(email, personRowsOf(p.value.view));
    else { findRows.push(email); lostPacks.add(packOf(keyOfNeed({ person: email }))); }
  }
  const needMeta = fresh.size + findRows.length > 0 && !loaded.meta();
  if (needMeta) lostPacks.add('meta');

  let reads = 0;
  const snap: Snapshot = {};
  const durable = new Map<string, PackValue>();
  const readOnce = (requests: ReadRequest[]) => {
    if (requests.length === 0) return [];
    reads++;
    return workbook.read(requests);
  };
  const firstMeta = () => loaded.meta() ?? (durable.get('meta')?.e.meta as Meta | undefined);
  // Read 1: small tables, durable rows, and the rows of people whose rows are known (when meta is at hand for the tails).
  const freshNow = needMeta ? [] : [...fresh.keys()];
  const first: ReadRequest[] = [
    ...fromTables.flatMap((k) => SHARD_TABLES[k as keyof typeof SHARD_TABLES].map((table) => ({ table }))),
    ...optional(durableRequest([...lostPacks])),
  ];
  const personReads = (emails: string[], meta: Meta | undefined) => emails.flatMap((e) => personRequests(fresh.get(e)!, meta?.lastRow).map((r) => ({ ...r, who: e })));
  const firstPeople = personReads(freshNow, loaded.meta());
  const results1 = readOnce([...first, ...firstPeople.map(({ who: _who, ...r }) => r)]);
  const tableResults = results1.slice(0, first.length);
  for (const r of tableResults) {
    if (r.table === DURABLE_TABLE) {
      for (const [pack, { text }] of durableTexts(r)) {
        const v = rm.decodeText(text);
        if (v) durable.set(pack, pack.startsWith('pb:') ? distrustPack(v) : v);
      }
    } else (snap as Record<string, unknown>)[r.table] = parseTable(r.table as TableName, r);
  }
  const personResults = new Map<string, ReadResult[]>();
  const collect = (reqs: (ReadRequest & { who: string })[], results: ReadResult[]) => {
    reqs.forEach((r, i) => {
      const res = results[i];
      if (!res) throw new Error(`load: ${results.length} answers for ${reqs.length} person reads`);
      personResults.set(r.who, [...(personResults.get(r.who) ?? []), res]);
    });
  };
  collect(firstPeople, results1.slice(first.length));

  // Lost packs come back from the durable copy, merged under what the cache still had of them.
  for (const pack of lostPacks) {
    const copy = durable.get(pack);
    if (!copy) continue;
    const partial = rm.pack(pack);
    rm.putPack(pack, partial ? { ...copy, e: { ...copy.e, ...partial.e } } : copy, false);
    refilled.push(pack);
  }
  // People whose record came back only now (or whose tails needed the durable meta): read 2.
  for (const email of findRows) {
    const p = rm.personPresence(email);
    if (p.state === 'present' && p.value.trusted) persons.set(email, p.value.view);
    else if (p.state === 'present') fresh.set(email, personRowsOf(p.value.view));
    else if (p.state === 'absent') persons.set(email, undefined);
    else { unavailable.push(email); persons.set(email, undefined); }
  }
  const second = [...fresh.keys()].filter((e) => !freshNow.includes(e));
  const secondPeople = personReads(second, firstMeta());
  collect(secondPeople, readOnce(secondPeople.map(({ who: _who, ...r }) => r)));
  for (const email of fresh.keys()) {
    const { view } = personFromRead(personResults.get(email) ?? [], email);
    persons.set(email, view);
    refilled.push(keyOfNeed({ person: email }));
  }

  const write = !opts.noRefill && (opts.refill || opts.allowFullRead || reads <= 1);
  if (write) {
    for (const pack of lostPacks) if (durable.has(pack)) rm.putPack(pack, rm.pack(pack)!);
    for (const email of fresh.keys()) { const v = persons.get(email); if (v) rm.stagePerson(v, true); }
  }
  const shards = new Map<string, unknown>();
  const build: Record<string, () => unknown> = { dir: () => directoryOf(snap), cat: () => catalogueOf(snap), faq: () => faqOf(snap) };
  for (const k of fromTables) {
    const make = build[k];
    if (!make) throw new Error(`load: no builder for the shard ${k}`);
    const v = make();
    shards.set(k, v);
    refilled.push(k);
    if (write) rm.stage(k, v);
  }
  const shard = <T>(name: string): T => {
    if (!keys.includes(name)) throw new Error(`View ${name} was not among the needs of this handler`);
    if (shards.has(name)) return shards.get(name) as T;
    const v = rm.presence<T>(name);
    if (v.state === 'present') return v.value;
    if (name === 'ses' && opts.allowFullRead) {
      const s = sessionsOf(readTablesWhole(workbook, ['Sessions', 'Enrollments']), today);
      shards.set(name, s);
      return s as T;
    }
    throw new Error(`View ${name} is not available`);
  };
  for (const k of ['ses']) {
    if (keys.includes(k) && rm.presence(k).state !== 'present' && !opts.allowFullRead) unavailable.push(`shard:${k}`);
  }
  return {
    dir: shard<DirectoryView>('dir'),
    cat: () => shard<CatalogueView>('cat'),
    ses: () => shard<SessionsView>('ses'),
    faq: () => shard<FaqView>('faq'),
    health: () => rm.presence<HealthReport>('health').state === 'present' ? loaded.get<HealthReport>('health') : undefined,
    person: (email) => {
      const e = normaliseEmail(email);
      if (!persons.has(e)) throw new Error(`Person ${e} was not among the needs of this handler`);
      return persons.get(e);
    },
    personRows: (email) => { const v = persons.get(normaliseEmail(email)); return v ? personRowsOf(v) : undefined; },
    view: <T>(key: string): T | undefined => {
      if (!keys.includes(key)) throw new Error(`View ${key} was not among the needs of this handler`);
      return loaded.get<T>(key);
    },
    refilled,
    unavailable,
  };
}

function optional<T>(x: T | undefined): T[] {
  return x === undefined ? [] : [x];
}

function distrustPack(v: PackValue): PackValue {
  return { ...v, e: Object.fromEntries(Object.entries(v.e).map(([k, rec]) => [k, distrust(rec as PersonRecord)])) };
}

/** Jobs only: whole tables (the sessions view when both the cache and the durable copy lack it). */
function readTablesWhole(workbook: Pick<WorkbookPort, 'read'>, tables: TableName[]): Snapshot {
  const snap: Snapshot = {};
  for (const r of workbook.read(tables.map((table) => ({ table })))) (snap as Record<string, unknown>)[r.table] = parseTable(r.table as TableName, r);
  return snap;
}
