// The local twin of the Google Docs API calls the app makes — documents.get and documents.batchUpdate with replaceAllText
// and insertText at endOfSegmentLocation — over Docs API Document JSON, plus what the Docs editor does when a person types.
// Google's documented behaviour it keeps (developers.google.com/workspace/docs/api/reference/rest/v1/documents/batchUpdate):
// "Each request is validated before being applied. If any request is not valid, then the entire request will fail and
// nothing will be applied"; replies in request order (replaceAllText → occurrencesChanged, insertText → {}); replaceAllText
// matches within a paragraph only, and a "\n" in replaceText or insertText starts a new paragraph; indices count UTF-16
// code units (…/docs/api/concepts/structure), the body starts with a sectionBreak; an unknown document is 404 NOT_FOUND.
import type { HttpRequest, HttpResponse } from '../google/transport';
import { DOCS_API, DOCS_SCOPE } from '../google/docs-api';
import type { TemplateBlock } from '../../core/appraisal-templates';
import type { DocBlock, NamedStyle } from '../../contract/doc-blocks';

export type { DocBlock, NamedStyle };
export interface ParagraphElement { startIndex: number; endIndex: number; textRun: { content: string; textStyle: Record<string, never> } }
export interface Paragraph { elements: ParagraphElement[]; paragraphStyle: { namedStyleType: NamedStyle } }
export interface TableCell { startIndex: number; endIndex: number; content: StructuralElement[] }
export interface TableRow { startIndex: number; endIndex: number; tableCells: TableCell[] }
export interface Table { rows: number; columns: number; tableRows: TableRow[] }
export interface StructuralElement { startIndex?: number; endIndex: number; paragraph?: Paragraph; table?: Table; sectionBreak?: Record<string, unknown> }
export interface TwinDocument { documentId: string; title: string; revisionId: string; body: { content: StructuralElement[] } }

/** Docs API export limit for files.export (Drive API v3: "The exported content is limited to 10MB"). */
export const EXPORT_LIMIT_BYTES = 10 * 1024 * 1024;

function para(text: string, style: NamedStyle = 'NORMAL_TEXT'): StructuralElement {
  return { endIndex: 0, paragraph: { elements: [{ startIndex: 0, endIndex: 0, textRun: { content: `${text}\n`, textStyle: {} } }], paragraphStyle: { namedStyleType: style } } };
}

/** Paragraphs for a text that may hold line breaks (Docs ends every paragraph with "\n"). */
function paras(text: string, style: NamedStyle = 'NORMAL_TEXT'): StructuralElement[] {
  return text.split('\n').map((line) => para(line, style));
}

function cell(text: string): TableCell {
  return { startIndex: 0, endIndex: 0, content: paras(text) };
}

function paraText(p: Paragraph): string {
  return p.elements.map((e) => e.textRun?.content ?? '').join('');
}

/** The text of a cell as a person reads it (paragraphs joined by line breaks, no trailing newline). */
export function cellText(c: TableCell): string {
  return c.content.map((e) => (e.paragraph ? paraText(e.paragraph) : '')).join('').replace(/\n$/, '');
}

/** Recomputes every start and end index (UTF-16 units, as the Docs API counts them). */
function reindex(content: StructuralElement[], start: number): number {
  let i = start;
  for (const el of content) {
    if (el.sectionBreak) { el.endIndex = i + 1; i += 1; continue; }
    el.startIndex = i;
    if (el.paragraph) {
      for (const pe of el.paragraph.elements) { pe.startIndex = i; i += pe.textRun.content.length; pe.endIndex = i; }
    } else if (el.table) {
      i += 1;
      for (const row of el.table.tableRows) {
        row.startIndex = i;
        i += 1;
        for (const c of row.tableCells) { c.startIndex = i; i = reindex(c.content, i + 1); c.endIndex = i; }
        row.endIndex = i;
      }
      el.table.rows = el.table.tableRows.length;
      el.table.columns = Math.max(0, ...el.table.tableRows.map((r) => r.tableCells.length));
      i += 1;
    }
    el.endIndex = i;
  }
  return i;
}

