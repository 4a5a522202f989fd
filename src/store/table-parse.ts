// Turns what a Workbook read returned into typed rows by header name, reporting every bad row instead of dropping it.
import type { RawCell } from '../core/records/cells';
import { findColumn, fieldOfHeader } from '../core/records/labels';
import { tableDef, type Row, type TableName } from '../core/records/tables';
import type { ReadResult } from './ports';
import type { HealthIssue } from '../contract/views';

export type { HealthIssue };

export interface Located<T> { row: T; rowNumber: number }

export interface ParsedTable<T extends TableName> {
  name: T;
  exists: boolean;
  header: string[];
  /** Column index in the sheet for each field present in the header. */
  columns: Map<string, number>;
  rows: Located<Row<T>>[];
  lastRow: number;
  /** A sharded table: the last row of each area read (see ReadResult.areaLastRows). */
  areaLastRows?: Record<number, number>;
  issues: HealthIssue[];
  /** False when the table cannot be used at all (missing tab or a missing required column). */
  usable: boolean;
}

function show(raw: RawCell | undefined): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  const s = typeof raw === 'object' ? `=${raw.formula.replace(/^=/, '')}` : String(raw);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/**
 * Maps header names to columns: each field by its Norwegian label or its English key (records/labels.ts), as written
 * first, then case-insensitively (people retype headers). A field under both its label and its key is reported.
 */
export function mapHeader(name: string, header: string[]): { columns: Map<string, number>; issues: HealthIssue[] } {
  const def = tableDef(name as TableName);
  const columns = new Map<string, number>();
  const issues: HealthIssue[] = [];
  const seen = new Set<string>();
  header.forEach((h) => {
    const k = h.trim().toLowerCase();
    if (k === '') return;
    if (seen.has(k)) issues.push({ table: name, rowNumber: 1, field: h.trim(), reason: 'duplicate_column' });
    else seen.add(k);
  });
  const fieldAt = header.map((h) => fieldOfHeader(name, h));
  for (const field of Object.keys(def.fields)) {
    const idx = findColumn(name, header, field);
    if (idx < 0) {
      issues.push({ table: name, rowNumber: 1, field, reason: 'missing_column' });
      continue;
    }
    columns.set(field, idx);
    // The same field twice, once under its label and once under its key: the first is used, the other reported.
    const norm = (i: number) => (header[i] ?? '').trim().toLowerCase();
    const twice = fieldAt.findIndex((f, i) => f === field && i !== idx && norm(i) !== norm(idx));
    if (twice >= 0) issues.push({ table: name, rowNumber: 1, field: (header[twice] ?? '').trim(), reason: 'duplicate_column' });
  }
  return { columns, issues };
}

export function parseTable<T extends TableName>(name: T, result: ReadResult): ParsedTable<T> {
  const def = tableDef(name);
  const base = { name, exists: result.exists, header: result.header, lastRow: result.lastRow,
    ...(result.areaLastRows ? { areaLastRows: result.areaLastRows } : {}) };
  if (!result.exists) {
    return { ...base, columns: new Map(), rows: [], issues: [{ table: name, reason: 'missing_table' }], usable: false };
  }
  const { columns, issues } = mapHeader(name, result.header);
  for (const p of result.problems ?? []) issues.push({ table: name, rowNumber: p.row, reason: 'unreadable', value: p.message });
  const missingRequired = [...Object.entries(def.fields)].some(([f, c]) => c.required && !columns.has(f));
  if (missingRequired) return { ...base, columns, rows: [], issues, usable: false };

  const rows: Located<Row<T>>[] = [];
  const seenKeys = new Map<string, number>();
  for (const { rowNumber, cells } of result.rows) {
    const input: Record<string, RawCell> = {};
    for (const field of Object.keys(def.fields)) {
      const idx = columns.get(field);
      input[field] = idx === undefined ? null : (cells[idx] ?? null);
    }
    const parsed = def.schema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        issues.push({ table: name, rowNumber, field, reason: issue.message, value: show(input[field]) });
      }
      continue;
    }
    const row = parsed.data as Row<T>;
    const rowProblem = def.check?.(row as never);
    if (rowProblem) {
      issues.push({ table: name, rowNumber, field: rowProblem.field, reason: rowProblem.reason,
        value: show(input[rowProblem.field]) });
      continue;
    }
    if (def.key.length > 0) {
      const key = def.key.map((k) => String((row as Record<string, unknown>)[k])).join('|');
      const first = seenKeys.get(key);
      if (first !== undefined) {
        issues.push({ table: name, rowNumber, field: def.key.join('+'), reason: 'duplicate_key', value: `${key} (row ${first})` });
        continue;
      }
      seenKeys.set(key, rowNumber);
    }
    rows.push({ row, rowNumber });
  }
  return { ...base, columns, rows, issues, usable: true };
}

/** Encodes a typed row to cell text per field (raw text; the adapters never evaluate it). */
export function encodeRow<T extends TableName>(name: T, row: Row<T>): Record<string, string> {
  const def = tableDef(name);
  const out: Record<string, string> = {};
  for (const [field, codec] of Object.entries(def.fields)) {
    const v = (row as Record<string, unknown>)[field];
    out[field] = v === undefined ? '' : codec.encode(v);
  }
  return out;
}
