#!/usr/bin/env node
// Re-homes src/ into issue #16's rooms (workspace, cli, bench, demo, adapters/*, contract) on whatever main holds: git mv, every import re-pointed, lint rules, docs.
//
// Usage: node scripts/rehome.mjs [--dry-run] [--steps 1,2,3,4]   (all four by default)
//   1  src/local/ → src/workspace/, src/cli/, src/bench/, src/demo/; its shared helpers → src/adapters/node/, src/adapters/memory/
//   2  Sheets API, JWT, Chat and Docs REST clients → src/adapters/google/; CSV workbook → src/adapters/node/; memory workbook →
//      src/adapters/memory/; the write errors every Workbook may throw → src/store/write-errors.ts
//   3  src/contract/: request (Host, Request, Reply, MailAttachment), card types, action names, sidebar and course-admin
//      contracts, schema issues — so ui/ and sidebar/ need nothing from app/
//   4  src/app/features/<feature>/ for admin, appraisals, courses, forum, status; their shared kernel and the outbox job
//      → src/app/common/ (home.ts and chat.ts, the surfaces every feature starts from, stay in src/app/features/)
// Tests move with their sources (test/ mirrors src/). The script checks everything before it touches a file: a missing
// source, a file left behind in a folder being emptied, or a target that exists stops it with nothing moved. A step whose
// sources are all gone and whose targets all exist is reported as done and skipped. It stages the result; it commits nothing.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);
const P = path.posix;

const argv = process.argv.slice(2);
const DRY = argv.includes('--dry-run');
const stepsArg = argv.includes('--steps') ? argv[argv.indexOf('--steps') + 1] : '1,2,3,4';
const WANTED = new Set(String(stepsArg).split(',').map(Number));
for (const s of WANTED) if (![1, 2, 3, 4].includes(s)) die(`unknown step ${s} (steps are 1, 2, 3, 4)`);

