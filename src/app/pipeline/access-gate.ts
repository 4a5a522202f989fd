// Access before data: which handler an action names (own actions only, per host), who may start it, and which of its
// needs may be loaded for this asker; the views of the two loads (the asker's own, then what they may see) as one.
import { kindsOf, type Actor } from '../../core/access';
import { normaliseEmail } from '../../core/records/cells';
import type { Need, PersonRows, PersonView } from '../../store/read-model';
import { DASHBOARD_KEY } from '../../store/unit-views';
import { COURSE_CALLS } from '../../contract/course-admin';
import { JOB_ACTIONS } from './entry-points';
import type { Handler, Handlers } from './handler';
import type { Views } from './load';
import type { Request } from '../../contract/request';
import { SIDEBAR_CALLS } from '../../contract/sidebar';
import { ACTIONS } from '../../contract/actions';

/** The admin console's calls: google.script.run → sidebarCall only (they read `req.payload`). */
const CONSOLE_CALLS: ReadonlySet<string> = new Set([...Object.values(SIDEBAR_CALLS), ...Object.values(COURSE_CALLS)]);
/** Console calls anyone may make: the console's texts (and whether the caller is an administrator). */
const OPEN_CONSOLE_CALLS: ReadonlySet<string> = new Set([SIDEBAR_CALLS.strings]);

/**
 * Chat's own events (added to or removed from a space, a multiselect asking for suggestions) answered only as those
 * events: never as a card click or from another host, where their answer ("nothing", or suggestions) means nothing.
 */
const CHAT_LIFECYCLE: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  [ACTIONS.chatAdded]: 'added', [ACTIONS.chatRemoved]: 'removed', [ACTIONS.chatWidgetUpdated]: 'widgetUpdated',
});

/**
 * The handler an action names, looked up only among the product's own actions (never `__proto__`, `constructor`,
 * `toString` or anything else an object inherits) and only where that action belongs: console calls from the console,
 * and a job's entry point runs nothing but jobs. Undefined is a polite "not found", answered before any lock or read.
 */
export function handlerFor(handlers: Handlers, req: Request): Handler | undefined {
  const action = req.action;
  if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(handlers, action)) return undefined;
  if (req.host === 'job' && !JOB_ACTIONS.has(action)) return undefined;
  const lifecycle = CHAT_LIFECYCLE[action];
  if (lifecycle !== undefined && (req.host !== 'chat' || req.chat?.event !== lifecycle)) return undefined;
  if ((req.host === 'sidebar') !== CONSOLE_CALLS.has(action) && !(req.host === 'sidebar' && JOB_ACTIONS.has(action))) return undefined;
  const handler = handlers[action];
  return handler && typeof handler.run === 'function' && (handler.kind === 'read' || handler.kind === 'change' || handler.kind === 'job') ? handler : undefined;
}

/**
 * Requests only an administrator may start: every console call but its texts, and a job not started by its own
 * trigger. For these nothing beyond the asker's own views is read until the asker is known to be an administrator.
 */
export function adminOnlyRequest(req: Request): boolean {
  if (req.host === 'sidebar') return !OPEN_CONSOLE_CALLS.has(req.action);
  if (req.host === 'job') return !req.fromTrigger;
  return false;
}

/** A job started by its own trigger acts as the app: there is no asker whose access limits what it reads. */
export function actsAsApp(req: Request): boolean {
  return req.host === 'job' && !!req.fromTrigger;
}

/** The person a need is about; a placeholder that is no e-mail (handlers use '-' for "none given") is nobody. */
function personOf(need: Need): string | undefined {
  const raw = 'person' in need ? need.person : undefined;
  return raw !== undefined && raw.includes('@') ? normaliseEmail(raw) : undefined;
}

/** Unit views (`u:<unitId>` and its pages) and a leader's own list (`ul:<email>`); see src/store/unit-views.ts. */
function unitOfView(key: string): string | undefined {
  const m = /^u:([^~]*)(~\d+)?$/.exec(key);
  return m ? m[1] : undefined;
}

/**
 * Needs that may be loaded before the asker is known: public shards, and what is the asker's own. Another person's
 * records, unit views, the admin dashboard and the data-health report wait for the access check.
 */
export function openNeed(need: Need, asker: string): boolean {
  const person = personOf(need);
  if (person !== undefined) return person === asker;
  if ('person' in need || 'index' in need) return true;
  if ('shard' in need) return need.shard !== 'health';
  if (!('view' in need)) return false;
  const key = need.view;
  if (key === DASHBOARD_KEY || unitOfView(key) !== undefined) return false;
  if (key.startsWith('ul:')) return key === `ul:${asker}`;
  return true;
}

/**
 * Whether a need held back by `openNeed` may be loaded for this actor. Another person's records: a leader (the handler
 * then checks that they lead that person's unit) or an administrator. Unit views: leaders and guides (the handler checks
 * which units; a change patches the aggregates up the unit chain) or administrators. The dashboard and data health:
 * administrators only. Staff and unknown users get none of them.
 */
export function mayLoad(actor: Actor, need: Need): boolean {
  if (actor.isAdmin) return true;
  const kinds = kindsOf(actor);
  if ('person' in need || 'index' in need) return kinds.includes('leader');
  if (!('view' in need)) return false;
  if (unitOfView(need.view) !== undefined) return kinds.includes('leader') || kinds.includes('guide');
  return false;
}

/**
 * The views of the asker's own load and of the second load (what the access check let through) as one. A need the check
 * held back reads as absent: a person "not found", a view missing, which every handler already answers.
 */
export function mergeViews(own: Views, more: Views | undefined, withheld: Need[]): Views {
  const heldPersons = new Set(withheld.flatMap((n) => ('person' in n ? [normaliseEmail(n.person)] : [])));
  const heldViews = new Set(withheld.flatMap((n) => ('view' in n ? [n.view] : [])));
  const heldHealth = withheld.some((n) => 'shard' in n && n.shard === 'health');
  const first = <T>(a: () => T, b: (() => T) | undefined): T => {
    try { return a(); } catch (err) { if (b) return b(); throw err; }
  };
  return {
    dir: own.dir,
    cat: () => first(own.cat, more?.cat),
    ses: () => first(own.ses, more?.ses),
    faq: () => first(own.faq, more?.faq),
    health: () => (heldHealth ? undefined : more?.health() ?? own.health()),
    person: (email: string): PersonView | undefined => {
      const e = normaliseEmail(email);
      if (heldPersons.has(e)) return undefined;
      return first(() => own.person(e), more ? () => more.person(e) : undefined);
    },
    personRows: (email: string): PersonRows | undefined => own.personRows(email) ?? more?.personRows(email),
    view: <T>(key: string): T | undefined => {
      if (heldViews.has(key)) return undefined;
      return first(() => own.view<T>(key), more ? () => more.view<T>(key) : undefined);
    },
    refilled: [...own.refilled, ...(more?.refilled ?? [])],
    unavailable: [...own.unavailable, ...(more?.unavailable ?? [])],
  };
}
