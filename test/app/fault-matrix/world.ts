// The fault matrix's world (issue #13): one spreadsheet on the Sheets API v4 double per run, reached through the real Sheets
// adapter and transport, with the ports a request gets on Apps Script; how people act in it (Chat, add-ons, the sidebar);
// and what a run leaves (every record by key, every effect sent, the answers as read).
import { createServer, type AddressInfo } from 'node:net';
import type { HttpRequest } from '../../../src/adapters/google/transport';
import { TABLE_NAMES, tableDef, type TableName } from '../../../src/core/records/tables';
import { localPorts, MovableClock, KOMPETENT_ACCOUNT } from '../../../src/adapters/memory/memory-services';
import { createNodeSheetsTransport } from '../../../src/adapters/node/sheets-node-transport';
import { SheetsWorkbook } from '../../../src/adapters/google/sheets-workbook';
import { readRound } from '../../../src/adapters/google/transport';
import { ShardedWorkbook } from '../../../src/store/sharded-workbook';
import { isShardedTable } from '../../../src/store/shards';
import { WITNESS_SHEET_ID, WITNESS_TAB } from '../../../src/adapters/google/sheets-requests';
import { MemoryCache } from '../../../src/store/strict-cache';
import { ReadModel } from '../../../src/store/read-model';
import { rebuildReadModel } from '../../../src/store/rebuild';
import { Records } from '../../../src/store/records';
import { guarded } from '../../../src/app/pipeline/handle';
import { allHandlers } from '../../../src/app/pipeline/router';
import type { ChangeEnv, Env, Handler, Handlers, JobEnv } from '../../../src/app/pipeline/handler';
import { ACTIONS } from '../../../src/contract/actions';
import { sidebarEvent } from '../../../src/contract/sidebar';
import { seedDefaultTemplates } from '../../../src/adapters/memory/appraisal-templates';
import { asUser } from '../../support/effects';
import { FaultyCache, FaultyWorkbook } from '../../support/faults';
import { fixtureWorkbook, PEOPLE, TODAY } from '../../support/fixture';
import { SheetsDouble } from '../../support/sheets-double';
import { chatEvent, EVA, type Data } from '../features/forum/support';

/**
 * The handlers, each run recorded while a change's own action is made untouched: the actions the matrix really exercises
 * (the coverage check compares them with every change handler the router has).
 */
export const covered = new Set<string>();
const tracking = { acting: false };
export function acting<T>(fn: () => T): T {
  tracking.acting = true;
  try { return fn(); } finally { tracking.acting = false; }
}
/** The same handler, its run recorded (each kind keeps its own env type). */
function tracked(name: string, h: Handler): Handler {
  const note = () => { if (tracking.acting) covered.add(name); };
  switch (h.kind) {
    case 'read': return { ...h, run: (env: Env) => { note(); return h.run(env); } };
    case 'change': return { ...h, run: (env: ChangeEnv) => { note(); return h.run(env); } };
    case 'job': return { ...h, run: (env: JobEnv) => { note(); return h.run(env); } };
  }
}
const handlers: Handlers = Object.fromEntries(Object.entries(allHandlers()).map(([name, h]) => [name, tracked(name, h)]));
const NOW = `${TODAY}T09:00:00Z`;

/** The double every world lives on, and a local port nobody listens on (a connection there is refused). */
export const harness = { double: undefined as unknown as SheetsDouble, closedPort: 0 };
export async function startDouble(): Promise<void> {
  const probe = createServer();
  await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
  harness.closedPort = (probe.address() as AddressInfo).port;
  await new Promise((ok) => probe.close(ok));
  harness.double = await SheetsDouble.start();
  await harness.double.allowToken('t');
}

/** One spreadsheet on the double with the ports a request gets on Apps Script (real Sheets adapter, strict cache). */
export interface World {
  id: string;
  ports: ReturnType<typeof localPorts>;
  workbook: FaultyWorkbook;
  cache: FaultyCache;
  raw: MemoryCache;
  clock: MovableClock;
  vars: Record<string, string>;
  /** Writes still to refuse at the connection, and how many were. */
  refuse: number;
  refused: number;
  /** The Sheets adapter's backoff sleeps, and whether the script lock was held (never allowed). */
  sleeps: { ms: number; locked: boolean }[];
  /** The records spreadsheet's id first, then each person shard's. */
  ids: string[];
  /** The spreadsheet a table's rows are in (a person shard's for Certifications and SkillAssessments when sharded). */
  sheetOf(table: string): string;
}