function die(msg) { console.error(`rehome: ${msg}\nNothing was moved.`); process.exit(1); }
const git = (...a) => execFileSync('git', a, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

// ---------------------------------------------------------------------------------------------------------------- moves
/**
 * Moves per step. `from` ending in '/' moves a folder (every file under it); `*` stands for one name part. Each source
 * rule also moves its test (test/<same path>.test.ts, or the test folder), so test/ keeps mirroring src/.
 */
const STEPS = {
  1: {
    title: 'src/local/ split into the Node programs and the adapters they share',
    moves: [
      ['src/local/server.ts', 'src/workspace/server.ts'],
      ['src/local/workspace/', 'src/workspace/'],
      ['src/local/web/', 'src/workspace/web/'],
      ['src/local/cli.ts', 'src/cli/entry.ts'],
      ['src/local/cli/', 'src/cli/'],
      ['src/local/bench.ts', 'src/bench/bench.ts'],
      ['src/local/bench-*.ts', 'src/bench/*.ts'],
      ['src/local/demo/', 'src/demo/'],
      // Node implementations of ports: the read model's gzip codec and the synchronous Sheets HTTP transport (+ its worker).
      ['src/local/node-codec.ts', 'src/adapters/node/node-codec.ts'],
      ['src/local/sheets-node-transport.ts', 'src/adapters/node/sheets-node-transport.ts'],
      ['src/local/sheets-node-worker.ts', 'src/adapters/node/sheets-node-worker.ts'],
      // In-memory Google (Chat, mail, calendar, Drive, Docs twin, PDF export, the Drive's templates): used by tests, bench,
      // demo, CLI and workspace alike, so it belongs to none of those programs.
      ['src/local/memory-services.ts', 'src/adapters/memory/memory-services.ts'],
      ['src/local/docs-twin.ts', 'src/adapters/memory/docs-twin.ts'],
      ['src/local/pdf.ts', 'src/adapters/memory/pdf.ts'],
      ['src/local/appraisal-templates.ts', 'src/adapters/memory/appraisal-templates.ts'],
      // The fakes' watchdog (Google's execution time limits, on the fake clock): part of the in-memory Google.
      ['src/local/execution-limits.ts', 'src/adapters/memory/execution-limits.ts'],
    ],
    emptied: ['src/local/', 'test/local/'],
  },
  2: {
    title: 'adapters: Google REST (Sheets, JWT, Chat, Docs), the CSV workbook (Node), the memory workbook',
    moves: [
      ['src/store/sheets-api/transport.ts', 'src/adapters/google/transport.ts'],
      ['src/store/sheets-api/send.ts', 'src/adapters/google/send.ts'],
      ['src/store/sheets-api/jwt.ts', 'src/adapters/google/jwt.ts'],
      ['src/store/sheets-api/requests.ts', 'src/adapters/google/sheets-requests.ts'],
      ['src/store/sheets-api/workbook.ts', 'src/adapters/google/sheets-workbook.ts'],
      ['src/app/chat-api.ts', 'src/adapters/google/chat-api.ts'],
      ['src/app/docs-api.ts', 'src/adapters/google/docs-api.ts'],
      ['src/store/csv-workbook.ts', 'src/adapters/node/csv-workbook.ts'],
      ['src/store/csv-journal.ts', 'src/adapters/node/csv-journal.ts'],
      ['src/store/memory-workbook.ts', 'src/adapters/memory/memory-workbook.ts'],
    ],
    emptied: ['src/store/sheets-api/', 'test/store/sheets-api/'],
  },
  3: {
    title: 'contract: what app, ui and the sidebar share',
    moves: [
      ['src/app/request.ts', 'src/contract/request.ts'],
      ['src/app/sidebar-contract.ts', 'src/contract/sidebar.ts'],
      ['src/app/course-admin-contract.ts', 'src/contract/course-admin.ts'],
      ['src/app/schema-issues.ts', 'src/contract/schema-issues.ts'],
      ['src/ui/card-types.ts', 'src/contract/card-types.ts'],
      ['src/ui/actions.ts', 'src/contract/actions.ts'],
    ],
    emptied: [],
  },
  4: {
    title: 'features as folders: src/app/features/<feature>/ (index.ts = its handlers, one file per use case, jobs.ts); src/app/common/',
    moves: [
      // The shared kernel of the features (the person context, the status model) and the one delivery path (the outbox).
      ['src/app/features/status-shared.ts', 'src/app/common/person-context.ts'],
      ['src/app/features/status-model.ts', 'src/app/common/status-model.ts'],
      ['src/app/features/outbox-job.ts', 'src/app/common/outbox-job.ts'],
      ...['admin', 'appraisals', 'courses', 'forum', 'status'].flatMap((f) => [
        [`src/app/features/${f}.ts`, `src/app/features/${f}/index.ts`],
        [`src/app/features/${f}-*.ts`, `src/app/features/${f}/*.ts`],
      ]),
    ],
    testMoves: [
      ...['appraisals', 'forum', 'status', 'courses', 'admin'].map((f) => [`test/app/features/${f}-support.ts`, `test/app/features/${f}/support.ts`]),
      ['test/app/features/race/', 'test/app/features/courses/race/'],
      ['test/app/features/faq-counters.test.ts', 'test/app/features/forum/faq-counters.test.ts'],
    ],
    emptied: [],
  },
};

/** The test rule mirroring a source rule (src/a/b.ts → test/a/b.test.ts; folders → the same folder under test/). */
const testRule = ([from, to]) => {
  const t = (p) => p.replace(/^src\//, 'test/');
  return from.endsWith('/') ? [t(from), t(to)] : [t(from).replace(/\.ts$/, '.test.ts'), t(to).replace(/\.ts$/, '.test.ts')];
};

/** Where `file` goes under `rule`, or undefined. */
function apply([from, to], file) {
  if (from.endsWith('/')) return file.startsWith(from) ? to + file.slice(from.length) : undefined;
  if (from.includes('*')) {
    const [a, b] = from.split('*');
    if (!file.startsWith(a) || !file.endsWith(b) || file.length < a.length + b.length) return undefined;
    const mid = file.slice(a.length, file.length - b.length);
    return mid.includes('/') ? undefined : to.replace('*', mid);
  }
  return file === from ? to : undefined;
}

// -------------------------------------------------------------------------------------------------------- preconditions
if (git('status', '--porcelain', '--untracked-files=no').trim() && !DRY) die('the work tree has uncommitted changes: commit or stash them first');
const TRACKED = git('ls-files', '-z').split('\0').filter(Boolean);
const tracked = new Set(TRACKED);

const MAP = new Map(); // old path → new path
const stepsRun = [];
const problems = [];
const STEPS_DONE = new Set(); // in place afterwards: found done, or run now
for (const n of [1, 2, 3, 4]) {
  const step = STEPS[n];
  const rules = [...step.moves.flatMap((r) => [{ rule: r, test: false }, { rule: testRule(r), test: true }]),
    ...(step.testMoves ?? []).map((r) => ({ rule: r, test: true }))];
  const planned = new Map();
  const missing = [];
  for (const { rule, test } of rules) {
    const hits = TRACKED.filter((f) => apply(rule, f) !== undefined && !MAP.has(f) && !planned.has(f));
    if (!hits.length && !test) missing.push(rule[0]);
    for (const f of hits) planned.set(f, apply(rule, f));
  }
  if (missing.length === step.moves.length) {
    const targetsThere = step.moves.every(([, to]) => (to.endsWith('/') || to.includes('*') ? TRACKED.some((f) => f.startsWith(to.split('*')[0])) : tracked.has(to)));
    if (targetsThere) { STEPS_DONE.add(n); if (WANTED.has(n)) console.log(`step ${n} (${step.title}): already done, skipped`); continue; }
  }
  if (!WANTED.has(n)) continue;
  if (n > 1 && !STEPS_DONE.has(1)) problems.push(`step ${n} builds on step 1: run step 1 first or together`);
  for (const m of missing) problems.push(`step ${n}: source ${m} is not in the repository`);
  for (const dir of step.emptied) {
    const left = TRACKED.filter((f) => f.startsWith(dir) && !planned.has(f) && !MAP.has(f));
    for (const f of left) problems.push(`step ${n}: ${f} would be left behind in ${dir} (add a rule for it to scripts/rehome.mjs)`);
  }
  for (const [a, b] of planned) MAP.set(a, b);
  stepsRun.push(n);
  STEPS_DONE.add(n);
}
const targets = new Map();
for (const [a, b] of MAP) {
  if (targets.has(b)) problems.push(`${a} and ${targets.get(b)} would both become ${b}`);
  targets.set(b, a);
  if (tracked.has(b) && !MAP.has(b)) problems.push(`${a} → ${b}: the target exists already`);
}
if (problems.length) die(`cannot re-home:\n  ${problems.join('\n  ')}`);
if (!MAP.size) { console.log('rehome: nothing to move.'); process.exit(0); }

const newOf = (f) => MAP.get(f) ?? f;
const AFTER = new Set(TRACKED.map(newOf));

/** The new path of a folder whose files all moved by one prefix, or undefined when it was split (or did not move). */
function folderOf(dir) {
  const under = TRACKED.filter((f) => f.startsWith(`${dir}/`));
  if (!under.length) return undefined;
  let common;
  for (const f of under) {
    const rest = f.slice(dir.length + 1);
    const n = newOf(f);
    if (!n.endsWith(`/${rest}`)) return undefined;
    const prefix = n.slice(0, n.length - rest.length - 1);
    if (common !== undefined && common !== prefix) return undefined;
    common = prefix;
  }
  return common;
}
const folderExistsAfter = (dir) => [...AFTER].some((f) => f.startsWith(`${dir}/`));

const warnings = [];
/** A repository path (file, file without extension, or folder) in its new place; undefined when it cannot say. */
function mapRepoPath(p) {
  const clean = p.replace(/\/+$/, '');
  if (tracked.has(clean)) return newOf(clean);
  for (const ext of ['.ts', '.tsx', '.js', '.mjs']) if (tracked.has(clean + ext)) return newOf(clean + ext).slice(0, -ext.length);
  if (TRACKED.some((f) => f.startsWith(`${clean}/`))) {
    return folderOf(clean) ?? clean;
  }
  return clean;
}

// -------------------------------------------------------------------------------------------------------- text rewrites
const CODE = /\.(ts|tsx|js|mjs|cjs)$/;
const TEXT = /\.(ts|tsx|js|mjs|cjs|json|md|html|css)$/;
const isTextFile = (f) => (TEXT.test(f) || f === '.ci/run') && f !== 'package-lock.json' && f !== 'scripts/rehome.mjs'
  && /^(src|test|scripts|bin|docs|\.ci)\/|^[^/]+$/.test(f) && !/\/fixtures\//.test(f);

const SPEC = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*|\brequire\.resolve\s*\(\s*|\bjest\.(?:mock|requireActual|unmock|doMock)\s*\(\s*)(['"])(\.\.?(?:\/[^'"\n]*)?)\2/g;

/** What a relative specifier in `fromOld` points at: the tracked file, and how the specifier named it. */
function resolveSpec(fromOld, spec) {
  const base = P.normalize(P.join(P.dirname(fromOld), spec)).replace(/\/$/, '');
  if (tracked.has(base)) return { file: base, how: 'exact' };
  for (const ext of ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json']) if (tracked.has(base + ext)) return { file: base + ext, how: 'ext', ext };
  if (base.endsWith('.js') && tracked.has(`${base.slice(0, -3)}.ts`)) return { file: `${base.slice(0, -3)}.ts`, how: 'js-for-ts' };
  for (const idx of ['/index.ts', '/index.js']) if (tracked.has(base + idx)) return { file: base + idx, how: 'index' };
  return undefined;
}

const relSpec = (fromNew, toNew) => {
  const r = P.relative(P.dirname(fromNew), toNew) || '.';
  return r.startsWith('.') ? r : `./${r}`;
};

function rewriteImports(oldFile, newFile, text, counts) {
  return text.replace(SPEC, (whole, lead, q, spec) => {
    const hit = resolveSpec(oldFile, spec);
    if (!hit) {
      if (!oldFile.startsWith('test/lint/')) warnings.push(`${newFile}: import '${spec}' resolves to no file (left as is)`);
      return whole;
    }
    const target = newOf(hit.file);
    let next;
    if (hit.how === 'exact') next = relSpec(newFile, target);
    else if (hit.how === 'ext' && P.basename(target) === `index${hit.ext}` && P.basename(hit.file) !== P.basename(target)) next = relSpec(newFile, P.dirname(target));
    else if (hit.how === 'ext') next = relSpec(newFile, target).slice(0, -hit.ext.length);
    else if (hit.how === 'js-for-ts') next = relSpec(newFile, target).replace(/\.ts$/, '.js');
    else next = relSpec(newFile, P.dirname(target));
    if (next === spec) return whole;
    counts.imports++;
    return `${lead}${q}${next}${q}`;
  });
}

/** `join(__dirname, '..', 'x')`, `resolve(__dirname, '../../src/y.ts')` in tests (jest runs the sources where they are). */
function rewriteDirname(oldFile, newFile, text, counts) {
  return text.replace(/\b(join|resolve)\(\s*__dirname((?:\s*,\s*'[^'\n]*')+)/g, (whole, fn, argText) => {
    const args = [...argText.matchAll(/'([^'\n]*)'/g)].map((m) => m[1]);
    const abs = P.normalize(P.join(P.dirname(oldFile), ...args)).replace(/\/$/, '');
    if (abs.startsWith('..')) return whole;
    const target = abs === '.' ? '.' : mapRepoPath(abs, newFile);
    const rel = P.relative(P.dirname(newFile), target === '.' ? '' : target);
    const was = P.normalize(P.join(...args)).replace(/\/$/, '');
    if (rel === was) return whole;
    counts.paths++;
    const parts = args.length === 1 ? [rel] : rel.split('/');
    return `${fn}(__dirname${parts.filter(Boolean).map((s) => `, '${s}'`).join('')}`;
  });
}

/** `'src', 'local', 'web'` path segments (and `join(src, 'local', 'cli.ts')` in bin/kompetent.js). */
function rewriteSegments(file, text, counts) {
  const re = file === 'bin/kompetent.js' ? /(?:'src'|\bsrc)((?:\s*,\s*'[^'\n]+')+)/g : /'src'((?:\s*,\s*'[^'\n]+')+)/g;
  return text.replace(re, (whole, argText) => {
    const segs = [...argText.matchAll(/'([^'\n]+)'/g)].map((m) => m[1]);
    if (segs.some((s) => s.includes('/'))) return whole;
    const p = ['src', ...segs].join('/');
    const to = mapRepoPath(p, file);
    if (to === p) return whole;
    counts.paths++;
    const head = whole.startsWith("'src'") ? "'src'" : 'src';
    return `${head}${to.split('/').slice(1).map((s) => `, '${s}'`).join('')}`;
  });
}

/** Repository paths written out (`src/local/web/card.css`, `test/local/cli/live.test.ts`) in code, configs and docs. */
function rewriteRepoPaths(file, text, counts) {
  return text.replace(/(?<![\w./@-])((?:src|test)\/[\w\-./]*[\w-]\/?)/g, (whole) => {
    const to = mapRepoPath(whole, file);
    const next = whole.endsWith('/') && !to.endsWith('/') ? `${to}/` : to;
    if (next === whole) return whole;
    counts.paths++;
    return next;
  });
}

const contents = new Map(); // new path → new text (only files whose text changed)
const report = [];
for (const oldFile of TRACKED) {
  if (!isTextFile(oldFile)) continue;
  const newFile = newOf(oldFile);
  const before = fs.readFileSync(oldFile, 'utf8');
  const counts = { imports: 0, paths: 0 };
  let text = before;
  if (CODE.test(oldFile)) {
    text = rewriteImports(oldFile, newFile, text, counts);
    if (oldFile.startsWith('test/')) text = rewriteDirname(oldFile, newFile, text, counts);
    text = rewriteSegments(oldFile, text, counts);
  }
  text = rewriteRepoPaths(newFile, text, counts);
  if (text !== before) { contents.set(newFile, text); report.push(`${newFile}: ${counts.imports} imports, ${counts.paths} paths`); }
}
const textOf = (f) => contents.get(f) ?? fs.readFileSync(targets.get(f) ?? f, 'utf8');
const put = (f, t) => contents.set(f, t);

// ------------------------------------------------------------------------------------------------------- code surgery
/** Cuts `export class|interface NAME` (with the doc comment right above it) out of `text`: [text without it, the block]. */
function cutDeclaration(text, file, kind, name) {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`export ${kind} ${name} `) || l.startsWith(`export ${kind} ${name}<`));
  if (at < 0) die(`${file}: no "export ${kind} ${name}" to move`);
  let start = at;
  if (lines[start - 1]?.trim().endsWith('*/')) while (start > 0 && !lines[start].trimStart().startsWith('/**')) start--;
  let end = at;
  if (!/}\s*$/.test(lines[at]) || (lines[at].match(/{/g) ?? []).length !== (lines[at].match(/}/g) ?? []).length) {
    while (end < lines.length && lines[end] !== '}') end++;
    if (end === lines.length) die(`${file}: cannot find the end of ${kind} ${name}`);
  }
  const block = lines.slice(start, end + 1).join('\n');
  const rest = [...lines.slice(0, start), ...lines.slice(end + 1)];
  if (rest[start] === '' && rest[start - 1] === '') rest.splice(start, 1);
  return [rest.join('\n'), block];
}

/** Inserts an import line after the file's last top-level import (or after its purpose comment). */
function addImport(text, line) {
  const lines = text.split('\n');
  let last = -1;
  for (let i = 0; i < lines.length; i++) {
    if (/^import\b/.test(lines[i])) { last = i; while (last < lines.length && !/;\s*$/.test(lines[last])) last++; }
    else if (/^(export|const|function|class|interface|type|let)\b/.test(lines[i])) break;
  }
  lines.splice(last >= 0 ? last + 1 : 1, 0, line);
  return lines.join('\n');
}

/**
 * Re-points imports of `names` from module `fromModule` (new path, no extension) to `toModule`, in files under `under`;
 * an import of other names as well from `fromModule` is left alone (the old module re-exports, or it must stop).
 */
function retarget(under, fromModule, names, toModule, { mustAll = false } = {}) {
  for (const f of AFTER) {
    if (!f.startsWith(under) || !CODE.test(f) || f === `${fromModule}.ts`) continue;
    const text = textOf(f);
    const next = text.replace(/^import (type )?\{([^}]*)\} from '([^']+)';$/gm, (whole, type, list, spec) => {
      if (!spec.startsWith('.') || P.normalize(P.join(P.dirname(f), spec)) !== fromModule) return whole;
      const got = list.split(',').map((s) => s.trim().replace(/^type\s+/, '')).filter(Boolean);
      if (!got.some((n) => names.includes(n))) return whole;
      if (!got.every((n) => names.includes(n))) {
        if (mustAll) die(`${f} imports ${got.join(', ')} from ${fromModule}: split that import by hand`);
        return whole;
      }
      return `import ${type ?? ''}{${list}} from '${relSpec(f, toModule)}';`;
    });
    if (next !== text) { put(f, next); report.push(`${f}: ${names.join(', ')} now from ${toModule}`); }
  }
}

