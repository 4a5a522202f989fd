// The outbox job (every minute, as the Kompetent account that owns the triggers): sends the mail, calendar and Chat effects that
// changes committed to the Outbox table. Each send is marked durably (SentMarks) before the batched write that records it,
// and re-checked before sending, so a run that dies half-way neither loses nor repeats an effect; a failed send stays
// pending for the next run (failed after MAX_ATTEMPTS, reported by data health). It sends through the one delivery path
// (delivery.ts), as every job does: Chat's rate limit per space and MailApp's daily quota, shared with nothing kept apart.
import { decodeCalendar, decodeChat, decodeMail, MAX_ATTEMPTS, type MailPayload } from '../../core/outbox';
import { postChatEffect } from './effects';
import type { OutboxRow } from '../../core/records/tables';
import { update, type Change } from '../../store/records';
import type { Located } from '../../store/table-parse';
import { ACTIONS } from '../../contract/actions';
import { Delivery } from './delivery';
import { jobHandler, type Env, type Handlers, type JobEnv } from '../pipeline/handler';

/** Rows recorded per batched write (one lock, one read, one write each). */
export const OUTBOX_BATCH = 40;
/** Rows one run handles at most (a run every minute keeps up with far more than the day's sign-ups). */
export const OUTBOX_RUN_MAX = 400;
/** Where the next run starts reading (the first row that may still be pending); losing it only means one longer read. */
export const OUTBOX_FROM_KEY = 'outbox-from';

export interface OutboxSummary {
  read: number; sent: number; mail: number; calendar: number; chat: number; retried: number; failed: number; deferred: number;
  alreadySent: number; notRecorded?: string;
}

function stamp(env: Env): string {
  return env.ports.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function message(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 300);
}

class Recorder {
  private changes: Change[] = [];
  private sentIds: string[] = [];
  constructor(private readonly env: JobEnv, private readonly summary: OutboxSummary) {}

  sent(l: Located<OutboxRow>): void {
    this.changes.push(update('Outbox', l.rowNumber, l.row, { ...l.row, status: 'sent', sentAt: stamp(this.env), attempts: (l.row.attempts ?? 0) + 1, lastError: undefined }));
    this.sentIds.push(l.row.outboxId);
  }

  failedOnce(l: Located<OutboxRow>, error: string): void {
    const attempts = (l.row.attempts ?? 0) + 1;
    const status = attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
    if (status === 'failed') this.summary.failed++; else this.summary.retried++;
    this.changes.push(update('Outbox', l.rowNumber, l.row, { ...l.row, status, attempts, lastError: error }));
  }

  get size(): number { return this.changes.length; }

  /** One batched write of what happened; the send marks are dropped once the rows say it. */
  flush(): boolean {
    if (this.changes.length === 0) return true;
    const changes = this.changes;
    const ids = this.sentIds;
    this.changes = [];
    this.sentIds = [];
    const res = this.env.commit(changes);
    if (!res.ok) {
      // The marks stay: the next run finds these sent and records them without sending again.
      this.summary.notRecorded = res.reason;
      this.env.ports.log.error(`${this.env.req.action}: could not record ${changes.length} outbox rows`, res);
      return false;
    }
    this.env.ports.marks.clear(ids);
    return true;
  }
}

