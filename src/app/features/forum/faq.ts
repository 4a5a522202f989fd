// The FAQ for everyone: search, show (views counted in the cache, written to the sheet by the hourly job), "helped / did
// not help" and "this solved it" (one write each, once per person), and the owner's "still correct" after a review reminder.
import { can } from '../../../core/access';
import { addDays, addMonths } from '../../../core/dates';
import { formatDate } from '../../../core/i18n';
import type { FaqEntry } from '../../../core/records/tables';
import { LIMITS, limitText } from '../../../core/text-limits';
import { ReadModel, type Need } from '../../../store/read-model';
import { update, withLock } from '../../../store/records';
import { keyHash } from '../../pipeline/request-key';
import type { Located } from '../../../store/table-parse';
import { ACTIONS } from '../../../contract/actions';
import { solvedByFaqCard } from '../../../ui/cards/forum-ask';
import { faqEntryCard, faqResultsCard, FAQ_RESULTS, reviewMessage } from '../../../ui/cards/forum-faq';
import { failReply, replyText, type ChangeEnv, type Env, type Handlers } from '../../pipeline/handler';
import { str, type Reply, type Request } from '../../../contract/request';
import { searchFaq, showCard } from './ask';
import { ctxOf, ID, numSetting } from './shared';

/** Cache key of the views counted since the last flush (each increment under the script lock: none is lost). */
export const viewsKey = (faqId: string) => `fv:${faqId}`;
/** How long a view waits for the lock to count itself (it is counted after the reply; a card never waits for it). */
const VIEW_LOCK_MS = 3_000;

/**
 * After the job wrote `counted` views to the Faq rows: takes exactly those off the cache counters, under the lock, so a
 * view counted meanwhile stays for the next run (a reset would lose it).
 */
export function subtractViews(ports: { lock: Env['ports']['lock']; cache: Env['ports']['cache'] }, counted: Record<string, number>): void {
  const keys = Object.keys(counted);
  if (keys.length === 0) return;
  withLock(ports.lock, VIEW_LOCK_MS, () => {
    const rm = new ReadModel(ports.cache, () => 'fv');
    const loaded = rm.load(keys.map((k) => ({ view: k })));
    const gone: string[] = [];
    for (const k of keys) {
      const left = (loaded.get<number>(k) ?? 0) - (counted[k] ?? 0);
      if (left > 0) rm.stage(k, left); else gone.push(k);
    }
    rm.flush();
    if (gone.length) rm.invalidate(gone);
    return { ok: true as const };
  });
}

/** A person's mark in Faq.voters: 10 characters of a hash of the address (the column never lists who voted). */
export function voterTag(email: string): string {
  return keyHash(`voter:${email.toLowerCase()}`).slice(0, 10);
}

/** The vote this person has given on an entry, from the row as read (the record, not the cache, decides). */
export function voteOf(entry: FaqEntry, email: string): '+' | '-' | undefined {
  const tag = voterTag(email);
  for (const v of (entry.voters ?? '').split(' ')) if (v.slice(1) === tag && (v[0] === '+' || v[0] === '-')) return v[0];
  return undefined;
}

function faqId(env: Env): string {
  const id = str(env.req, 'faqId');
  return ID.test(id) ? id : '';
}

function entryOf(env: Env, id: string): Located<FaqEntry> | undefined {
  return env.views.faq().entries.find((e) => e.row.faqId === id);
}

function faqSearch(env: Env): Reply {
  const { text: query } = limitText(str(env.req, 'query'), LIMITS.search);
  const entries = query
    ? searchFaq(env, query, FAQ_RESULTS).map((m) => m.entry)
    : [...env.views.faq().entries.map((l) => l.row)].sort((a, b) => (b.helpful ?? 0) - (a.helpful ?? 0) || (a.faqId < b.faqId ? -1 : 1)).slice(0, FAQ_RESULTS);
  return showCard(env, faqResultsCard(query, entries, ctxOf(env)));
}

/** Shows an entry and counts the view in the cache (no sheet write on a read path). */
function faqShow(env: Env): Reply {
  const id = faqId(env);
  const entry = id ? entryOf(env, id) : undefined;
  if (!entry) return failReply(env, { kind: 'notFound' });
  // Read, add one and put back under the script lock: two views at once are two counts (issue #13). After the reply.
  const { lock, cache } = env.ports;
  const count = () => withLock(lock, VIEW_LOCK_MS, () => {
    const rm = new ReadModel(cache, () => 'fv');
    const n = rm.load([{ view: viewsKey(id) }]).get<number>(viewsKey(id)) ?? 0;
    rm.stage(viewsKey(id), n + 1);
    rm.flush();
    return { ok: true as const };
  });
  if (env.defer) env.defer(() => { count(); }); else count();
  return showCard(env, faqEntryCard(entry.row, ctxOf(env)));
}