if (stepsRun.includes(2)) {
  // The errors any Workbook write may throw belong to the Workbook port, not to the Sheets adapter: app/ catches them.
  const send = 'src/adapters/google/send.ts';
  let text = textOf(send);
  let a; let b;
  [text, a] = cutDeclaration(text, send, 'class', 'UncertainWriteError');
  [text, b] = cutDeclaration(text, send, 'class', 'BackoffError');
  put(send, addImport(text, "import { BackoffError, UncertainWriteError } from '../../store/write-errors';"));
  put('src/store/write-errors.ts', `// The errors a Workbook write may throw (the Sheets adapter raises them; the pipeline catches them): part of the port.\n\n${a}\n\n${b}\n`);
  AFTER.add('src/store/write-errors.ts');
  report.push('src/store/write-errors.ts: UncertainWriteError, BackoffError (cut out of src/adapters/google/send.ts)');
  retarget('', 'src/adapters/google/send', ['BackoffError', 'UncertainWriteError'], 'src/store/write-errors', { mustAll: true });
}

if (stepsRun.includes(3)) {
  // MailAttachment is part of what a handler replies and ui builds (an invitation): it joins Request and Reply.
  const ports = 'src/app/ports.ts';
  let text = textOf(ports);
  let block;
  [text, block] = cutDeclaration(text, ports, 'interface', 'MailAttachment');
  text = addImport(text, "import type { MailAttachment } from '../contract/request';");
  text = addImport(text, "export type { MailAttachment } from '../contract/request';");
  put(ports, text);
  const req = 'src/contract/request.ts';
  put(req, `${textOf(req).replace(/\n*$/, '\n')}\n${block}\n`);
  report.push('src/contract/request.ts: MailAttachment (cut out of src/app/ports.ts, which re-exports it)');
  retarget('src/', 'src/app/ports', ['MailAttachment'], 'src/contract/request');
}

