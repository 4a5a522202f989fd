// The column mapping of an import: guessed from the header words and the catalogue, or read from a mapping file
// the admin confirmed; plus how legacy texts (units, roles, courses) resolve to ids.
import * as fs from 'node:fs';
import { z } from 'zod';
import type { Competence, Course, Role, Unit } from '../../core/records/tables';
import { msg, usageError } from '../errors';
import { columnLetter, fieldOfHeader, findHeader, type Field, type Header } from './headers';
import type { TableSheet } from './read-table';
import { cleanText, matchKey } from './values';

export interface Catalogue { units: Unit[]; roles: Role[]; competences: Competence[]; courses: Course[] }

/** A column's target: a field, or the date or expiry of one competence (a column per course, "wide" lists). */
export type Target = Exclude<Field, 'sensitive'> | `achievedOn:${string}` | `expiresOn:${string}`;

const FIELDS: readonly string[] = ['employeeId', 'email', 'name', 'firstName', 'lastName', 'unit', 'role', 'startDate', 'managerEmail',
  'competence', 'achievedOn', 'expiresOn', 'note', 'ignore'];

const valueMap = z.record(z.string(), z.union([z.string(), z.null()]));
export const mappingFileSchema = z.object({
  version: z.literal(1),
  sheet: z.string().optional(),
  /** 1-based row of the header in the file. */
  headerRow: z.number().int().min(1).optional(),
  columns: z.record(z.string(), z.string().refine((t) => FIELDS.includes(t) || /^(achievedOn|expiresOn):.+$/.test(t),
    { message: `a target is one of ${FIELDS.join(', ')}, or achievedOn:<competenceId> / expiresOn:<competenceId>` })),
  values: z.object({ units: valueMap.optional(), roles: valueMap.optional(), competences: valueMap.optional() }).optional(),
});
export type MappingFile = z.infer<typeof mappingFileSchema>;

export interface Column { index: number; letter: string; key: string; label: string; target: Target; sensitive?: boolean; guessed?: string }

export interface Mapping {
  sheet: TableSheet;
  header: Header;
  columns: Column[];
  values: NonNullable<MappingFile['values']>;
  fromFile: boolean;
}

type Kind = 'units' | 'roles' | 'competences';

/** Resolves legacy texts to ids: the mapping file first, then exact names or ids, then one unambiguous word prefix. */
export class Resolver {
  private readonly exact: Record<Kind, Map<string, string[]>> = { units: new Map(), roles: new Map(), competences: new Map() };
  private readonly names: Record<Kind, Map<string, string>> = { units: new Map(), roles: new Map(), competences: new Map() };

  constructor(readonly catalogue: Catalogue, private readonly values: NonNullable<MappingFile['values']> = {}) {
    const add = (kind: Kind, id: string, name: string, ids: string[] = [id]) => {
      for (const k of [matchKey(id), matchKey(name)]) if (k && !this.exact[kind].has(k)) this.exact[kind].set(k, ids);
      this.names[kind].set(id, name);
    };
    for (const u of catalogue.units) add('units', u.unitId, u.name);
    for (const r of catalogue.roles) add('roles', r.roleId, r.name);
    for (const c of catalogue.competences) add('competences', c.competenceId, c.name);
    for (const c of catalogue.courses) {
      const ids = c.competenceIds ?? [];
      const k = matchKey(c.title);
      if (ids.length > 0 && k && !this.exact.competences.has(k)) this.exact.competences.set(k, ids);
    }
  }

  nameOf(kind: Kind, id: string): string { return this.names[kind].get(id) ?? id; }

  /** Ids for a text, and how it was found; undefined when unknown (or mapped to null: deliberately unknown). */
  resolve(kind: Kind, text: string): { ids: string[]; how: 'mapping' | 'exact' | 'guess' } | undefined {
    const t = cleanText(text);
    const mapped = this.values[kind];
    if (mapped) {
      const hit = Object.entries(mapped).find(([k]) => k === t || matchKey(k) === matchKey(t));
      if (hit) return hit[1] === null ? undefined : { ids: hit[1].split(',').map((s) => s.trim()).filter(Boolean), how: 'mapping' };
    }
    const k = matchKey(t);
    if (!k) return undefined;
    const exact = this.exact[kind].get(k);
    if (exact) return { ids: exact, how: 'exact' };
    if (k.length < 3) return undefined;
    const hits = [...this.exact[kind]].filter(([name]) => name.startsWith(`${k} `));
    const ids = new Set(hits.map(([, v]) => v.join(',')));
    const first = hits[0];
    return ids.size === 1 && first ? { ids: first[1], how: 'guess' } : undefined;
  }
}

const EXPIRY_WORDS = ['gyldig til', 'utloper', 'utlopsdato', 'fornyes', 'expires', 'valid until', 'expiry'];
const DONE_WORDS = ['dato', 'gjennomfort', 'fullfort', 'tatt', 'date', 'completed'];

/** "HLR gyldig til" / "HLR dato": a competence name followed by an expiry or date word. */
function competenceWithWord(label: string, r: Resolver): Target | undefined {
  const k = matchKey(label);
  for (const [words, as] of [[EXPIRY_WORDS, 'expiresOn'], [DONE_WORDS, 'achievedOn']] as const) {
    for (const w of words) {
      if (!k.endsWith(` ${w}`)) continue;
      const hit = r.resolve('competences', k.slice(0, -w.length - 1));
      if (hit?.ids.length === 1) return `${as}:${hit.ids[0]}`;
    }
  }
  return undefined;
}

