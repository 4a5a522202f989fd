// The daily appraisal job: first, documents follow the leader (a leader who no longer leads the employee loses access to
// the living documents, which move to the current leader, audited); then leaders are reminded of probation follow-ups,
// the last day to extend or conclude probation, and who is due or overdue — Chat DM or mail, each subject once.
import { resolveActor } from '../../../core/access';
import { appraisalSettings, dueFor, probationPlan, type AppraisalSettings } from '../../../core/appraisal';
import { addDays, daysBetween } from '../../../core/dates';
import { translator, type Locale } from '../../../core/i18n';
import type { Appraisal, Employee, TableName, Unit } from '../../../core/records/tables';
import { nearestLeaders } from '../../../store/appraisal-views';
import { readAllTables, RESPONSE_BYTES, settingsOf as settingsOfSnapshot } from '../../../store/rebuild';
import { notificationsSince } from '../../../store/notifications-since';
import { insert, update, type Change } from '../../../store/records';
import type { Located } from '../../../store/table-parse';
import { ACTIONS } from '../../../contract/actions';
import { appraisalReminderChat, appraisalReminderMail, type AppraisalReminderLine } from '../../../ui/cards/appraisal-messages';
import { jobHandler, type Handlers, type JobEnv } from '../../pipeline/handler';
import { Delivery } from '../../common/delivery';

const JOB_TABLES: TableName[] = ['Units', 'Employees', 'Appraisals', 'Settings'];
/** Leaders per batched write of Notifications rows (one lock each). */
export const APPRAISAL_JOB_BATCH = 25;
/** Documents moved to a new leader per run (Drive calls); the rest follow the next day. */
export const REASSIGN_MAX = 50;
/** A follow-up or conversation the job missed is still reminded of for this many days after its date. */
const CATCH_UP_DAYS = 30;

export interface AppraisalJobSummary { reassigned: number; leaders: number; lines: number; chat: number; mail: number; deferred: number; stopped: boolean; failed?: string }

function commitBatch(env: JobEnv, changes: Change[], action: string, summary: AppraisalJobSummary): boolean {
  const res = env.commit(changes, { action });
  if (res.ok) return true;
  summary.failed = res.reason;
  env.ports.log.error(`${action}: could not record ${changes.length} changes`, res);
  return false;
}

/** Living documents (prepared, held, signed) of people their leader no longer leads go to the current nearest leader. */
function reassign(env: JobEnv, units: readonly Unit[], employees: Map<string, Employee>, byEmail: Map<string, Employee>,
  appraisals: readonly Located<Appraisal>[], s: AppraisalSettings, summary: AppraisalJobSummary): void {
  const led = new Map<string, ReadonlySet<string>>();
  const leads = (leader: string, unitId: string) => {
    if (!led.has(leader)) {
      const who = byEmail.get(leader);
      const actor = resolveActor(leader, { units, employeeByEmail: () => who, guideByEmail: () => undefined, adminEmails: [] });
      led.set(leader, actor.ledUnitIds);
    }
    return led.get(leader)!.has(unitId);
  };
  const changes: Change[] = [];
  for (const a of appraisals) {
    if (changes.length >= REASSIGN_MAX) break;
    const row = a.row;
    if (!row.docId || !['prepared', 'held', 'signed'].includes(row.status)) continue;
    const e = employees.get(row.employeeId);
    if (!e || e.status === 'left' || leads(row.leaderEmail, e.unitId)) continue;
    const next = nearestLeaders(e.unitId, e.email, units)[0];
    try {
      env.ports.drive.unshare(row.docId, [row.leaderEmail]);
      if (next) {
        const edit = s.employeeAccess === 'edit';
        env.ports.drive.share(row.docId, [], edit ? [next, e.email] : [next], edit ? [] : [e.email]);
      }
    } catch (err) {
      env.ports.log.error(`appraisal reassign: ${row.docId} could not be reshared`, err instanceof Error ? err.message : err);
      continue;
    }
    if (!next) {
      env.ports.log.error(`appraisal reassign: nobody leads ${e.employeeId} now; ${row.docId} is with HR only`);
      continue;
    }
    changes.push(update('Appraisals', a.rowNumber, row, { ...row, leaderEmail: next }));
  }
  if (commitBatch(env, changes, 'appraisal.reassign', summary)) summary.reassigned = changes.length;
}

/** A reminder line with the subject key that keeps it from going twice, and the first day it could have gone. */
export type ReminderLine = AppraisalReminderLine & { key: string; from: string };

/** What each employee's nearest leaders should hear today, with the subject key that keeps it from going twice. */
export function reminderLines(e: Employee, list: readonly Appraisal[], s: AppraisalSettings, today: string): ReminderLine[] {
  const out: ReminderLine[] = [];
  const who = { email: e.email, name: e.name };
  const plan = probationPlan(e, list, s, today);
  if (plan?.active) {
    for (const f of plan.followUps) {
      const late = f.state === 'overdue' && daysBetween(f.dueOn, today) <= CATCH_UP_DAYS;
      if (f.state === 'due' || late) {
        out.push({ ...who, what: 'followUp', kind: 'probation', date: f.dueOn, n: f.n, key: `appraisal:probation:${e.employeeId}:f${f.n}:${f.dueOn}`,
          from: addDays(f.dueOn, -s.probationDueSoonDays) });
      }
    }
    if (plan.decision.state === 'due') {
      out.push({ ...who, what: 'decision', kind: 'probation', date: plan.end, key: `appraisal:probation:${e.employeeId}:end:${plan.end}`,
        from: addDays(plan.end, -s.probationEndNoticeDays) });
    }
    // A warning stands from the start of the probation (the registered end was wrong from the beginning).
    if (plan.warning) {
      out.push({ ...who, what: 'warning', kind: 'probation', date: plan.registeredEnd, key: `appraisal:probation:${e.employeeId}:warn:${plan.registeredEnd}`,
        from: plan.start < today ? plan.start : today });
    }
  }
  for (const kind of ['development', 'life-phase'] as const) {
    const d = dueFor(kind, e, list, s, today);
    // An old backlog (never held since 2019) is in the overview; reminders are for what has just fallen due.
    const recent = d.state === 'due' || (d.state === 'overdue' && !!d.dueOn && daysBetween(d.dueOn, today) <= CATCH_UP_DAYS);
    if (recent && d.dueOn && (d.state === 'due' || d.state === 'overdue')) {
      out.push({ ...who, what: d.state, kind, date: d.dueOn, key: `appraisal:${kind}:${e.employeeId}:${d.dueOn}:${d.state}`,
        from: d.state === 'due' ? addDays(d.dueOn, -s.dueSoonDays) : d.dueOn });
    }
  }
  return out;
}

