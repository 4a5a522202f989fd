// Attack suite over the built bundle (issue 14 §2): forged identity through every top-level function, jobs and set-up by
// someone who is not an administrator, the product's own action names only, and every handler × another person's records.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { JOBS } from '../../src/app/pipeline/entry-points';
import { COURSE_CALLS } from '../../src/contract/course-admin';
import { allHandlers } from '../../src/app/pipeline/router';
import { SIDEBAR_CALLS } from '../../src/contract/sidebar';
import { packOf } from '../../src/store/packs';
import { keyOfNeed } from '../../src/store/read-model';
import { AUDIT_END_VIEW } from '../../src/store/records';
import { plain } from '../support/fake-card-service';
import { PEOPLE } from '../support/fixture';
import { appsScriptWorld, KOMPETENT_ACCOUNT, type FakeWorld } from './apps-script-fakes';

const ROOT = join(__dirname, '..', '..');
const NOT_ALLOWED = 'Du har ikke tilgang til dette.';
/** One time-driven trigger per job and the records' onEdit trigger. */
const TRIGGERS = Object.keys(JOBS).length + 1;
const NOT_ALLOWED_ANY = /Du har ikke tilgang til dette\.|You do not have access to this\.|Du har inte behörighet till detta\./;
let code = '';
let exported: string[] = [];

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), 'gas'], { cwd: ROOT, stdio: 'pipe' });
  code = readFileSync(join(ROOT, 'build', 'Code.js'), 'utf8');
  exported = JSON.parse(readFileSync(join(ROOT, 'build', 'entry-points.json'), 'utf8')) as string[];
});

interface Probe { world: FakeWorld; call: (fn: string, ...args: unknown[]) => unknown; keysRead: string[][]; locks: number; reset(): void }

/** What the rebuild trigger leaves behind (records with their durable read-model copy, cache items, script properties). */
interface Warm { book: FakeWorld['book']; puts: [Record<string, string>, number | undefined][]; props: Record<string, string> }
let warm: Warm | undefined;

/**
 * The state after the bundle's own rebuild trigger, run once (as the Kompetent account, from its trigger event) and then
 * given to every fresh world: the rebuild costs most of a load, and the matrix below loads a few hundred times.
 */
function warmState(script: vm.Script): Warm {
  if (warm) return warm;
  const world = appsScriptWorld(KOMPETENT_ACCOUNT);
  const puts: Warm['puts'] = [];
  const putAll = world.cache.putAll.bind(world.cache);
  world.cache.putAll = (values, ttl) => { puts.push([{ ...values }, ttl]); putAll(values, ttl); };
  const context = vm.createContext(world.context);
  script.runInContext(context);
  (context as unknown as Record<string, (e: unknown) => void>).jobRebuildReadModel!(JSON.parse(JSON.stringify(world.clockEvent('jobRebuildReadModel'))));
  expect(world.logs.filter((l) => l.startsWith('ERROR'))).toEqual([]);
  warm = { book: structuredClone(world.book), puts, props: { ...world.props } };
  return warm;
}

let script: vm.Script | undefined;

/** The bundle warmed by its own rebuild trigger, then run as `user`, with every cache read and lock counted. */
function load(user: string): Probe {
  script ??= new vm.Script(code, { filename: 'Code.js' });
  const state = warmState(script);
  const world = appsScriptWorld(KOMPETENT_ACCOUNT);
  Object.assign(world.book, structuredClone(state.book));
  for (const [values, ttl] of state.puts) world.cache.putAll(values, ttl);
  Object.assign(world.props, state.props);
  const keysRead: string[][] = [];
  let locks = 0;
  const realCache = world.context.CacheService as { getScriptCache(): { getAll(k: string[]): Record<string, string> } };
  world.context.CacheService = {
    getScriptCache: () => {
      const c = realCache.getScriptCache();
      return new Proxy(c, {
        get: (target, prop) => (prop === 'getAll'
          ? (keys: string[]) => { keysRead.push([...keys]); return target.getAll(keys); }
          : (target as unknown as Record<string | symbol, unknown>)[prop]),
      });
    },
  };
  const realLock = world.context.LockService as Record<string, unknown>;
  world.context.LockService = { ...realLock, getScriptLock: () => ({ tryLock: () => { locks++; return true; }, releaseLock: () => {}, waitLock: () => { locks++; } }) };
  const context = vm.createContext(world.context);
  script.runInContext(context);
  const call = (fn: string, ...args: unknown[]) => {
    const f = (context as Record<string, unknown>)[fn];
    if (typeof f !== 'function') throw new Error(`${fn} is not a top-level function`);
    return (f as (...a: unknown[]) => unknown)(...JSON.parse(JSON.stringify(args)));
  };
  world.user.email = world.effective.email = user;
  const probe: Probe = {
    world, call, keysRead, get locks() { return locks; },
    reset() { keysRead.length = 0; locks = 0; world.fetches.length = 0; world.chatPosts.length = 0; world.logs.length = 0; },
  };
  probe.reset();
  return probe;
}