// --------------------------------------------------------------------------------- lint rules, their probes, the docs
const has2 = STEPS_DONE.has(2); const has3 = STEPS_DONE.has(3); const has4 = STEPS_DONE.has(4);
const PROGRAMS = ['workspace', 'cli', 'bench', 'demo'];
const q = (xs) => xs.map((x) => `'${x}'`).join(', ');
const MSG = {
  core: 'core is the pure domain: it imports no other folder of src/.',
  contract: 'contract is what the layers share: it imports only core.',
  store: has3 ? 'store imports only core and contract.' : 'store imports only core.',
  ui: has3 ? 'ui builds cards from core, contract and store views; it never imports app, gas, sidebar, adapters or the Node programs.'
    : 'ui builds cards from core types; it never imports gas, sidebar, adapters or the Node programs.',
  app: 'app never imports the Apps Script shell, the sidebar page, an adapter or the Node programs.',
  sidebar: 'the sidebar page talks to the server only through its contract.',
  adapters: 'an adapter implements ports: it never imports ui, the shell, the sidebar page or the Node programs.',
  gas: 'the Apps Script shell never imports the Node programs, the sidebar page or a Node adapter.',
  programs: 'the CLI, the bench and the demo never import the local workspace.',
  node: 'Node modules belong in src/adapters/node, src/adapters/memory and the Node programs (workspace, cli, bench, demo) only.',
  host: 'core, contract, store, ui, app and the Google adapters are host-neutral: pass what you need in through a port.',
};
const storeNodeIgnores = has2 ? '' : ", ignores: ['src/store/csv-workbook.ts', 'src/store/csv-journal.ts']";
const LAYERS = `/**
 * The layer rule (DESIGN.md, Architecture; docs/architecture.md): core ← contract ← store ← ui ← app ← gas and the Node
 * programs (workspace, cli, bench, demo); adapters implement the ports of store and app. Each folder may import only the
 * folders below it.
 */
const LAYERS = [
  { files: ['src/core/**'], patterns: [layer('${MSG.core}', 'contract', 'store', 'ui', 'app', 'gas', 'sidebar', 'adapters', ${q(PROGRAMS)}, 'local'), NODE] },
  { files: ['src/contract/**'], patterns: [layer('${MSG.contract}', 'store', 'ui', 'app', 'gas', 'sidebar', 'adapters', ${q(PROGRAMS)}), NODE] },
  { files: ['src/store/**']${storeNodeIgnores}, patterns: [layer('${MSG.store}', 'ui', 'app', 'gas', 'sidebar', 'adapters', ${q(PROGRAMS)}), NODE] },
  { files: ['src/ui/**'], patterns: [layer('${MSG.ui}', ${has3 ? "'app', " : ''}'gas', 'sidebar', 'adapters', ${q(PROGRAMS)}), NODE] },
  { files: ['src/app/**'], patterns: [layer('${MSG.app}', 'gas', 'sidebar', ${has2 ? "'adapters', " : ''}${q(PROGRAMS)}), NODE] },
  { files: ['src/sidebar/**'], patterns: [layer('${MSG.sidebar}', 'store', 'ui', ${has3 ? "'app', " : ''}'gas', 'adapters', ${q(PROGRAMS)}), NODE] },
  { files: ['src/adapters/**'], patterns: [layer('${MSG.adapters}', 'ui', 'gas', 'sidebar', ${q(PROGRAMS)})] },
  { files: ['src/adapters/google/**'], patterns: [layer('${MSG.adapters}', 'ui', 'gas', 'sidebar', ${q(PROGRAMS)}), NODE] },
  { files: ['src/gas/**'], patterns: [layer('${MSG.gas}', ${q(PROGRAMS)}, 'sidebar', 'adapters/node', 'adapters/memory'), NODE] },
  { files: ['src/cli/**', 'src/bench/**', 'src/demo/**'], patterns: [layer('${MSG.programs}', 'workspace')] },
];
`;
const HOST_NEUTRAL = ['src/core/**', 'src/contract/**', 'src/store/**', 'src/ui/**', 'src/app/**', 'src/adapters/google/**'];

