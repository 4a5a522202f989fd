// The built bundle as Apps Script runs it: top-level entry points exist, and Google's documented events replay through it.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { ENTRY_POINTS, JOBS } from '../../src/app/pipeline/entry-points';
import { CARD_ACTION_FUNCTION } from '../../src/contract/actions';
import { plain } from '../support/fake-card-service';
import { validateChatResponse } from '../support/discovery-validator';
import { googleRefDir } from '../support/google-ref';
import { PEOPLE } from '../support/fixture';
import { appsScriptWorld, KOMPETENT_ACCOUNT, type FakeWorld } from './apps-script-fakes';

const ROOT = join(__dirname, '..', '..');
const GOOGLE = googleRefDir();
let code = '';

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), 'gas'], { cwd: ROOT, stdio: 'pipe' });
  code = readFileSync(join(ROOT, 'build', 'Code.js'), 'utf8');
});

/** Runs something as the Kompetent account (a trigger run: the trigger's owner is the running user). */
function asKompetent<T>(world: FakeWorld, fn: () => T): T {
  const was = world.user.email;
  world.user.email = world.effective.email = KOMPETENT_ACCOUNT;
  try { return fn(); } finally { world.user.email = world.effective.email = was; }
}

/** Loads the bundle; `warm` runs the hourly rebuild job first, as a deployed Kompetent has its read model. */
function load(userEmail: string, warm = true) {
  const world = appsScriptWorld(userEmail);
  const context = vm.createContext(world.context);
  vm.runInContext(code, context, { filename: 'Code.js' });
  const call = (fn: string, event: unknown) => {
    const f = (context as Record<string, unknown>)[fn];
    if (typeof f !== 'function') throw new Error(`${fn} is not a top-level function`);
    return (f as (e: unknown) => unknown)(JSON.parse(JSON.stringify(event)));
  };
  if (warm) {
    asKompetent(world, () => call('jobRebuildReadModel', world.clockEvent('jobRebuildReadModel')));
    world.fetches.length = 0;
  }
  return { world, context, call };
}