const text = (x: unknown) => JSON.stringify(plain(x));
const sheetsWrites = (w: FakeWorld) => w.fetches.filter((f) => /sheets\.googleapis\.com.*(:batchUpdate|:append|values)/.test(f.url) && f.method !== 'get');
const sheetsCalls = (w: FakeWorld) => w.fetches.filter((f) => f.url.startsWith('https://sheets.googleapis.com/'));

function chatEvent(asUser: string, kind: string, extra: Record<string, unknown> = {}) {
  const space = { name: 'spaces/DM1', type: 'DM', spaceType: 'DIRECT_MESSAGE' };
  const user = { name: 'users/9', displayName: 'Someone', email: asUser, type: 'HUMAN' };
  const message = { name: 'spaces/DM1/messages/1', text: 'status', argumentText: 'status', thread: { name: 'spaces/DM1/threads/1' } };
  const payloads: Record<string, unknown> = {
    message: { messagePayload: { space, message } },
    command: { appCommandPayload: { space, message, appCommandMetadata: { appCommandId: 1, appCommandType: 'SLASH_COMMAND' } } },
    click: { buttonClickedPayload: { space, message } },
    added: { addedToSpacePayload: { space } },
    removed: { removedFromSpacePayload: { space } },
    widget: { widgetUpdatedPayload: { space } },
  };
  return { commonEventObject: { hostApp: 'CHAT', userLocale: 'nb', ...extra }, chat: { user, space, ...(payloads[kind] as object) } };
}

const addonEvent = (hostApp: string, parameters?: Record<string, string>) =>
  ({ commonEventObject: { hostApp, userLocale: 'nb', ...(parameters ? { parameters } : {}) } });

/** Every exported function, with how an attacker calls it and what "refused, nothing read or written" means for it. */
type Attack = { fn: string; args: unknown[]; expect: (p: Probe, out: unknown) => void };

function nothingTouched(p: Probe, out: unknown) {
  expect(text(out)).toMatch(NOT_ALLOWED_ANY);
  expect(p.keysRead).toEqual([]);
  expect(p.locks).toBe(0);
  expect(p.world.fetches).toEqual([]);
  expect(p.world.chatPosts).toEqual([]);
}

/**
 * Only the asker's own views were read — the shared directory and meta packs, the list of people whose record is behind,
 * the pack holding Kari's record (src/store/packs.ts: a cache key is `<pack>#<chunk>`) and, for a change, the Audit end
 * (a row number) — nothing else, nothing written. `heldUnopened`: packs an interactive call names, fetched in that same
 * one getAll and left unopened by the refused access check (never for jobs: they fetch nothing before the check).
 */
