// The read model in the cache: shared views and one view per employee, loaded in one getAll and patched after writes.
import { normaliseEmail } from '../core/records/cells';
import type {
  Appraisal, Certification, Competence, Course, Employee, Enrollment, FaqEntry, Guide, PlanItem, Question, Requirement,
  Role, Session, SkillAssessment, Unit,
} from '../core/records/tables';
import { chunkKeys, fromChunks, toChunks, TTL_SECONDS } from './cache-shards';
import type { CachePort } from './ports';
import type { Located } from './table-parse';

export interface DirectoryView {
  units: Unit[];
  guides: Guide[];
  adminEmails: string[];
  settings: Record<string, string>;
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
export interface PersonRows { employeeRow: number; rows: Partial<Record<PersonTable, number[]>> }

export interface Meta { generation: string; builtAt: string; lastRow: Record<string, number>; employees: number }

export const INDEX_BUCKETS = 64;
const PERSON_CHUNKS = 2;
const INDEX_CHUNKS = 2;

export type Need =
  | { shard: 'dir' | 'cat' | 'ses' | 'faq' | 'meta' | 'health' }
  | { person: string }
  | { index: string }
  /** A feature's own view by cache key (e.g. `u:<unitId>`); never refilled here: a missing one is the handler's to answer. */
  | { view: string };

function bucketOf(email: string): number {
  let h = 0;
  for (const ch of normaliseEmail(email)) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % INDEX_BUCKETS;
}

export function keyOfNeed(n: Need): string {
  if ('shard' in n) return n.shard;
  if ('person' in n) return `p:${normaliseEmail(n.person)}`;
  if ('view' in n) return n.view;
  return `ix:${bucketOf(n.index)}`;
}

function chunksOf(key: string): number {
  if (key.startsWith('p:')) return PERSON_CHUNKS;
  if (key.startsWith('ix:')) return INDEX_CHUNKS;
  return undefined as unknown as number;
}

/** What one getAll returned, decoded lazily by key. */
export class Loaded {
  constructor(private readonly got: Record<string, string>) {}
  get<T>(key: string): T | undefined { return fromChunks<T>(key, this.got); }
  dir(): DirectoryView | undefined { return this.get('dir'); }
  cat(): CatalogueView | undefined { return this.get('cat'); }
  ses(): SessionsView | undefined { return this.get('ses'); }
  faq(): FaqView | undefined { return this.get('faq'); }
  meta(): Meta | undefined { return this.get('meta'); }
  person(email: string): PersonView | undefined { return this.get(keyOfNeed({ person: email })); }
  personRows(email: string): PersonRows | undefined {
    return this.get<Record<string, PersonRows>>(keyOfNeed({ index: email }))?.[normaliseEmail(email)];
  }
  index(email: string): Record<string, PersonRows> | undefined { return this.get(keyOfNeed({ index: email })); }
}

/** Reads and patches the read model through the cache port; every method is at most one cache call. */
export class ReadModel {
  private staged: Record<string, string> = {};

  constructor(private readonly cache: CachePort, private readonly generation: () => string) {}

  load(needs: Need[]): Loaded {
    const keys = new Set<string>();
    for (const n of needs) for (const k of chunkKeys(keyOfNeed(n), chunksOf(keyOfNeed(n)))) keys.add(k);
    return new Loaded(this.cache.getAll([...keys]));
  }

  /** Stages a value; `flush` writes everything staged in one putAll. Returns the cache entries it takes. */
  stage(key: string, value: unknown): string[] {
    const chunks = toChunks(key, value, this.generation());
    Object.assign(this.staged, chunks);
    return Object.values(chunks);
  }
  stagePerson(view: PersonView): void { this.stage(keyOfNeed({ person: view.employee.row.email }), view); }

  flush(): void {
    const values = this.staged;
    this.staged = {};
    this.cache.putAll(values, TTL_SECONDS);
  }

  /** Drops views (e.g. a hand edit of the records): the next request falls back to the records. */
  invalidate(keys: string[]): void {
    const all: string[] = [];
    for (const k of keys) all.push(...chunkKeys(k, chunksOf(k)));
    this.cache.removeAll(all);
  }
}

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
      const view = table === 'Questions' ? byEmail.get(row.askerEmail) : byId.get(row.employeeId);
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
    rows: {
      Certifications: nums(view.certifications), Enrollments: nums(view.enrollments), PlanItems: nums(view.planItems),
      SkillAssessments: nums(view.skills), Appraisals: nums(view.appraisals), Questions: nums(view.questions),
    },
  };
}

export { bucketOf, TTL_SECONDS };
