// The re-certification reminder job's handler (reminder-job.ts) and the weekly leader digest: Chat DM where the app is
// installed, else mail within the quota; every message recorded in Notifications so it never goes twice; batched writes
// with a resumable cursor in Settings, stopping inside a time budget measured on the injected clock.
import { translator } from '../../../core/i18n';
import { digestKey, weekStart } from '../../../core/recert-reminders';
import { addDays } from '../../../core/dates';
import type { Notification, Setting } from '../../../core/records/tables';
import type { ChatMessage } from '../../../contract/card-types';
import { insert, update, type Change, type Snapshot } from '../../../store/records';
import { readAllTables, RESPONSE_BYTES, settingsOf } from '../../../store/rebuild';
import { notificationsSince } from '../../../store/notifications-since';
import { recordedSince, withRecorded } from '../../../store/notification-ledger';
import type { Located } from '../../../store/table-parse';
import { ACTIONS } from '../../../contract/actions';
import { digestChatMessage, digestHasNews, digestMail } from '../../../ui/cards/unit-messages';
import { jobHandler, type Handlers, type JobEnv } from '../../pipeline/handler';
import { runReminders } from './reminder-job';
import { digestFromReadModel, digestFromRecords, type DigestSource } from './digest-source';

/** Recipients per batched write (Notifications rows + the cursor, one lock each). */
export const JOB_BATCH = 25;

export interface JobSummary { recipients: number; messages: number; chat: number; mail: number; deferred: number; stopped: boolean; cursor: string; failed?: string }

/** Sends and records: one message per recipient, one Notifications row per subject, written in batches with the cursor. */
export class Outbox {
  private pending: Change[] = [];
  private pendingRecipients = 0;
  /** Notifications rows in `pending` the ledger counts. */
  private pendingCounted: Notification[] = [];
  private cursorRow: Located<Setting> | undefined;
  private ledgerRow: Located<Setting> | undefined;
  private readonly startedMs: number;
  mailLeft: number;
  readonly summary: JobSummary = { recipients: 0, messages: 0, chat: 0, mail: 0, deferred: 0, stopped: false, cursor: '' };

  /**
   * `ledger`: the Settings key of the job's ledger (notification-ledger.ts) and which of its rows it counts, updated in the
   * same commit as the rows, so the next run can tell that a row was moved out of the end of the tab by hand.
   */
  constructor(private readonly env: JobEnv, snap: Snapshot, private readonly cursorKey: string, private readonly budgetMs: number, mailReserve: number,
    private readonly ledger?: { key: string; counts(n: Notification): boolean }) {
    this.startedMs = env.ports.clock.now().getTime();
    this.cursorRow = snap.Settings?.rows.find((r) => r.row.key === cursorKey);
    this.ledgerRow = ledger ? snap.Settings?.rows.find((r) => r.row.key === ledger.key) : undefined;
    this.summary.cursor = this.cursorRow?.row.value ?? '';
    this.mailLeft = Math.max(0, env.ports.mail.remainingQuota() - mailReserve);
  }

  outOfTime(): boolean {
    return this.env.ports.clock.now().getTime() - this.startedMs > this.budgetMs;
  }

  /** Chat DM if the app is installed for them, else mail while the quota lasts; undefined = try again next run. */
  send(to: string, chat: () => ChatMessage, mail: () => { subject: string; text: string }, requestId: string): 'chat' | 'mail' | undefined {
    const { ports } = this.env;
    let space: string | undefined;
    try {
      space = ports.chat.findDirectMessage(to);
    } catch (err) {
      ports.log.error(`findDirectMessage failed for ${to}`, err instanceof Error ? err.message : err);
    }
    if (space) {
      try {
        // requestId: a retry after a crash returns the same message instead of posting again.
        ports.chat.createMessage(space, chat(), { requestId });
        this.summary.chat++;
        return 'chat';
      } catch (err) {
        ports.log.error(`Chat message to ${to} failed; trying mail`, err instanceof Error ? err.message : err);
      }
    }
    if (this.mailLeft <= 0) { this.summary.deferred++; return undefined; }
    try {
      ports.mail.send({ to, ...mail() });
      this.mailLeft--;
      this.summary.mail++;
      return 'mail';
    } catch (err) {
      ports.log.error(`Mail to ${to} failed`, err instanceof Error ? err.message : err);
      this.summary.deferred++;
      return undefined;
    }
  }

  record(kind: Notification['kind'], to: string, subjectKeys: string[], channel: Notification['channel']): void {
    const sentAt = this.env.ports.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
    for (const subjectKey of subjectKeys) {
      const row: Notification = { notificationId: this.env.newId('ntf'), kind, recipientEmail: to, subjectKey, channel, sentAt };
      this.pending.push(insert('Notifications', row));
      if (this.ledger?.counts(row)) this.pendingCounted.push(row);
    }
    this.summary.recipients++;
    this.summary.messages += subjectKeys.length;
    this.pendingRecipients++;
  }

  due(): boolean { return this.pendingRecipients >= JOB_BATCH; }

