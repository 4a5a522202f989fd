// In-memory Drive and Docs: files with Drive's limits on marks and exports, and documents through the Docs API twin.
import { docsApi } from '../google/docs-api';
import type { DocsPort, DrivePort, FileMarks, MarkedFile } from '../../app/ports';
import { blocksOf, DocsTwin, EXPORT_LIMIT_BYTES, type TwinDocument } from './docs-twin';
import { pdfOf } from './pdf';
import { earlierNames } from '../../core/drive-names';

export interface DriveFile {
  id: string; name: string; mimeType: string; folderId: string; content: string; readers: string[]; writers: string[]; commenters: string[]; trashed?: boolean;
  /** Drive's `createdTime` (ISO) and the app's private `appProperties`. */
  createdTime?: string; marks?: FileMarks;
}

/**
 * Drive's limits on an app's private file properties (developers.google.com/drive/api/guides/properties, "Custom
 * properties have the following limits"): at most 30 private properties per file from any one application, and at most
 * 124 bytes per property, key and value together, in UTF-8. Past either, Drive refuses the call (400).
 */
export const MAX_APP_PROPERTIES = 30;
export const MAX_PROPERTY_BYTES = 124;

function checkMarks(marks: FileMarks): void {
  if (Object.keys(marks).length > MAX_APP_PROPERTIES) throw new Error(`Drive: more than ${MAX_APP_PROPERTIES} appProperties on one file (400)`);
  for (const [k, v] of Object.entries(marks)) {
    if (Buffer.byteLength(k + v, 'utf8') > MAX_PROPERTY_BYTES) throw new Error(`Drive: the property ${k} is over ${MAX_PROPERTY_BYTES} bytes, key and value (400)`);
  }
}