function onlyOwnViews(p: Probe, heldUnopened: string[] = []) {
  const own = new Set(['dir', 'meta', 'pstale', packOf(`p:${PEOPLE.kari}`), packOf(AUDIT_END_VIEW), ...heldUnopened]);
  const keys = p.keysRead.flat();
  expect(keys.filter((k) => !own.has(k.replace(/#\d+$/, '')))).toEqual([]);
  expect(p.keysRead.length).toBeLessThanOrEqual(1);
  expect(sheetsCalls(p.world)).toEqual([]);
  expect(p.world.chatPosts).toEqual([]);
}

describe('forged identity through every exported function', () => {
  const chatFns: [string, string][] = [
    ['onMessage', 'message'], ['onAppCommand', 'command'], ['onCardAction', 'click'], ['onAddedToSpace', 'added'],
    ['onRemovedFromSpace', 'removed'], ['onWidgetUpdate', 'widget'],
  ];
  const attacks: Attack[] = [
    // Chat events naming another person than the one Google says is running: refused before any read.
    ...chatFns.map(([fn, kind]): Attack => ({ fn, args: [chatEvent(PEOPLE.guri, kind, { parameters: { action: 'admin.health' } })], expect: nothingTouched })),
    ...['onHomepage', 'onGmailMessage', 'onDocsHomepage', 'onDocsFileScopeGranted', 'onSheetsHomepage', 'onSheetsFileScopeGranted'].map((fn): Attack => ({
      fn, args: [{ ...chatEvent(PEOPLE.guri, 'message'), commonEventObject: { hostApp: 'CHAT' } }], expect: nothingTouched,
    })),
    // A payload (the console's, not Google's) outside the console: refused before any read.
    ...['onHomepage', 'onGmailMessage', 'onDocsHomepage', 'onDocsFileScopeGranted', 'onSheetsHomepage', 'onSheetsFileScopeGranted', 'onCardAction'].map((fn): Attack => ({
      fn,
      args: [{ ...addonEvent('SHEETS', { action: SIDEBAR_CALLS.registerCertification }), payload: { email: PEOPLE.ola, competenceId: 'fire', achievedOn: '2026-11-01' } }],
      expect: nothingTouched,
    })),
    // Console calls by someone who is not an administrator: only their own views are opened, then refused. What the call
    // names (Ola's record, the catalogue) is fetched in the same one getAll but never opened (src/app/pipeline/load.ts:
    // the console's changes keep DESIGN.md's five calls), and nothing of it is read from the records.
    {
      fn: 'sidebarCall',
      args: [SIDEBAR_CALLS.registerCertification, JSON.stringify({ email: PEOPLE.ola, competenceId: 'fire', achievedOn: '2026-11-01', note: 'verifiedBy guri' })],
      expect: (p, out) => {
        expect(String(out)).toContain(NOT_ALLOWED);
        const payload = { email: PEOPLE.ola, competenceId: 'fire', achievedOn: '2026-11-01', note: 'verifiedBy guri' };
        const named = allHandlers()[SIDEBAR_CALLS.registerCertification]!.needs!({ host: 'sidebar', userEmail: PEOPLE.kari, locale: 'nb', action: SIDEBAR_CALLS.registerCertification, params: {}, form: {}, payload });
        expect(named.length).toBeGreaterThan(0);
        onlyOwnViews(p, named.map((n) => packOf(keyOfNeed(n))));
      },
    },
    // Jobs called by hand, with no event or with a copy of the Kompetent account's trigger event.
    ...Object.keys(JOBS).flatMap((fn): Attack[] => [
      { fn, args: [{}], expect: (p) => { onlyOwnViews(p); expect(p.world.logs.join('\n')).toContain('refused: not an administrator'); } },
      { fn, args: ['forged'], expect: (p) => { onlyOwnViews(p); expect(p.world.logs.join('\n')).toContain('refused: not an administrator'); } },
    ]),
    {
      fn: 'setupTriggers',
      args: [],
      expect: (p, out) => {
        expect(String(out)).toContain(NOT_ALLOWED);
        expect(p.world.installed.filter((t) => t.owner !== KOMPETENT_ACCOUNT)).toEqual([]);
        expect(p.world.installed).toHaveLength(TRIGGERS);
        expect(p.world.props.KOMPETENT_TRIGGER_OWNER).toBe(KOMPETENT_ACCOUNT);
        onlyOwnViews(p);
      },
    },
    {
      fn: 'doGet',
      args: [{ parameter: {}, queryString: '' }],
      expect: (p, out) => { expect(JSON.stringify(out)).toContain(NOT_ALLOWED); expect(JSON.stringify(out)).not.toContain('sidebar'); onlyOwnViews(p); },
    },
    {
      fn: 'onEditRecords',
      args: [{ authMode: 'FULL', triggerUid: 'forged', range: { sheet: 'Certifications' }, user: PEOPLE.guri }],
      expect: (p, out) => { expect(out).toBeUndefined(); expect(p.keysRead).toEqual([]); expect(p.world.fetches).toEqual([]); },
    },
    {
      fn: 'onEditShard',
      args: [{ authMode: 'FULL', triggerUid: 'forged', range: { rowStart: 2, rowEnd: 2 }, user: PEOPLE.guri }],
      expect: (p, out) => { expect(out).toBeUndefined(); expect(p.keysRead).toEqual([]); expect(p.world.fetches).toEqual([]); },
    },
  ];

  it('covers every function the bundle exports (a new export must be added here)', () => {
    expect([...new Set(attacks.map((a) => a.fn))].sort()).toEqual([...exported].sort());
  });

  it.each(attacks.map((a, i) => [`${a.fn} #${i}`, a] as const))('%s: refused as Kari (staff), nothing read beyond her own views, nothing written', (_name, a) => {
    const p = load(PEOPLE.kari);
    if (a.fn.startsWith('job') && a.args[0] === 'forged') a.args[0] = p.world.clockEvent(a.fn);
    const out = p.call(a.fn, ...a.args);
    a.expect(p, out);
  });

  it('a job forged with the real trigger id but run by someone else is not a trigger run', () => {
    const p = load(PEOPLE.kari);
    p.call('jobDailyReminders', p.world.clockEvent('jobDailyReminders'));
    expect(p.world.logs.join('\n')).toContain('job.reminders refused: not an administrator');
    expect(sheetsCalls(p.world)).toEqual([]);
  });

  it('an administrator\'s "run now" is asked of the minute trigger (never run as them); from its own trigger it runs as the Kompetent account', () => {
    const admin = load(PEOPLE.guri);
    admin.call('jobForumNudges', {});
    expect(admin.world.logs.join('\n')).not.toContain('refused');
    expect(admin.world.logs.join('\n')).toContain('job.nudges requested by guri.hr@kommune.example');
    expect(admin.world.logs.join('\n')).not.toContain('job.nudges finished');
    const app = load(KOMPETENT_ACCOUNT);
    app.call('jobForumNudges', app.world.clockEvent('jobForumNudges'));
    expect(app.world.logs.join('\n')).toContain('job.nudges finished');
  });

  it('setupTriggers for an administrator removes their own set and installs one; an older set of another account removes itself', () => {
    const p = load(PEOPLE.guri);
    const out = String(p.call('setupTriggers'));
    expect(out).toContain('guri.hr@kommune.example');
    expect(p.world.props.KOMPETENT_TRIGGER_OWNER).toBe(PEOPLE.guri);
    expect(p.world.installed.filter((t) => t.owner === PEOPLE.guri)).toHaveLength(TRIGGERS);
    // Apps Script cannot show or delete another user's trigger: the Kompetent account's set is still there…
    expect(p.world.installed.filter((t) => t.owner === KOMPETENT_ACCOUNT)).toHaveLength(TRIGGERS);
    // …until it next fires: it finds it is no longer the owner, deletes its own triggers and does nothing else.
    p.world.user.email = p.world.effective.email = KOMPETENT_ACCOUNT;
    p.reset();
    p.call('jobDailyReminders', p.world.clockEvent('jobDailyReminders', KOMPETENT_ACCOUNT));
    expect(p.world.installed.filter((t) => t.owner === KOMPETENT_ACCOUNT)).toEqual([]);
    expect(p.keysRead).toEqual([]);
    expect(p.world.fetches).toEqual([]);
    // Running it again replaces the administrator's own set: never two.
    p.world.user.email = p.world.effective.email = PEOPLE.guri;
    p.call('setupTriggers');
    expect(p.world.installed).toHaveLength(TRIGGERS);
  });

  it('serves the console page to an administrator, framable by the spreadsheet sidebar', () => {
    const p = load(PEOPLE.guri);
    p.world.context.HtmlService = {
      XFrameOptionsMode: { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' },
      createHtmlOutputFromFile: (file: string) => {
        const out = { file, title: '', frame: 'DEFAULT', setTitle: (t: string) => { out.title = t; return out; }, setXFrameOptionsMode: (m: string) => { out.frame = m; return out; } };
        return out;
      },
      createHtmlOutput: (html: string) => ({ html, setTitle() { return this; } }),
    };
    expect(plain(p.call('doGet', { parameter: {} }))).toMatchObject({ file: 'sidebar', title: 'Kompetent', frame: 'ALLOWALL' });
  });
});

describe('action names are looked up only among the product\'s own', () => {
  const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'job.rebuild ', 'admin.dashboard'];
  it.each(names)('%j from a Gmail card click: a polite "not found", before any lock or read', (action) => {
    const p = load(PEOPLE.kari);
    const out = p.call('onCardAction', addonEvent('GMAIL', { action }));
    expect(text(out)).toContain('Fant ikke det du ba om');
    expect(p.locks).toBe(0);
    expect(p.keysRead).toEqual([]);
    expect(p.world.logs.filter((l) => l.startsWith('ERROR'))).toEqual([]);
  });

  it.each(names.slice(0, 6))('%j through the console call: the same', (action) => {
    const p = load(PEOPLE.guri);
    const out = String(p.call('sidebarCall', action, '{}'));
    expect(out).toContain('Fant ikke det du ba om');
    expect(p.locks).toBe(0);
    expect(p.keysRead).toEqual([]);
  });

  it('a job entry point runs nothing but jobs, and a card click no console call', () => {
    const p = load(PEOPLE.guri);
    expect(text(p.call('onCardAction', addonEvent('SHEETS', { action: COURSE_CALLS.cancelSession, sessionId: 'S1' })))).toContain('Fant ikke det du ba om');
    expect(p.locks).toBe(0);
  });
});

describe('every handler × another person\'s records', () => {
  const handlers = allHandlers();
  const consoleCalls = new Set<string>([...Object.values(SIDEBAR_CALLS), ...Object.values(COURSE_CALLS)]);
  const actions = Object.keys(handlers).filter((a) => !consoleCalls.has(a) && !a.startsWith('job.')).sort();
  // Ola Åsen: a teacher at Haugen school, certification C4 (fire, 2026-09-01). Kari leads nothing; Per leads Solbakken.
  const victim = { email: PEOPLE.ola, employeeId: 'E4', unitId: 'haugen', certificationId: 'C4', name: 'Ola Åsen' };
  const params = {
    email: victim.email, employeeId: victim.employeeId, unitId: victim.unitId, chain: victim.unitId, certificationId: victim.certificationId,
    competenceId: 'fire', sessionId: 'S2', appraisalId: 'A1', qid: 'Q1', faqId: 'F1', page: '1',
  };
  /** A written cell holding Ola's e-mail, employee id or certification id (whole cell values, as the Sheets API sends them). */
  const victimWritten = new RegExp(`"(${[victim.email, victim.employeeId, victim.certificationId].map((x) => x.replace(/[.@]/g, '\\$&')).join('|')})"`);
  const attackers: [string, string][] = [['Kari (staff)', PEOPLE.kari], ['Per (leader of another unit)', PEOPLE.per]];

  it('has the handlers to try', () => expect(actions.length).toBeGreaterThan(40));

  it('runs against a warm read model (the control: Kari\'s own status answers from the cache, no Sheets call)', () => {
    const p = load(PEOPLE.kari);
    const out = text(p.call('onCardAction', addonEvent('GMAIL', { action: 'status.mine' })));
    expect(out).toContain('Kari');
    expect(out).not.toMatch(/gjør klar/);
    expect(sheetsCalls(p.world)).toEqual([]);
  });

  it.each(attackers)('%s sees and changes nothing of Ola\'s through any of them', (_who, attacker) => {
    const problems: string[] = [];
    for (const action of actions) {
      for (const host of ['GMAIL', 'CHAT']) {
        const p = load(attacker);
        const event = host === 'CHAT'
          ? chatEvent(attacker, 'click', { parameters: { action, ...params }, formInputs: { email: { stringInputs: { value: [victim.email] } } } })
          : addonEvent(host, { action, ...params });
        let out: unknown;
        try {
          out = p.call('onCardAction', event);
        } catch (err) {
          problems.push(`${host} ${action}: threw ${err instanceof Error ? err.message : String(err)}`);
          continue;
        }
        const shown = text(out);
        if (shown.includes(victim.name) || shown.includes('2026-09-01') || shown.includes('1. september 2026')) problems.push(`${host} ${action}: shows Ola's record`);
        // The attacker may change their own records (sign themselves up, rate an FAQ); nothing written may name Ola.
        const written = JSON.stringify(sheetsWrites(p.world).map((f) => f.body));
        if (victimWritten.test(written)) problems.push(`${host} ${action}: wrote about Ola: ${written.slice(0, 300)}`);
        if (attacker === PEOPLE.kari && p.keysRead.flat().some((k) => k.startsWith(`p:${victim.email}`) || /^u:/.test(k))) problems.push(`${host} ${action}: read Ola's or a unit's view`);
        if (p.world.logs.some((l) => l.startsWith('ERROR'))) problems.push(`${host} ${action}: ${p.world.logs.find((l) => l.startsWith('ERROR'))}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
