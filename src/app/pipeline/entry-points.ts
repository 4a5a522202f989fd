// Every entry point Google (or a trigger) calls, by function name: which host and action it starts. Shared by
// src/gas/main.ts (Apps Script) and the local workspace, so both start requests the same way.
import { ACTIONS } from '../../contract/actions';
import type { Host } from '../../contract/request';

export interface EntryPoint { host: Host | 'fromEvent'; action: string }

/** Functions named in appsscript.json, the Chat API configuration, cards, the sidebar and time-driven triggers. */
export const ENTRY_POINTS = {
  onHomepage: { host: 'fromEvent', action: ACTIONS.home },
  onGmailMessage: { host: 'gmail', action: ACTIONS.gmailMessage },
  onDocsHomepage: { host: 'docs', action: ACTIONS.docsHome },
  onDocsFileScopeGranted: { host: 'docs', action: ACTIONS.docsHome },
  onSheetsHomepage: { host: 'sheets', action: ACTIONS.sheetsHome },
  onSheetsFileScopeGranted: { host: 'sheets', action: ACTIONS.sheetsHome },
  onCardAction: { host: 'fromEvent', action: ACTIONS.home },
  onMessage: { host: 'chat', action: ACTIONS.chatMessage },
  onAppCommand: { host: 'chat', action: ACTIONS.chatCommand },
  onAddedToSpace: { host: 'chat', action: ACTIONS.chatAdded },
  onRemovedFromSpace: { host: 'chat', action: ACTIONS.chatRemoved },
  onWidgetUpdate: { host: 'chat', action: ACTIONS.chatWidgetUpdated },
} as const satisfies Record<string, EntryPoint>;

/** Time-driven jobs: function name → action, and how often setupTriggers schedules them. */
export const JOBS = {
  jobRebuildReadModel: { action: ACTIONS.jobRebuild, everyHours: 1 },
  jobHealReadModel: { action: ACTIONS.jobHeal, everyMinutes: 10 },
  jobDailyReminders: { action: ACTIONS.jobReminders, atHour: 6 },
  jobCourseReminders: { action: ACTIONS.jobCourseReminders, atHour: 7 },
  jobForumNudges: { action: ACTIONS.jobNudges, everyHours: 1 },
  jobAppraisalReminders: { action: ACTIONS.jobAppraisalReminders, atHour: 6 },
  jobWeeklyDigest: { action: ACTIONS.jobDigest, weekday: 'MONDAY', atHour: 7 },
  jobLeaderDigest: { action: ACTIONS.jobLeaderDigest, weekday: 'MONDAY', atHour: 7 },
  jobFaqReview: { action: ACTIONS.jobFaqReview, weekday: 'MONDAY', atHour: 8 },
  /** Mail and calendar effects committed to the Outbox, sent as the account that owns the triggers. */
  jobOutbox: { action: ACTIONS.jobOutbox, everyMinutes: 1 },
  /** The monthly rotation of Audit and Notifications: daily at night; idle (one Settings read) once the closed month is done. */
  jobRotateArchive: { action: ACTIONS.jobRotate, atHour: 2 },
} as const;

/** The jobs' actions: what only a trigger, an administrator or the minute trigger's "run now" may start. */
export const JOB_ACTIONS: ReadonlySet<string> = new Set(Object.values(JOBS).map((j) => j.action));

const HOSTS: Record<string, Host> = { GMAIL: 'gmail', DOCS: 'docs', SHEETS: 'sheets', CHAT: 'chat' };

/** The host of an add-on event (commonEventObject.hostApp), for entry points shared by several hosts. */
export function hostOfEvent(event: unknown): Host {
  const e = event as { commonEventObject?: { hostApp?: string }; chat?: unknown; hostApp?: string } | null;
  if (e?.chat) return 'chat';
  const app = e?.commonEventObject?.hostApp ?? e?.hostApp ?? '';
  return HOSTS[app.toUpperCase()] ?? 'gmail';
}
