// Appraisal documents through the Google Docs API as the service account (which made the copy and owns it), so the
// app never needs the users' broad `documents` scope. Shapes: Docs API v1 — documents.get (Document.body.content of
// StructuralElements: paragraph.elements[].textRun.content, table.tableRows[].tableCells[].content) and
// documents.batchUpdate (replaceAllText { containsText { text, matchCase }, replaceText }; insertText with
// endOfSegmentLocation). https://developers.google.com/docs/api/reference/rest/v1/documents
import type { DocsPort } from '../../app/ports';
import { okBody, type HttpTransport } from './transport';

export const DOCS_API = 'https://docs.googleapis.com/v1/documents/';
export const DOCS_SCOPE = 'https://www.googleapis.com/auth/documents';

interface TextRun { content?: string }
interface Element { paragraph?: { elements?: { textRun?: TextRun }[] }; table?: { tableRows?: { tableCells?: { content?: Element[] }[] }[] } }
export interface DocsDocument { documentId?: string; title?: string; body?: { content?: Element[] } }

/** A placeholder as HR may type it: `{{name}}`, with spaces inside the braces or letters outside A–Z (æøå). */
export const PLACEHOLDER = /\{\{\s*([^{}\s][^{}]*?)\s*\}\}/g;

function textOf(content: Element[] | undefined): string {
  let out = '';
  for (const el of content ?? []) {
    for (const pe of el.paragraph?.elements ?? []) out += pe.textRun?.content ?? '';
    for (const row of el.table?.tableRows ?? []) for (const cell of row.tableCells ?? []) out += textOf(cell.content);
  }
  return out;
}

/** Every table of the document body (nested ones too), as rows of trimmed cell text. */
export function tablesOf(doc: DocsDocument): string[][][] {
  const out: string[][][] = [];
  const walk = (content: Element[] | undefined) => {
    for (const el of content ?? []) {
      if (!el.table) continue;
      out.push((el.table.tableRows ?? []).map((r) => (r.tableCells ?? []).map((c) => textOf(c.content).trim())));
      for (const r of el.table.tableRows ?? []) for (const c of r.tableCells ?? []) walk(c.content);
    }
  };
  walk(doc.body?.content);
  return out;
}

/** Header text as people type it: case, surrounding spaces and trailing punctuation do not matter. */
export function headerKey(s: string): string {
  return s.trim().toLowerCase().replace(/[\s:.*]+$/, '');
}

/** The first table whose header row holds every wanted header (compared by headerKey). */
export function findTable(tables: string[][][], headers: readonly string[]): string[][] | undefined {
  const wanted = headers.map(headerKey);
  return tables.find((rows) => {
    const have = new Set((rows[0] ?? []).map(headerKey));
    return wanted.every((h) => have.has(h));
  });
}

/** Placeholders left in the text, as named inside the braces. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}

/** DocsPort over the HTTP transport, with the service account's token (withBearer). */
export function docsApi(http: HttpTransport): DocsPort {
  const get = (docId: string) => okBody<DocsDocument>(http.request({ method: 'GET', scope: DOCS_SCOPE, url: `${DOCS_API}${encodeURIComponent(docId)}` }), 'Docs API documents.get');
  const batch = (docId: string, requests: unknown[]) => {
    if (requests.length) okBody(http.request({ method: 'POST', scope: DOCS_SCOPE, url: `${DOCS_API}${encodeURIComponent(docId)}:batchUpdate`, body: { requests } }), 'Docs API documents.batchUpdate');
  };
  return {
    fillPlaceholders(docId, values) {
      // PLACEHOLDER has one capture group, always set when it matches.
      const matches = [...textOf(get(docId).body?.content).matchAll(PLACEHOLDER)].map((m) => [m[0], m[1] ?? ''] as const);
      // Replace each placeholder exactly as written in the document (spaces inside the braces included): one batch.
      const written = new Map(matches);
      const requests = [...written].flatMap(([text, name]) => {
        const replaceText = values[name];
        return replaceText === undefined ? [] : [{ replaceAllText: { containsText: { text, matchCase: true }, replaceText } }];
      });
      batch(docId, requests);
      return [...new Set(matches.map(([, name]) => name))].filter((name) => values[name] === undefined);
    },
    readTable(docId, headers) {
      return findTable(tablesOf(get(docId)), headers);
    },
    appendTable(docId, heading, rows) {
      // A plain-text record at the end of the document (a real table needs index arithmetic the app does not need).
      const text = `\n${heading}\n${rows.map((r) => r.join('\t')).join('\n')}\n`;
      batch(docId, [{ insertText: { endOfSegmentLocation: {}, text } }]);
    },
    title: (docId) => get(docId).title ?? '',
  };
}
