#!/usr/bin/env node
// Moves the request pipeline of src/app/ into src/app/pipeline/ (issue #16's target layout): git mv, every import and path re-pointed.
//
// Usage: node scripts/rehome-pipeline.mjs [--dry-run]
// The pipeline is what every request and job goes through before and after a feature's handler: the entry points, event
// parsing, Chat routing, the router, access before data, loading the views, the handler kinds, idempotency keys, the job
// lease and job requests, and `handle` itself. Each file's test (test/app/<name>.test.ts) moves with it. The script checks
// before it touches anything (a missing source or an existing target stops it with nothing moved); run again, it finds
// nothing to move. It stages the result; it commits nothing. (scripts/rehome.mjs did the earlier moves of #16.)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);
const P = path.posix;
const DRY = process.argv.includes('--dry-run');
const git = (...a) => execFileSync('git', a, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
function die(msg) { console.error(`rehome-pipeline: ${msg}\nNothing was moved.`); process.exit(1); }

const PIPELINE = ['handle', 'handler', 'load', 'events', 'chat-routing', 'router', 'entry-points', 'access-gate', 'request-key',
  'job-lease', 'job-requests'];

const TRACKED = git('ls-files', '-z').split('\0').filter(Boolean);
const tracked = new Set(TRACKED);
const MAP = new Map();
for (const name of PIPELINE) {
  for (const [from, to] of [[`src/app/${name}.ts`, `src/app/pipeline/${name}.ts`], [`test/app/${name}.test.ts`, `test/app/pipeline/${name}.test.ts`]]) {
    if (tracked.has(from) && tracked.has(to)) die(`${from} → ${to}: the target exists already`);
    if (tracked.has(from)) MAP.set(from, to);
    else if (from.startsWith('src/') && !tracked.has(to)) die(`${from} is not in the repository`);
  }
}
if (!MAP.size) { console.log('rehome-pipeline: nothing to move.'); process.exit(0); }
if (git('status', '--porcelain', '--untracked-files=no').trim() && !DRY) die('the work tree has uncommitted changes: commit or stash them first');
const newOf = (f) => MAP.get(f) ?? f;

// Relative specifiers (import, export … from, import(), require, jest.mock) re-pointed from each file's new place.
const SPEC = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*|\bjest\.(?:mock|requireActual|unmock|doMock)\s*\(\s*)(['"])(\.\.?(?:\/[^'"\n]*)?)\2/g;
function resolveSpec(from, spec) {
  const base = P.normalize(P.join(P.dirname(from), spec)).replace(/\/$/, '');
  if (tracked.has(base)) return { file: base, ext: '' };
  for (const ext of ['.ts', '.tsx', '.js', '.mjs', '.json']) if (tracked.has(base + ext)) return { file: base + ext, ext };
  if (tracked.has(`${base}/index.ts`)) return { file: `${base}/index.ts`, ext: '/index.ts' };
  return undefined;
}
const relSpec = (fromNew, toNew) => { const r = P.relative(P.dirname(fromNew), toNew) || '.'; return r.startsWith('.') ? r : `./${r}`; };

const CODE = /\.(ts|js|mjs|cjs)$/;
const TEXT = /\.(ts|js|mjs|cjs|json|md)$/;
const contents = new Map();
for (const oldFile of TRACKED) {
  if (!TEXT.test(oldFile) || oldFile === 'package-lock.json' || /^scripts\/rehome/.test(oldFile)) continue;
  const newFile = newOf(oldFile);
  const before = fs.readFileSync(oldFile, 'utf8');
  let text = before;
  if (CODE.test(oldFile)) {
    text = text.replace(SPEC, (whole, lead, q, spec) => {
      const hit = resolveSpec(oldFile, spec);
      if (!hit) return whole;
      const target = newOf(hit.file);
      const next = relSpec(newFile, target.slice(0, target.length - hit.ext.length));
      return next === spec ? whole : `${lead}${q}${next}${q}`;
    });
  }
  // Repository paths written out in comments, tests and docs (`src/app/handle.ts`, `test/app/handle.test.ts`).
  text = text.replace(/(?<![\w./@-])((?:src|test)\/app\/[\w-]+)(\.test)?\.ts\b/g, (whole) => newOf(whole));
  if (text !== before) contents.set(newFile, text);
}

console.log(`rehome-pipeline: ${DRY ? '(dry run) ' : ''}moves ${MAP.size} files, rewrites ${contents.size}`);
for (const [a, b] of MAP) console.log(`  ${a} → ${b}`);
if (DRY) { for (const f of contents.keys()) console.log(`  rewrites ${f}`); process.exit(0); }
for (const [a, b] of MAP) { fs.mkdirSync(P.dirname(b), { recursive: true }); git('mv', a, b); }
for (const [f, t] of contents) fs.writeFileSync(f, t);
git('add', '--', ...contents.keys());
console.log('rehome-pipeline: done and staged (then npm run typecheck && npx eslint . && npm run check).');
