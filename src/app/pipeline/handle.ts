// The request pipeline: event → parse → who is asking → views → handler → one cache patch; and the one error guard.
import { can, kindsOf, resolveActor, type Actor } from '../../core/access';
import { deepPlain } from '../../core/safe-text';
import { translator } from '../../core/i18n';
import { normaliseEmail } from '../../core/records/cells';
import { keyOfNeed, ReadModel, type DirectoryView, type Need, type PersonView } from '../../store/read-model';
import { AUDIT_END_VIEW, AUDIT_TAIL_ROWS, Records, withLock, type Change, type Snapshot } from '../../store/records';
import { BackoffError, UncertainWriteError } from '../../store/write-errors';
import { routeChat } from './chat-routing';
import { parseEvent, type ParseDefaults } from './events';
import { failReply, replyText, type ChangeEnv, type Env, type Handler, type Handlers, type JobEnv, type Prepared } from './handler';
import { loadViews, type Views } from './load';
import { actsAsApp, adminOnlyRequest, handlerFor, mayLoad, openNeed } from './access-gate';
import type { Ports } from '../ports';
import type { Reply, Request } from '../../contract/request';
import { keyedIds, requestKeyOf, withKeys } from './request-key';
import { JOB_ACTIONS } from './entry-points';
import { releaseLease, takeLease } from './job-lease';
import { requestRun, RUN_BY_HAND } from './job-requests';
import { ACTIONS } from '../../contract/actions';
import { pendingMarks } from '../common/pending-files';

/** How long a change waits for the write lock (LockService allows up to 5 minutes; a card must answer in 30 s). */
export const LOCK_TIMEOUT_MS = 10_000;

/**
 * How long a job's batch waits for the script lock. Longer than a change's: a job has minutes, and its batch is one read
 * and one write. Each batch takes the lock anew (see JobEnv), so people's changes wait at most one batch, never a run.
 */
export const JOB_LOCK_MS = 30_000;

/** Runs of a change after a lost answer or a 429: each re-checks its key; waits happen with the lock given up. */
export const CHANGE_ATTEMPTS = 3;
/** Longest total wait between attempts (outside the lock), so the card still answers within 30 s. */
const MAX_TOTAL_WAIT_MS = 12_000;

/** The change's key was committed by an earlier arrival of the same action, which made a different change set. */
class Replayed extends Error {}
/** Views read before the lock, and a commit landed since: the handler decides again on views read under the lock. */
class Stale extends Error {}

export interface Outcome { reply: Reply; request?: Request }

