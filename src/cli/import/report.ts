// The dry-run report of an import: the mapping, every row with its outcome and reasons, what was skipped, totals.
import type { Mapping, Resolver } from './mapping';
import type { ImportPlan } from './plan';

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

function targetText(t: string, r: Resolver): string {
  const [, kind, id] = /^(achievedOn|expiresOn):(.+)$/.exec(t) ?? [];
  if (kind && id) return `${kind === 'achievedOn' ? 'date of' : 'expiry of'} ${r.nameOf('competences', id)} (${id})`;
  return t;
}

export function mappingLines(file: string, m: Mapping, r: Resolver): string[] {
  const lines = [`Import of ${file}, sheet "${m.sheet.name}", header on row ${m.header.row + 1}`
    + (m.fromFile ? ' (mapping from file)' : ' (mapping guessed: --write-mapping <file> saves it to confirm or edit)'), 'Columns:'];
  const width = Math.min(28, Math.max(8, ...m.columns.map((c) => c.key.length)));
  for (const c of m.columns) {
    let what: string;
    if (c.sensitive) what = 'ignored: national identity numbers are never imported';
    else if (c.target === 'ignore') what = 'ignored';
    else if (c.target === 'note') what = '→ note (kept on the certifications of the row)';
    else what = `→ ${targetText(c.target, r)}${c.guessed ? `  [guessed from "${c.guessed}"]` : ''}`;
    lines.push(`  ${c.letter.padEnd(3)}${c.key.padEnd(width)}  ${what}`);
  }
  return lines;
}

export function reportLines(plan: ImportPlan, firstDataRow: number, r: Resolver): string[] {
  const lines: string[] = [];
  const kinds = { units: 'unit', roles: 'role', competences: 'competence' } as const;
  const guessed = (Object.keys(kinds) as (keyof typeof kinds)[]).flatMap((k) => [...plan.texts[k]]
    .filter(([, v]) => v.how === 'guess').map(([t, v]) => `"${t}" → ${v.ids!.map((id) => `${r.nameOf(k, id)} (${id})`).join(' + ')}`));
  if (guessed.length) lines.push(`Names matched by a guess (confirm them in a mapping file): ${guessed.join('; ')}`);
  lines.push('Rows:');
  for (const row of plan.rows) {
    const text = row.outcome === 'reject' ? row.reasons.join('; ') : row.details.join('; ');
    lines.push(`  row ${String(row.row).padEnd(5)} ${row.outcome.padEnd(9)} ${text}`.trimEnd());
  }
  if (plan.rows.length === 0) lines.push('  (no data rows)');
  const skipped: string[] = [];
  if (firstDataRow > 2) skipped.push(`${firstDataRow === 3 ? 'row' : 'rows'} ${ranges(Array.from({ length: firstDataRow - 2 }, (_, i) => i + 1))} above the header`);
  if (plan.skipped.blank.length) skipped.push(`blank: ${ranges(plan.skipped.blank)}`);
  if (plan.skipped.totals.length) skipped.push(`totals: ${ranges(plan.skipped.totals)}`);
  if (plan.skipped.header.length) skipped.push(`repeated header: ${ranges(plan.skipped.header)}`);
  if (plan.skipped.comment.length) skipped.push(`only a comment: ${ranges(plan.skipped.comment)}`);
  if (skipped.length) lines.push(`Skipped: ${skipped.join('; ')}`);
  const c = plan.counts;
  const n = plan.rows.length;
  lines.push(`Summary: ${n} row${n === 1 ? '' : 's'}: ${c.add} add, ${c.change} change, ${c.unchanged} unchanged, ${c.skip} skip, ${c.reject} reject`
    + ` (${c.employeesAdded} new employee${c.employeesAdded === 1 ? '' : 's'}, ${c.employeesChanged} changed,`
    + ` ${c.certificationsAdded} new certification${c.certificationsAdded === 1 ? '' : 's'})`);
  return lines;
}
