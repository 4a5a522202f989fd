// The re-certification reminder job (90/30/0 days): works from the rebuild's compact due-list, re-reads only the rows of
// the people it is about to tell, asks Chat for a DM space only for them and remembers it, and stops when the day's Chat
// and mail quotas or its time budget are spent; a cursor in Settings lets the next run go on where this one stopped.
import { translator } from '../../../core/i18n';
import type { StatusItem } from '../../../core/competence-status';
import { addDays, daysBetween } from '../../../core/dates';
import { dueReminders, parseReminderDays, type DueReminder } from '../../../core/recert-reminders';
import type { Employee, Setting } from '../../../core/records/tables';
import { buildDueList, loadDueList, remindedSet, stageOwnDueList, withReminded, type DuePerson, type DueSource } from '../../../store/due-list';
import { insert, update, type Change } from '../../../store/records';
import { readAllTables } from '../../../store/rebuild';
import type { Located } from '../../../store/table-parse';
import { reminderChatMessage, reminderMail } from '../../../ui/cards/unit-messages';
import type { JobEnv } from '../../pipeline/handler';
import type { JobSummary } from '../../common/job-outbox';
import { nextSessions } from '../../common/status-model';
import { Delivery } from '../../common/delivery';

/** People per batch: one read of their Employees rows, then one write of what was sent (Notifications, Employees, cursor). */
export const REMINDER_BATCH = 100;
/** A person without the Chat app is looked up again after this many days (they may have installed it). */
export const DM_RECHECK_DAYS = 30;
const CURSOR_KEY = 'reminderCursor';
const CHAT_CALLS_KEY = 'reminderChatCalls';

export interface ReminderSummary extends JobSummary {
  /** spaces.findDirectMessage calls this run. */
  lookups: number;
  /** People on the due-list, and where it came from: the cache, its durable copy, or (lost or stale) the records. */
  listed: number;
  listFrom: DueSource | 'records';
  /** Rows that were not where the list said (moved by hand): left to the next rebuild. */
  moved: number;
}

/** What the Employees column `chatSpace` says: a space, known to have none (recently), or unknown. */
function knownSpace(value: string | undefined, today: string): string | null | undefined {
  if (!value) return undefined;
  if (value.startsWith('spaces/')) return value;
  const none = /^none:(\d{4}-\d{2}-\d{2})$/.exec(value);
  return none?.[1] && addDays(none[1], DM_RECHECK_DAYS) > today ? null : undefined;
}

function settingNumber(settings: Record<string, string>, key: string, fallback: number): number {
  const v = settings[key];
  return v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : fallback;
}

/** The due items of a person today (the list's entries as status items; pending ones were left out by the rebuild). */
function itemsOf(p: DuePerson, today: string): StatusItem[] {
  return p.items.map(([competenceId, expiresOn]) => ({ competenceId, expiresOn, level: 'required', status: 'expiring', daysLeft: daysBetween(today, expiresOn) }));
}