function runAppraisalReminders(env: JobEnv): AppraisalJobSummary {
  const started = env.ports.clock.now().getTime();
  // Notifications by header only (where the tab ends) in the first read.
  const snap = readAllTables(env.ports.workbook, JOB_TABLES, RESPONSE_BYTES, ['Notifications']);
  const settings = settingsOfSnapshot(snap);
  const s = appraisalSettings(settings);
  const budgetMs = (Number(settings.reminderTimeBudgetSeconds) || 240) * 1000;
  const mailReserve = Number(settings.reminderMailReserve) || 100;
  const summary: AppraisalJobSummary = { reassigned: 0, leaders: 0, lines: 0, chat: 0, mail: 0, deferred: 0, stopped: false };
  const units = (snap.Units?.rows ?? []).map((r) => r.row);
  const employeeRows = (snap.Employees?.rows ?? []).map((r) => r.row);
  const employees = new Map(employeeRows.map((e) => [e.employeeId, e]));
  const byEmail = new Map(employeeRows.map((e) => [e.email, e]));
  const appraisalRows = snap.Appraisals?.rows ?? [];

  reassign(env, units, employees, byEmail, appraisalRows, s, summary);

  const byEmployee = new Map<string, Appraisal[]>();
  for (const { row } of appraisalRows) byEmployee.set(row.employeeId, [...(byEmployee.get(row.employeeId) ?? []), row]);
  const owed: { leaders: string[]; lines: ReminderLine[] }[] = [];
  for (const e of employeeRows) {
    if (e.status === 'left') continue;
    const leaders = nearestLeaders(e.unitId, e.email, units);
    if (leaders.length === 0) continue;
    const lines = reminderLines(e, byEmployee.get(e.employeeId) ?? [], s, env.today);
    if (lines.length) owed.push({ leaders, lines });
  }
  // Only the Notifications rows since the first day any of today's lines could have gone (a day early for the time
  // zone), never the whole tab; nothing owed, nothing read.
  const earliest = owed.flatMap((o) => o.lines.map((l) => l.from)).sort()[0];
  const recent = earliest ? notificationsSince(env.ports.workbook, snap.Notifications?.lastRow ?? 1, `${addDays(earliest, -1)}T00:00:00Z`).rows : [];
  const sent = new Set(recent.filter((n) => n.row.subjectKey.startsWith('appraisal:')).map((n) => `${n.row.recipientEmail}|${n.row.subjectKey}`));
  const byLeader = new Map<string, ReminderLine[]>();
  for (const { leaders, lines } of owed) {
    for (const leader of leaders) {
      const fresh = lines.filter((l) => !sent.has(`${leader}|${l.key}`));
      if (fresh.length) byLeader.set(leader, [...(byLeader.get(leader) ?? []), ...fresh]);
    }
  }

  const delivery = new Delivery(env, mailReserve);
  let pending: Change[] = [];
  let pendingLeaders = 0;
  for (const leader of [...byLeader.keys()].sort()) {
    if (env.ports.clock.now().getTime() - started > budgetMs) { summary.stopped = true; break; }
    const who = byEmail.get(leader);
    if (!who || who.status === 'left') continue;
    const lines = byLeader.get(leader)!.sort((a, b) => a.date.localeCompare(b.date));
    const locale: Locale = who.locale ?? 'nb';
    const t = translator(locale);
    const channel = delivery.send(leader, () => appraisalReminderChat(lines, t, locale), () => appraisalReminderMail(who.name, lines, t, locale),
      `appraisal-${env.today}-${leader}`.replace(/[^A-Za-z0-9-]/g, '-'));
    if (!channel) { summary.deferred++; continue; }
    summary[channel]++;
    summary.leaders++;
    summary.lines += lines.length;
    const sentAt = env.ports.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
    for (const l of lines) {
      pending.push(insert('Notifications', { notificationId: env.newId('ntf'), kind: 'reminder', recipientEmail: leader, subjectKey: l.key, channel, sentAt }));
    }
    if (++pendingLeaders >= APPRAISAL_JOB_BATCH) {
      if (!commitBatch(env, pending, ACTIONS.jobAppraisalReminders, summary)) return summary;
      pending = [];
      pendingLeaders = 0;
    }
  }
  commitBatch(env, pending, ACTIONS.jobAppraisalReminders, summary);
  return summary;
}

export const appraisalJobHandlers: Handlers = {
  // A job: the script lock per batch only, so nobody's changes wait for the whole run.
  [ACTIONS.jobAppraisalReminders]: jobHandler(runAppraisalReminders),
};

export { runAppraisalReminders };
