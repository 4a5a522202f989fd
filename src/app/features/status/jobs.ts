// The re-certification reminder job's handler (reminder-job.ts) and the weekly leader digest: sent and recorded through the
// job outbox (src/app/common/job-outbox.ts: Chat DM where the app is installed, else mail within the quota; Notifications
// rows in batches with a resumable cursor in Settings, inside a time budget measured on the injected clock).
import { translator } from '../../../core/i18n';
import { digestKey, weekStart } from '../../../core/recert-reminders';
import { addDays } from '../../../core/dates';
import type { Notification } from '../../../core/records/tables';
import type { Snapshot } from '../../../store/records';
import { readAllTables, RESPONSE_BYTES, settingsOf } from '../../../store/rebuild';
import { notificationsSince } from '../../../store/notifications-since';
import { recordedSince } from '../../../store/notification-ledger';
import { ACTIONS } from '../../../contract/actions';
import { digestChatMessage, digestHasNews, digestMail } from '../../../ui/cards/unit-messages';
import { jobHandler, type Handlers, type JobEnv } from '../../pipeline/handler';
import { runReminders } from './reminder-job';
import { JobOutbox, visitOrder, type JobSummary } from '../../common/job-outbox';
import { digestFromReadModel, digestFromRecords, type DigestSource } from './digest-source';

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
  const outbox = new JobOutbox(env, snap, 'leaderDigestCursor', budgetMs, mailReserve, DIGEST_LEDGER);
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
