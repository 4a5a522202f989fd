// The local workspace's HTTP API: zod-checked bodies, every surface's events through the real pipeline.
import { z } from 'zod';
import { ENTRY_POINTS, JOBS } from '../../app/entry-points';
import { normaliseEmail } from '../../core/records/cells';
import { TABLE_NAMES } from '../../core/records/tables';
import { toAddonResponse } from '../../ui/envelopes';
import { chatTurn, dmSpaceOf, GUIDE_SPACE, type Person } from './chat-sim';
import type { Workspace } from './workspace';

export class HttpError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

const as = z.string().min(1).max(200);
const params = z.record(z.string(), z.string()).default({});
const formInputs = z.record(z.string(), z.unknown()).optional();

const chatBody = z.object({
  as,
  space: z.string().regex(/^spaces\/[\w.-]+$/),
  threadName: z.string().optional(),
  text: z.string().max(40_000).optional(),
  click: z.object({ messageName: z.string().optional(), parameters: params, formInputs, openDialog: z.boolean().optional(), inDialog: z.boolean().optional() }).optional(),
}).refine((b) => b.text !== undefined || b.click, 'text or click is required');

const addonBody = z.object({
  as,
  host: z.enum(['gmail', 'docs', 'sheets']),
  entry: z.enum(['onHomepage', 'onGmailMessage', 'onDocsHomepage', 'onSheetsHomepage', 'onCardAction']),
  parameters: params,
  formInputs,
  messageId: z.string().optional(),
  docId: z.string().optional(),
});

const editBody = z.object({ table: z.enum(TABLE_NAMES as [string, ...string[]]), row: z.number().int().min(2), column: z.number().int().min(0), value: z.string().max(50_000) });
const clockBody = z.object({ days: z.number().min(-3650).max(3650).default(0), hours: z.number().min(-1000).max(1000).default(0) });

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) throw new HttpError(400, z.prettifyError(r.error));
  return r.data;
}

/** Who someone is in the workspace: a person from the records, or an e-mail the records do not know. */
function person(ws: Workspace, email: string): Person {
  const e = normaliseEmail(email);
  const [res] = ws.records.read([{ table: 'Employees' }]);
  const idx = (h: string) => res.header.indexOf(h);
  const row = res.rows.find((r) => String(r.cells[idx('email')] ?? '').toLowerCase() === e);
  return { email: e, name: row ? String(row.cells[idx('name')]) : e, locale: row ? String(row.cells[idx('locale')] || 'nb') : 'nb' };
}

export function people(ws: Workspace, q: string) {
  const [emp] = ws.records.read([{ table: 'Employees' }]);
  const [units] = ws.records.read([{ table: 'Units' }]);
  const [guides] = ws.records.read([{ table: 'Guides' }]);
  const [settings] = ws.records.read([{ table: 'Settings' }]);
  const col = (r: typeof emp, h: string) => r.header.indexOf(h);
  const leaders = new Set(units.rows.flatMap((r) => String(r.cells[col(units, 'leaderEmails')] ?? '').split(/[,;]\s*/)).map((s) => s.trim().toLowerCase()));
  const guideSet = new Set(guides.rows.map((r) => String(r.cells[col(guides, 'email')] ?? '').toLowerCase()));
  const admins = new Set(String(settings.rows.find((r) => r.cells[0] === 'adminEmails')?.cells[1] ?? '').split(/[,;\s]+/).map((s) => s.toLowerCase()));
  const personas = Object.entries(ws.personas()) as [string, string][];
  const all = emp.rows.map((r) => ({ email: String(r.cells[col(emp, 'email')]).toLowerCase(), name: String(r.cells[col(emp, 'name')]) }));
  const kinds = (email: string) => {
    const k: string[] = [];
    if (all.some((p) => p.email === email)) k.push('staff');
    if (leaders.has(email)) k.push('leader');
    if (guideSet.has(email)) k.push('guide');
    if (admins.has(email)) k.push('admin');
    return k.length ? k : ['unknown'];
  };
  const needle = q.trim().toLowerCase();
  const found = all.filter((p) => !needle || p.name.toLowerCase().includes(needle) || p.email.includes(needle)).slice(0, 50);
  return {
    personas: personas.map(([key, email]) => ({ key, email, name: all.find((p) => p.email === email)?.name ?? email, kinds: kinds(email) })),
    people: found.map((p) => ({ ...p, kinds: kinds(p.email) })),
  };
}