/** Runs one request through its handler. Expected failures become replies; bugs throw (see `guarded`). */
export function handleRequest(ports: Ports, handlers: Handlers, req: Request): Reply {
  const handler: Handler | undefined = handlerFor(handlers, req);
  const t = translator(req.locale);
  if (!handler) return replyText(req, t('error.notFound'));
  const now = ports.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const today = ports.clock.today();
  const requestKey = handler.kind === 'change' ? requestKeyOf(req) : undefined;
  const keyBase = ports.ids.next('k');

  // Outward calls that need not hold the write lock (mail, calendar, Chat), run once the lock is released.
  let deferred: (() => void)[] = [];
  let afterLock: (() => void)[] = [];
  /** An earlier attempt of THIS request may have written (its answer was lost): a replay of it is our own first write. */
  let ownEarlierWrite = false;
  /** What `env.once` computed, kept across attempts of this request. */
  const memo = new Map<string, unknown>();
  let replayedElsewhere = false;
  const afterwards = (reply: Reply): Reply => {
    undoUnkept();
    for (const fn of [...afterLock.splice(0), ...deferred.splice(0)]) {
      try { fn(); } catch (err) { ports.log.error(`${req.action}: deferred call failed`, err instanceof Error ? err.message : err); }
    }
    return withKeys(reply, keyBase);
  };
  /** What a run has loaded: the views (access checked) and the objects the commit and the cache patch go through. */
  interface Loaded { rm: ReadModel; records: Records; views: Views; actor: Actor; me?: PersonView; auditEnd?: number }
  /** Views and access: one load, what the check decides opened only after it passed (loadViews). A Reply ends the request. */
  const load = (): Loaded | Reply => {
    const generation = ports.ids.next('g');
    const rm = new ReadModel(ports.cache, () => generation, ports.codec);
    const records = new Records(ports.workbook);
    // An earlier attempt's answer was lost: its rows may be in a person shard with no Audit row (the records write did
    // not land or could not be settled): look for them by key before appending again.
    records.recheckShards = ownEarlierWrite;
    const preparing = (): Reply => {
      ports.scheduleRebuild?.();
      rm.flush();
      return replyText(req, t('error.preparing'));
    };
    // Access before data: the asker's own views and what is public are opened first; what the access check decides
    // (`laterNeeds`) is fetched in the same calls but opened only once the check on the asker passes (see loadViews).
    const asker = req.userEmail;
    const handlerNeeds = handler.needs?.(req) ?? [];
    const gated = adminOnlyRequest(req);
    const app = actsAsApp(req);
    const ownNeeds: Need[] = [...(asker ? [{ person: asker }] : []), ...(gated ? [] : handlerNeeds.filter((n) => app || openNeed(n, asker)))];
    // Every change patches where the Audit tab ends (commit); its pack loads in the one getAll, keyed or not.
    if (handler.kind === 'change') ownNeeds.push({ view: AUDIT_END_VIEW });
    const laterNeeds = app ? [] : gated ? handlerNeeds : handlerNeeds.filter((n) => !openNeed(n, asker));
    const actorOf = (dir: DirectoryView, me: PersonView | undefined): Actor => resolveActor(asker, {
      units: dir.units,
      employeeByEmail: (e) => (me && me.employee.row.email === normaliseEmail(e) ? me.employee.row : undefined),
      guideByEmail: (e) => dir.guides.find((g) => g.email === normaliseEmail(e)),
      adminEmails: dir.adminEmails,
      coordinatorEmail: dir.settings.coordinatorEmail,
    });
    const allowed = (actor: Actor) => (gated ? can(actor, { do: 'administer' }) : laterNeeds.every((n) => mayLoad(actor, n)));
    const views = loadViews(ports.workbook, rm, ownNeeds, today, {
      allowFullRead: req.host === 'job', refill: handler.kind === 'change',
      later: laterNeeds, asker, mayOpen: (dir, me) => allowed(actorOf(dir, me)), fetchHeld: req.host !== 'job',
    });
    const me = asker ? views.person(asker) : undefined;
    const actor = actorOf(views.dir, me);
    if (views.refused || !allowed(actor)) {
      // The request is about someone or something the asker may not see: refused without opening any of it.
      ports.log.info(`${req.host} ${req.action} refused: ${gated ? 'not an administrator' : 'not theirs to see'}`, asker || 'unknown');
      return replyText(req, t('error.notAllowed'));
    }
    if (views.unavailable.length > 0) return preparing();
    const end = handler.kind === 'change' ? views.view<number>(AUDIT_END_VIEW) : undefined;
    const auditEnd = typeof end === 'number' ? end : undefined;
    if (requestKey) records.keying = { requestKey, auditFrom: auditEnd !== undefined ? Math.max(2, auditEnd - AUDIT_TAIL_ROWS + 1) : undefined };
    return { rm, records, views, actor, me, auditEnd };
  };

  /** What every handler sees over loaded views (no records, no commit). */
  const baseEnv = (l: Loaded): Env => {
    const { rm, views, actor, me } = l;
    const newId = requestKey ? keyedIds(requestKey) : (prefix: string) => ports.ids.next(prefix);
    return {
      req, actor, kinds: kindsOf(actor), me, locale: req.locale, t, now, today, ports, views, rm,
      read: (tables, ranges) => l.records.read(tables, ranges),
      setting: (key, fallback) => views.dir.settings[key] ?? fallback,
      newId,
      defer: (fn) => { deferred.push(fn); },
      fileMarks: (claim) => pendingMarks(now, l.auditEnd, requestKey, claim),
      once: <T>(name: string, fn: () => T): T => {
        if (!memo.has(name)) memo.set(name, fn());
        return memo.get(name) as T;
      },
    };
  };

  /** A change's env under the write lock: its bounded read, the key check and its one commit. */
  const changeEnv = (l: Loaded): ChangeEnv => {
    const { rm, records, actor } = l;
    return {
      ...baseEnv(l),
      ...(prepared ? { prepared: prepared.value, keepPrepared: () => { keptPrepared = true; } } : {}),
      committedBefore: (snap?: Snapshot) => records.committedBefore(snap),
      note: (entry) => records.note(entry),
      commit: (changes: Change[], action: string, prefetched?: Snapshot) => {
        const res = records.commit(changes, { actorEmail: actor.email || 'unknown', action, at: now }, prefetched);
        // Views read before the lock, and a commit has landed since: decide again on views read under the lock.
        if (!res.ok && res.reason === 'stale') throw new Stale();
        if (res.ok && res.replayed === 'other') throw new Replayed();
        // A replay of another request's commit: its effects (mail, Chat) were that request's to send, not ours.
        const elsewhere = res.ok && !!res.replayed && !ownEarlierWrite;
        if (elsewhere) replayedElsewhere = true;
        if (records.auditEnd !== undefined) rm.stage(AUDIT_END_VIEW, records.auditEnd);
        return elsewhere ? { ...res, elsewhere, earlierRequest: true } : res;
      },
    };
  };

  /**
   * A job's env: reads outside any lock, and each batch committed under the script lock taken for that batch only (a
   * `locked` section holds it across a read and its commit). The job's lease is held around the whole run (execute).
   */
  const jobEnv = (l: Loaded): JobEnv => {
    const { records } = l;
    let held = false;
    const locked = <T>(fn: () => T): T | { ok: false; reason: 'busy' } => {
      if (held) return fn();
      return withLock(ports.lock, JOB_LOCK_MS, () => {
        held = true;
        try { return fn(); } finally { held = false; }
      });
    };
    return {
      ...baseEnv(l),
      // The whole workbook port: a job writes the durable read model and the archives (read and change handlers read only).
      ports,
      commit: (changes, opts = {}) => {
        if (changes.length === 0) return { ok: true, inserted: [] };
        const at = opts.at ?? ports.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
        const audit = { actorEmail: opts.actorEmail ?? 'kompetent', action: opts.action ?? req.action, at };
        const res = locked(() => records.commit(changes, audit, opts.prefetched));
        return res.ok && records.auditEnd !== undefined ? { ...res, auditEnd: records.auditEnd } : res;
      },
      locked,
    };
  };

  /** Runs the handler over loaded views (under the lock for a change), then patches the cache once. */
  const execute = (l: Loaded): Reply => {
    // Every attempt starts clean: nothing staged, deferred or written by an earlier attempt is kept here.
    deferred = [];
    afterLock = [];
    keptPrepared = false;
    const { rm, records } = l;
    let reply: Reply;
    // A job holds its lease for its whole run (the trigger and "run now" never overlap), taken only for the trigger or an
    // administrator: anyone else is refused here, before any records are touched.
    let lease: { name: string; holder: string } | undefined;
    if (handler.kind === 'job') {
      const app = actsAsApp(req);
      if (!app && !l.actor.isAdmin) return failReply({ req, t }, { kind: 'notAllowed' });
      if (JOB_ACTIONS.has(req.action) && !app && !RUN_BY_HAND.has(req.action)) {
        // "Run now" by an administrator: this execution runs as them, and a job that mails would mail from their mailbox.
        // The standing minute trigger (the Kompetent account's) runs it instead.
        if (!requestRun(ports, req.action)) return replyText(req, t('error.busy'));
        ports.log.info(`${req.action} requested by ${l.actor.email}: the minute trigger runs it as the app`);
        return replyText(req, t('job.requested'));
      }
      const name = handler.lease ?? req.action;
      const holder = takeLease(ports, name, ports.ids.next('run'));
      if (!holder) return handler.busy ? handler.busy(baseEnv(l)) : replyText(req, t('job.running'));
      lease = { name, holder };
    }
    try {
      reply = handler.kind === 'change' ? handler.run(changeEnv(l)) : handler.kind === 'job' ? handler.run(jobEnv(l)) : handler.run(baseEnv(l));
    } catch (err) {
      if (!(err instanceof Replayed)) throw err;
      // An earlier arrival of this action committed a different change set (the view here was stale): write nothing,
      // say so, and drop the stale view once the lock is given up (the next request reads the records).
      deferred = [];
      keptPrepared = false;
      if (req.userEmail) afterLock.push(() => rm.invalidate([keyOfNeed({ person: req.userEmail })]));
      afterLock.push(() => ports.scheduleRebuild?.());
      return replyText(req, t('change.alreadyDone'));
    } finally {
      if (lease) releaseLease(ports, lease.name, lease.holder);
    }
    flushAfterCommit(rm, records.auditEnd !== undefined);
    if (replayedElsewhere) {
      // Not ours to send; and the views this request read missed that earlier commit: rebuild them.
      deferred = [];
      afterLock.push(() => ports.scheduleRebuild?.());
    }
    return reply;
  };

  const run = (): Reply => {
    const l = load();
    return 'kind' in l ? l : execute(l);
  };

  /**
   * A change with outward work (a Drive copy, a Docs read): that work runs here, before the lock, on views read without
   * it. Under the lock the handler runs on those same views when no commit has landed since they were read (the commit
   * compares where the Audit tab ends with the cache's mark, one read it makes anyway), else on views read again.
   */
  let prepared: Prepared | undefined;
  let keptPrepared = false;
  let early: Loaded | undefined;
  const runLocked = (): Reply => {
    const l = early;
    early = undefined;
    if (!l) return run();
    if (l.auditEnd === undefined) return run();
    l.records.expectAuditEnd = l.auditEnd;
    try {
      return execute(l);
    } catch (err) {
      if (!(err instanceof Stale)) throw err;
      return run();
    }
  };
  const undoUnkept = (): void => {
    if (!prepared || keptPrepared || !prepared.undo) return;
    try { prepared.undo(); } catch (err) { ports.log.error(`${req.action}: undoing the prepared work failed`, err instanceof Error ? err.message : err); }
  };

  /**
   * The cache is a shortcut, never the record: once a change is committed, a failing cache write must not turn the
   * answer into an error (the person would retry; the request key makes that retry a no-op). Before any commit, a
   * failing cache write is an ordinary failure.
   */
  function flushAfterCommit(rm: ReadModel, committed: boolean): void {
    try {
      rm.flush();
    } catch (err) {
      if (!committed) throw err;
      ports.log.error(`${req.action}: the cache patch after the commit failed; the view stays stale until its key is re-read`,
        err instanceof Error ? err.message : err);
    }
  }

  if (handler.kind !== 'change') return afterwards(run());
  if (handler.prepare) {
    const l = load();
    if ('kind' in l) return afterwards(l);
    const out = handler.prepare(baseEnv(l));
    if ('kind' in out) {
      flushAfterCommit(l.rm, false);
      return afterwards(out);
    }
    prepared = out;
    early = l;
  }
  // A change: under the lock. A lost answer (the write may have applied) or a 429 gives the lock up; the next attempt
  // waits outside it and re-checks the request key before writing again (DESIGN.md Reliability).
  let waited = 0;
  let last: 'busy' | 'unconfirmed' = 'busy';
  for (let attempt = 1; attempt <= CHANGE_ATTEMPTS; attempt++) {
    let wait: number;
    try {
      const locked = withLock(ports.lock, LOCK_TIMEOUT_MS, runLocked);
      if ('kind' in locked) return afterwards(locked);
      return afterwards(failReply({ req, t }, { kind: 'commit', failure: { reason: 'busy' } }));
    } catch (err) {
      if (err instanceof UncertainWriteError) {
        // Without a key a second attempt could write twice: stop and say the outcome is unknown.
        last = 'unconfirmed';
        ownEarlierWrite = true;
        ports.log.error(`${req.action}: ${err.message}`);
        if (!requestKey) break;
        wait = 1000;
      } else if (err instanceof BackoffError) {
        last = 'busy';
        wait = err.waitMs;
      } else throw err;
    }
    if (waited + wait > MAX_TOTAL_WAIT_MS) break;
    waited += wait;
    ports.sleep?.(wait);
  }
  deferred = [];
  return afterwards(replyText(req, t(last === 'busy' ? 'error.busy' : 'error.unconfirmed')));
}

