// The records tables of DESIGN.md: one definition per tab (fields in header order, key, codecs), with inferred types.
import * as z from 'zod/mini';
import { cell, type FieldCodec } from './cells';
import { TAB_LABELS, VALUE_LABELS as L } from './value-labels';
import { AUDIT_ACTION_LABELS } from './action-labels';

export const LOCALES = ['nb', 'en', 'sv'] as const;
export const EMPLOYEE_STATUS = ['active', 'leave', 'left'] as const;
export const COMPETENCE_CATEGORY = ['legal', 'mandatory', 'recommended', 'digital'] as const;
export const RENEW_FROM = ['expiry', 'completion'] as const;
export const SATISFIED_BY = ['course', 'sign-off', 'document'] as const;
export const REQUIREMENT_LEVEL = ['required', 'recommended'] as const;
export const CERT_SOURCE = ['session', 'sign-off', 'document', 'import', 'appraisal'] as const;
export const CERT_STATE = ['valid', 'pending', 'revoked'] as const;
export const COURSE_FORMAT = ['classroom', 'video', 'stream', 'e-learning'] as const;
export const SESSION_STATUS = ['open', 'closed', 'cancelled', 'held'] as const;
export const ENROLLMENT_STATUS = ['enrolled', 'waitlisted', 'cancelled', 'attended', 'no-show'] as const;
export const PLAN_STATUS = ['open', 'done', 'cancelled'] as const;
export const APPRAISAL_KIND = ['development', 'probation', 'life-phase'] as const;
export const APPRAISAL_STATUS = ['planned', 'prepared', 'held', 'signed', 'archived', 'cancelled'] as const;
export const SKILL_AREAS = ['email', 'calendar', 'drive', 'docs', 'sheets', 'chat', 'meet', 'intranet', 'mobile'] as const;
export const QUESTION_STATUS = ['open', 'claimed', 'answered', 'resolved', 'reopened'] as const;
export const NOTIFICATION_KIND = ['reminder', 'digest', 'nudge', 'promotion', 'confirmation', 'announcement', 'verify'] as const;
export const CHANNEL = ['chat', 'mail'] as const;
export const OUTBOX_CHANNEL = ['mail', 'calendar', 'chat'] as const;
export const OUTBOX_STATUS = ['pending', 'sent', 'failed'] as const;

type Fields = Record<string, FieldCodec<unknown>>;

export interface TableDef<F extends Fields = Fields> {
  name: string;
  fields: F;
  /** Field names that together identify a row (empty for the append-only Audit log). */
  key: readonly (keyof F & string)[];
  /** Row-level checks beyond single cells (field, reason). */
  check?: (row: RowOf<F>) => { field: string; reason: string } | undefined;
  schema: z.ZodMiniType<RowOf<F>>;
}

type CodecValue<C> = C extends FieldCodec<infer T> ? T : never;
type OptionalKeys<F extends Fields> = { [K in keyof F]: undefined extends CodecValue<F[K]> ? K : never }[keyof F];
type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** A row: fields that may be empty in the sheet are optional keys. */
export type RowOf<F extends Fields> = Simplify<
  { [K in Exclude<keyof F, OptionalKeys<F>>]: CodecValue<F[K]> } & { [K in OptionalKeys<F>]?: CodecValue<F[K]> }
>;

function table<const F extends Fields>(
  name: string,
  key: readonly (keyof F & string)[],
  fields: F,
  check?: (row: RowOf<F>) => { field: string; reason: string } | undefined,
): TableDef<F> {
  const shape: Record<string, z.ZodMiniType> = {};
  for (const [k, c] of Object.entries(fields)) shape[k] = c.schema;
  return { name, fields, key, check, schema: z.object(shape) as unknown as z.ZodMiniType<RowOf<F>> };
}

export const Units = table('Units', ['unitId'], {
  unitId: cell.id(),
  name: cell.text(),
  area: cell.text(),
  parentUnitId: cell.optId(),
  leaderEmails: cell.emailList(),
});

export const Employees = table('Employees', ['employeeId'], {
  employeeId: cell.id(),
  email: cell.email(),
  name: cell.text(),
  unitId: cell.id(),
  roleIds: cell.list(),
  managerEmail: cell.optEmail(),
  startDate: cell.optDate(),
  probationEndsOn: cell.optDate(),
  status: cell.enum(EMPLOYEE_STATUS, L.employeeStatus),
  locale: cell.optEnum(LOCALES, L.locale),
  /**
   * Kept by the reminder job: the person's Chat DM with the app (`spaces/…`), or `none:<date>` when the app was not
   * installed for them that day (looked up again after a while) — so Chat is asked once, not every run.
   */
  chatSpace: cell.optText(),
  /** Kept by the reminder job: the reminders already sent ("competence:expiresOn:window" words), so none goes twice. */
  remindedKeys: cell.optText(),
});

export const Roles = table('Roles', ['roleId'], {
  roleId: cell.id(),
  name: cell.text(),
  description: cell.optText(),
});