export function state(ws: Workspace, email: string) {
  const e = normaliseEmail(email);
  const chat = ws.services.chat;
  const dm = dmSpaceOf(e);
  const spaces = [{ name: dm, title: 'Kompetent', dm: true }, { name: GUIDE_SPACE, title: 'Google-guider', dm: false },
    ...[...new Set(chat.messages.map((m) => m.space))].filter((s) => s !== GUIDE_SPACE && !s.startsWith('spaces/dm-')).map((s) => ({ name: s, title: s.replace('spaces/', ''), dm: false }))];
  const appDm = chat.dms.get(e);
  return {
    now: ws.ports.clock.now().toISOString(),
    today: ws.ports.clock.today(),
    spaces,
    messages: chat.messages.filter((m) => m.space === dm || m.space === appDm || !m.space.startsWith('spaces/dm-')),
    inbox: ws.services.mail.sent.filter((m) => m.to.toLowerCase().split(/[,;]\s*/).includes(e)).reverse(),
    docs: [...ws.services.docs.docs.values()].map((d) => ({ id: d.id, title: d.title, body: d.body, tables: d.tables })),
    jobs: Object.keys(JOBS),
  };
}

export function chatRoute(ws: Workspace, body: unknown) {
  const b = parse(chatBody, body);
  return chatTurn(ws, person(ws, b.as), { space: b.space, threadName: b.threadName, text: b.text, click: b.click });
}

export function addonRoute(ws: Workspace, body: unknown) {
  const b = parse(addonBody, body);
  const who = person(ws, b.as);
  const common = { hostApp: b.host.toUpperCase(), platform: 'WEB', userLocale: who.locale, timeZone: { id: 'Europe/Oslo', offset: 3_600_000 },
    ...(b.entry === 'onCardAction' ? { parameters: b.parameters, ...(b.formInputs ? { formInputs: b.formInputs } : {}) } : {}) };
  const event: Record<string, unknown> = { commonEventObject: common };
  if (b.host === 'gmail' && b.messageId) event.gmail = { messageId: b.messageId, threadId: b.messageId, accessToken: 'local' };
  if (b.host === 'docs') event.docs = b.docId ? { id: b.docId, title: ws.services.docs.docs.get(b.docId)?.title, addonHasFileScopePermission: true } : { addonHasFileScopePermission: false };
  if (b.host === 'sheets') event.sheets = { addonHasFileScopePermission: false };
  const ep = ENTRY_POINTS[b.entry];
  // Add-on events carry no e-mail: on Apps Script it is Session.getActiveUser(); here, the who-am-I choice.
  const { reply } = ws.run(event, { host: b.host, action: ep.action, userEmail: who.email });
  return toAddonResponse(reply);
}

export function sheetRoute(ws: Workspace, table: string) {
  if (!(TABLE_NAMES as string[]).includes(table)) throw new HttpError(404, `No table ${table}`);
  const [res] = ws.records.read([{ table }]);
  return { table, header: res.header, rows: res.rows.map((r) => ({ rowNumber: r.rowNumber, cells: r.cells.map((c) => (c && typeof c === 'object' ? `=${c.formula.replace(/^=/, '')}` : c)) })), problems: res.problems ?? [] };
}

export function editRoute(ws: Workspace, body: unknown) {
  const b = parse(editBody, body);
  try {
    ws.editCell(b.table, b.row, b.column, b.value);
  } catch (e) {
    throw new HttpError(400, (e as Error).message);
  }
  return { ok: true };
}

export function jobRoute(ws: Workspace, name: string) {
  const job = JOBS[name as keyof typeof JOBS];
  if (!job) throw new HttpError(404, `No job ${name}`);
  const { reply } = ws.run({}, { host: 'job', action: job.action });
  return { ok: true, reply };
}

export function clockRoute(ws: Workspace, body: unknown) {
  const b = parse(clockBody, body);
  ws.services.clock.advance((b.days * 24 + b.hours) * 3_600_000);
  ws.save();
  ws.rebuild();
  return { now: ws.ports.clock.now().toISOString(), today: ws.ports.clock.today() };
}

export function healthRoute(ws: Workspace) {
  return ws.rebuild().health;
}
