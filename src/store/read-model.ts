// The read model in the cache: shared views and compact person records in a fixed set of packs, loaded in one getAll and
// patched after writes.
import { normaliseEmail } from '../core/records/cells';
import type {
  Appraisal, Certification, Competence, Course, Employee, Enrollment, FaqEntry, Guide, PlanItem, Question, Requirement,
  Role, Session, SkillAssessment, Unit,
} from '../core/records/tables';
import type { Codec } from './codec';
import { chunkKeys, decodePack, encodePack, FAMILIES, familyOf, fromChunks, packOf, SINGLES, toChunks, type PackValue } from './packs';
import { decodePerson, encodePerson, personHeaders, type PersonRecord } from './person-records';
import type { CachePort } from './ports';
import { CACHE_LIMITS } from './strict-cache';
import type { Located } from './table-parse';

export interface DirectoryView {
  units: Unit[];
  guides: Guide[];
  adminEmails: string[];
  settings: Record<string, string>;
  /**
   * Names of the people others are told about (leaders, guides, administrators), by e-mail: messages show names, not
   * addresses. Built by the rebuild (which reads Employees); a directory refilled from its small tables has none until
   * the next rebuild, and messages fall back to the address.
   */
  names?: Record<string, string>;
}
export interface CatalogueView { roles: Role[]; competences: Competence[]; requirements: Requirement[]; courses: Course[] }
export interface SessionSeats {
  rowNumber: number; session: Session; enrolled: number; waitlisted: number;
  /** Employee ids on the waitlist, first in line first (courses: waitlist positions). */
  waitlist?: string[];
}
export interface SessionsView {
  sessions: SessionSeats[];
  /** The last Enrollments row seen with data when built or patched (courses: where a new session's roster starts). */
  enrollmentsLastRow?: number;
}
export interface FaqView { entries: Located<FaqEntry>[] }

/** Everything about one person that their own cards need (never appraisal content: that stays in its document). */
export interface PersonView {
  employee: Located<Employee>;
  certifications: Located<Certification>[];
  enrollments: Located<Enrollment>[];
  planItems: Located<PlanItem>[];
  skills: Located<SkillAssessment>[];
  appraisals: Located<Appraisal>[];
  questions: Located<Question>[];
}

export const PERSON_TABLES = ['Certifications', 'Enrollments', 'PlanItems', 'SkillAssessments', 'Appraisals', 'Questions'] as const;
export type PersonTable = (typeof PERSON_TABLES)[number];

/** Where a person's rows are, so a missing person view can be rebuilt with one bounded read. */
export interface PersonRows {
  employeeRow: number;
  rows: Partial<Record<PersonTable, number[]>>;
  /** Whose rows: with person shards, their new rows are in the shard of this id (shards.ts). */
  employeeId?: string;
}

export interface Meta { generation: string; builtAt: string; lastRow: Record<string, number>; employees: number }

export type Need =
  | { shard: 'dir' | 'cat' | 'ses' | 'faq' | 'meta' | 'health' }
  | { person: string }
  /** A feature's own value by read-model key (e.g. `u:<unitId>`); packs.ts says which cache value holds it. */
  | { view: string };

export function keyOfNeed(n: Need): string {
  if ('shard' in n) return n.shard;
  if ('person' in n) return `p:${normaliseEmail(n.person)}`;
  return n.view;
}

/** What the cache says about one key: its value, known not to exist (a complete pack without it), or unknown (lost). */
export type Presence<T> = { state: 'present'; value: T } | { state: 'absent' } | { state: 'unknown' };

/** Values loaded so far in this request, decoded lazily by key. */
export class Loaded {
  constructor(private readonly rm: ReadModel) {}
  get<T>(key: string): T | undefined {
    const p = this.rm.presence<T>(key);
    return p.state === 'present' ? p.value : undefined;
  }
  presence<T>(key: string): Presence<T> { return this.rm.presence<T>(key); }
  dir(): DirectoryView | undefined { return this.get('dir'); }
  cat(): CatalogueView | undefined { return this.get('cat'); }
  ses(): SessionsView | undefined { return this.get('ses'); }
  faq(): FaqView | undefined { return this.get('faq'); }
  meta(): Meta | undefined { return this.get('meta'); }
  /** A person's record: trusted (matches the records) or only good for where their rows are. */
  person(email: string): Presence<{ view: PersonView; trusted: boolean }> { return this.rm.personPresence(email); }
}