export const Competences = table('Competences', ['competenceId'], {
  competenceId: cell.id(),
  name: cell.text(),
  category: cell.enum(COMPETENCE_CATEGORY, L.competenceCategory),
  validityMonths: cell.optInt(1, 600),
  renewFrom: cell.optEnum(RENEW_FROM, L.renewFrom),
  windowDays: cell.optInt(0, 3650),
  satisfiedBy: cell.enumList(SATISFIED_BY, L.satisfiedBy),
  legalBasis: cell.optText(),
});

export const Requirements = table('Requirements', ['roleId', 'competenceId'], {
  roleId: cell.id(),
  competenceId: cell.id(),
  level: cell.enum(REQUIREMENT_LEVEL, L.requirementLevel),
  dueWithinDays: cell.optInt(0, 3650),
  /**
   * The day the requirement took effect for the role (set when HR adds it, or first gives it a deadline): someone who
   * started before it has `dueWithinDays` from this day, not from their start. Empty: from each person's start.
   */
  effectiveFrom: cell.optDate(),
});

export const Certifications = table('Certifications', ['certificationId'], {
  certificationId: cell.id(),
  employeeId: cell.id(),
  competenceId: cell.id(),
  achievedOn: cell.date(),
  expiresOn: cell.optDate(),
  source: cell.enum(CERT_SOURCE, L.certSource),
  evidenceFileId: cell.optText(),
  verifiedBy: cell.optEmail(),
  state: cell.enum(CERT_STATE, L.certState),
  note: cell.optText(),
}, (r) => (r.expiresOn && r.expiresOn < r.achievedOn ? { field: 'expiresOn', reason: 'expires_before_achieved' } : undefined));

export const Courses = table('Courses', ['courseId'], {
  courseId: cell.id(),
  title: cell.text(),
  competenceIds: cell.list(),
  format: cell.enum(COURSE_FORMAT, L.courseFormat),
  hours: cell.optNumber(),
  description: cell.optText(),
  ownerEmail: cell.optEmail(),
  targetRoleIds: cell.list(),
  active: cell.bool(),
});

export const Sessions = table('Sessions', ['sessionId'], {
  sessionId: cell.id(),
  courseId: cell.id(),
  startsAt: cell.datetime(),
  endsAt: cell.datetime(),
  location: cell.optText(),
  capacity: cell.int(0, 100000),
  instructorEmail: cell.optEmail(),
  signupDeadline: cell.optDate(),
  status: cell.enum(SESSION_STATUS, L.sessionStatus),
  calendarEventId: cell.optText(),
}, (r) => (r.endsAt < r.startsAt ? { field: 'endsAt', reason: 'ends_before_start' } : undefined));

export const Enrollments = table('Enrollments', ['enrollmentId'], {
  enrollmentId: cell.id(),
  sessionId: cell.id(),
  employeeId: cell.id(),
  status: cell.enum(ENROLLMENT_STATUS, L.enrollmentStatus),
  signedUpAt: cell.datetime(),
  changedAt: cell.optDatetime(),
  signedUpBy: cell.optEmail(),
});

export const PlanItems = table('PlanItems', ['planItemId'], {
  planItemId: cell.id(),
  employeeId: cell.id(),
  competenceId: cell.optId(),
  courseId: cell.optId(),
  goal: cell.optText(),
  dueBy: cell.optDate(),
  status: cell.enum(PLAN_STATUS, L.planStatus),
  appraisalId: cell.optId(),
}, (r) => (!r.competenceId && !r.goal && !r.courseId ? { field: 'goal', reason: 'plan_item_empty' } : undefined));

export const Appraisals = table('Appraisals', ['appraisalId'], {
  appraisalId: cell.id(),
  employeeId: cell.id(),
  leaderEmail: cell.email(),
  kind: cell.enum(APPRAISAL_KIND, L.appraisalKind),
  scheduledOn: cell.optDate(),
  heldOn: cell.optDate(),
  docId: cell.optText(),
  status: cell.enum(APPRAISAL_STATUS, L.appraisalStatus),
  nextDueOn: cell.optDate(),
});

export const SkillAssessments = table('SkillAssessments', ['employeeId', 'area'], {
  employeeId: cell.id(),
  area: cell.enum(SKILL_AREAS, L.skillArea),
  level: cell.int(0, 4),
  assessedOn: cell.date(),
});

export const Guides = table('Guides', ['email'], {
  email: cell.email(),
  unitIds: cell.list(),
  topics: cell.list(),
  active: cell.bool(),
  capacityPerWeek: cell.optInt(0, 1000),
  since: cell.optDate(),
});