export function runOutbox(env: JobEnv, budgetMs = 240_000): OutboxSummary {
  const summary: OutboxSummary = { read: 0, sent: 0, mail: 0, calendar: 0, chat: 0, retried: 0, failed: 0, deferred: 0, alreadySent: 0 };
  const { ports } = env;
  // One run at a time: the caller holds the job's lease (src/app/pipeline/job-lease.ts, taken in handle.ts for the trigger or an
  // administrator), so a slow minute's run and the next never send the same row.
  const started = ports.clock.now().getTime();
  const hint = parseFrom(ports.cache.getAll([OUTBOX_FROM_KEY])[OUTBOX_FROM_KEY]);
  let table = env.read(['Outbox'], { Outbox: [{ from: hint.anchor?.row ?? hint.from }] }).Outbox;
  if (!table?.exists) return summary;
  // The hint names the last record above it; not there (rows deleted, inserted or sorted by hand since): it has moved,
  // and pending rows may now sit above the hint. Read the whole tab once rather than skip them (issue #13).
  if (hint.anchor && table.rows.find((r) => r.rowNumber === hint.anchor!.row)?.row.outboxId !== hint.anchor.id) {
    table = env.read(['Outbox']).Outbox!;
  }
  const pending = (table.rows as Located<OutboxRow>[]).filter((r) => r.row.status === 'pending').slice(0, OUTBOX_RUN_MAX);
  summary.read = table.rows.length;
  const marked = ports.marks.marked(pending.map((p) => p.row.outboxId));
  const rec = new Recorder(env, summary);
  // The one delivery path every job sends through (delivery.ts): Chat's one write a second per space (the job may wait for
  // its slot: it has minutes, a card has seconds) and MailApp's daily recipients, with no reserve (it is kept for this job).
  const delivery = new Delivery(env);
  const blockedEvents = new Set<string>();
  let firstOpen: number | undefined;
  const keepOpen = (l: Located<OutboxRow>) => { firstOpen ??= l.rowNumber; };

  /** One mail from the Kompetent account: past the day's quota the row waits (not an attempt); a failure is counted. */
  const sendMail = (l: Located<OutboxRow>, to: string, mail: MailPayload) => {
    const res = delivery.mail(to, () => mail);
    if (res.status === 'sent') {
      ports.marks.mark(l.row.outboxId);
      summary.mail++;
      summary.sent++;
      rec.sent(l);
    } else if (res.status === 'quota') { summary.deferred++; keepOpen(l); }
    else { rec.failedOnce(l, res.error); keepOpen(l); }
  };

  for (const l of pending) {
    if (ports.clock.now().getTime() - started > budgetMs) { keepOpen(l); summary.deferred++; continue; }
    const r = l.row;
    // Re-check before each send: sent by a run that could not record it.
    if (marked.has(r.outboxId)) {
      summary.alreadySent++;
      rec.sent(l);
    } else if (r.channel === 'mail') {
      const mail = decodeMail(r.payload);
      if (!mail || !r.recipientEmail) { rec.failedOnce(l, 'unreadable payload or no recipient'); keepOpen(l); }
      else sendMail(l, r.recipientEmail, mail);
    } else if (r.channel === 'chat') {
      const p = decodeChat(r.payload);
      const res = p && postChatEffect(delivery.chat, r, p);
      if (!p) { rec.failedOnce(l, 'unreadable payload'); keepOpen(l); }
      else if (res) {
        // 409 on the custom id: a message with this name is already in the space (posted by an earlier attempt).
        if (res.ok || /HTTP 409/.test(res.error ?? '')) {
          ports.marks.mark(r.outboxId);
          summary.chat++;
          summary.sent++;
          rec.sent(l);
        } else if (res.reason === 'deferred' && !res.error) { summary.deferred++; keepOpen(l); }
        else { rec.failedOnce(l, res.error ?? 'chat failed'); keepOpen(l); }
      } else if (p.mail && r.recipientEmail) {
        // No DM with the app: the mail the change gave as its fallback, from the Kompetent account.
        sendMail(l, r.recipientEmail, p.mail);
      }
      else { rec.failedOnce(l, 'no space, no DM with the app and no mail'); keepOpen(l); }
    } else {
      const op = decodeCalendar(r.payload);
      if (!op) { rec.failedOnce(l, 'unreadable payload'); keepOpen(l); }
      else if (blockedEvents.has(op.eventId)) { summary.deferred++; keepOpen(l); }
      else {
        try {
          if (op.op === 'sync') ports.calendar.syncEvent({ id: op.eventId, ...op.event }, op.addGuests, op.removeGuests);
          else ports.calendar.cancelEvent(op.eventId);
          ports.marks.mark(r.outboxId);
          summary.calendar++;
          summary.sent++;
          rec.sent(l);
        } catch (err) {
          // Later changes to the same event wait, so guests are added and removed in the order they were committed.
          blockedEvents.add(op.eventId);
          ports.log.error(`Outbox calendar ${r.outboxId} (${op.op} ${op.eventId}) failed`, message(err));
          rec.failedOnce(l, message(err));
          keepOpen(l);
        }
      }
    }
    if (rec.size >= OUTBOX_BATCH && !rec.flush()) return summary;
  }
  if (!rec.flush()) return summary;
  const firstFailed = (table.rows as Located<OutboxRow>[]).find((r) => r.row.status === 'pending' && !pending.includes(r))?.rowNumber;
  const next = Math.min(firstOpen ?? Infinity, firstFailed ?? Infinity, table.lastRow + 1);
  // With the last record above it, so the next run can tell whether hand edits have moved the rows since.
  const above = (table.rows as Located<OutboxRow>[]).filter((r) => r.rowNumber < next).pop();
  const anchor = above ?? (next > 2 ? undefined : { rowNumber: 0, row: { outboxId: '' } });
  ports.cache.putAll({ [OUTBOX_FROM_KEY]: anchor && anchor.rowNumber > 0 ? `${next}:${anchor.rowNumber}:${anchor.row.outboxId}` : String(anchor ? next : 2) }, 21_600);
  return summary;
}

/**
 * Where the job starts reading: `from` (a row number) and the record just above it as it was then (`row:id`), so rows
 * moved by hand are noticed. A bare number (no record read above it) is only trusted as row 2.
 */
function parseFrom(raw: string | undefined): { from: number; anchor?: { row: number; id: string } } {
  const [f, row, ...id] = (raw ?? '').split(':');
  const from = Number(f);
  const at = Number(row);
  if (!Number.isInteger(from) || from < 2) return { from: 2 };
  if (Number.isInteger(at) && at >= 2 && at < from && id.length > 0) return { from, anchor: { row: at, id: id.join(':') } };
  return { from: 2 };
}

export const outboxHandlers: Handlers = {
  // A job: its lease for the run; the script lock only for each batched write, never while it sends.
  [ACTIONS.jobOutbox]: jobHandler((env) => runOutbox(env), { quiet: (s) => !(s.sent || s.failed || s.retried || s.notRecorded) }),
};