let n = 0;
/**
 * `shards`: person shards besides the records (ShardedWorkbook, as src/gas/ports.ts builds it from RECORDS_SHARD_IDS):
 * Certifications and SkillAssessments rows are in shard 1 (one shard: everyone's), the records keep their empty tabs.
 */
export async function world(data: Data, o: { shards?: number } = {}): Promise<World> {
  const id = `fm-${++n}`;
  const ids = [id, ...Array.from({ length: o.shards ?? 0 }, (_, i) => `${id}p${i + 1}`)];
  const sheetOf = (table: string) => (ids.length > 1 && isShardedTable(table) ? ids[1]! : id);
  const w = { vars: {}, refuse: 0, refused: 0, sleeps: [], ids, sheetOf } as unknown as World;
  // Each run is its own minute of the double's per-user quota (60 reads, 60 writes a minute).
  await harness.double.advanceClock(60_000);
  for (const sheet of ids) await harness.double.create(sheet);
  const seeded = fixtureWorkbook(data);
  for (const tab of TABLE_NAMES) {
    const d = seeded.dump(tab)!;
    if (sheetOf(tab) !== id) await harness.double.seed(id, tab, d.header, []);
    await harness.double.seed(sheetOf(tab), tab, d.header, d.rows);
  }
  // The hidden witness tab as the first witnessed write leaves it (so a fault hits the change's own write, not its set-up).
  for (const sheet of ids) await harness.double.seed(sheet, WITNESS_TAB, [], [], { sheetId: WITNESS_SHEET_ID, rowCount: 1, columnCount: 1 });
  const clock = new MovableClock('Europe/Oslo', () => Date.parse(NOW));
  // As on Apps Script (src/gas/ports.ts): never a backoff sleep while the script lock is held. Every sleep is recorded.
  const held: { lock?: { holding?(): boolean } } = {};
  const net = createNodeSheetsTransport();
  const transport = {
    request: (req: HttpRequest) => {
      // A connection refused (nothing reached Google): the request goes to a port nobody listens on, through the real
      // Node transport, so the error is the one Node gives.
      if (w.refuse > 0 && req.method === 'POST' && /:batchUpdate/.test(req.url)) {
        w.refuse--;
        w.refused++;
        return net.request({ ...req, url: req.url.replace(harness.double.url, `http://127.0.0.1:${harness.closedPort}`) });
      }
      return net.request(req);
    },
  };
  const sheets = (spreadsheetId: string) => new SheetsWorkbook({ spreadsheetId, transport, auth: { token: () => 't' }, root: harness.double.url,
    sleep: (ms) => { w.sleeps.push({ ms, locked: held.lock?.holding?.() ?? false }); }, mayWait: () => !held.lock?.holding?.() });
  // With shards, reads of several spreadsheets go out in one round, as UrlFetchApp.fetchAll sends them (the Node worker in parallel).
  const workbook = new FaultyWorkbook(ids.length > 1
    ? new ShardedWorkbook(sheets(id), ids.slice(1).map(sheets), { together: readRound({ request: (r) => net.request(r), requestAll: (r) => net.requestAll!(r) }) })
    : sheets(id));
  const raw = new MemoryCache(() => clock.now().getTime());
  const cache = new FaultyCache(raw);
  // modelTime off: a fault's extra calls must not move "now" (every timestamp would then differ from the untouched run).
  const ports = localPorts(workbook, { clock, cache, modelTime: false });
  held.lock = ports.lock;
  for (const e of [PEOPLE.kari, PEOPLE.ola, PEOPLE.per, EVA, PEOPLE.guri]) ports.services.chat.dms.set(e, `spaces/dm-${e.split('@')[0]}`);
  seedDefaultTemplates(ports.services);
  rebuild({ ports, clock } as World);
  return Object.assign(w, { id, ports, workbook, cache, raw, clock });
}

export function rebuild(w: Pick<World, 'ports' | 'clock'>): void {
  rebuildReadModel(w.ports.workbook, new ReadModel(w.ports.cache, () => `g${w.clock.now().getTime()}`, w.ports.codec),
    { now: w.clock.now().toISOString(), today: w.clock.today(), generation: `g${w.clock.now().getTime()}` });
}

export type Reply = unknown;
export type Form = Record<string, string | string[] | { ms: number }>;