export function runReminders(env: JobEnv): ReminderSummary {
  const { ports } = env;
  const settings = env.views.dir.settings;
  const windows = parseReminderDays(settings.reminderDays);
  const budgetMs = settingNumber(settings, 'reminderTimeBudgetSeconds', 240) * 1000;
  const mailReserve = settingNumber(settings, 'reminderMailReserve', 100);
  // The job's share of the Kompetent account's UrlFetch calls a day (100,000 on Workspace): lookups and messages.
  const chatPerDay = settingNumber(settings, 'reminderChatCallsPerDay', 5_000);
  const startedMs = ports.clock.now().getTime();
  const outOfTime = () => ports.clock.now().getTime() - startedMs > budgetMs;

  const loaded = loadDueList(env.rm, ports.workbook, env.today);
  let list: { people: DuePerson[] };
  if (loaded) list = loaded;
  else {
    // No rebuild today (or its list is gone everywhere): build it once from the records, as the rebuild would, and keep
    // it in the cache for the day's later runs.
    const snap = readAllTables(ports.workbook, ['Employees', 'Competences', 'Requirements', 'Certifications']);
    const people = buildDueList(snap, { today: env.today, windows });
    stageOwnDueList(env.rm, people, env.today);
    list = { people };
    ports.log.info('job.reminders: no due-list from today\'s rebuild; built from the records');
  }

  const summary: ReminderSummary = {
    recipients: 0, messages: 0, chat: 0, mail: 0, deferred: 0, stopped: false, cursor: '', lookups: 0,
    listed: list.people.length, listFrom: loaded?.source ?? 'records', moved: 0,
  };
  if (list.people.length === 0) return summary;

  // Where the last run stopped and how many Chat calls today has used: from the records, not the cached directory.
  const first = env.read(['Settings']);
  const settingRows = (first.Settings?.rows ?? []) as Located<Setting>[];
  const valueOf = (key: string) => settingRows.find((r) => r.row.key === key)?.row.value ?? '';
  const cursor = valueOf(CURSOR_KEY);
  const used = /^(\d{4}-\d{2}-\d{2}):(\d+)$/.exec(valueOf(CHAT_CALLS_KEY));
  let chatLeft = Math.max(0, chatPerDay - (used && used[1] === env.today ? Number(used[2]) : 0));
  const chatAtStart = chatLeft;
  const delivery = new Delivery(env, mailReserve);
  summary.cursor = cursor;

  const competenceName = new Map(env.views.cat().competences.map((c) => [c.competenceId, c.name]));
  const next = nextSessions(env);
  const sorted = [...list.people].sort((a, b) => (a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : 0));
  const from = cursor ? sorted.findIndex((p) => p.employeeId > cursor) : 0;
  const order = from <= 0 ? sorted : [...sorted.slice(from), ...sorted.slice(0, from)];
  // Only people with something due today are worth a read.
  const due = order.filter((p) => dueReminders(p.employeeId, itemsOf(p, env.today), windows, new Set()).length > 0);

  let last = cursor;
  for (let i = 0; i < due.length; ) {
    if (outOfTime() || (delivery.mailLeft <= 0 && chatLeft <= 0)) { summary.stopped = true; break; }
    const batch = due.slice(i, i + REMINDER_BATCH);
    i += batch.length;
    const snap = env.read(['Employees', 'Settings', 'Notifications', 'Audit'],
      { Employees: batch.map((p) => ({ from: p.row, to: p.row })), Notifications: [], Audit: [] });
    const rows = new Map(((snap.Employees?.rows ?? []) as Located<Employee>[]).map((r) => [r.rowNumber, r]));
    const changes: Change[] = [];
    const sentAt = () => ports.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
    for (const p of batch) {
      if (outOfTime() || (delivery.mailLeft <= 0 && chatLeft <= 0)) { summary.stopped = true; break; }
      last = p.employeeId;
      const fresh = rows.get(p.row);
      if (!fresh || fresh.row.employeeId !== p.employeeId || fresh.row.status !== 'active') { summary.moved++; continue; }
      const e = fresh.row;
      // Re-checked against the row just read: a reminder another run already sent is not sent again.
      const reminders: DueReminder[] = dueReminders(e.employeeId, itemsOf(p, env.today), windows, remindedSet(e.employeeId, e.remindedKeys));
      if (reminders.length === 0) continue;
      let space = knownSpace(e.chatSpace, env.today);
      let chatSpace = e.chatSpace;
      if (space === undefined && chatLeft > 0) {
        chatLeft--;
        summary.lookups++;
        try {
          space = ports.chat.findDirectMessage(e.email) ?? null;
        } catch (err) {
          ports.log.error(`findDirectMessage failed for ${e.email}`, err instanceof Error ? err.message : err);
          space = undefined;
        }
        if (space !== undefined) chatSpace = space ?? `none:${env.today}`;
      }
      const t = translator(e.locale ?? 'nb');
      const lines = reminders.map((d) => ({ ...d, name: competenceName.get(d.competenceId) ?? d.competenceId, next: next.get(d.competenceId) }));
      let channel: 'chat' | 'mail' | undefined;
      if (space && chatLeft > 0) {
        chatLeft--;
        // Through the one delivery path (src/app/common/delivery.ts): Chat's limit per space; requestId: a retry after a
        // crash returns the same message instead of posting again.
        const res = delivery.chat.create(space, reminderChatMessage(e.name, lines, t, e.locale ?? 'nb'), { requestId: `reminder-${e.employeeId}-${env.today}` });
        if (res.ok) channel = 'chat';
        // The app was removed from the DM, or the space is gone: ask again later (not when only the slot was taken).
        else if (res.error !== undefined) chatSpace = `none:${env.today}`;
      }
      if (!channel && delivery.mail(e.email, () => reminderMail(e.name, lines, t, e.locale ?? 'nb')).status === 'sent') channel = 'mail';
      const after: Employee = { ...e, chatSpace };
      if (channel) {
        summary[channel]++;
        summary.recipients++;
        summary.messages += reminders.length;
        after.remindedKeys = withReminded(e.remindedKeys, reminders, env.today) || undefined;
        for (const d of reminders) {
          changes.push(insert('Notifications', { notificationId: env.newId('ntf'), kind: 'reminder', recipientEmail: e.email, subjectKey: d.subjectKey, channel, sentAt: sentAt() }));
        }
      } else summary.deferred++;
      if (after.chatSpace !== e.chatSpace || after.remindedKeys !== e.remindedKeys) changes.push(update('Employees', fresh.rowNumber, e, after));
    }
    const finished = i >= due.length && !summary.stopped;
    const nextCursor = finished ? '' : last;
    const settingsNow = (snap.Settings?.rows ?? []) as Located<Setting>[];
    const put = (key: string, value: string) => {
      const row = settingsNow.find((r) => r.row.key === key);
      if ((row?.row.value ?? '') === value) return;
      changes.push(row ? update('Settings', row.rowNumber, row.row, { key, value: value || undefined }) : insert('Settings', { key, value: value || undefined }));
    };
    put(CURSOR_KEY, nextCursor);
    if (chatLeft !== chatAtStart) put(CHAT_CALLS_KEY, `${env.today}:${chatPerDay - chatLeft}`);
    if (changes.length > 0) {
      const res = env.commit(changes, { at: env.now, prefetched: snap });
      if (!res.ok) {
        summary.failed = res.reason;
        ports.log.error(`${env.req.action}: could not record ${changes.length} changes`, res);
        return summary;
      }
    }
    summary.cursor = nextCursor;
  }
  return summary;
}