/** Adds to helpful / notHelpful on the row as it is now (read under the lock), once per person and entry. */
function countFeedback(env: ChangeEnv, id: string, field: 'helpful' | 'notHelpful'): { ok: true; entry: FaqEntry; already: boolean } | { ok: false; reply: Reply } {
  const cached = entryOf(env, id);
  if (!cached) return { ok: false, reply: failReply(env, { kind: 'notFound' }) };
  if (!env.actor.email) return { ok: false, reply: failReply(env, { kind: 'notAllowed' }) };
  let snap = env.read(['Faq', 'Audit'], { Faq: [{ from: cached.rowNumber, to: cached.rowNumber }], Audit: [] });
  let current = snap.Faq?.rows.find((r) => r.row.faqId === id);
  if (!current) {
    snap = { ...snap, Faq: env.read(['Faq']).Faq };
    current = snap.Faq?.rows.find((r) => r.row.faqId === id);
  }
  if (!current) return { ok: false, reply: failReply(env, { kind: 'notFound' }) };
  // Once per person, decided by the row read under the lock (durable: the cache may forget, the row does not).
  if (voteOf(current.row, env.actor.email)) return { ok: true, entry: current.row, already: true };
  const mark = `${field === 'helpful' ? '+' : '-'}${voterTag(env.actor.email)}`;
  const voters = current.row.voters ? `${current.row.voters} ${mark}` : mark;
  const after: FaqEntry = { ...current.row, [field]: (current.row[field] ?? 0) + 1, voters };
  const res = env.commit([update('Faq', current.rowNumber, current.row, after)], field === 'helpful' ? 'faqHelpful' : 'faqNotHelpful', snap);
  if (!res.ok) return { ok: false, reply: failReply(env, { kind: 'commit', failure: res }) };
  env.rm.stage('faq', { entries: env.views.faq().entries.map((e) => (e.row.faqId === id ? { row: after, rowNumber: current!.rowNumber } : e)) });
  return { ok: true, entry: after, already: false };
}

function faqFeedback(env: ChangeEnv): Reply {
  const id = faqId(env);
  const up = env.req.params.v !== 'down';
  const res = countFeedback(env, id, up ? 'helpful' : 'notHelpful');
  if (!res.ok) return res.reply;
  return showCard(env, faqEntryCard(res.entry, ctxOf(env), res.already ? 'already' : 'thanks'), { replace: true });
}

/** "This solved it" on an answer shown before asking: the question is never posted, and the entry gets the credit. */
function solvedByFaq(env: ChangeEnv): Reply {
  const res = countFeedback(env, faqId(env), 'helpful');
  if (!res.ok) return res.reply;
  return showCard(env, solvedByFaqCard(res.entry.question, ctxOf(env)), { replace: true });
}

/** The review card's other entries (the ids its buttons carry), as they are now, with the one just confirmed replaced. */
function reviewCardEntries(env: Env, after: FaqEntry): FaqEntry[] {
  const ids = str(env.req, 'ids').split(',').filter((x) => ID.test(x)).slice(0, 20);
  if (!ids.includes(after.faqId)) return [after];
  return ids.flatMap((x) => (x === after.faqId ? [after] : (entryOf(env, x)?.row ? [entryOf(env, x)!.row] : [])));
}

/**
 * The owner (or an admin) confirms an entry is still right: the next review is a year on (Settings faqReviewMonths). In
 * Chat the review card is updated in place: the confirmed entry is marked done, the others keep their buttons.
 */
function faqReviewed(env: ChangeEnv): Reply {
  const id = faqId(env);
  const cached = id ? entryOf(env, id) : undefined;
  if (!cached) return failReply(env, { kind: 'notFound' });
  if (!(env.actor.isAdmin || (cached.row.ownerEmail === env.actor.email && can(env.actor, { do: 'publishFaq' })))) return failReply(env, { kind: 'notAllowed' });
  const reviewBy = addMonths(env.today, numSetting(env, 'faqReviewMonths', 12));
  const done = (entry: FaqEntry): Reply => {
    if (env.req.host !== 'chat' || env.req.chat?.isDialog || !str(env.req, 'ids')) {
      return replyText(env.req, env.t('review.done', { date: formatDate(env.locale, reviewBy) }));
    }
    const horizon = addDays(env.today, numSetting(env, 'faqReviewNoticeDays', 7));
    const entries = reviewCardEntries(env, entry);
    const confirmed = new Set(entries.filter((f) => f.reviewBy && f.reviewBy > horizon).map((f) => f.faqId));
    return { kind: 'message', message: reviewMessage(entries, ctxOf(env), confirmed), update: true };
  };
  if (cached.row.reviewBy === reviewBy) return done(cached.row);
  const after: FaqEntry = { ...cached.row, reviewBy };
  const res = env.commit([update('Faq', cached.rowNumber, cached.row, after)], 'faqReviewed');
  if (!res.ok) return failReply(env, { kind: 'commit', failure: res });
  env.rm.stage('faq', { entries: env.views.faq().entries.map((e) => (e.row.faqId === id ? { row: after, rowNumber: e.rowNumber } : e)) });
  return done(after);
}

const faqNeeds = (extra: (req: Request) => Need[] = () => []) => (req: Request): Need[] => [{ shard: 'faq' }, ...extra(req)];

const feedbackNeeds = faqNeeds();

export const faqHandlers: Handlers = {
  [ACTIONS.faqSearch]: { kind: 'read', needs: faqNeeds(), run: faqSearch },
  [ACTIONS.faqShow]: { kind: 'read', needs: faqNeeds(), run: faqShow },
  [ACTIONS.faqFeedback]: { kind: 'change', needs: feedbackNeeds, run: faqFeedback },
  [ACTIONS.askSolvedByFaq]: { kind: 'change', needs: feedbackNeeds, run: solvedByFaq },
  [ACTIONS.faqReviewed]: { kind: 'change', needs: faqNeeds(), run: faqReviewed },
};
