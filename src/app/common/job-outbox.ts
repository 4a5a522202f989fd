// A job's messages to many people, sent the one way (delivery.ts) and recorded: one message per recipient, one Notifications
// row per subject, written in batches with the job's cursor in Settings (and its ledger), inside a time budget measured on
// the injected clock. The leader digest and the course job use it; the reminder job keeps its own cursor and DM memory.
import type { Notification, Setting } from '../../core/records/tables';
import type { ChatMessage } from '../../contract/card-types';
import { insert, update, type Change, type Snapshot } from '../../store/records';
import { withRecorded } from '../../store/notification-ledger';
import type { Located } from '../../store/table-parse';
import type { JobEnv } from '../pipeline/handler';
import { Delivery, type Channel, type MailText } from './delivery';

/** Recipients per batched write (Notifications rows + the cursor, one lock each). */
export const JOB_BATCH = 25;

export interface JobSummary { recipients: number; messages: number; chat: number; mail: number; deferred: number; stopped: boolean; cursor: string; failed?: string }

/** Sends and records: one message per recipient, one Notifications row per subject, written in batches with the cursor. */
export class JobOutbox {
  private pending: Change[] = [];
  private pendingRecipients = 0;
  /** Notifications rows in `pending` the ledger counts. */
  private pendingCounted: Notification[] = [];
  private cursorRow: Located<Setting> | undefined;
  private ledgerRow: Located<Setting> | undefined;
  private readonly startedMs: number;
  private readonly delivery: Delivery;
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
    this.delivery = new Delivery(env, mailReserve);
  }

  outOfTime(): boolean {
    return this.env.ports.clock.now().getTime() - this.startedMs > this.budgetMs;
  }

  /** Chat DM if the app is installed for them, else mail while the quota lasts (delivery.ts); undefined = try again next run. */
  send(to: string, chat: () => ChatMessage, mail: () => MailText, requestId: string): Channel | undefined {
    const channel = this.delivery.send(to, chat, mail, requestId);
    if (channel) this.summary[channel]++;
    else this.summary.deferred++;
    return channel;
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
