// The dry-run report of an import: the mapping, every row with its outcome and reasons, what was skipped, totals.
import type { Translate } from '../../core/i18n';
import type { Mapping, Resolver } from './mapping';
import type { ImportPlan, Outcome } from './plan';

/** Row numbers as short ranges: 3, 5–7, 12. */
export function ranges(rows: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === (rows[j] ?? NaN) + 1) j++;
    out.push(j === i ? String(rows[i]) : `${rows[i]}–${rows[j]}`);
    i = j;
  }
  return out.join(', ');
}

/** A column's target: the mapping file's word (employeeId, email, …), or the date or expiry of a competence in words. */
function targetText(t: string, r: Resolver, tr: Translate): string {
  const [, kind, id] = /^(achievedOn|expiresOn):(.+)$/.exec(t) ?? [];
  if (kind && id) return tr(kind === 'achievedOn' ? 'import.map.dateOf' : 'import.map.expiryOf', { competence: r.nameOf('competences', id), id });
  return t;
}

export function mappingLines(file: string, m: Mapping, r: Resolver, tr: Translate): string[] {
  const lines = [tr('import.map.title', { file, sheet: m.sheet.name, row: String(m.header.row + 1) })
    + tr(m.fromFile ? 'import.map.fromFile' : 'import.map.guessed'), tr('import.map.columns')];
  const width = Math.min(28, Math.max(8, ...m.columns.map((c) => c.key.length)));
  for (const c of m.columns) {
    let what: string;
    if (c.sensitive) what = tr('import.map.sensitive');
    else if (c.target === 'ignore') what = tr('import.map.ignored');
    else if (c.target === 'note') what = tr('import.map.note');
    else what = `→ ${targetText(c.target, r, tr)}${c.guessed ? tr('import.map.guessedFrom', { text: c.guessed }) : ''}`;
    lines.push(`  ${c.letter.padEnd(3)}${c.key.padEnd(width)}  ${what}`);
  }
  return lines;
}

const OUTCOMES: Outcome[] = ['add', 'change', 'unchanged', 'skip', 'reject'];

export function reportLines(plan: ImportPlan, firstDataRow: number, r: Resolver, tr: Translate): string[] {
  const lines: string[] = [];
  const kinds = ['units', 'roles', 'competences'] as const;
  const guessed = kinds.flatMap((k) => [...plan.texts[k]]
    .filter(([, v]) => v.how === 'guess').map(([t, v]) => `"${t}" → ${v.ids!.map((id) => `${r.nameOf(k, id)} (${id})`).join(' + ')}`));
  if (guessed.length) lines.push(tr('import.report.guesses', { list: guessed.join('; ') }));
  lines.push(tr('import.report.rows'));
  // The outcome column as wide as its longest word in this language.
  const word = (o: Outcome) => tr(`import.outcome.${o}`);
  const width = Math.max(9, ...OUTCOMES.map((o) => word(o).length));
  const row = tr('import.report.row');
  for (const x of plan.rows) {
    const text = x.outcome === 'reject' ? x.reasons.join('; ') : x.details.join('; ');
    lines.push(`  ${row} ${String(x.row).padEnd(5)} ${word(x.outcome).padEnd(width)} ${text}`.trimEnd());
  }
  if (plan.rows.length === 0) lines.push(tr('import.report.noRows'));
  const skipped: string[] = [];
  if (firstDataRow > 2) skipped.push(tr('import.report.aboveHeader', { count: firstDataRow - 2, rows: ranges(Array.from({ length: firstDataRow - 2 }, (_, i) => i + 1)) }));
  if (plan.skipped.blank.length) skipped.push(tr('import.report.blank', { rows: ranges(plan.skipped.blank) }));
  if (plan.skipped.totals.length) skipped.push(tr('import.report.totals', { rows: ranges(plan.skipped.totals) }));
  if (plan.skipped.header.length) skipped.push(tr('import.report.repeatedHeader', { rows: ranges(plan.skipped.header) }));
  if (plan.skipped.comment.length) skipped.push(tr('import.report.commentOnly', { rows: ranges(plan.skipped.comment) }));
  if (skipped.length) lines.push(tr('import.report.skipped', { list: skipped.join('; ') }));
  const c = plan.counts;
  lines.push(tr('import.report.summary', { count: plan.rows.length, add: c.add, change: c.change, unchanged: c.unchanged, skip: c.skip, reject: c.reject,
    employees: c.employeesAdded, changed: c.employeesChanged, certs: c.certificationsAdded }));
  return lines;
}
