// The request pipeline: event → parse → who is asking → views → handler → one cache patch; and the one error guard.
import { kindsOf, resolveActor } from '../core/access';
import { translator } from '../core/i18n';
import { normaliseEmail } from '../core/records/cells';
import { ReadModel, type Need } from '../store/read-model';
import { Records, withLock, type Change, type Snapshot } from '../store/records';
import { routeChat } from './chat-routing';
import { parseEvent, type ParseDefaults } from './events';
import { failReply, replyText, type Env, type Handler, type Handlers } from './handler';
import { loadViews } from './load';
import type { Ports } from './ports';
import type { Reply, Request } from './request';
import { ACTIONS } from '../ui/actions';

/** How long a change waits for the write lock (LockService allows up to 5 minutes; a card must answer in 30 s). */
export const LOCK_TIMEOUT_MS = 10_000;

export interface Outcome { reply: Reply; request?: Request }

/** Runs one request through its handler. Expected failures become replies; bugs throw (see `guarded`). */
export function handleRequest(ports: Ports, handlers: Handlers, req: Request): Reply {
  const handler: Handler | undefined = handlers[req.action];
  const t = translator(req.locale);
  if (!handler) return replyText(req, t('error.notFound'));
  const generation = ports.ids.next('g');
  const rm = new ReadModel(ports.cache, () => generation);
  const records = new Records(ports.workbook);
  const now = ports.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const today = ports.clock.today();

  // Outward calls that need not hold the write lock (mail, calendar, Chat), run once the lock is released.
  const deferred: (() => void)[] = [];
  const afterwards = (reply: Reply): Reply => {
    for (const fn of deferred.splice(0)) {
      try { fn(); } catch (err) { ports.log.error(`${req.action}: deferred call failed`, err instanceof Error ? err.message : err); }
    }
    return reply;
  };
  const run = (): Reply => {
    const needs: Need[] = [...(req.userEmail ? [{ person: req.userEmail }] : []), ...(handler.needs?.(req) ?? [])];
    const views = loadViews(ports.workbook, rm, needs, today, { allowFullRead: req.host === 'job' });
    if (views.unavailable.length > 0) {
      ports.scheduleRebuild?.();
      rm.flush();
      return replyText(req, t('error.preparing'));
    }
    const dir = views.dir;
    const me = req.userEmail ? views.person(req.userEmail) : undefined;
    const actor = resolveActor(req.userEmail, {
      units: dir.units,
      employeeByEmail: (e) => (me && me.employee.row.email === normaliseEmail(e) ? me.employee.row : undefined),
      guideByEmail: (e) => dir.guides.find((g) => g.email === normaliseEmail(e)),
      adminEmails: dir.adminEmails,
    });
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
    ports.log.error('Unreadable event', parsed.error);
    const req: Request = { host: defaults.host, userEmail: '', locale: 'nb', action: defaults.action, params: {}, form: {} };
    return { reply: replyText(req, translator('nb')('error.badRequest')) };
  }
  const req = routeChat(parsed.request);
  // Add-on and Chat interactions must answer within 30 s; the sidebar (google.script.run) and jobs have 6 minutes.
  ports.meter.beginExecution(req.host === 'job' || req.host === 'sidebar' ? 'job' : 'interactive');
  try {
    return { reply: handleRequest(ports, handlers, req), request: req };
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
