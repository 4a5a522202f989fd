// The repository's import graph as the mirror rule reads it: which files a test runs (its own imports and its helpers'),
// and which source files a source file loads in turn. Type-only imports load nothing, so they are not edges.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';

export const ROOT = join(__dirname, '..', '..');

/**
 * Bundles a test runs by their output name, with the source file each is built from (scripts/build.mjs builds them; a test
 * in test/lint/mirror.test.ts checks it still does). A test that loads `build/Code.js` runs src/gas/main.ts and all it loads.
 */
export const BUNDLES: ReadonlyMap<string, string> = new Map([['Code.js', 'src/gas/main.ts']]);

const rel = (abs: string) => relative(ROOT, abs).split('\\').join('/');

/** The repository file a relative specifier names from `from` (as TypeScript resolves it), if it is a file here. */
function resolve(from: string, spec: string): string | undefined {
  const base = normalize(join(ROOT, dirname(from), spec));
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return rel(candidate);
  }
  return undefined;
}

/** Whether an import declaration loads its module at run time (`import type` and all-`type` named imports do not). */
function loads(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return true; // import './x' (side effects)
  if (clause.isTypeOnly) return false;
  if (clause.name) return true;
  const named = clause.namedBindings;
  if (!named || ts.isNamespaceImport(named)) return true;
  return named.elements.length === 0 || named.elements.some((e) => !e.isTypeOnly);
}

const CALLS = new Set(['require', 'jest.mock', 'jest.requireActual', 'jest.doMock', 'jest.unmock']);

/**
 * What a file loads: its relative imports, re-exports, import(), require() and jest.mock() specifiers; a worker script
 * named beside it; and, in tests and their helpers, a source file named as a string (an esbuild entry, e.g.
 * 'src/workspace/web/client.ts') or a bundle by its name.
 */
export function loadsOf(file: string): string[] {
  const code = readFileSync(join(ROOT, file), 'utf8');
  const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const out = new Set<string>();
  const add = (spec: string) => {
    if (!spec.startsWith('.')) return;
    const r = resolve(file, spec);
    if (r) out.add(r);
  };
  // test/lint names files as data (this rule's own lists), not as what it runs.
  const inTests = file.startsWith('test/') && !file.startsWith('test/lint/');
  const dir = dirname(file);
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (loads(node)) add(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) add(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      const callee = node.expression.kind === ts.SyntaxKind.ImportKeyword ? 'import' : node.expression.getText(sf);
      if (callee === 'import' || CALLS.has(callee)) add(node.arguments[0].text);
    }
    // A worker script named by its file name beside the file that starts it (e.g. 'sheets-node-worker.ts').
    if (ts.isStringLiteralLike(node) && /^[\w.-]+\.ts$/.test(node.text) && node.text !== file.split('/').pop()
      && existsSync(join(ROOT, dir, node.text))) out.add(`${dir}/${node.text}`);
    if (inTests && ts.isStringLiteralLike(node)) {
      const text = node.text;
      if (/^src\/[\w./-]+\.ts$/.test(text) && existsSync(join(ROOT, text))) out.add(text);
      const bundle = BUNDLES.get(text);
      if (bundle) out.add(bundle);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return [...out];
}

const cache = new Map<string, string[]>();
const loadsCached = (file: string) => {
  let found = cache.get(file);
  if (!found) { found = loadsOf(file); cache.set(file, found); }
  return found;
};

/** The source files a test loads itself or through its helpers under test/ (not what those source files load in turn). */
export function sourcesOfTest(test: string): Set<string> {
  const seen = new Set<string>([test]);
  const sources = new Set<string>();
  const queue = [test];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const next of loadsCached(file)) {
      if (next.startsWith('src/')) sources.add(next);
      else if (next.startsWith('test/') && !seen.has(next)) { seen.add(next); queue.push(next); }
    }
  }
  return sources;
}

/** Every source file `from` loads, directly or in turn (itself included). */
export function closureOf(from: string): Set<string> {
  const seen = new Set<string>([from]);
  const queue = [from];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const next of loadsCached(file)) {
      if (next.startsWith('src/') && !seen.has(next)) { seen.add(next); queue.push(next); }
    }
  }
  return seen;
}
