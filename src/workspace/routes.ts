// The local workspace's HTTP API: every body zod-checked, every surface's event through the real pipeline.
import { z } from 'zod';
import { JOBS } from '../app/pipeline/entry-points';
import { normaliseEmail } from '../core/records/cells';
import { senderLine } from '../adapters/memory/memory-services';
import { actionLabel } from '../core/records/action-labels';
import { dmSpaceOf, isDm } from './web/google-events';
import { addonTurn, sidebarTurn } from './addon-sim';
import { docsOf, docView, editDoc, fileDownload, filesOf } from './docs-routes';
import { chatTurn, storeHumanMessage, visibleTo } from './chat-sim';
import { HttpError, parseBody } from './http';
import { languageOf, people, person } from './people';
import { t, type Locale } from '../core/i18n';
import { appendRow, editCell, sheetPage, tableList } from './sheets';
import type { Workspace } from './workspace';

export interface Answer { status?: number; body: unknown; type?: string; headers?: Record<string, string> }
type Query = URLSearchParams;
/** A route's capture groups (a group that did not take part is ''). */
export interface Groups { readonly 1: string; readonly 2: string }
export function groupsOf(m: RegExpExecArray): Groups {
  return { 1: m[1] ?? '', 2: m[2] ?? '' };
}
type Get = (ws: Workspace, q: Query, m: Groups) => Answer['body'] | Answer;
type Post = (ws: Workspace, body: unknown, m: Groups, q: Query) => Answer['body'];

const email = z.email().max(254);
function who(q: Query): string {
  const r = email.safeParse(q.get('as') ?? '');
  if (!r.success) throw new HttpError(400, 'Query parameter `as` must be the e-mail of the person you are');
  return normaliseEmail(r.data);
}

/** When a job runs, in words of the person's language ("daglig kl. 06"). */
function scheduleOf(spec: (typeof JOBS)[keyof typeof JOBS], lang: Locale): string {
  if ('everyMinutes' in spec) return t(lang, 'ws.jobs.everyMinute', { n: spec.everyMinutes });
  if ('everyHours' in spec) return t(lang, 'ws.jobs.everyHour', { n: spec.everyHours });
  const hour = String(spec.atHour).padStart(2, '0');
  return t(lang, 'weekday' in spec ? 'ws.jobs.weekly' : 'ws.jobs.daily', { hour });
}

/** Mails are numbered in the order the app sent them; the number is the local Gmail message id. */
function inbox(ws: Workspace, me: string) {
  return ws.services.mail.sent
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => m.to.toLowerCase().split(/[,;]\s*/).map((s) => s.trim()).includes(me));
}

function mailOf(ws: Workspace, me: string, id: string) {
  const found = inbox(ws, me).find(({ i }) => String(i) === id);
  if (!found) throw new HttpError(404, `No mail ${id} in ${me}'s inbox`);
  return found;
}

function spacesOf(ws: Workspace, me: string) {
  const kinds = ws.kindsOf(me);
  const dm = dmSpaceOf(me);
  const rooms = ws.rooms().filter((r) => r.kind !== 'forum' || kinds.includes('guide') || kinds.includes('admin'));
  const all = [{ name: dm, displayName: 'Kompetent', kind: 'dm' as const }, ...rooms];
  return all.map((s) => {
    const msgs = ws.services.chat.messages.filter((m) => m.space === s.name && visibleTo(m, me));
    return { ...s, messages: msgs.length, threads: new Set(msgs.map((m) => m.threadName)).size, lastAt: msgs.at(-1)?.createTime };
  });
}