  /** Writes what was sent and where the run is (one lock, one read of touched rows, one write with audit rows). */
  flush(cursor: string): boolean {
    const changes = [...this.pending];
    const before = this.cursorRow?.row;
    const after: Setting = { key: this.cursorKey, value: cursor || undefined };
    if ((before?.value ?? '') !== cursor) changes.push(this.cursorRow ? update('Settings', this.cursorRow.rowNumber, before!, after) : insert('Settings', after));
    const ledgerAfter: Setting | undefined = this.ledger && this.pendingCounted.length > 0
      ? { key: this.ledger.key, value: withRecorded(this.ledgerRow?.row.value, this.pendingCounted, this.env.today) } : undefined;
    if (ledgerAfter) changes.push(this.ledgerRow ? update('Settings', this.ledgerRow.rowNumber, this.ledgerRow.row, ledgerAfter) : insert('Settings', ledgerAfter));
    this.pending = [];
    this.pendingCounted = [];
    this.pendingRecipients = 0;
    if (changes.length === 0) return true;
    const res = this.env.commit(changes);
    if (!res.ok) {
      this.summary.failed = res.reason;
      this.env.ports.log.error(`${this.env.req.action}: could not record ${changes.length} changes`, res);
      return false;
    }
    const inserted = (key: string) => res.inserted.find((i) => i.table === 'Settings' && i.key === key);
    if (this.cursorRow) this.cursorRow = { row: after, rowNumber: this.cursorRow.rowNumber };
    else if (inserted(this.cursorKey)) this.cursorRow = { row: after, rowNumber: inserted(this.cursorKey)!.rowNumber };
    if (ledgerAfter) {
      const rowNumber = this.ledgerRow?.rowNumber ?? inserted(ledgerAfter.key)?.rowNumber;
      this.ledgerRow = rowNumber === undefined ? undefined : { row: ledgerAfter, rowNumber };
    }
    this.summary.cursor = cursor;
    return true;
  }
}

/** The order a run visits people or leaders: sorted, starting after the cursor and wrapping round once. */
export function visitOrder<T>(items: readonly T[], keyOf: (x: T) => string, cursor: string): T[] {
  const sorted = [...items].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const start = cursor ? sorted.findIndex((x) => keyOf(x) > cursor) : 0;
  return start <= 0 ? sorted : [...sorted.slice(start), ...sorted.slice(0, start)];
}

function jobSettings(snap: Snapshot) {
  const settings = settingsOf(snap);
  const num = (key: string, fallback: number) => (settings[key] !== undefined && Number.isFinite(Number(settings[key])) ? Number(settings[key]) : fallback);
  return {
    settings,
    budgetMs: num('reminderTimeBudgetSeconds', 240) * 1000,
    mailReserve: num('reminderMailReserve', 100),
    expiringWindowDays: num('expiringWindowDays', 90) || 90,
  };
}

/** The leader digest's ledger: its rows per day (the only rows with these keys). */
const DIGEST_LEDGER = { key: 'leaderDigestSent', counts: (n: Notification) => n.kind === 'digest' && n.subjectKey.startsWith('digest:leader:') };

function runLeaderDigest(env: JobEnv): JobSummary & { from: DigestSource['from'] } {
  // Settings, and Notifications by header only in the first read; then only its rows since this week's digest could have
  // gone (its key names the week), a day early for the time zone. Leaders and their people from the read model.
  const snap = readAllTables(env.ports.workbook, ['Settings'], RESPONSE_BYTES, ['Notifications']);
  const since = `${addDays(weekStart(env.today), -1)}T00:00:00Z`;
  const { settings, budgetMs, mailReserve, expiringWindowDays } = jobSettings(snap);
  // The digests this job recorded since then, by its ledger: one of them missing from the end is found wherever it went.
  const recent = notificationsSince(env.ports.workbook, snap.Notifications?.lastRow ?? 1, since,
    { expected: recordedSince(settings[DIGEST_LEDGER.key], since), counts: DIGEST_LEDGER.counts }).rows;
  const source = digestFromReadModel(env) ?? digestFromRecords(env, expiringWindowDays);
  const names = new Map(env.views.cat().competences.map((c) => [c.competenceId, c.name]));
  const sent = new Set(recent.map((n) => n.row.subjectKey));
  const outbox = new Outbox(env, snap, 'leaderDigestCursor', budgetMs, mailReserve, DIGEST_LEDGER);
  let last = outbox.summary.cursor;
  for (const leader of visitOrder(source.leaders, (l) => l.email, outbox.summary.cursor)) {
    if (outbox.outOfTime()) { outbox.summary.stopped = true; break; }
    const { email, view } = leader;
    last = email;
    const key = digestKey(email, env.today);
    if (sent.has(key) || leader.left || !digestHasNews(view)) continue;
    const ctx = { t: translator(leader.locale), locale: leader.locale, competenceName: (id: string) => names.get(id) ?? id, people: source.people };
    const channel = outbox.send(email, () => digestChatMessage(view, ctx), () => digestMail(leader.name, view, ctx), key.replace(/[^A-Za-z0-9-]/g, '-'));
    if (!channel) continue;
    outbox.record('digest', email, [key], channel);
    if (outbox.due() && !outbox.flush(email)) return { ...outbox.summary, from: source.from };
  }
  outbox.flush(outbox.summary.stopped ? last : '');
  return { ...outbox.summary, from: source.from };
}

export const reminderHandlers: Handlers = {
  // Jobs: the script lock per batch only, so staff changes are never blocked for the whole run.
  [ACTIONS.jobReminders]: jobHandler(runReminders, { needs: () => [{ shard: 'cat' }, { shard: 'ses' }] }),
  [ACTIONS.jobLeaderDigest]: jobHandler(runLeaderDigest, { needs: () => [{ shard: 'cat' }] }),
};

export { runReminders, runLeaderDigest };
