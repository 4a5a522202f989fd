// The local Google Docs and Drive a person sees: the documents shared with them (HR also sees the Kompetent folders),
// a document's content for the editor view, typing into it (edit access only), and downloading a file such as the PDF.
import { z } from 'zod';
import { blocksOf, type DocBlock } from '../adapters/memory/docs-twin';
import type { DriveFile } from '../adapters/memory/memory-drive';
import { HttpError, parseBody } from './http';
import { languageOf } from './people';
import { t } from '../core/i18n';
import type { Workspace } from './workspace';

export type DocRole = 'writer' | 'commenter' | 'reader';

/** Whose a Drive file is: shared people by role; a file shared with nobody is HR's (the Kompetent folders' owners). */
function roleOf(ws: Workspace, f: DriveFile | undefined, me: string): DocRole | undefined {
  if (!f) return ws.kindsOf(me).includes('admin') ? 'writer' : undefined;
  if (f.trashed) return undefined;
  const has = (list: string[]) => list.some((e) => e.toLowerCase() === me);
  if (has(f.writers)) return 'writer';
  if (has(f.commenters)) return 'commenter';
  if (has(f.readers)) return 'reader';
  const shared = f.readers.length + f.writers.length + f.commenters.length > 0;
  return !shared && ws.kindsOf(me).includes('admin') ? 'writer' : undefined;
}

export interface DocListEntry { id: string; title: string; role: DocRole }

/** The documents a person may open, newest first (templates last). */
export function docsOf(ws: Workspace, me: string): DocListEntry[] {
  const out: DocListEntry[] = [];
  for (const d of ws.services.docs.docs.values()) {
    const role = roleOf(ws, ws.services.drive.files.get(d.documentId), me);
    if (role) out.push({ id: d.documentId, title: d.title, role });
  }
  return out.reverse();
}

/** Files other than documents a person may download (HR: the archive's PDFs and the evidence files). */
export function filesOf(ws: Workspace, me: string): { id: string; name: string; mimeType: string; folder: string }[] {
  const folders = new Map([...ws.services.drive.folders].map(([path, id]) => [id, path]));
  return [...ws.services.drive.files.values()]
    .filter((f) => !ws.services.docs.docs.has(f.id) && roleOf(ws, f, me))
    .map((f) => ({ id: f.id, name: f.name, mimeType: f.mimeType, folder: folders.get(f.folderId) ?? '' }))
    .reverse();
}

export interface DocView { id: string; title: string; role: DocRole; revisionId: string; blocks: DocBlock[] }

export function docView(ws: Workspace, me: string, id: string): DocView {
  const d = ws.services.docs.docs.get(id);
  const role = d && roleOf(ws, ws.services.drive.files.get(id), me);
  if (!d || !role) throw new HttpError(404, t(languageOf(ws, me), 'ws.docs.notShared'));
  return { id, title: d.title, role, revisionId: d.revisionId, blocks: blocksOf(d) };
}

const editBody = z.union([
  z.object({ user: z.email().max(254), block: z.number().int().min(0).max(10_000), text: z.string().max(50_000) }).strict(),
  z.object({ user: z.email().max(254), block: z.number().int().min(0).max(10_000), row: z.number().int().min(0).max(1000),
    col: z.number().int().min(0).max(50), text: z.string().max(50_000) }).strict(),
  z.object({ user: z.email().max(254), block: z.number().int().min(0).max(10_000), addRow: z.literal(true) }).strict(),
]);

/** Typing in the Docs editor: only people with edit access; a reader or commenter gets 403 as in Docs. */
export function editDoc(ws: Workspace, id: string, body: unknown): DocView {
  const b = parseBody(editBody, body);
  const me = b.user.toLowerCase();
  const view = docView(ws, me, id);
  if (view.role !== 'writer') throw new HttpError(403, t(languageOf(ws, me), 'ws.docs.readOnly'));
  const twin = ws.services.docs.twin;
  try {
    if ('addRow' in b) twin.addRow(id, b.block);
    else if ('row' in b) twin.setCell(id, b.block, b.row, b.col, b.text);
    else twin.setParagraph(id, b.block, b.text);
  } catch (e) {
    throw new HttpError(400, (e as Error).message);
  }
  ws.touch();
  return docView(ws, me, id);
}

/** A Drive file's bytes for someone who may open it. */
export function fileDownload(ws: Workspace, me: string, id: string) {
  const f = ws.services.drive.files.get(id);
  if (!f || !roleOf(ws, f, me) || ws.services.docs.docs.has(id)) throw new HttpError(404, `No file ${id} you may open`);
  const safeName = f.name.replace(/[^\w.()-]+/g, '_');
  return { body: Buffer.from(f.content, 'base64'), type: /^[\w.+-]+\/[\w.+-]+$/.test(f.mimeType) ? f.mimeType : 'application/octet-stream',
    headers: { 'Content-Disposition': `inline; filename="${safeName}"` } };
}
