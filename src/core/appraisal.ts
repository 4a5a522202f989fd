// The appraisal model (issue 7): kinds and intervals, who is due, the probation schedule (AML § 15-6), status steps,
// and reading the agreed-actions table a leader typed into the document. Pure: dates and settings are passed in.
import { addDays, addMonths } from './dates';
import { parseDate } from './records/cells';
import { APPRAISAL_KIND, type Appraisal, type Employee } from './records/tables';

export type AppraisalKind = Appraisal['kind'];
export type AppraisalStatus = Appraisal['status'];
export const KINDS: readonly AppraisalKind[] = APPRAISAL_KIND;

/** Settings keys that hold the Drive file id of each kind's template. */
export const TEMPLATE_SETTING: Record<AppraisalKind, string> = {
  development: 'templateDevelopment',
  probation: 'templateProbation',
  'life-phase': 'templateLifePhase',
};

export function isKind(s: string): s is AppraisalKind {
  return (KINDS as readonly string[]).includes(s);
}

export interface AppraisalSettings {
  /** Months between conversations of a kind; 0 = only when planned (life-phase by default). Probation has its own plan. */
  intervalMonths: Record<Exclude<AppraisalKind, 'probation'>, number>;
  /** A conversation counts as due this many days before its date. */
  dueSoonDays: number;
  /** Follow-up conversations in probation, in months after the start date. */
  probationFollowUpMonths: number[];
  /** A probation follow-up counts as due this many days before its date. */
  probationDueSoonDays: number;
  /** Leaders are reminded of the last day to extend or conclude probation this many days before it. */
  probationEndNoticeDays: number;
  /** What the employee may do in their document. */
  employeeAccess: 'comment' | 'edit';
  /**
   * The day the records began to hold conversations (`appraisalsRecordedFrom`): someone who started earlier and has no
   * conversation in the records is counted from this day, not from a start date decades back (earlier ones were on paper).
   */
  recordedFrom?: string;
}

/** Working Environment Act § 15-6 (1): probation is at most six months. */
export const PROBATION_MAX_MONTHS = 6;