function uniqueKeys(header: Header): string[] {
  const count = new Map<string, number>();
  for (const l of header.labels) count.set(l, (count.get(l) ?? 0) + 1);
  const keys = header.labels.map((l, i) => {
    if (l === '') return `(column ${columnLetter(i)})`;
    if ((count.get(l) ?? 0) > 1 && header.groups[i] && header.groups[i] !== l) return `${header.groups[i]} / ${l}`;
    return l;
  });
  return keys.map((k, i) => (keys.indexOf(k) !== i ? `${k} [${columnLetter(i)}]` : k));
}

/** The guessed target of one column, and why (for the report). */
function guessColumn(label: string, group: string, r: Resolver): { target: Target; sensitive?: boolean; guessed?: string } {
  const field = fieldOfHeader(label);
  if (field === 'sensitive') return { target: 'ignore', sensitive: true };
  if ((field === 'achievedOn' || field === 'expiresOn') && group) {
    const hit = r.resolve('competences', group);
    if (hit?.ids.length === 1) return { target: `${field}:${hit.ids[0]}`, guessed: hit.how === 'guess' ? group : undefined };
  }
  if (field) return { target: field };
  const worded = competenceWithWord(label, r);
  if (worded) return { target: worded };
  const comp = label ? r.resolve('competences', label) : undefined;
  if (comp?.ids.length === 1) return { target: `achievedOn:${comp.ids[0]}`, guessed: comp.how === 'guess' ? label : undefined };
  return { target: 'ignore' };
}

/** The mapping for a sheet: from the mapping file when given (every column it names must exist), else guessed. */
export function buildMapping(sheets: TableSheet[], catalogue: Catalogue, file?: MappingFile): Mapping {
  const values = file?.values ?? {};
  const r = new Resolver(catalogue, values);
  const isComp = (label: string) => r.resolve('competences', label)?.ids.length === 1 || competenceWithWord(label, r) !== undefined;
  let chosen: { sheet: TableSheet; header: Header } | undefined;
  const candidates = file?.sheet ? sheets.filter((s) => s.name === file.sheet) : sheets;
  if (file?.sheet && candidates.length === 0) throw usageError(msg('cli.map.noSheet', { sheet: file.sheet, sheets: sheets.map((s) => s.name).join(', ') }));
  for (const sheet of candidates) {
    const header = findHeader(sheet.rows, isComp, file?.headerRow !== undefined ? file.headerRow - 1 : undefined);
    if (header) { chosen = { sheet, header }; break; }
  }
  if (!chosen) {
    const first = (candidates[0]?.rows ?? []).slice(0, 3).map((row) => row.map(cleanText).filter(Boolean).join(' | ')).filter(Boolean);
    throw usageError(msg('cli.map.noHeader'), first.length ? msg('cli.map.hintStart', { start: msg('cli.map.startsWith', { rows: first.join(' / ') }), then: msg('cli.map.writeMapping') })
      : msg('cli.map.writeMapping'));
  }
  const { sheet, header } = chosen;
  const keys = uniqueKeys(header);
  if (file) {
    for (const k of Object.keys(file.columns)) {
      if (!keys.includes(k)) throw usageError(msg('cli.map.noColumn', { column: k, row: String(header.row + 1) }), msg('cli.map.columnsAre', { columns: keys.join(', ') }));
    }
  }
  const seen = new Set<string>();
  const columns: Column[] = keys.map((key, index) => {
    const label = header.labels[index] ?? '';
    const guess = guessColumn(label, header.groups[index] ?? '', r);
    const target = (file ? (file.columns[key] as Target | undefined) ?? 'ignore' : guess.target);
    const col: Column = { index, letter: columnLetter(index), key, label, target, ...(guess.sensitive ? { sensitive: true } : {}) };
    if (!file && guess.guessed) col.guessed = guess.guessed;
    // One column per field (the first); a repeated plain field is left out rather than guessed between.
    if (target !== 'ignore' && !target.includes(':')) {
      if (seen.has(target) && !file) col.target = 'ignore';
      seen.add(target);
    }
    return col;
  });
  return { sheet, header, columns, values, fromFile: Boolean(file) };
}

export function loadMappingFile(path: string): MappingFile {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(path, 'utf8'));
  } catch (e) {
    throw usageError(msg('cli.map.notJson', { file: path, detail: (e as Error).message }));
  }
  const parsed = mappingFileSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw usageError(msg('cli.map.invalid', { file: path, detail: `${i?.path.join('.') ?? ''} ${i?.message ?? ''}`.trim() }));
  }
  return parsed.data;
}

/** The mapping as a file to confirm or edit: every column, and every legacy text with what it resolved to (null = unknown). */
export function mappingFileOf(m: Mapping, texts: Record<Kind, Map<string, { ids?: string[] }>>): MappingFile & { _help: string } {
  const values: Record<Kind, Record<string, string | null>> = { units: {}, roles: {}, competences: {} };
  for (const kind of ['units', 'roles', 'competences'] as Kind[]) {
    for (const [t, { ids }] of [...texts[kind]].sort(([a], [b]) => a.localeCompare(b, 'nb'))) values[kind][t] = ids ? ids.join(', ') : null;
  }
  return {
    _help: `Targets: ${FIELDS.join(', ')}, achievedOn:<competenceId>, expiresOn:<competenceId>. Values: legacy text → id (null = not known; `
      + 'rows using it are rejected). Pass this file with --mapping.',
    version: 1, sheet: m.sheet.name, headerRow: m.header.row + 1,
    columns: Object.fromEntries(m.columns.map((c) => [c.key, c.target])), values,
  };
}