function normalise(doc: TwinDocument): TwinDocument {
  reindex(doc.body.content, 0);
  return doc;
}

/** A new document from template blocks (what Drive makes of the HTML `provision` uploads). */
export function documentFrom(documentId: string, title: string, blocks: readonly TemplateBlock[]): TwinDocument {
  const content: StructuralElement[] = [{ endIndex: 1, sectionBreak: { sectionStyle: {} } }];
  for (const b of blocks) {
    if (b.kind === 'table') {
      content.push({ endIndex: 0, table: { rows: 0, columns: 0, tableRows: b.rows.map((r) => ({ startIndex: 0, endIndex: 0, tableCells: r.map(cell) })) } });
      continue;
    }
    content.push(...paras(b.text, b.kind === 'title' ? 'TITLE' : b.kind === 'heading' ? 'HEADING_2' : 'NORMAL_TEXT'));
  }
  return normalise({ documentId, title, revisionId: 'r1', body: { content } });
}

/** What a person sees, in order: paragraphs and tables (tables nested in cells are shown as their cell text). */
export function blocksOf(doc: TwinDocument): DocBlock[] {
  const out: DocBlock[] = [];
  for (const el of doc.body.content) {
    if (el.paragraph) out.push({ kind: 'paragraph', style: el.paragraph.paragraphStyle.namedStyleType, text: paraText(el.paragraph).replace(/\n$/, '') });
    else if (el.table) out.push({ kind: 'table', rows: el.table.tableRows.map((r) => r.tableCells.map(cellText)) });
  }
  return out;
}

/** The whole text, paragraphs and table rows (cells separated by " | "), for tests and the PDF. */
export function plainText(doc: TwinDocument): string {
  return blocksOf(doc).map((b) => (b.kind === 'paragraph' ? b.text : b.rows.map((r) => r.join(' | ')).join('\n'))).join('\n');
}

class Invalid extends Error {}

/** Every paragraph, in the body and in table cells, with the list that holds it. */
function* paragraphs(content: StructuralElement[]): Generator<{ list: StructuralElement[]; el: StructuralElement }> {
  for (const el of [...content]) {
    if (el.paragraph) yield { list: content, el };
    for (const row of el.table?.tableRows ?? []) for (const c of row.tableCells) yield* paragraphs(c.content);
  }
}