export const Questions = table('Questions', ['questionId'], {
  questionId: cell.id(),
  askerEmail: cell.email(),
  anonymous: cell.bool(),
  unitId: cell.optId(),
  topic: cell.optText(),
  text: cell.text(),
  status: cell.enum(QUESTION_STATUS, L.questionStatus),
  guideEmail: cell.optEmail(),
  threadName: cell.optText(),
  askedAt: cell.datetime(),
  claimedAt: cell.optDatetime(),
  answeredAt: cell.optDatetime(),
  resolvedAt: cell.optDatetime(),
  faqId: cell.optId(),
  answer: cell.optText(),
  nudgeLevel: cell.optInt(0, 10),
  /** The thread card in the guides' space (spaces/…/messages/…), updated for everyone when someone claims. */
  messageName: cell.optText(),
  /** Since when an unclaimed question waits (asked, handed over, escalated, reopened): nudges count from here. */
  waitingSince: cell.optDatetime(),
});

export const Faq = table('Faq', ['faqId'], {
  faqId: cell.id(),
  question: cell.text(),
  answer: cell.text(),
  topic: cell.optText(),
  ownerEmail: cell.optEmail(),
  publishedAt: cell.optDate(),
  reviewBy: cell.optDate(),
  helpful: cell.optInt(0, 1e9),
  notHelpful: cell.optInt(0, 1e9),
  views: cell.optInt(0, 1e9),
  /** Who has voted, once each (`+tag` helpful, `-tag` not): a short hash per person, so a vote is counted once, durably. */
  voters: cell.optText(),
});

export const Notifications = table('Notifications', ['notificationId'], {
  notificationId: cell.id(),
  kind: cell.enum(NOTIFICATION_KIND, L.notificationKind),
  recipientEmail: cell.email(),
  subjectKey: cell.text(),
  channel: cell.enum(CHANNEL, L.channel),
  sentAt: cell.datetime(),
});

/**
 * Mail, calendar and Chat effects of a change, written in the same commit as the change and sent by the outbox job as the
 * Kompetent account (never as the person who clicked). `payload` is JSON (src/core/outbox.ts); `status` goes pending →
 * sent (or failed after too many attempts, reported by data health and retried when set back to pending by hand).
 */
export const Outbox = table('Outbox', ['outboxId'], {
  outboxId: cell.id(),
  channel: cell.enum(OUTBOX_CHANNEL, L.outboxChannel),
  recipientEmail: cell.optEmail(),
  subjectKey: cell.text(),
  payload: cell.payload(),
  createdAt: cell.datetime(),
  status: cell.enum(OUTBOX_STATUS, L.outboxStatus),
  attempts: cell.optInt(0, 1000),
  sentAt: cell.optDatetime(),
  lastError: cell.optText(),
});

export const Audit = table('Audit', [], {
  at: cell.datetime(),
  actorEmail: cell.text(),
  /** What was done: written in words («påmelding»), read back to the action's name from the words or the name (action-labels.ts). */
  action: cell.named(AUDIT_ACTION_LABELS),
  /** The table changed: written as its tab's title ("Sertifiseringer"), read back to its key from the title or the key. */
  table: cell.named(TAB_LABELS),
  key: cell.optText(),
  before: cell.optText(),
  after: cell.optText(),
  /** The idempotency key of the user action that made this change (DESIGN.md Reliability: exactly once). */
  requestKey: cell.optText(),
});

export const Settings = table('Settings', ['key'], {
  key: cell.id(),
  value: cell.optText(),
});

export const TABLES = {
  Units, Employees, Roles, Competences, Requirements, Certifications, Courses, Sessions, Enrollments,
  PlanItems, Appraisals, SkillAssessments, Guides, Questions, Faq, Notifications, Outbox, Audit, Settings,
} as const;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];
export type Row<T extends TableName> = RowOf<(typeof TABLES)[T]['fields']>;

export type Unit = Row<'Units'>;
export type Employee = Row<'Employees'>;
export type Role = Row<'Roles'>;
export type Competence = Row<'Competences'>;
export type Requirement = Row<'Requirements'>;
export type Certification = Row<'Certifications'>;
export type Course = Row<'Courses'>;
export type Session = Row<'Sessions'>;
export type Enrollment = Row<'Enrollments'>;
export type PlanItem = Row<'PlanItems'>;
export type Appraisal = Row<'Appraisals'>;
export type SkillAssessment = Row<'SkillAssessments'>;
export type Guide = Row<'Guides'>;
export type Question = Row<'Questions'>;
export type FaqEntry = Row<'Faq'>;
export type Notification = Row<'Notifications'>;
export type OutboxRow = Row<'Outbox'>;
export type AuditEntry = Row<'Audit'>;
export type Setting = Row<'Settings'>;

/** The untyped definition of a table, for code that works on any table. */
export function tableDef(name: TableName): TableDef {
  return TABLES[name] as unknown as TableDef;
}

export function headerOf(name: TableName): string[] {
  return Object.keys(TABLES[name].fields);
}

/** The key of a row as one string (composite keys joined with `|`). */
export function keyOf<T extends TableName>(name: T, row: Row<T>): string {
  const def = tableDef(name);
  return def.key.map((k) => String((row as Record<string, unknown>)[k] ?? '')).join('|');
}