type Staged = { value: unknown } | { person: PersonView; trusted: boolean };

/**
 * Reads and patches the read model through the cache port. Values live in a fixed set of packs (packs.ts): `load` is one
 * getAll for every pack the needs touch; `stage` patches entries and `flush` writes the touched packs in one putAll (after
 * one getAll for packs this request staged into without loading them).
 */
export class ReadModel {
  private readonly packs = new Map<string, PackValue | null>();
  private readonly decoded = new Map<string, unknown>();
  /** Packs fetched for needs the access check has not let through yet: their text, unopened (null: not in the cache). */
  private readonly held = new Map<string, string | null>();
  private staged = new Map<string, Map<string, Staged | null>>();

  constructor(private readonly cache: CachePort, private readonly generation: () => string, private readonly codec?: Codec) {}

  /**
   * One getAll for the packs of these needs not loaded yet (plus `pstale` with any person, `meta` for the cold path).
   * `hold`: needs the access check decides, fetched in the same getAll but kept as text, unopened, until `open`.
   */
  load(needs: Need[], hold: Need[] = []): Loaded {
    const keys = needs.map(keyOfNeed);
    const packs = new Set(keys.map(packOf));
    const heldKeys = hold.map(keyOfNeed);
    if ([...keys, ...heldKeys].some((k) => k.startsWith('p:'))) { packs.add('pstale'); packs.add('meta'); }
    this.loadPacks([...packs], heldKeys.map(packOf).filter((p) => !packs.has(p)));
    return new Loaded(this);
  }

  /** Loads whole packs (one getAll; nothing when all are loaded already); `hold`: fetched too, kept unopened. */
  loadPacks(packs: string[], hold: string[] = []): void {
    this.open(packs);
    const todo = [...new Set(packs)].filter((p) => !this.packs.has(p));
    const held = [...new Set(hold)].filter((p) => !this.packs.has(p) && !this.held.has(p) && !todo.includes(p));
    if (todo.length + held.length === 0) return;
    const got = this.cache.getAll([...todo, ...held].flatMap(chunkKeys));
    for (const p of todo) {
      const text = fromChunks(p, got);
      this.packs.set(p, text === undefined ? null : decodePack(text, this.codec) ?? null);
    }
    for (const p of held) this.held.set(p, fromChunks(p, got) ?? null);
  }

  /** Opens held packs (the access check passed): decoded only now. */
  open(packs: string[]): void {
    for (const p of packs) {
      const text = this.held.get(p);
      if (text === undefined) continue;
      this.held.delete(p);
      this.packs.set(p, text === null ? null : decodePack(text, this.codec) ?? null);
    }
  }

  /** A held pack the cache did not have (its durable row may be fetched, unopened, with the asker's own reads). */
  heldLost(pack: string): boolean { return this.held.get(pack) === null; }

  /** Whether a pack was loaded and found (false: lost or never loaded). */
  has(pack: string): boolean { return !!this.packs.get(pack); }
  loadedPacks(): string[] { return [...this.packs.keys()]; }

  presence<T>(key: string): Presence<T> {
    const pack = this.packs.get(packOf(key));
    if (!pack) return { state: 'unknown' };
    if (!(key in pack.e)) return pack.part ? { state: 'unknown' } : { state: 'absent' };
    return { state: 'present', value: pack.e[key] as T };
  }

  /**
   * A person's record and whether it can be trusted: a record this app wrote after a change (unless someone else's change
   * touched the person since), or a record as the last rebuild made it when the change list says nobody touched the
   * person since that rebuild. Anything else only says where their rows are.
   */
  personPresence(email: string): Presence<{ view: PersonView; trusted: boolean }> {
    const key = keyOfNeed({ person: email });
    const p = this.presence<PersonRecord>(key);
    if (p.state !== 'present') return p;
    const pack = this.packs.get(packOf(key))!;
    let got = this.decoded.get(key) as { view: PersonView; trusted: boolean } | undefined;
    if (!got) {
      got = decodePerson(p.value, pack.h ?? personHeaders());
      this.decoded.set(key, got);
    }
    const changes = this.changes();
    const mark = changes?.m[normaliseEmail(email)];
    const trusted = got.trusted ? mark !== 's' : !!changes && mark === undefined && !!pack.g && pack.g === changes.g;
    return { state: 'present', value: { view: got.view, trusted } };
  }