function rewriteEslint() {
  const f = 'eslint.config.mjs';
  let t = textOf(f);
  const swap = (re, by, what) => { if (!re.test(t)) die(`${f}: cannot find ${what} (main changed it: update scripts/rehome.mjs)`); t = t.replace(re, () => by); };
  // An import of another top-level folder of src/ climbs out of its own folder first ('./app' in the sidebar is its own file).
  swap(/^const folder = .*$/m, "const folder = (...names) => `^(\\\\.\\\\./)+(${names.join('|')})(/|$)`;", 'the folder pattern');
  swap(/^const NODE = \{.*$/m, `const NODE = { regex: '^node:|^(fs|path|os|child_process|worker_threads|crypto|http|https|zlib|url|util)(/|$)', message: '${MSG.node}' };`, 'the NODE pattern');
  swap(/^\/\*\*\n \* The layer rule[\s\S]*?\n\];\n/m, LAYERS, 'the LAYERS block');
  swap(/^ {2}\{ files: \['src\/core\/\*\*'.*hostGlobals\] \} \},$/m,
    `  { files: [${q(HOST_NEUTRAL)}]${storeNodeIgnores}, rules: { 'no-restricted-globals': ['error', ...gasGlobals, ...hostGlobals] } },`, 'the host-neutral globals rule');
  swap(/\.map\(\(name\) => \(\{ name, message: '[^']*host-neutral[^']*' \}\)\);/, `.map((name) => ({ name, message: '${MSG.host}' }));`, 'the host globals message');
  put(f, t);
  report.push(`${f}: layer rules for the new folders`);
}

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, (c) => (c === '/' ? '\\/' : `\\${c}`));
function rewriteLayerTest() {
  const f = 'test/lint/layers.test.ts';
  const imp = (name, from) => `"import { ${name} } from '${from}';\\nexport const x = ${name};\\n"`;
  const bad = [
    ['src/core/probe.ts', imp('readFileSync', 'node:fs'), '/no-restricted-imports.*Node modules/'],
    ['src/core/probe.ts', imp('Records', '../store/records'), `/no-restricted-imports.*${esc('core is the pure domain')}/`],
    ['src/core/records/probe.ts', imp('toChatResponse', '../../ui/envelopes'), `/no-restricted-imports.*${esc('core is the pure domain')}/`],
    ['src/core/probe.ts', "'export const x = () => document.title;\\n'", '/no-restricted-globals.*host-neutral/'],
    ['src/core/probe.ts', "'export const x = () => process.env.HOME;\\n'", '/no-restricted-globals.*host-neutral/'],
    ...(has3 ? [
      ['src/contract/probe.ts', imp('Records', '../store/records'), `/no-restricted-imports.*${esc('contract is what the layers share')}/`],
      ['src/contract/probe.ts', imp('allHandlers', '../app/router'), `/no-restricted-imports.*${esc('contract is what the layers share')}/`],
      ['src/contract/probe.ts', "'export const x = () => window.location;\\n'", '/no-restricted-globals.*host-neutral/'],
    ] : []),
    ['src/store/probe.ts', imp('toChatResponse', '../ui/envelopes'), `/no-restricted-imports.*${esc('store imports only core')}/`],
    ...(has2 ? [['src/store/probe.ts', imp('SheetsWorkbook', '../adapters/google/sheets-workbook'), `/no-restricted-imports.*${esc('store imports only core')}/`]] : []),
    ['src/store/probe.ts', imp('readFileSync', 'node:fs'), '/no-restricted-imports.*Node modules/'],
    ['src/ui/probe.ts', imp('gasPorts', '../gas/ports'), `/no-restricted-imports.*${esc('ui builds cards')}/`],
    ...(has3 ? [['src/ui/cards/probe.ts', imp('allHandlers', '../../app/router'), `/no-restricted-imports.*${esc('ui builds cards')}/`]] : []),
    ['src/ui/probe.ts', imp('MemoryChat', '../adapters/memory/memory-services'), `/no-restricted-imports.*${esc('ui builds cards')}/`],
    ['src/app/probe.ts', imp('startServer', '../workspace/server'), `/no-restricted-imports.*${esc('app never imports')}/`],
    ...(has2 ? [['src/app/features/probe.ts', imp('SheetsWorkbook', '../../adapters/google/sheets-workbook'), `/no-restricted-imports.*${esc('app never imports')}/`]] : []),
    ['src/app/probe.ts', "'export const x = () => CacheService.getScriptCache();\\n'", '/no-restricted-globals.*src\\/gas\\/ only/'],
    ['src/app/probe.ts', "'export const x = () => Buffer.from(\"x\");\\n'", '/no-restricted-globals.*host-neutral/'],
    ['src/sidebar/probe.ts', imp('Records', '../store/records'), `/no-restricted-imports.*${esc('sidebar page')}/`],
    ...(has3 ? [['src/sidebar/probe.ts', imp('allHandlers', '../app/router'), `/no-restricted-imports.*${esc('sidebar page')}/`]] : []),
    ...(has2 ? [
      ['src/adapters/google/probe.ts', imp('readFileSync', 'node:fs'), '/no-restricted-imports.*Node modules/'],
      ['src/adapters/google/probe.ts', "'export const x = () => process.env.HOME;\\n'", '/no-restricted-globals.*host-neutral/'],
      ['src/adapters/google/probe.ts', imp('gasPorts', '../../gas/ports'), `/no-restricted-imports.*${esc('an adapter implements ports')}/`],
    ] : []),
    ['src/adapters/memory/probe.ts', imp('startServer', '../../workspace/server'), `/no-restricted-imports.*${esc('an adapter implements ports')}/`],
    ['src/gas/probe.ts', imp('startServer', '../workspace/server'), `/no-restricted-imports.*${esc('never imports the Node programs')}/`],
    ['src/gas/probe.ts', imp('MemoryChat', '../adapters/memory/memory-services'), `/no-restricted-imports.*${esc('never imports the Node programs')}/`],
    ['src/gas/probe.ts', imp('readFileSync', 'node:fs'), '/no-restricted-imports.*Node modules/'],
    ['src/cli/probe.ts', imp('startServer', '../workspace/server'), `/no-restricted-imports.*${esc('never import the local workspace')}/`],
    ['src/demo/probe.ts', imp('startServer', '../workspace/server'), `/no-restricted-imports.*${esc('never import the local workspace')}/`],
  ];
  const good = [
    ['src/store/probe.ts', imp('normaliseEmail', '../core/records/cells')],
    ['src/gas/probe.ts', "'export const x = () => CacheService.getScriptCache();\\n'"],
    ...(has2 ? [['src/gas/probe.ts', imp('SheetsWorkbook', '../adapters/google/sheets-workbook')]] : []),
    ['src/workspace/probe.ts', imp('readFileSync', 'node:fs')],
    ['src/cli/probe.ts', imp('readFileSync', 'node:fs')],
    ['src/adapters/node/probe.ts', imp('readFileSync', 'node:fs')],
    ...(has3 ? [
      ['src/ui/probe.ts', "\"import type { Request } from '../contract/request';\\nexport type X = Request;\\n\""],
      ['src/sidebar/probe.ts', "\"import type { SidebarReply } from '../contract/sidebar';\\nexport type X = SidebarReply;\\n\""],
      ['src/app/probe.ts', "\"import type { Request } from '../contract/request';\\nexport type X = Request;\\n\""],
    ] : []),
  ];
  const block = `const PROBES: [string, string, RegExp][] = [\n${bad.map(([p, c, r]) => `  ['${p}', ${c}, ${r}],`).join('\n')}\n];\n\n`
    + `const ALLOWED: [string, string][] = [\n${good.map(([p, c]) => `  ['${p}', ${c}],`).join('\n')}\n];\n`;
  let t = textOf(f);
  const re = /^const PROBES: [\s\S]*?\n\];\n\nconst ALLOWED: [\s\S]*?\n\];\n/m;
  if (!re.test(t)) die(`${f}: cannot find the PROBES and ALLOWED lists (main changed them: update scripts/rehome.mjs)`);
  t = t.replace(re, () => block);
  put(f, t);
  report.push(`${f}: ${bad.length} probes refused, ${good.length} allowed`);
}

