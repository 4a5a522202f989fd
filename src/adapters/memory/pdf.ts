// A small, valid PDF 1.4 writer for the local Drive's files.export (a Google Doc as PDF): A4 pages, Helvetica with
// WinAnsiEncoding (æøå, «», –, • print), wrapped paragraphs, headings and ruled tables. Structure per ISO 32000-1 §7.5
// (header, objects, xref table with 20-byte entries, trailer, startxref, %%EOF).
import type { DocBlock } from './docs-twin';

const PAGE = { w: 595.28, h: 841.89, margin: 56 };
const SIZE = { TITLE: 20, HEADING_2: 14, NORMAL_TEXT: 10.5, table: 9.5 } as const;

/** Unicode → WinAnsi byte for the characters outside Latin-1 that Norwegian texts use; the rest of Latin-1 maps to itself. */
const WIN_ANSI: Record<string, number> = { '–': 0x96, '—': 0x97, '•': 0x95, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '…': 0x85, '€': 0x80 };

function winAnsi(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = WIN_ANSI[ch] ?? ch.codePointAt(0)!;
    const byte = code < 0x20 ? 0x20 : code > 0xff ? 0x3f : code;
    const c = String.fromCharCode(byte);
    out += c === '(' || c === ')' || c === '\\' ? `\\${c}` : c;
  }
  return out;
}

/** A text string outside content streams (the Info dictionary): UTF-16BE with a byte-order mark, as hex (ISO 32000-1 §7.9.2.2). */
function textString(s: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/** Helvetica's average advance is about half the font size; narrow enough never to overflow a line of prose. */
function wrap(text: string, size: number, width: number): string[] {
  const max = Math.max(4, Math.floor(width / (size * 0.53)));
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    let line = '';
    for (const word of raw.split(/\s+/)) {
      if (!word) continue;
      const pieces = word.length > max ? word.match(new RegExp(`.{1,${max}}`, 'g'))! : [word];
      for (const w of pieces) {
        if (line && line.length + 1 + w.length > max) { lines.push(line); line = w; } else line = line ? `${line} ${w}` : w;
      }
    }
    lines.push(line);
  }
  return lines;
}

class Pages {
  pages: string[] = [];
  private ops: string[] = [];
  y = 0;
  constructor() { this.newPage(); }
  newPage(): void {
    if (this.ops.length) this.pages.push(this.ops.join('\n'));
    this.ops = [];
    this.y = PAGE.h - PAGE.margin;
  }
  need(h: number): void { if (this.y - h < PAGE.margin) this.newPage(); }
  text(x: number, size: number, s: string, bold = false): void {
    this.ops.push(`BT /${bold ? 'F2' : 'F1'} ${size} Tf ${x.toFixed(2)} ${this.y.toFixed(2)} Td (${winAnsi(s)}) Tj ET`);
  }
  rect(x: number, y: number, w: number, h: number): void { this.ops.push(`${x.toFixed(2)} ${y.toFixed(2)} ${w.toFixed(2)} ${h.toFixed(2)} re S`); }
  done(): string[] { this.newPage(); return this.pages.length ? this.pages : ['']; }
}

function table(p: Pages, rows: string[][]): void {
  const width = PAGE.w - 2 * PAGE.margin;
  const cols = Math.max(1, ...rows.map((r) => r.length));
  const colW = width / cols;
  const size = SIZE.table;
  const lead = size * 1.3;
  rows.forEach((r, i) => {
    const cells = Array.from({ length: cols }, (_, c) => wrap(r[c] ?? '', size, colW - 8));
    const h = Math.max(1, ...cells.map((c) => c.length)) * lead + 6;
    p.need(h);
    const top = p.y;
    cells.forEach((lines, c) => {
      p.rect(PAGE.margin + c * colW, top - h, colW, h);
      lines.forEach((l, k) => { p.y = top - 4 - size - k * lead; p.text(PAGE.margin + c * colW + 4, size, l, i === 0); });
    });
    p.y = top - h;
  });
  p.y -= 8;
}

/** The document as PDF bytes. */
export function pdfOf(title: string, blocks: readonly DocBlock[]): Buffer {
  const p = new Pages();
  const width = PAGE.w - 2 * PAGE.margin;
  for (const b of blocks) {
    if (b.kind === 'table') { table(p, b.rows); continue; }
    const size = SIZE[b.style];
    const lead = size * 1.35;
    const lines = wrap(b.text, size, width);
    if (b.style !== 'NORMAL_TEXT') p.need(lead * 2 + 6);
    if (b.style === 'HEADING_2') p.y -= 6;
    for (const l of lines) {
      p.need(lead);
      p.y -= size;
      p.text(PAGE.margin, size, l, b.style !== 'NORMAL_TEXT');
      p.y -= lead - size;
    }
  }
  const contents = p.done();
  const n = contents.length;
  // Objects: 1 catalog, 2 pages, 3 Helvetica, 4 Helvetica-Bold, 5 info, then per page: the page and its content stream.
  const objects: string[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${contents.map((_, i) => `${6 + 2 * i} 0 R`).join(' ')}] /Count ${n} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Title ${textString(title)} /Producer (Kompetent local workspace) >>`,
  ];
  contents.forEach((c, i) => {
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.w} ${PAGE.h}] /Contents ${7 + 2 * i} 0 R /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>`);
    objects.push(`<< /Length ${Buffer.byteLength(c, 'latin1')} >>\nstream\n${c}\nendstream`);
  });
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => { offsets.push(Buffer.byteLength(pdf, 'latin1')); pdf += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