function manifestFunctions(): string[] {
  const m = JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8'));
  const names: string[] = [];
  const walk = (v: unknown, key = '') => {
    if (typeof v === 'string' && /runFunction|onTriggerFunction/.test(key)) names.push(v);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(m);
  return names;
}

describe('the bundle', () => {
  it('is one script with no ES module syntax and none of the globals Apps Script lacks', () => {
    // Matches are printed, not the whole bundle.
    const found = (re: RegExp) => code.match(re)?.[0];
    expect(found(/^\s*(import|export)\s/m)).toBeUndefined();
    // Bare calls only (UrlFetchApp.fetch is fine). zod's z.url() refers to URL inside a try/typeof guard and is unused;
    // the replays below run in a context without URL, timers, fetch or TextEncoder, so any call path would fail there.
    expect(found(/(?<![.\w$])(setTimeout|setInterval|fetch|queueMicrotask)\((?![^()]*\)\s*\{)/)).toBeUndefined(); // not method definitions
    expect(found(/new (TextEncoder|TextDecoder)\(/)).toBeUndefined();
    expect(found(/(?<![\w$"'`])#[a-zA-Z_]\w*\s*(=|;|\(|in\b)/)).toBeUndefined();
    expect(code.length).toBeLessThan(1_000_000);
  });

  it('defines every function the manifest, the cards, Chat, the sidebar and the triggers name, at top level', () => {
    const { context } = load(PEOPLE.kari);
    const names = new Set([
      ...manifestFunctions(), ...Object.keys(ENTRY_POINTS), ...Object.keys(JOBS), CARD_ACTION_FUNCTION,
      'doGet', 'sidebarCall', 'onEditRecords', 'onEditShard', 'setupTriggers',
    ]);
    expect(manifestFunctions().length).toBeGreaterThanOrEqual(5);
    for (const n of names) expect([n, typeof (context as Record<string, unknown>)[n]]).toEqual([n, 'function']);
  });

  it('does no work at top level (loading the script calls no service)', () => {
    const { world } = load(PEOPLE.kari, false);
    expect(world.fetches).toEqual([]);
  });

  it('rebuilds the read model as the service account: one token, then Sheets API reads', () => {
    const { call, world } = load(PEOPLE.kari, false);
    asKompetent(world, () => call('jobRebuildReadModel', world.clockEvent('jobRebuildReadModel')));
    expect(world.fetches[0]!.url).toBe('https://oauth2.googleapis.com/token');
    expect(world.fetches.slice(1).every((f) => f.url.startsWith('https://sheets.googleapis.com/v4/spreadsheets/records-123'))).toBe(true);
    expect(world.fetches.length).toBeGreaterThan(1);
  });

  it('with person shards (RECORDS_SHARD_IDS), setupTriggers adds an onEdit trigger per shard; a shard\'s edit is read in that shard only', () => {
    const { call, world } = load(PEOPLE.guri, false);
    world.props.RECORDS_SHARD_IDS = 'shard-1, shard-2';
    expect(String(call('setupTriggers', {}))).toContain(`${Object.keys(JOBS).length + 3} triggers installed`);
    const shardTriggers = world.installed.filter((t) => t.owner === PEOPLE.guri && t.fn === 'onEditShard');
    expect(shardTriggers.map((t) => [t.eventType, t.source])).toEqual([['ON_EDIT', 'shard-1'], ['ON_EDIT', 'shard-2']]);
    world.fetches.length = 0;
    // Row 2 of the second shard (the fake serves every spreadsheet id from one book): read there, and nowhere else.
    call('onEditShard', { authMode: 'FULL', triggerUid: shardTriggers[1]!.uid, range: { rowStart: 2, rowEnd: 2, columnStart: 1, columnEnd: 3 } });
    const sheets = world.fetches.filter((f) => f.url.startsWith('https://sheets.googleapis.com/'));
    expect(sheets.length).toBeGreaterThan(0);
    expect(sheets.every((f) => f.url.startsWith('https://sheets.googleapis.com/v4/spreadsheets/shard-2'))).toBe(true);
    expect(world.logs.filter((l) => l.startsWith('ERROR'))).toEqual([]);
    // The records' trigger is still one, on the records.
    expect(world.installed.filter((t) => t.owner === PEOPLE.guri && t.fn === 'onEditRecords').map((t) => t.source)).toEqual(['records-123']);
  });

  it('with an empty cache (before the first rebuild) says "being prepared" and flags a rebuild, creating no trigger', () => {
    const event = JSON.parse(readFileSync(join(GOOGLE, 'addon-events', 'gmail-homepage-appsscript.json'), 'utf8'));
    event.commonEventObject.userLocale = 'nb';
    const { call, world } = load(PEOPLE.kari, false);
    expect(JSON.stringify(plain((call('onHomepage', event) as unknown[])[0]))).toContain('gjør klar');
    call('onHomepage', event);
    // A user request never creates a trigger (ScriptApp needs script.scriptapp, and triggers are capped per user): it sets
    // a flag that the standing jobHealReadModel trigger picks up.
    expect(world.triggers).toEqual([]);
    expect(world.cache.getAll(['rebuild-requested'])).toEqual({ 'rebuild-requested': '1' });
    expect(world.fetches.filter((f) => /Certifications/.test(decodeURIComponent(f.url)))).toEqual([]);
  });
});

const CHAT_ENTRY: Record<string, string> = {
  '01': 'onMessage', '02': 'onMessage', '03': 'onAppCommand', '04': 'onCardAction', '05': 'onCardAction', '06': 'onCardAction',
  '07': 'onCardAction', '08': 'onAddedToSpace', '09': 'onAddedToSpace', '10': 'onRemovedFromSpace', '11': 'onAppCommand', '12': 'onWidgetUpdate',
};

describe('documented Chat events replayed through the bundle', () => {
  const files = GOOGLE ? readdirSync(join(GOOGLE, 'chat-events')).filter((f) => f.endsWith('.json')) : [];
  it('has the documented examples to replay', () => expect(files.length).toBeGreaterThanOrEqual(12));

  it.each(files)('%s gets a response Google documents (validated against the discovery schema)', (file) => {
    const event = JSON.parse(readFileSync(join(GOOGLE, 'chat-events', file), 'utf8'));
    if (event.chat?.user) event.chat.user.email = PEOPLE.kari;
    const { call, world } = load(PEOPLE.kari);
    const resp = call(CHAT_ENTRY[file.slice(0, 2)]!, event);
    if (resp !== null) expect(validateChatResponse(resp)).toEqual([]);
    expect(world.logs.filter((l) => l.startsWith('ERROR'))).toEqual([]);
    // Removed: nothing can be posted there, so the answer is empty (chat-responses.md §8; Apps Script returns null),
    // and nothing is posted or written. Widget updated: suggestions only (§6), never a message.
    if (file.startsWith('10')) {
      expect(resp).toBeNull();
      expect(world.chatPosts).toEqual([]);
      expect(world.fetches.filter((f) => f.method !== 'get')).toEqual([]);
    }
    if (file.startsWith('12')) expect(resp).toEqual({ action: { modifyOperations: [{ updateWidget: { selectionInputWidgetSuggestions: { suggestions: [] } } }] } });
  });
});

describe('documented add-on events replayed through the bundle', () => {
  const cases: [string, string][] = [
    ['gmail-homepage-appsscript.json', 'onHomepage'],
    ['gmail-contextual-message-open-appsscript.json', 'onGmailMessage'],
    ['docs-homepage-no-file-scope.json', 'onDocsHomepage'],
    ['docs-file-scope-granted.json', 'onDocsFileScopeGranted'],
    ['sheets-homepage-no-file-scope.json', 'onSheetsHomepage'],
    ['sheets-file-scope-granted.json', 'onSheetsFileScopeGranted'],
  ];

  it.each(cases)('%s → %s returns CardService cards', (file, fn) => {
    const event = JSON.parse(readFileSync(join(GOOGLE, 'addon-events', file), 'utf8'));
    const { call, world } = load(PEOPLE.kari);
    const cards = call(fn, event) as unknown[];
    expect(Array.isArray(cards)).toBe(true);
    expect(cards.length).toBeGreaterThan(0);
    expect(JSON.stringify(plain(cards[0]))).toMatch(/Kari|Kompetent|Min kompetanse|My competences/);
    expect(world.logs.filter((l) => l.startsWith('ERROR'))).toEqual([]);
    // Served from the read model the rebuild job (run as the service account through the Sheets API) left in the cache.
    expect(world.fetches).toEqual([]);
  });

  it('the contextual Gmail card reads only the opened message, with its token, and offers its session and certificate', () => {
    const event = JSON.parse(readFileSync(join(GOOGLE, 'addon-events', 'gmail-contextual-message-open-appsscript.json'), 'utf8'));
    const { call, world } = load(PEOPLE.kari);
    const cards = call('onGmailMessage', event) as unknown[];
    const json = JSON.stringify(plain(cards[0]));
    expect(world.gmailTokens).toEqual([event.gmail.accessToken]);
    expect(json).toContain('D-HLR oppfriskning');
    expect(json).toContain('Registrer kursbevis');
    expect(world.logs.filter((l) => l.startsWith('ERROR'))).toEqual([]);
  });

  it('answers a card click in Gmail with an ActionResponse', () => {
    const event = JSON.parse(readFileSync(join(GOOGLE, 'addon-events', 'gmail-card-action-callback-appsscript.json'), 'utf8'));
    event.commonEventObject.parameters = { action: 'status.mine' };
    const { call, world } = load(PEOPLE.kari);
    const resp = call('onCardAction', event);
    expect(JSON.stringify(plain(resp))).toContain('Min kompetanse');
    expect(world.logs.filter((l) => l.startsWith('ERROR'))).toEqual([]);
  });

  it('tells someone not in the records what they can do, in a card', () => {
    const event = JSON.parse(readFileSync(join(GOOGLE, 'addon-events', 'gmail-homepage-appsscript.json'), 'utf8'));
    const { call } = load(PEOPLE.stranger);
    // The documented event says userLocale "en-US", so the answer is in English.
    expect(JSON.stringify(plain((call('onHomepage', event) as unknown[])[0]))).toContain('Welcome to Kompetent');
  });
});