export const GET: [RegExp, Get][] = [
  [/^\/api\/version$/, (ws) => ({ version: ws.version })],
  [/^\/api\/people$/, (ws, q) => people(ws, q.get('q') ?? '')],
  [/^\/api\/state$/, (ws, q) => {
    const me = who(q);
    const lang = languageOf(ws, me);
    return {
      version: ws.version, now: ws.ports.clock.now().toISOString(), today: ws.ports.clock.today(), timeZone: ws.ports.clock.timeZone,
      me: person(ws, me),
      spaces: spacesOf(ws, me),
      inbox: inbox(ws, me).reverse().map(({ m, i }) => ({
        id: String(i), from: senderLine(m), subject: m.subject, sentAt: m.sentAt, snippet: m.text.replace(/\s+/g, ' ').slice(0, 140),
        attachments: (m.attachments ?? []).map((a, n) => ({ index: n, fileName: a.fileName, mimeType: a.mimeType })),
      })),
      docs: docsOf(ws, me),
      files: filesOf(ws, me),
      jobs: Object.entries(JOBS).map(([name, spec]) => ({ name, label: actionLabel(spec.action, true, lang), action: spec.action, schedule: scheduleOf(spec, lang), handled: ws.handlers[spec.action] !== undefined })),
    };
  }],
  [/^\/api\/chat\/messages$/, (ws, q) => {
    const me = who(q);
    const space = q.get('space') ?? '';
    if (!spacesOf(ws, me).some((s) => s.name === space)) throw new HttpError(404, `${me} is not in ${space}`);
    return { space, messages: ws.services.chat.messages.filter((m) => m.space === space && visibleTo(m, me)) };
  }],
  [/^\/api\/mail\/(\d+)$/, (ws, q, m) => {
    const { m: mail, i } = mailOf(ws, who(q), m[1]);
    return { id: String(i), ...mail, from: senderLine(mail), attachments: (mail.attachments ?? []).map((a, n) => ({ index: n, fileName: a.fileName, mimeType: a.mimeType })) };
  }],
  [/^\/api\/mail\/(\d+)\/attachments\/(\d+)$/, (ws, q, m) => {
    const { m: mail } = mailOf(ws, who(q), m[1]);
    const a = mail.attachments?.[Number(m[2])];
    if (!a) throw new HttpError(404, 'No such attachment');
    const body = a.encoding === 'base64' ? Buffer.from(a.content, 'base64') : Buffer.from(a.content, 'utf8');
    const safeName = a.fileName.replace(/[^\w.-]+/g, '_');
    return { body, type: /^[\w.+-]+\/[\w.+-]+$/.test(a.mimeType) ? a.mimeType : 'application/octet-stream', headers: { 'Content-Disposition': `attachment; filename="${safeName}"` } };
  }],
  [/^\/api\/docs\/([\w-]+)$/, (ws, q, m) => docView(ws, who(q), m[1])],
  [/^\/api\/drive\/([\w-]+)$/, (ws, q, m) => fileDownload(ws, who(q), m[1])],
  [/^\/api\/sheets$/, (ws) => ({ tables: tableList(ws), checkedAt: ws.health?.checkedAt })],
  [/^\/api\/sheets\/([\w -]+)$/, (ws, q, m) => {
    const num = (k: string, d: number, max: number) => Math.min(max, Math.max(0, Math.floor(Number(q.get(k) ?? d)) || 0));
    return sheetPage(ws, decodeURIComponent(m[1]), { offset: num('offset', 0, 1e7), limit: num('limit', 200, 1000) || 200, q: q.get('q') ?? '' });
  }],
  [/^\/api\/health$/, (ws) => ws.health ?? ws.rebuild().health],
];

const cellBody = z.object({ row: z.number().int().min(1).max(1e7), column: z.number().int().min(0).max(1000), value: z.string().max(50_000) });
const rowBody = z.object({ cells: z.array(z.string().max(50_000)).min(1).max(1000) });
const clockBody = z.union([
  z.object({ days: z.number().min(0).max(3650).default(0), hours: z.number().min(0).max(24 * 3650).default(0) }).strict(),
  z.object({ to: z.iso.date() }).strict(),
]);
const plainMessage = z.object({
  user: email, space: z.string().max(200), text: z.string().min(1).max(40_000),
  name: z.string().max(300), threadName: z.string().max(300).optional(), displayName: z.string().max(200).optional(),
});