/**
 * The guard every entry point goes through: a malformed event gets a polite answer, a bug is logged once with a
 * reference the user can quote, and nobody sees a stack trace.
 */
export function guarded(ports: Ports, handlers: Handlers, rawEvent: unknown, defaults: ParseDefaults): Outcome {
  const parsed = parseEvent(rawEvent, defaults);
  if (!parsed.ok) {
    const req: Request = { host: defaults.host, userEmail: '', locale: 'nb', action: defaults.action, params: {}, form: {} };
    if (parsed.refused) {
      // Someone called an entry point with an event Google did not send (another person's chat.user, a payload): refused
      // before anything is read, with the plain "no access" every other refusal gets.
      ports.log.error(`Refused event (${parsed.refused})`, parsed.error);
      return { reply: replyText(req, translator('nb')('error.notAllowed')) };
    }
    ports.log.error('Unreadable event', parsed.error);
    return { reply: replyText(req, translator('nb')('error.badRequest')) };
  }
  const req = routeChat(parsed.request);
  // Add-on and Chat interactions must answer within 30 s; the sidebar (google.script.run) and jobs have 6 minutes.
  ports.meter.beginExecution(req.host === 'job' || req.host === 'sidebar' ? 'job' : 'interactive');
  try {
    // No control or bidi character from any record reaches a card, message or console answer (src/core/safe-text.ts).
    return { reply: deepPlain(handleRequest(ports, handlers, req)), request: req };
  } catch (err) {
    // Google ends an execution past its time limit: nothing in the script can answer politely any more.
    if (err instanceof Error && err.name === 'GoogleLimitExceeded') throw err;
    const ref = ports.ids.next('err');
    ports.log.error(`[${ref}] ${req.host} ${req.action} failed`, err instanceof Error ? err.stack ?? err.message : err);
    return { reply: replyText(req, translator(req.locale)('error.generic', { ref })), request: req };
  } finally {
    ports.meter.endExecution();
  }
}

export { ACTIONS };
