// zod/mini carries no message catalogue (that keeps the Apps Script bundle small): issues are put in words here,
// for the developer-facing details of a refused payload or event ("page: at most 20 characters").
interface IssueLike { code?: string; path?: readonly PropertyKey[]; message?: string; expected?: unknown; maximum?: unknown; minimum?: unknown;
  origin?: unknown; format?: unknown; values?: readonly unknown[]; keys?: readonly string[] }

function what(i: IssueLike): string {
  const unit = i.origin === 'string' ? ' characters' : i.origin === 'array' ? ' items' : '';
  switch (i.code) {
    case 'invalid_type': return `expected ${String(i.expected)}`;
    case 'too_big': return `at most ${String(i.maximum)}${unit}`;
    case 'too_small': return `at least ${String(i.minimum)}${unit}`;
    case 'invalid_format': return `not a valid ${String(i.format)}`;
    case 'invalid_value': return `one of ${(i.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys': return `unexpected ${(i.keys ?? []).join(', ')}`;
    case 'custom': return i.message ?? 'invalid';
    default: return i.code ?? i.message ?? 'invalid';
  }
}

export function describeIssues(issues: readonly IssueLike[]): string {
  return issues.map((i) => `${(i.path ?? []).map(String).join('.') || '(payload)'}: ${what(i)}`).join('; ');
}