export const POST: [RegExp, Post][] = [
  [/^\/api\/chat\/event$/, (ws, body) => chatTurn(ws, body)],
  // Text in a space that does not mention the app: Chat posts it and tells the app nothing.
  [/^\/api\/chat\/message$/, (ws, body) => {
    const b = parseBody(plainMessage, body);
    if (isDm(b.space)) throw new HttpError(400, 'Every message in a DM with the app goes to the app: send it as a Chat event');
    if (!spacesOf(ws, b.user).some((s) => s.name === b.space)) throw new HttpError(404, `${b.user} is not in ${b.space}`);
    const m = storeHumanMessage(ws, { email: b.user, displayName: b.displayName }, b.space, { name: b.name, text: b.text, threadName: b.threadName });
    ws.touch();
    return { created: [m.name] };
  }],
  [/^\/api\/docs\/([\w-]+)\/edit$/, (ws, body, m) => editDoc(ws, m[1], body)],
  [/^\/api\/addon\/(\w+)\/(\w+)$/, (ws, body, m) => addonTurn(ws, m[1], m[2], body)],
  [/^\/api\/sidebar$/, (ws, body) => ({ value: sidebarTurn(ws, body) })],
  [/^\/api\/sheets\/([\w -]+)\/cells$/, (ws, body, m) => {
    const b = parseBody(cellBody, body);
    editCell(ws, decodeURIComponent(m[1]), b.row, b.column, b.value);
    return { ok: true, issues: (ws.health?.issues ?? []).filter((i) => i.table === decodeURIComponent(m[1]) && i.rowNumber === b.row) };
  }],
  [/^\/api\/sheets\/([\w -]+)\/rows$/, (ws, body, m) => {
    const b = parseBody(rowBody, body);
    return { ok: true, rowNumber: appendRow(ws, decodeURIComponent(m[1]), b.cells) };
  }],
  // A course provider mails a certificate (a PDF): what the Gmail card's "register this certificate" is for.
  [/^\/api\/mail\/external-certificate$/, (ws, body) => {
    const b = parseBody(z.object({ user: email }), body);
    const id = ws.services.gmail.deliver({
      to: b.user, from: 'HLR-instituttet <kursbevis@hlr-instituttet.example>', subject: 'Kursbevis: Hjerte-lunge-redning med hjertestarter',
      text: 'Hei!\n\nTakk for at du deltok på kurset. Kursbeviset ditt ligger vedlagt.\n\nHilsen HLR-instituttet',
      attachments: [{ fileName: 'kursbevis-hlr.pdf', mimeType: 'application/pdf', content: certificatePdf(), encoding: 'base64' }],
    });
    ws.touch();
    return { id: id.replace(/^msg-f:/, '') };
  }],
  [/^\/api\/jobs\/(\w+)$/, (ws, _b, m) => {
    const r = ws.runJob(m[1]);
    if (!r) throw new HttpError(404, `No job ${m[1]} (jobs: ${Object.keys(JOBS).join(', ')})`);
    return r;
  }],
  [/^\/api\/clock$/, (ws, body) => {
    const b = parseBody(clockBody, body);
    const now = ws.ports.clock.now().getTime();
    const ms = 'to' in b ? Date.parse(`${b.to}T00:00:00Z`) + (now % 86_400_000) - now : (b.days * 24 + b.hours) * 3_600_000;
    if (ms < 0) throw new HttpError(400, 'The clock only moves forward (records written "later" would otherwise lie in the future)');
    ws.advanceClock(ms);
    return { now: ws.ports.clock.now().toISOString(), today: ws.ports.clock.today() };
  }],
];

/** A one-page PDF that says it is a course certificate (valid enough for a PDF viewer). */
function certificatePdf(): string {
  const text = 'BT /F1 18 Tf 72 720 Td (Kursbevis - HLR med hjertestarter) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => { offsets.push(pdf.length); pdf += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1').toString('base64');
}