const ROOMS = [
  ['src/core/', 'pure domain: records tables (zod/mini), ids, access rules, competence status, enrolment, forum, appraisal model, i18n (nb, en, sv)'],
  ...(has3 ? [['src/contract/', 'what the layers share: Request/Reply, Card v2 types, action names, sidebar and course-admin contracts, schema issues']] : []),
  ['src/store/', 'records over the Workbook port (header mapping, zod-parsed rows, row-key checks), read model, cache shards, rebuild'],
  ['src/ui/', 'Card v2 JSON builders, response envelopes for Chat and the add-on hosts'],
  ['src/app/', `the request pipeline${has4 ? ', common/ (what the features share), features/<feature>/ (handlers per use case)' : ' and the feature handlers'} (host-neutral); ports of the outward services`],
  ['src/gas/', 'the only code that touches Apps Script globals: entry points, wiring, CardService translator, service adapters'],
  ['src/sidebar/', 'the admin console (HtmlService sidebar), bundled into one HTML file'],
  ...(has2 ? [['src/adapters/google/', 'Google REST as the service account: HTTP seam, JWT tokens, Sheets workbook, Chat, Docs']] : []),
  ['src/adapters/node/', `Node implementations: ${has2 ? 'CSV workbook and its journal, ' : ''}gzip codec, synchronous Sheets transport (worker)`],
  ['src/adapters/memory/', `in-memory Google for tests and the workspace: ${has2 ? 'workbook, ' : ''}Chat, mail, calendar, Drive, Docs twin, PDF`],
  ['src/workspace/', 'Node: the local workspace (`npm start`): server, simulated hosts, browser client (web/)'],
  ['src/cli/', 'Node: the admin CLI (`npx kompetent`)'],
  ['src/bench/', 'Node: `npm run bench`'],
  ['src/demo/', 'Node: the demo municipality'],
];