  /** Who changed since the last rebuild (`p`: record rewritten here; `s`: rows changed, record behind). Null: lost. */
  private changes(): ChangeList | null {
    const v = this.packs.get('pstale')?.e.pstale as ChangeList | undefined;
    return v && typeof v === 'object' && v.m ? v : null;
  }

  private markChanged(emails: string[], mark: 'p' | 's'): void {
    const list = this.changes();
    // Lost change list: the records trusted stay trusted; rebuilt ones are not trusted until the next rebuild.
    if (!list) return;
    const m = { ...list.m };
    for (const e of emails) { delete m[e]; m[e] = mark; }
    const keys = Object.keys(m);
    for (const k of keys.slice(0, Math.max(0, keys.length - CHANGES_MAX))) delete m[k];
    const next: ChangeList = { g: list.g, m };
    this.packs.set('pstale', { e: { pstale: next } });
    this.stagePack('pstale', 'pstale', { value: next });
  }

  /** Stages a value (`null`: remove the entry); `flush` writes every touched pack in one putAll. */
  stage(key: string, value: unknown): void {
    if (key.startsWith('p:') && value === null) { this.markStale([key.slice(2)]); return; }
    this.stagePack(packOf(key), key, value === null ? null : { value });
  }

  /** A person's record after a change this request committed, or read back from the records (trusted either way). */
  stagePerson(view: PersonView, trusted = true): void {
    const key = keyOfNeed({ person: view.employee.row.email });
    this.stagePack(packOf(key), key, { person: view, trusted });
    this.loadPacks(['pstale']);
    this.markChanged([normaliseEmail(view.employee.row.email)], 'p');
  }

  /** A person's record as the rebuild made it (not a change: the change list stays as the rebuild set it). */
  stageRebuilt(view: PersonView): void {
    const key = keyOfNeed({ person: view.employee.row.email });
    this.stagePack(packOf(key), key, { person: view, trusted: true });
  }

  /** People whose rows changed without their record being rewritten here: their next request reads their rows. */
  markStale(emails: string[]): void {
    const add = emails.map(normaliseEmail).filter(Boolean);
    if (add.length === 0) return;
    this.loadPacks(['pstale']);
    this.markChanged(add, 's');
  }

  /**
   * Puts a whole pack in place (the rebuild, or a copy from the durable tier), written on flush unless `write` is false
   * (a request that has spent its calls). Entries staged in it still apply.
   */
  putPack(pack: string, value: PackValue, write = true): void {
    this.packs.set(pack, value);
    for (const k of Object.keys(value.e)) this.decoded.delete(k);
    if (write && !this.staged.has(pack)) this.staged.set(pack, new Map());
  }

  /** The pack as loaded (null: lost; undefined: not loaded). */
  pack(pack: string): PackValue | null | undefined { return this.packs.get(pack); }
  decodeText(text: string): PackValue | undefined { return decodePack(text, this.codec); }

  private stagePack(pack: string, key: string, s: Staged | null): void {
    const m = this.staged.get(pack) ?? new Map<string, Staged | null>();
    m.set(key, s);
    this.staged.set(pack, m);
    this.decoded.delete(key);
  }

  /** The text of every staged pack as it will be written (rebuild: for the durable copy too). */
  encodeStaged(): Map<string, string> {
    this.loadPacks([...this.staged.keys()]);
    const out = new Map<string, string>();
    for (const [pack, entries] of this.staged) {
      const base = this.packs.get(pack);
      const next: PackValue = base ? { ...base, e: { ...base.e } } : { e: {}, part: 1 };
      if (familyOf(pack) === 'pb') next.h ??= personHeaders();
      for (const [key, s] of entries) {
        if (s === null) delete next.e[key];
        else if ('person' in s) next.e[key] = encodePerson(s.person, next.h ?? personHeaders(), s.trusted);
        else next.e[key] = s.value;
      }
      const family = familyOf(pack);
      const max = family === 'px' ? FAMILIES.px.maxEntries : undefined;
      if (max) for (const k of Object.keys(next.e).slice(0, Math.max(0, Object.keys(next.e).length - max))) delete next.e[k];
      this.packs.set(pack, next);
      out.set(pack, encodePack(next, this.codec));
    }
    return out;
  }

  /** Writes every staged pack: at most one getAll (packs staged without loading) and one putAll. */
  flush(): void {
    this.flushAll();
  }

