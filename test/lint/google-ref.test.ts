// One helper finds Google's reference data (issue 16): test/support/google-ref.ts reads $KOMPETENT_GOOGLE_REF, else
// ../shared/google beside the checkout; no other code names either, and no code names a folder of one particular machine.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const HELPER = 'test/support/google-ref.ts';

function codeFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'fixtures' ? [] : codeFiles(rel);
    return /\.(ts|mjs|cjs|js)$/.test(e.name) ? [rel] : [];
  });
}

/** The string literals and template texts of a file, and a KOMPETENT_GOOGLE_REF read as `process.env.X` (comments are not code). */
function stringsIn(file: string, code = readFileSync(join(ROOT, file), 'utf8')): string[] {
  const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isStringLiteralLike(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) out.push(n.text);
    if (ts.isIdentifier(n) && n.text === 'KOMPETENT_GOOGLE_REF') out.push(n.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** What a file says about where Google's reference data is, or a machine's own folder. */
function findings(strings: string[]): string[] {
  return strings.filter((s) => s === 'KOMPETENT_GOOGLE_REF' || /(^|\/)shared\/google\b/.test(s) || s === 'shared' || /^(\/work\/|\/Users\/|[A-Z]:\\Users\\)/.test(s));
}

const files = ['src', 'test', 'scripts', 'bin'].flatMap(codeFiles);

it('finds the code it checks, the helper among it', () => {
  expect(files.length).toBeGreaterThan(400);
  expect(findings(stringsIn(HELPER))).toEqual(['KOMPETENT_GOOGLE_REF', 'shared']);
});

it('names the reference data\'s place in the helper only, and no machine\'s own folder anywhere', () => {
  const suspects = files.filter((f) => f !== HELPER && f !== 'test/lint/google-ref.test.ts')
    .filter((f) => /shared|KOMPETENT_GOOGLE_REF|\/work\/|Users/.test(readFileSync(join(ROOT, f), 'utf8')));
  const found = suspects.flatMap((f) => findings(stringsIn(f)).map((s) => `${f}: ${s}`));
  expect(found).toEqual([]);
});

it('rejects a second lookup and a machine path (probes)', () => {
  expect(findings(stringsIn('probe.ts', "const d = process.env['KOMPETENT_GOOGLE_REF'] ?? '../shared/google';"))).toEqual(['KOMPETENT_GOOGLE_REF', '../shared/google']);
  expect(findings(stringsIn('probe.ts', "const d = join(ROOT, '..', 'shared', 'google');"))).toEqual(['shared']);
  expect(findings(stringsIn('probe.ts', 'const d = `/work/shared/google/${f}`;'))).toEqual(['/work/shared/google/']);
  expect(findings(stringsIn('probe.ts', '// ../shared/google/chat-responses.md (a comment)\nconst x = 1;'))).toEqual([]);
});