function rewriteReadme() {
  const f = 'README.md';
  let t = textOf(f);
  const re = /^src\/core\/ [^\n]*\n(?:src\/[^\n]*\n)*/m;
  if (!re.test(t)) { warnings.push(`${f}: no source tree block found; update its folder list by hand`); return; }
  t = t.replace(re, () => ROOMS.map(([d, what]) => `${d.padEnd(22)}${what}`).join('\n') + '\n');
  put(f, t);
  report.push(`${f}: source tree`);
}

function rewriteArchitecture() {
  const f = 'docs/architecture.md';
  let t = textOf(f);
  t = t.replace(/Node-only code\s+\(`src\/local`\)/g, 'Node-only code (`src/adapters/node`, `src/adapters/memory`, `src/workspace`, `src/cli`, `src/bench`, `src/demo`)');
  t = t.replace(/the local ones in `src\/adapters\/memory\/memory-services\.ts`/g, 'the in-memory ones in `src/adapters/memory/memory-services.ts`');
  if (has4) {
    t = t.replace('// src/app/features/<feature>.ts', '// src/app/features/<feature>/<use-case>.ts');
    t = t.replace(/Then add the map to `src\/app\/router\.ts` \(one import \+ one array entry\)\./,
      "Then add the map to the feature's `index.ts` (a new feature: one import + one array entry in `src/app/router.ts`).");
  }
  // The request's walk through the rooms: which adapters stand behind the ports, where Request and the handlers live.
  t = t.replace('│ ports: Apps Script adapters            │ ports: local adapters', '│ ports: gas/ + adapters/google          │ ports: adapters/memory, adapters/node');
  if (has3) t = t.replace('→ Request   (bad JSON: polite reply, logged once)', '→ Request (src/contract/request.ts; bad JSON: polite reply, logged once)');
  if (has4) t = t.replace('(src/app/router.ts merges src/app/features/*)', '(src/app/router.ts merges each src/app/features/<feature>/index.ts)');
  const RECORDS = 'The records behind `workbook`:';
  if (has2 && !t.includes(RECORDS)) {
    t = t.replace(/(the CardService translator \(src\/gas\/card-service\.ts\)\n```\n)/, `$1\n${RECORDS} \`src/adapters/google/sheets-workbook.ts\` (Sheets API v4 as the service account) on
Apps Script, \`src/adapters/node/csv-workbook.ts\` (CSV files) in the local workspace and the CLI's backups,
\`src/adapters/memory/memory-workbook.ts\` in tests. The Sheets and CSV adapters pass the Workbook contract
(\`test/store/workbook-contract.ts\`); the memory one does not yet (it trims a row's trailing empty cells).
`);
  }
  const at = t.indexOf('## The layer rule, enforced');
  if (at < 0) die(`${f}: no "## The layer rule, enforced" section (main changed it: update scripts/rehome.mjs)`);
  const table = [
    ['`src/core/`', 'nothing of `src/` but itself (and `zod/mini`)', 'Node modules, `document`, `window`, `process`, `Buffer`, Apps Script globals'],
    ...(has3 ? [['`src/contract/`', 'core', 'everything else of `src/`; Node, host globals']] : []),
    ['`src/store/`', has3 ? 'core, contract' : 'core', 'ui, app, gas, sidebar, adapters, the Node programs; Node, host globals'],
    ['`src/ui/`', has3 ? 'core, contract, store (view types)' : 'core, store (view types), app (Request/Reply types)', `${has3 ? 'app, ' : ''}gas, sidebar, adapters, the Node programs; Node, host globals`],
    ['`src/app/`', has3 ? 'core, contract, store, ui' : 'core, store, ui', `gas, sidebar, ${has2 ? 'adapters, ' : ''}the Node programs; Node, host globals`],
    ['`src/sidebar/`', has3 ? 'core, contract' : 'core, the sidebar contract (in `app/`)', `store, ui, ${has3 ? 'app, ' : ''}gas, adapters, the Node programs; Node`],
    ...(has2 ? [['`src/adapters/google/`', 'core, contract, store, app (ports), other adapters', 'ui, gas, sidebar, the Node programs; Node, host globals']] : []),
    ['`src/adapters/node/`, `src/adapters/memory/`', 'core, contract, store, app (ports), other adapters; Node', 'ui, gas, sidebar, the Node programs'],
    ['`src/gas/`', 'everything below it and `src/adapters/google/`', 'the Node programs, the sidebar page, Node and memory adapters; Node'],
    ['`src/workspace/`', 'everything', 'Apps Script globals'],
    ['`src/cli/`, `src/bench/`, `src/demo/`', 'everything but the workspace', 'the workspace, Apps Script globals'],
  ];
  const where = [
    ['a rule about records (pure, testable without I/O)', '`src/core/`'],
    ...(has3 ? [['a type or schema two layers exchange (a reply kind, an action name, a sidebar call)', '`src/contract/`']] : []),
    ['how rows are read, written, cached or patched', '`src/store/`'],
    ['a card or a message people see', '`src/ui/cards/` (text in `src/core/i18n/`)'],
    ...(has4 ? [
      ['a handler for a new action or job', '`src/app/features/<feature>/`: one file per use case, jobs in `jobs.ts`, merged in the feature\'s `index.ts` (a new feature: one entry in `src/app/router.ts`)'],
      ['what several features share (the person context, the status model, the outbox)', '`src/app/common/`'],
    ] : [['a handler for a new action or job', '`src/app/features/`, registered in `src/app/router.ts`']]),
    ['a new outward service', 'a port in `src/app/ports.ts`, its Apps Script adapter in `src/gas/`, its twin in `src/adapters/memory/`'],
    ['a call to a Google REST API as the service account', has2 ? '`src/adapters/google/`' : '`src/store/sheets-api/` or `src/app/`'],
    ['code that needs Node (files, zlib, worker threads)', '`src/adapters/node/` or the Node program that uses it'],
    ['the local workspace: routes, simulated hosts, the browser client', '`src/workspace/` (`web/` for the browser)'],
    ['an admin command', '`src/cli/`'],
    ['a benchmark figure', '`src/bench/`'],
    ['demo data', '`src/demo/`'],
    ['a test', 'the same path under `test/` (`src/x/y.ts` → `test/x/y.test.ts`)'],
  ];
  const section = `## The layer rule, enforced

\`eslint.config.mjs\` encodes who may import whom (\`no-restricted-imports\` per folder) and which globals each layer may
touch; \`test/lint/layers.test.ts\` lints a probe file that breaks each rule and expects it refused, so the rule cannot
silently stop working. The Node programs are the workspace, the CLI, the bench and the demo.

| folder | may import | may not touch |
|---|---|---|
${table.map((r) => `| ${r.join(' | ')} |`).join('\n')}

## Where do I put X

| X | where |
|---|---|
${where.map((r) => `| ${r.join(' | ')} |`).join('\n')}

Record ids have one pattern, \`src/core/ids.ts\`. Google's reference data is found by one test helper,
\`test/support/google-ref.ts\` (\`KOMPETENT_GOOGLE_REF\`, else \`../shared/google\` beside the checkout).
`;
  const next = t.slice(at).search(/\n## (?!The layer rule)/);
  t = t.slice(0, at) + section + (next >= 0 ? t.slice(at + next + 1).replace(/^/, '\n') : '');
  put(f, t);
  report.push(`${f}: layer table and "where do I put X"`);
}

rewriteEslint();
rewriteLayerTest();
rewriteReadme();
rewriteArchitecture();

/** Prose that names a folder which was split (no one new place to point at): said anew. */
const REWORD = [
  [/local ones in src\/local\b/g, 'in-memory ones in src/adapters/memory'],
  [/\bsrc\/local\/? \(and its adapters\)/g, 'src/adapters/node and the Node programs'],
];
for (const f of AFTER) {
  if (!isTextFile(f) || !fs.existsSync(targets.get(f) ?? f) && !contents.has(f)) continue;
  const t = textOf(f);
  let n = t;
  for (const [re, by] of REWORD) n = n.replace(re, by);
  if (n !== t) { put(f, n); report.push(`${f}: reworded a mention of a split folder`); }
}
/** Folders that are gone after the moves; any mention left is a stale pointer for a person to reword. */
const gone = new Set();
for (const a of MAP.keys()) for (let d = P.dirname(a); d !== '.'; d = P.dirname(d)) if (!folderExistsAfter(d)) gone.add(d);
for (const f of AFTER) {
  if (!isTextFile(f) || f === 'scripts/rehome.mjs' || (!contents.has(f) && !fs.existsSync(targets.get(f) ?? f))) continue;
  textOf(f).split('\n').forEach((line, i) => {
    for (const d of gone) if (new RegExp(`(?<![\\w.@-])${esc(d)}(?![\\w-])`).test(line)) warnings.push(`${f}:${i + 1}: still names ${d}/ — reword by hand`);
  });
}

// ------------------------------------------------------------------------------------------------------------- report
const byRule = new Map();
for (const [a, b] of MAP) {
  const key = `${P.dirname(a)}/ → ${P.dirname(b)}/`;
  byRule.set(key, [...(byRule.get(key) ?? []), P.basename(a) === P.basename(b) ? P.basename(a) : `${P.basename(a)} → ${P.basename(b)}`]);
}
console.log(`rehome: steps ${stepsRun.join(', ')}${DRY ? ' (dry run: nothing written)' : ''}`);
for (const n of stepsRun) console.log(`  step ${n}: ${STEPS[n].title}`);
console.log(`moved ${MAP.size} files:`);
for (const [k, v] of byRule) console.log(`  ${k}  ${v.join(', ')}`);
console.log(`rewrote ${contents.size} files:`);
for (const r of report) console.log(`  ${r}`);
const uniq = [...new Set(warnings)];
if (uniq.length) { console.log(`warnings (${uniq.length}):`); for (const w of uniq) console.log(`  ${w}`); }
if (DRY) process.exit(0);

// -------------------------------------------------------------------------------------------------------------- write
for (const [a, b] of MAP) {
  fs.mkdirSync(P.dirname(b), { recursive: true });
  git('mv', a, b);
}
for (const [f, t] of contents) { fs.mkdirSync(P.dirname(f), { recursive: true }); fs.writeFileSync(f, t); }
git('add', '--', ...contents.keys());
/** Removes folders the moves left empty. */
function prune(dir) {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return;
  for (const e of fs.readdirSync(dir)) prune(P.join(dir, e));
  if (!fs.readdirSync(dir).length) fs.rmdirSync(dir);
}
for (const a of MAP.keys()) prune(a.split('/').slice(0, 2).join('/'));
console.log('rehome: done and staged (git status; then npx tsc --noEmit -p . && npx eslint . && node scripts/build.mjs && npm run check).');