export class MemoryDrive implements DrivePort {
  /** `docs`: copying a document copies its text too (appraisal templates), and its PDF holds the text. `now`: Drive's clock. */
  constructor(private readonly docs?: MemoryDocs, private readonly now: () => Date = () => new Date()) {}
  folders = new Map<string, string>();
  files = new Map<string, DriveFile>();
  /** Last number used in a generated name (persisted by the local workspace). */
  seq = 0;
  ensureFolder(path: string[]): string {
    for (let i = 1; i <= path.length; i++) this.renameEarlier(path.slice(0, i));
    const key = path.join('/');
    if (!this.folders.has(key)) this.folders.set(key, `folder${++this.seq}`);
    return this.folders.get(key)!;
  }
  /** A folder still under an earlier English name (src/core/drive-names.ts) gets today's, with everything in it, as on Drive. */
  private renameEarlier(path: string[]): void {
    const key = path.join('/');
    if (this.folders.has(key)) return;
    for (const earlier of earlierNames(path[path.length - 1]!)) {
      const old = [...path.slice(0, -1), earlier].join('/');
      const moved = [...this.folders].filter(([k]) => k === old || k.startsWith(`${old}/`));
      if (moved.length === 0) continue;
      for (const [k, id] of moved) {
        this.folders.delete(k);
        this.folders.set(key + k.slice(old.length), id);
      }
      return;
    }
  }
  createFile(folderId: string, name: string, mimeType: string, base64: string, marks?: FileMarks): string {
    if (marks) checkMarks(marks);
    const id = `file${++this.seq}`;
    this.files.set(id, { id, name, mimeType, folderId, content: base64, readers: [], writers: [], commenters: [],
      createdTime: this.now().toISOString(), ...(marks ? { marks: { ...marks } } : {}) });
    return id;
  }
  findMarked(key: string, value: string, createdBefore: string, max: number): MarkedFile[] {
    // files.list pageSize is at most 1000 (Drive API v3 files.list).
    if (max < 1 || max > 1000) throw new Error('Drive files.list: pageSize must be 1..1000 (400)');
    return [...this.files.values()]
      .filter((f) => !f.trashed && f.marks?.[key] === value && (f.createdTime ?? '') < createdBefore)
      .slice(0, max)
      .map((f) => ({ id: f.id, name: f.name, createdTime: f.createdTime ?? '', marks: { ...f.marks } }));
  }
  setMarks(fileId: string, marks: Record<string, string | null>): void {
    const f = this.files.get(fileId);
    if (!f) throw new Error(`Drive files.update: file not found: ${fileId} (404)`);
    const next: FileMarks = { ...f.marks };
    for (const [k, v] of Object.entries(marks)) {
      if (v === null) delete next[k];
      else next[k] = v;
    }
    checkMarks(next);
    f.marks = next;
  }
  share(fileId: string, readers: string[], writers: string[], commenters: string[] = []): void {
    const f = this.files.get(fileId);
    if (!f) throw new Error(`No file ${fileId}`);
    Object.assign(f, { readers: [...readers], writers: [...writers], commenters: [...commenters] });
  }
  copy(fileId: string, folderId: string, name: string, marks?: FileMarks): string {
    const f = this.files.get(fileId);
    if (!f || f.trashed) throw new Error(`Drive files.copy: file not found: ${fileId} (404)`);
    const id = this.createFile(folderId, name, f.mimeType, f.content, marks);
    this.docs?.twin.copy(fileId, id, name);
    return id;
  }
  /** files.export as PDF: only Docs Editors files export, and at most 10 MB (Drive API v3 files.export). */
  exportPdf(fileId: string, folderId: string, name: string, marks?: FileMarks): string {
    const f = this.files.get(fileId);
    if (!f) throw new Error(`Drive files.export: file not found: ${fileId} (404)`);
    const doc = this.docs?.docs.get(fileId);
    if (f.mimeType !== DOCUMENT_MIME || !doc) throw new Error(`Drive files.export: ${f.mimeType} is not a Docs Editors file (403 fileNotExportable)`);
    const pdf = pdfOf(doc.title, blocksOf(doc));
    if (pdf.length > EXPORT_LIMIT_BYTES) throw new Error('Drive files.export: the exported content is larger than 10 MB (403 exportSizeLimitExceeded)');
    return this.createFile(folderId, name, 'application/pdf', pdf.toString('base64'), marks);
  }
  trash(fileId: string): void {
    const f = this.files.get(fileId);
    if (!f) throw new Error(`No file ${fileId}`);
    f.trashed = true;
  }
  unshare(fileId: string, emails: string[]): void {
    const f = this.files.get(fileId);
    if (!f) throw new Error(`No file ${fileId}`);
    const gone = new Set(emails.map((e) => e.toLowerCase()));
    const keep = (list: string[]) => list.filter((e) => !gone.has(e.toLowerCase()));
    Object.assign(f, { readers: keep(f.readers), writers: keep(f.writers), commenters: keep(f.commenters) });
  }
}

export const DOCUMENT_MIME = 'application/vnd.google-apps.document';

/** A document kept by an older local workspace (before the Docs twin). */
export interface LegacyDoc { id: string; title: string; body: string; tables: { heading: string; rows: string[][] }[] }

/** Docs as the app reaches them: its Docs API adapter (src/adapters/google/docs-api.ts) over the local twin of the API. */
export class MemoryDocs implements DocsPort {
  readonly twin = new DocsTwin();
  private readonly api = docsApi({ request: (req) => this.twin.handle(req) });
  get docs(): Map<string, TwinDocument> { return this.twin.docs; }
  set docs(m: Map<string, TwinDocument>) { this.twin.docs = m; }
  fillPlaceholders(docId: string, values: Record<string, string>): string[] { return this.api.fillPlaceholders(docId, values); }
  readTable(docId: string, headers: string[]): string[][] | undefined { return this.api.readTable(docId, headers); }
  appendTable(docId: string, heading: string, rows: string[][]): void { this.api.appendTable(docId, heading, rows); }
  title(docId: string): string { return this.api.title(docId); }
}