/** Sets a paragraph's text; a "\n" inside starts a new paragraph of the same style (as typing Enter does). */
function setParagraphText(list: StructuralElement[], el: StructuralElement, text: string): void {
  const style = el.paragraph!.paragraphStyle.namedStyleType;
  const lines = text.replace(/\n$/, '').split('\n');
  list.splice(list.indexOf(el), 1, ...lines.map((l) => para(l, style)));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function replaceAllText(doc: TwinDocument, r: unknown, at: number): { replaceAllText: { occurrencesChanged: number } } {
  const req = r as { containsText?: { text?: unknown; matchCase?: unknown }; replaceText?: unknown };
  const find = req.containsText?.text;
  if (typeof find !== 'string' || find === '') throw new Invalid(`Invalid requests[${at}].replaceAllText: The text to search for must not be empty.`);
  if (req.replaceText !== undefined && typeof req.replaceText !== 'string') throw new Invalid(`Invalid requests[${at}].replaceAllText: replaceText must be a string.`);
  const pattern = new RegExp(escapeRegExp(find), req.containsText?.matchCase === true ? 'g' : 'gi');
  let n = 0;
  for (const { list, el } of [...paragraphs(doc.body.content)]) {
    const text = paraText(el.paragraph!);
    const body = text.replace(/\n$/, '');
    const matches = body.match(pattern);
    if (!matches) continue;
    n += matches.length;
    setParagraphText(list, el, body.replace(pattern, () => String(req.replaceText ?? '')));
  }
  return { replaceAllText: { occurrencesChanged: n } };
}

function insertAtEnd(doc: TwinDocument, r: unknown, at: number): Record<string, never> {
  const req = r as { text?: unknown; location?: unknown; endOfSegmentLocation?: { segmentId?: unknown } };
  if (typeof req.text !== 'string') throw new Invalid(`Invalid requests[${at}].insertText: text is required.`);
  if ((req.location === undefined) === (req.endOfSegmentLocation === undefined)) {
    throw new Invalid(`Invalid requests[${at}].insertText: exactly one of location and endOfSegmentLocation must be set.`);
  }
  if (req.location !== undefined) throw new Invalid(`requests[${at}].insertText.location: the local Docs twin implements endOfSegmentLocation only (the app uses no other).`);
  if (req.endOfSegmentLocation?.segmentId) throw new Invalid(`Invalid requests[${at}].insertText: no segment ${String(req.endOfSegmentLocation.segmentId)} in the document.`);
  // Inserted before the body's final newline: the text continues the last paragraph, each "\n" starts a new one.
  const last = [...doc.body.content].reverse().find((e) => e.paragraph);
  if (!last) throw new Invalid(`Invalid requests[${at}].insertText: the body has no paragraph.`);
  setParagraphText(doc.body.content, last, paraText(last.paragraph!).replace(/\n$/, '') + req.text);
  return {};
}

function error(status: number, message: string): HttpResponse {
  const code = { 400: 'INVALID_ARGUMENT', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND' }[status] ?? 'UNKNOWN';
  return { status, body: { error: { code: status, message, status: code } } };
}

export class DocsTwin {
  docs = new Map<string, TwinDocument>();
  /** Every API call the app made (method and document), for tests. */
  calls: string[] = [];

  /** The Docs API over HTTP, as the app's transport sees it (src/adapters/google/docs-api.ts); the token carries `req.scope`. */
  handle(req: HttpRequest): HttpResponse {
    if (req.scope !== DOCS_SCOPE) return error(403, `Request had insufficient authentication scopes (${req.scope ?? 'none'}).`);
    if (!req.url.startsWith(DOCS_API)) return error(404, `No such endpoint: ${req.url}`);
    const m = /^([^/:?]+)(:batchUpdate)?$/.exec(req.url.slice(DOCS_API.length));
    if (!m?.[1]) return error(404, `No such endpoint: ${req.url}`);
    const id = decodeURIComponent(m[1]);
    const doc = this.docs.get(id);
    if (m[2] && req.method === 'POST') {
      this.calls.push(`batchUpdate ${id}`);
      if (!doc) return error(404, 'Requested entity was not found.');
      return this.batchUpdate(doc, req.body);
    }
    if (!m[2] && req.method === 'GET') {
      this.calls.push(`get ${id}`);
      return doc ? { status: 200, body: structuredClone(doc) } : error(404, 'Requested entity was not found.');
    }
    return error(404, `No such endpoint: ${req.method} ${req.url}`);
  }

  private batchUpdate(doc: TwinDocument, body: unknown): HttpResponse {
    const requests = (body as { requests?: unknown } | undefined)?.requests;
    if (!Array.isArray(requests)) return error(400, 'Invalid JSON payload: requests must be a list.');
    // Atomic: every request applies to a copy, which replaces the document only when all of them were valid.
    const draft = structuredClone(doc);
    const replies: unknown[] = [];
    try {
      requests.forEach((r: unknown, at) => {
        const kinds = r && typeof r === 'object' ? Object.keys(r) : [];
        if (kinds.length !== 1) throw new Invalid(`Invalid requests[${at}]: exactly one kind of request must be set.`);
        const kind = kinds[0] ?? '';
        const inner = (r as Record<string, unknown>)[kind];
        if (kind === 'replaceAllText') replies.push(replaceAllText(draft, inner, at));
        else if (kind === 'insertText') replies.push(insertAtEnd(draft, inner, at));
        else throw new Invalid(`requests[${at}].${kind}: the local Docs twin implements replaceAllText and insertText only (the app uses no other).`);
      });
    } catch (e) {
      if (e instanceof Invalid) return error(400, e.message);
      throw e;
    }
    draft.revisionId = `r${Number(doc.revisionId.slice(1)) + 1}`;
    this.docs.set(doc.documentId, normalise(draft));
    return { status: 200, body: { documentId: doc.documentId, replies, writeControl: { requiredRevisionId: draft.revisionId } } };
  }

  /** Drive files.copy of a Google Doc: the same content under a new id and name. */
  copy(fromId: string, toId: string, title: string): void {
    const d = this.docs.get(fromId);
    if (d) this.docs.set(toId, { ...structuredClone(d), documentId: toId, title, revisionId: 'r1' });
  }

  // ---- What the Docs editor does when a person with edit access types (not the API).

  private edit(docId: string, change: (doc: TwinDocument) => void): void {
    const d = this.docs.get(docId);
    if (!d) throw new Error(`No document ${docId}`);
    const draft = structuredClone(d);
    change(draft);
    draft.revisionId = `r${Number(d.revisionId.slice(1)) + 1}`;
    this.docs.set(docId, normalise(draft));
  }

  /** The block-th element of the body as the person sees it (blocksOf numbering). */
  private element(doc: TwinDocument, block: number): StructuralElement {
    const els = doc.body.content.filter((e) => e.paragraph || e.table);
    const el = els[block];
    if (!el) throw new Error(`No block ${block} in ${doc.documentId}`);
    return el;
  }

  /** Types over a paragraph (line breaks make new paragraphs). */
  setParagraph(docId: string, block: number, text: string): void {
    this.edit(docId, (d) => {
      const el = this.element(d, block);
      if (!el.paragraph) throw new Error(`Block ${block} is not a paragraph`);
      setParagraphText(d.body.content, el, text);
    });
  }

  /** Types into a table cell. */
  setCell(docId: string, block: number, row: number, col: number, text: string): void {
    this.edit(docId, (d) => {
      const c = this.element(d, block).table?.tableRows[row]?.tableCells[col];
      if (!c) throw new Error(`No cell ${row},${col} in block ${block}`);
      c.content = paras(text.replace(/\n$/, ''));
    });
  }

  /** Selects a whole table and types new rows into it (rows may differ in number from before). */
  setTable(docId: string, block: number, rows: string[][]): void {
    this.edit(docId, (d) => {
      const t = this.element(d, block).table;
      if (!t) throw new Error(`Block ${block} is not a table`);
      t.tableRows = rows.map((r) => ({ startIndex: 0, endIndex: 0, tableCells: r.map(cell) }));
    });
  }

  /** Deletes a block (a paragraph or a whole table). */
  deleteBlock(docId: string, block: number): void {
    this.edit(docId, (d) => { d.body.content.splice(d.body.content.indexOf(this.element(d, block)), 1); });
  }

  /** Types a new paragraph at the end of the document. */
  appendParagraph(docId: string, text: string): void {
    this.edit(docId, (d) => { d.body.content.push(...paras(text)); });
  }

  /** The block number of the first table (blocksOf numbering), or -1. */
  firstTable(docId: string): number {
    const d = this.docs.get(docId);
    return d ? blocksOf(d).findIndex((b) => b.kind === 'table') : -1;
  }

  /** "Insert row below" on the last row of a table. */
  addRow(docId: string, block: number): void {
    this.edit(docId, (d) => {
      const t = this.element(d, block).table;
      if (!t) throw new Error(`Block ${block} is not a table`);
      const cols = t.tableRows.at(-1)?.tableCells.length ?? 1;
      t.tableRows.push({ startIndex: 0, endIndex: 0, tableCells: Array.from({ length: cols }, () => cell('')) });
    });
  }
}

/** A document kept by an older workspace (plain body text and tables) as Docs API JSON. */
export function fromLegacy(d: { id: string; title: string; body: string; tables: { heading: string; rows: string[][] }[] }): TwinDocument {
  const blocks: TemplateBlock[] = [{ kind: 'text', text: d.body }];
  for (const t of d.tables) blocks.push({ kind: 'heading', text: t.heading }, { kind: 'table', rows: t.rows });
  return documentFrom(d.id, d.title, blocks);
}