  /**
   * Writes every staged pack, in putAll calls of at most `batch` chunks (the rebuild), and removes the chunks a pack
   * written here no longer uses (only when batching: requests never pay a call for it). Returns the texts and chunks.
   */
  flushAll(batch?: number): { texts: Map<string, string>; chunks: Record<string, string> } {
    if (this.staged.size === 0) return { texts: new Map(), chunks: {} };
    const texts = this.encodeStaged();
    this.staged = new Map();
    const chunks: Record<string, string> = {};
    const gen = this.generation();
    for (const [pack, text] of texts) Object.assign(chunks, toChunks(pack, text, gen));
    const entries = Object.entries(chunks);
    const size = batch ?? entries.length;
    for (let i = 0; i < entries.length; i += size) {
      this.cache.putAll(Object.fromEntries(entries.slice(i, i + size)), TTL_SECONDS);
    }
    if (batch) {
      const unused = [...texts.keys()].flatMap((p) => chunkKeys(p)).filter((k) => !(k in chunks));
      if (unused.length) this.cache.removeAll(unused);
    }
    return { texts, chunks };
  }

  /** Drops values (a hand edit of the records): shared ones are removed, people are marked stale, other entries removed. */
  invalidate(keys: string[]): void {
    const singles = keys.filter((k) => (SINGLES as readonly string[]).includes(k));
    if (singles.length) this.cache.removeAll(singles.flatMap(chunkKeys));
    const people = keys.filter((k) => k.startsWith('p:')).map((k) => k.slice(2));
    this.markStale(people);
    for (const k of keys) if (!singles.includes(k) && !k.startsWith('p:')) this.stage(k, null);
    this.flush();
  }
}

/** People in the change list (the rebuild empties it; ~30 bytes each before compression). */
const CHANGES_MAX = 20_000;
/** The `pstale` value: the rebuild's generation and who changed since. */
export interface ChangeList { g: string; m: Record<string, 'p' | 's'> }

/** Groups the person tables by employee (rebuild and cold fallback share it). */
export function buildPersonViews(
  employees: Located<Employee>[],
  tables: { [K in PersonTable]: Located<PersonRow<K>>[] },
): Map<string, PersonView> {
  const byId = new Map<string, PersonView>();
  const byEmail = new Map<string, PersonView>();
  for (const e of employees) {
    const view: PersonView = { employee: e, certifications: [], enrollments: [], planItems: [], skills: [], appraisals: [], questions: [] };
    byId.set(e.row.employeeId, view);
    byEmail.set(e.row.email, view);
  }
  const add = <K extends PersonTable>(table: K, rows: Located<PersonRow<K>>[], field: keyof PersonView) => {
    for (const r of rows) {
      const row = r.row as unknown as Record<string, string>;
      const key = table === 'Questions' ? row.askerEmail : row.employeeId;
      const view = key === undefined ? undefined : table === 'Questions' ? byEmail.get(key) : byId.get(key);
      (view?.[field] as Located<unknown>[] | undefined)?.push(r);
    }
  };
  add('Certifications', tables.Certifications, 'certifications');
  add('Enrollments', tables.Enrollments, 'enrollments');
  add('PlanItems', tables.PlanItems, 'planItems');
  add('SkillAssessments', tables.SkillAssessments, 'skills');
  add('Appraisals', tables.Appraisals, 'appraisals');
  add('Questions', tables.Questions, 'questions');
  return byEmail;
}

export type PersonRow<K extends PersonTable> =
  K extends 'Certifications' ? Certification : K extends 'Enrollments' ? Enrollment : K extends 'PlanItems' ? PlanItem
    : K extends 'SkillAssessments' ? SkillAssessment : K extends 'Appraisals' ? Appraisal : Question;

export function personRowsOf(view: PersonView): PersonRows {
  const nums = (list: Located<unknown>[]) => list.map((l) => l.rowNumber);
  return {
    employeeRow: view.employee.rowNumber,
    employeeId: view.employee.row.employeeId,
    rows: {
      Certifications: nums(view.certifications), Enrollments: nums(view.enrollments), PlanItems: nums(view.planItems),
      SkillAssessments: nums(view.skills), Appraisals: nums(view.appraisals), Questions: nums(view.questions),
    },
  };
}

/** Values stay as long as CacheService allows (6 hours); the hourly rebuild rewrites them long before. */
export const TTL_SECONDS = CACHE_LIMITS.maxTtlSeconds;