function int(v: string | undefined, fallback: number, min: number, max: number): number {
  if (v === undefined || v.trim() === '') return fallback;
  const n = Number(v.trim());
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

/** Reads the appraisal settings (Settings table) with defaults for anything missing or unreadable. */
export function appraisalSettings(settings: Record<string, string>): AppraisalSettings {
  const months = (settings.probationFollowUpMonths ?? '').split(/[,;\s]+/).filter(Boolean).map(Number);
  const followUps = months.length > 0 && months.every((m) => Number.isInteger(m) && m > 0 && m < PROBATION_MAX_MONTHS)
    ? [...new Set(months)].sort((a, b) => a - b) : [2, 5];
  return {
    intervalMonths: {
      development: int(settings.appraisalIntervalDevelopment, 12, 0, 120),
      'life-phase': int(settings.appraisalIntervalLifePhase, 0, 0, 120),
    },
    dueSoonDays: int(settings.appraisalDueSoonDays, 30, 0, 365),
    probationFollowUpMonths: followUps,
    probationDueSoonDays: int(settings.probationDueSoonDays, 14, 0, 90),
    probationEndNoticeDays: int(settings.probationEndNoticeDays, 30, 0, 120),
    employeeAccess: (settings.appraisalEmployeeAccess ?? '').trim().toLowerCase() === 'edit' ? 'edit' : 'comment',
    ...(/^\d{4}-\d{2}-\d{2}$/.test((settings.appraisalsRecordedFrom ?? '').trim()) ? { recordedFrom: settings.appraisalsRecordedFrom!.trim() } : {}),
  };
}

/** Appraisal metadata as the views carry it (the Appraisals row; never the conversation's content). */
export type AppraisalMeta = Pick<Appraisal, 'appraisalId' | 'kind' | 'status' | 'scheduledOn' | 'heldOn' | 'nextDueOn' | 'docId'>;

const HELD: readonly AppraisalStatus[] = ['held', 'signed', 'archived'];
const OPEN: readonly AppraisalStatus[] = ['planned', 'prepared'];

export function isHeld(a: Pick<Appraisal, 'status' | 'heldOn'>): boolean {
  return HELD.includes(a.status) && !!a.heldOn;
}
export function isOpen(a: Pick<Appraisal, 'status'>): boolean {
  return OPEN.includes(a.status);
}

/** The last held conversation of a kind (latest heldOn). */
export function lastHeld<T extends AppraisalMeta>(appraisals: readonly T[], kind: AppraisalKind): T | undefined {
  return appraisals.filter((a) => a.kind === kind && isHeld(a)).sort((a, b) => b.heldOn!.localeCompare(a.heldOn!))[0];
}

/** The open (planned or prepared) conversation of a kind, soonest first. */
export function openOf<T extends AppraisalMeta>(appraisals: readonly T[], kind: AppraisalKind): T | undefined {
  return appraisals.filter((a) => a.kind === kind && isOpen(a))
    .sort((a, b) => (a.scheduledOn ?? '9999').localeCompare(b.scheduledOn ?? '9999'))[0];
}

export type DueState = 'overdue' | 'due' | 'scheduled' | 'ok' | 'none';

export interface KindDue {
  kind: AppraisalKind;
  state: DueState;
  /** When the next conversation of this kind should be held. */
  dueOn?: string;
  lastHeldOn?: string;
  /** The planned or prepared one, if any. */
  open?: AppraisalMeta;
}

type Person = Pick<Employee, 'startDate' | 'status'>;

/**
 * Whether a development or life-phase conversation is due: the last one's `nextDueOn`, else its date plus the kind's
 * interval; never held: the start date (or, when later, the day the records began: `recordedFrom`) plus the interval. A planned conversation makes it "scheduled" until its date
 * passes without being held. Nobody is due while on leave or after leaving.
 */
export function dueFor(kind: Exclude<AppraisalKind, 'probation'>, person: Person, appraisals: readonly AppraisalMeta[],
  s: AppraisalSettings, today: string): KindDue {
  const last = lastHeld(appraisals, kind);
  const open = openOf(appraisals, kind);
  const base: KindDue = { kind, state: 'none', lastHeldOn: last?.heldOn, ...(open ? { open } : {}) };
  if (person.status !== 'active') return base;
  const interval = s.intervalMonths[kind];
  const from = person.startDate && s.recordedFrom && s.recordedFrom > person.startDate ? s.recordedFrom : person.startDate;
  const dueOn = last?.nextDueOn
    ?? (interval > 0 ? (last ? addMonths(last.heldOn!, interval) : from ? addMonths(from, interval) : today) : undefined);
  if (open) {
    const on = open.scheduledOn ?? dueOn;
    return { ...base, dueOn: on, state: on && on < today ? 'overdue' : 'scheduled' };
  }
  if (!dueOn) return base;
  const state: DueState = dueOn < today ? 'overdue' : dueOn <= addDays(today, s.dueSoonDays) ? 'due' : 'ok';
  return { ...base, dueOn, state };
}

export interface FollowUp { n: number; dueOn: string; heldOn?: string; state: 'done' | 'overdue' | 'due' | 'upcoming' }

export interface ProbationPlan {
  start: string;
  /** The last day of probation used for reminders: probationEndsOn, at most start + 6 months. */
  end: string;
  /** probationEndsOn as registered. */
  registeredEnd: string;
  /** Set when the registered end is more than six months after the start (allowed only when extended for absence). */
  warning?: 'longer_than_six_months' | 'ends_before_start';
  followUps: FollowUp[];
  /** Last date to extend (in writing, for absence only) or conclude: the end of probation. */
  decision: { by: string; state: 'upcoming' | 'due' | 'passed' };
  /** Not yet ended (including people who have not started yet). */
  active: boolean;
}

/**
 * The probation schedule from the start date and probationEndsOn: follow-ups (by default about 2 and 5 months after
 * the start), each done when that many probation conversations have been held within the period, and the last day to
 * extend or conclude. Undefined for people without both dates.
 */
export function probationPlan(person: Pick<Employee, 'startDate' | 'probationEndsOn'>, appraisals: readonly AppraisalMeta[],
  s: AppraisalSettings, today: string): ProbationPlan | undefined {
  const start = person.startDate;
  const registeredEnd = person.probationEndsOn;
  if (!start || !registeredEnd) return undefined;
  const max = addMonths(start, PROBATION_MAX_MONTHS);
  let warning: ProbationPlan['warning'];
  let end = registeredEnd;
  // Beyond six months is lawful only as an extension for absence told in writing (§ 15-6 (4)): follow the registered
  // date, so the leader is reminded of the real last day, and say what must be true.
  if (registeredEnd > max) warning = 'longer_than_six_months';
  if (registeredEnd < start) { warning = 'ends_before_start'; end = max; }
  const held = appraisals.filter((a) => a.kind === 'probation' && isHeld(a) && a.heldOn! >= start && a.heldOn! <= end)
    .map((a) => a.heldOn!).sort();
  const followUps: FollowUp[] = s.probationFollowUpMonths.map((m, i) => {
    const dueOn = addMonths(start, m) < end ? addMonths(start, m) : addDays(end, -7);
    const heldOn = held[i];
    const state: FollowUp['state'] = heldOn ? 'done' : dueOn < today ? 'overdue' : dueOn <= addDays(today, s.probationDueSoonDays) ? 'due' : 'upcoming';
    return { n: i + 1, dueOn, ...(heldOn ? { heldOn } : {}), state };
  });
  const decision: ProbationPlan['decision'] = {
    by: end,
    state: end < today ? 'passed' : addDays(end, -s.probationEndNoticeDays) <= today ? 'due' : 'upcoming',
  };
  return { start, end, registeredEnd, ...(warning ? { warning } : {}), followUps, decision, active: today <= end };
}

// ---- Status steps ------------------------------------------------------------------------------------------------

export type Step =
  | { do: 'prepare'; docId: string }
  | { do: 'hold'; on: string }
  | { do: 'sign' }
  | { do: 'archive' }
  | { do: 'cancel' };

export type StepResult =
  | { ok: true; next: Appraisal; changed: boolean }
  | { ok: false; reason: 'notHeld' | 'locked' | 'future' | 'closed' | 'noDocument' };

/**
 * planned → prepared → held → signed → archived (cancelled from planned or prepared). Repeating a step that is already
 * done changes nothing (double clicks); the date of a held conversation may be corrected until it is signed.
 */
export function step(a: Appraisal, s: Step, today: string): StepResult {
  const same = (): StepResult => ({ ok: true, next: a, changed: false });
  const to = (patch: Partial<Appraisal>): StepResult => ({ ok: true, next: { ...a, ...patch }, changed: true });
  if (a.status === 'cancelled') return { ok: false, reason: 'closed' };
  switch (s.do) {
    case 'prepare':
      if (a.status === 'prepared' && a.docId === s.docId) return same();
      return a.status === 'planned' ? to({ status: 'prepared', docId: s.docId }) : { ok: false, reason: 'locked' };
    case 'hold':
      if (s.on > today) return { ok: false, reason: 'future' };
      if (a.status === 'held') return a.heldOn === s.on ? same() : to({ heldOn: s.on, scheduledOn: a.scheduledOn ?? s.on });
      if (a.status === 'signed' || a.status === 'archived') return a.heldOn === s.on ? same() : { ok: false, reason: 'locked' };
      return to({ status: 'held', heldOn: s.on, scheduledOn: a.scheduledOn ?? s.on });
    case 'sign':
      if (a.status === 'signed' || a.status === 'archived') return same();
      return a.status === 'held' ? to({ status: 'signed' }) : { ok: false, reason: 'notHeld' };
    case 'archive':
      if (a.status === 'archived') return same();
      if (!a.docId) return { ok: false, reason: 'noDocument' };
      return a.status === 'held' || a.status === 'signed' ? to({ status: 'archived' }) : { ok: false, reason: 'notHeld' };
    case 'cancel':
      return isOpen(a) ? to({ status: 'cancelled' }) : { ok: false, reason: 'locked' };
  }
}

// ---- The agreed-actions table ------------------------------------------------------------------------------------

/** Headers the panel looks for (the table is the first one whose header row has both); English as a fallback. */
export const AGREED_TABLE_HEADERS: readonly [readonly string[], ...(readonly string[])[]] = [['Tiltak', 'Frist'], ['Action', 'Due']];

const COLUMN_NAMES: Record<'action' | 'target' | 'type' | 'due', string[]> = {
  action: ['tiltak', 'action', 'åtgärd'],
  target: ['kompetanse eller mål', 'kompetanse, kurs eller mål', 'competence or goal', 'competence, course or goal', 'kompetens eller mål',
    'kompetens, kurs eller mål'],
  type: ['type', 'typ'],
  due: ['frist', 'due', 'due date', 'deadline', 'senast'],
};

const TYPE_WORDS: Record<string, 'competence' | 'course' | 'goal'> = {
  kompetanse: 'competence', competence: 'competence', kompetens: 'competence',
  kurs: 'course', course: 'course',
  'mål': 'goal', goal: 'goal', 'annet': 'goal', other: 'goal', annat: 'goal',
};

export const MAX_GOAL = 500;

export interface CatalogueRefs {
  competences: readonly { competenceId: string; name: string }[];
  courses: readonly { courseId: string; title: string; competenceIds?: string[] }[];
}

/** One understood row: what to gain (a competence, a course) or a goal in the leader's words, and by when. */
export interface AgreedAction {
  /** 1 = the first row under the header. */
  row: number;
  competenceId?: string;
  courseId?: string;
  goal?: string;
  dueBy: string;
  /** Identifies the action among this appraisal's plan items, so recording twice changes nothing. */
  key: string;
}

export type RowReason = 'noDue' | 'badDue' | 'pastDue' | 'empty' | 'unknownCompetence' | 'unknownCourse' | 'ambiguous' | 'badType'
  | 'duplicate' | 'tooLong';

export interface RowProblem { row: number; reason: RowReason; text: string; value?: string }

export interface TableReading { actions: AgreedAction[]; problems: RowProblem[]; emptyRows: number }

function norm(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase().replace(/[.:;,!]+$/, '');
}

/** A due date as people type it: dd.mm.yyyy, d.m.yyyy, dd/mm/yyyy or yyyy-mm-dd. */
export function parseDue(text: string): string | undefined {
  const s = text.trim().replace(/\//g, '.');
  return s ? parseDate(s) : undefined;
}

/** The key of a plan item from an appraisal (competence, course, or the goal's words). */
export function planKey(item: { competenceId?: string; courseId?: string; goal?: string }): string {
  if (item.courseId) return `course:${item.courseId}`;
  if (item.competenceId) return `competence:${item.competenceId}`;
  return `goal:${norm(item.goal ?? '')}`;
}

type Match = { competenceId?: string; courseId?: string } | 'none' | 'ambiguous';

function matchRefs(text: string, refs: CatalogueRefs, want: 'competence' | 'course' | 'auto'): Match {
  const n = norm(text);
  if (!n) return 'none';
  const comp = want !== 'course' ? refs.competences.find((c) => norm(c.competenceId) === n || norm(c.name) === n) : undefined;
  const course = want !== 'competence' ? refs.courses.find((c) => norm(c.courseId) === n || norm(c.title) === n) : undefined;
  if (comp && course) {
    // A course that grants the competence is the way to gain it; anything else needs the Type column.
    return (course.competenceIds ?? []).includes(comp.competenceId) ? { courseId: course.courseId, competenceId: comp.competenceId } : 'ambiguous';
  }
  if (course) return { courseId: course.courseId, ...((course.competenceIds ?? []).length === 1 ? { competenceId: course.competenceIds![0] } : {}) };
  if (comp) return { competenceId: comp.competenceId };
  return 'none';
}

/**
 * Reads the agreed-actions table (header row first, as DocsPort.readTable returns it). Each row names a competence
 * (id or name), a course (id or title) or a free goal, and a due date; rows that cannot be understood are reported by
 * number and text, and nothing is taken from a table with problems (the caller records all or nothing).
 */
export function readAgreedTable(rows: readonly (readonly string[])[], refs: CatalogueRefs, today: string,
  /** Already recorded with this due date: a past date is then history, not a mistake. */
  recorded: (key: string, dueBy: string) => boolean = () => false): TableReading {
  const header = (rows[0] ?? []).map(norm);
  const col = (k: keyof typeof COLUMN_NAMES) => header.findIndex((h) => COLUMN_NAMES[k].includes(h));
  const cAction = col('action');
  const cTarget = col('target');
  const cType = col('type');
  const cDue = col('due');
  const actions: AgreedAction[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  let emptyRows = 0;
  rows.slice(1).forEach((cells, i) => {
    const row = i + 1;
    const get = (c: number) => (c >= 0 ? (cells[c] ?? '').replace(/\s+/g, ' ').trim() : '');
    const action = get(cAction);
    const target = get(cTarget);
    const typeText = get(cType);
    const dueText = get(cDue);
    const shown = [action, target].filter(Boolean).join(' – ') || dueText;
    if (!action && !target && !typeText && !dueText) { emptyRows++; return; }
    const problem = (reason: RowReason, value?: string) => problems.push({ row, reason, text: shown, ...(value !== undefined ? { value } : {}) });
    if (!action && !target) return problem('empty');
    const type = typeText ? TYPE_WORDS[norm(typeText)] : undefined;
    if (typeText && !type) return problem('badType', typeText);
    if (!dueText) return problem('noDue');
    const dueBy = parseDue(dueText);
    if (!dueBy) return problem('badDue', dueText);
    const pastDue = dueBy < today;

    // The target column names what to gain; without one (or when it holds a goal) the action text may name it.
    let found: { competenceId?: string; courseId?: string } | undefined;
    let words = [action, target].filter(Boolean).join(' – ');
    if (type !== 'goal') {
      const want = type ?? 'auto';
      const tries: [string, string][] = target ? [[target, action], ...(action && !type ? [[action, target] as [string, string]] : [])] : [[action, '']];
      for (const [subject, rest] of tries) {
        const m = matchRefs(subject, refs, want);
        if (m === 'ambiguous') return problem('ambiguous', subject);
        if (m !== 'none') { found = m; words = rest; break; }
      }
      if (!found && type === 'competence') return problem('unknownCompetence', target || action);
      if (!found && type === 'course') return problem('unknownCourse', target || action);
    }
    if (words.length > MAX_GOAL) return problem('tooLong');
    const item: Omit<AgreedAction, 'key'> = { row, ...(found ?? {}), ...(words ? { goal: words } : {}), dueBy };
    const key = planKey(found ?? { goal: words });
    if (pastDue && !recorded(key, dueBy)) return problem('pastDue', dueText);
    if (seen.has(key)) return problem('duplicate', String(seen.get(key)));
    seen.set(key, row);
    actions.push({ ...item, key });
  });
  return { actions, problems, emptyRows };
}

// ---- Templates -----------------------------------------------------------------------------------------------------

/** Every placeholder a template may use (documented in docs/appraisal-templates.md). */
export const PLACEHOLDERS = [
  'employeeName', 'employeeEmail', 'role', 'unit', 'unitName', 'startDate', 'leaderName', 'leaderEmail', 'date', 'kind',
  'competenceStatus', 'courses', 'coursesTaken', 'coursesBooked', 'planItems', 'lastAgreed', 'lastHeldOn', 'probationEndsOn',
  'probationFollowUps', 'municipality',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