function inputs(form: Form) {
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k,
    typeof v === 'object' && !Array.isArray(v) ? { dateInput: { msSinceEpoch: v.ms } } : { stringInputs: { value: Array.isArray(v) ? v : [v] } }]));
}

/** A Chat card click (or dialog submit), as the person. */
export function chat(w: World, who: string, action: string, params: Record<string, string>, form?: Form, o: { space?: string; dialog?: boolean } = {}): Reply {
  const e = chatEvent(who, { action, params, dialog: o.dialog ? 'submit' : undefined, space: o.space }) as { commonEventObject: Record<string, unknown> };
  if (form) e.commonEventObject.formInputs = inputs(form);
  return asUser(w.ports, who, () => guarded(w.ports, handlers, e, { host: 'chat', action: 'chat.message', userEmail: who }).reply);
}
/** An add-on card click (Gmail, Sheets, Docs), as the person. */
export function addon(w: World, who: string, host: 'gmail' | 'sheets' | 'docs', action: string, params: Record<string, string>, form?: Form, extra: object = {}): Reply {
  const e = { commonEventObject: { hostApp: host.toUpperCase(), parameters: { action, ...params }, ...(form ? { formInputs: inputs(form) } : {}) }, ...extra };
  return asUser(w.ports, who, () => guarded(w.ports, handlers, e, { host, action: 'home', userEmail: who }).reply);
}
export function sidebar(w: World, who: string, name: string, payload: object): Reply {
  return asUser(w.ports, who, () => guarded(w.ports, handlers, sidebarEvent(name, JSON.stringify(payload)), { host: 'sidebar', action: name, userEmail: who }).reply);
}
export function outbox(w: World): void {
  asUser(w.ports, KOMPETENT_ACCOUNT, () => guarded(w.ports, handlers, {}, { host: 'job', action: ACTIONS.jobOutbox, userEmail: '', fromTrigger: true }));
}

export const ms = (iso: string) => ({ ms: Date.parse(`${iso}T00:00:00Z`) });

/** What a run leaves: every record by key (volatile delivery fields left out), every effect sent, and the answers. */
export interface Result { records: Record<string, string>; effects: string[]; replies: string[]; id: string; sleptLocked: number[] }

const VOLATILE: Partial<Record<TableName, string[]>> = { Outbox: ['status', 'attempts', 'sentAt', 'lastError'] };

export function state(w: World): Result['records'] {
  const snap = new Records(w.ports.workbook).read([...TABLE_NAMES]);
  const out: Record<string, string> = {};
  for (const table of TABLE_NAMES) {
    const p = snap[table]!;
    const def = tableDef(table);
    const seen = new Map<string, number>();
    for (const { row } of p.rows) {
      const r = { ...(row as Record<string, unknown>) };
      for (const f of VOLATILE[table] ?? []) delete r[f];
      // Audit has no key: its rows are counted by what they say.
      const key = table === 'Audit' ? `${r.table}|${r.key}|${r.action}` : def.key.map((k) => String(r[k] ?? '')).join('|');
      const nth = (seen.get(key) ?? 0) + 1;
      seen.set(key, nth);
      out[`${table}:${key}${nth > 1 ? `#${nth}` : ''}`] = JSON.stringify(r);
    }
    if (p.issues.length) out[`${table}:issues`] = JSON.stringify(p.issues.map((i) => i.reason));
  }
  return out;
}

export function effects(w: World): string[] {
  const s = w.ports.services;
  return [
    ...s.mail.sent.map((m) => `mail ${m.from} → ${m.to}: ${m.subject}`),
    ...s.chat.messages.map((m) => `chat ${m.space}: ${m.message.text ?? ''}`.slice(0, 160)),
    ...[...s.calendar.events.values()].map((e) => `calendar ${e.id} ${e.status} ${[...e.guests].sort().join(',')}`),
    ...[...s.drive.files.values()].filter((f) => !f.trashed).map((f) => `drive ${f.name}`),
  ].sort();
}

/** A reply as the person reads it: generated ids and button keys left out (a fault's extra attempt draws more of them). */
export function said(r: Reply): string {
  return JSON.stringify(r).replace(/"key":"k","value":"[^"]*"/g, '"key":"k"').replace(/\b(k|g|run|err)-[0-9a-z]{4,}(\.[0-9a-z]+)?\b/g, '$1-#');
}
