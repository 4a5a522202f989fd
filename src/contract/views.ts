// The read model's views that the ui draws (data health, unit, leader and dashboard views): built by src/store, read by src/ui.
import type { Locale } from '../core/i18n';
import type { AreaAggregate, MemberSummary, UnitAggregate } from '../core/unit-aggregates';

/** One entry of the data-health report. `reason` is a code translated in the UI (`health.reason.*`). */
export interface HealthIssue {
  table: string;
  /** The row as the spreadsheet shows it (in person shard `shard` when set, else in the records spreadsheet). */
  rowNumber?: number;
  shard?: number;
  field?: string;
  reason: string;
  /** The offending cell text, shortened. */
  value?: string;
}

export interface HealthReport {
  checkedAt: string;
  total: number;
  /** The first issues (capped so the report fits one cache value), in table and row order. */
  issues: HealthIssue[];
  rowsRead: number;
}

export interface UnitView {
  builtAt: string;
  /** The unit with all its sub-units. */
  unit: UnitAggregate;
  /** Direct sub-units, each with their own sub-units. */
  children: UnitAggregate[];
  /** Page 0 of the unit's own members, worst first. */
  members: MemberSummary[];
  /** Own members in all pages. */
  memberCount: number;
  /** Own members with something to do (they come first, so they are the first pages). */
  needingCount: number;
  pages: number;
  /** Certificates of the unit's people (sub-units included) waiting for a leader's verification, longest waiting first. */
  pending?: PendingEntry[];
  /** All of them (the list keeps the first PENDING_MAX). */
  pendingCount?: number;
  patchedAt?: string;
}

/** A certificate waiting for verification, as a leader's list shows it. */
export interface PendingEntry {
  certificationId: string;
  employeeId: string;
  email: string;
  name: string;
  unitId: string;
  competenceId: string;
  achievedOn: string;
  source: string;
  evidenceFileId?: string;
}

export interface UnitPage { builtAt: string; unitId: string; page: number; members: MemberSummary[] }
/** The units a leader leads at the top (a led unit under another led unit is reached by drill-down). */
export interface LeaderView {
  builtAt: string;
  units: UnitView[];
  /**
   * The leader as the records had them at the rebuild (the weekly digest's greeting, language and whether they left);
   * null: not in Employees. Absent in views built before it existed (the digest then reads the records).
   */
  leader?: LeaderFacts | null;
}
/** What the weekly digest needs of a leader's own Employees row. */
export interface LeaderFacts { name: string; locale?: Locale; left?: true }
export type DashUnit = UnitAggregate & { pages: number };
export interface DashboardView { builtAt: string; areas: AreaAggregate[]; units: DashUnit[] }
