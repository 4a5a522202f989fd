// The request pipeline: event → parse → who is asking → views → handler → one cache patch; and the one error guard.
import { can, kindsOf, resolveActor } from '../core/access';
import { translator } from '../core/i18n';
import { normaliseEmail } from '../core/records/cells';
import { ReadModel, type Need } from '../store/read-model';
import { Records, withLock, type Change, type Snapshot } from '../store/records';
import { routeChat } from './chat-routing';
import { parseEvent, type ParseDefaults } from './events';
import { failReply, replyText, type Env, type Handler, type Handlers } from './handler';
import { loadViews, type Views } from './load';
import { actsAsApp, adminOnlyRequest, handlerFor, mayLoad, mergeViews, openNeed } from './access-gate';
import type { Ports } from './ports';
import type { Reply, Request } from './request';
import { ACTIONS } from '../ui/actions';

/** How long a change waits for the write lock (LockService allows up to 5 minutes; a card must answer in 30 s). */
export const LOCK_TIMEOUT_MS = 10_000;

export interface Outcome { reply: Reply; request?: Request }

/** Runs one request through its handler. Expected failures become replies; bugs throw (see `guarded`). */
export function handleRequest(ports: Ports, handlers: Handlers, req: Request): Reply {
  const handler: Handler | undefined = handlerFor(handlers, req);
  const t = translator(req.locale);
  if (!handler) return replyText(req, t('error.notFound'));
  const generation = ports.ids.next('g');
  const rm = new ReadModel(ports.cache, () => generation);
  const records = new Records(ports.workbook);
  const now = ports.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const today = ports.clock.today();

  const preparing = (): Reply => {
    ports.scheduleRebuild?.();
    rm.flush();
    return replyText(req, t('error.preparing'));
  };

  // Outward calls that need not hold the write lock (mail, calendar, Chat), run once the lock is released.
  const deferred: (() => void)[] = [];
  const afterwards = (reply: Reply): Reply => {
    for (const fn of deferred.splice(0)) {
      try { fn(); } catch (err) { ports.log.error(`${req.action}: deferred call failed`, err instanceof Error ? err.message : err); }
    }
    return reply;
  };
  const run = (): Reply => {
    // Access before data: first the asker's own views and what is public, then (after the check) what they may see.
    const asker = req.userEmail;
    const handlerNeeds = handler.needs?.(req) ?? [];
    const gated = adminOnlyRequest(req);
    const app = actsAsApp(req);
    const ownNeeds: Need[] = [...(asker ? [{ person: asker }] : []), ...(gated ? [] : handlerNeeds.filter((n) => app || openNeed(n, asker)))];
    const laterNeeds = app ? [] : gated ? handlerNeeds : handlerNeeds.filter((n) => !openNeed(n, asker));
    const own = loadViews(ports.workbook, rm, ownNeeds, today, { allowFullRead: req.host === 'job' });
    if (own.unavailable.length > 0) return preparing();
    const dir = own.dir;
    const me = asker ? own.person(asker) : undefined;
    const actor = resolveActor(asker, {
      units: dir.units,
      employeeByEmail: (e) => (me && me.employee.row.email === normaliseEmail(e) ? me.employee.row : undefined),
      guideByEmail: (e) => dir.guides.find((g) => g.email === normaliseEmail(e)),
      adminEmails: dir.adminEmails,
    });
    if (gated && !can(actor, { do: 'administer' })) {
      ports.log.info(`${req.host} ${req.action} refused: not an administrator`, asker || 'unknown');
      return replyText(req, t('error.notAllowed'));
    }
    const allowed = gated ? laterNeeds : laterNeeds.filter((n) => mayLoad(actor, n));
    const withheld = gated ? [] : laterNeeds.filter((n) => !mayLoad(actor, n));
    if (withheld.length > 0) {
      // The request is about someone or something the asker may not see: refused without reading it.
      ports.log.info(`${req.host} ${req.action} refused: not theirs to see`, asker || 'unknown');
      return replyText(req, t('error.notAllowed'));
    }
    const more = allowed.length ? loadViews(ports.workbook, rm, allowed, today, { allowFullRead: req.host === 'job' }) : undefined;
    const views: Views = mergeViews(own, more, withheld);
    if (views.unavailable.length > 0) return preparing();
    const env: Env = {
      req, actor, kinds: kindsOf(actor), me, locale: req.locale, t, now, today, ports, views, records, rm,
      setting: (key, fallback) => dir.settings[key] ?? fallback,
      newId: (prefix) => ports.ids.next(prefix),
      defer: (fn) => { deferred.push(fn); },
      commit: (changes: Change[], action: string, prefetched?: Snapshot) => {
        if (handler.kind !== 'change') throw new Error(`commit from read handler ${req.action}`);
        return records.commit(changes, { actorEmail: actor.email || 'unknown', action, at: now }, prefetched);
      },
    };
    const reply = handler.run(env);
    rm.flush();
    return reply;
  };

  if (handler.kind === 'read') return afterwards(run());
  const locked = withLock(ports.lock, LOCK_TIMEOUT_MS, run);
  if ('kind' in locked) return afterwards(locked);
  return failReply({ req, t }, { kind: 'commit', failure: { reason: 'busy' } });
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
  try {
    return { reply: handleRequest(ports, handlers, req), request: req };
  } catch (err) {
    const ref = ports.ids.next('err');
    ports.log.error(`[${ref}] ${req.host} ${req.action} failed`, err instanceof Error ? err.stack ?? err.message : err);
    return { reply: replyText(req, translator(req.locale)('error.generic', { ref })), request: req };
  }
}

export { ACTIONS };
