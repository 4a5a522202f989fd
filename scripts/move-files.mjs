#!/usr/bin/env node
// Moves source files to another room: git mv, every relative import and every repository path in code and docs re-pointed.
//
// Usage: node scripts/move-files.mjs [--dry-run] <from>=<to> [<from>=<to> …]
//   e.g. node scripts/move-files.mjs src/app/chat-outbox.ts=src/app/common/chat-outbox.ts
// A file's mirrored test (test/<path>.test.ts) moves with it when it exists and is not named itself. The script checks before
// it touches anything (a missing source, an existing target or uncommitted changes stop it with nothing moved). It stages
// the result and commits nothing: then `npm run typecheck`, `npx eslint .` and the tests, and commit the move on its own.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);
const P = path.posix;
const args = process.argv.slice(2);
const DRY = args.includes('--dry-run');
const git = (...a) => execFileSync('git', a, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
function die(msg) { console.error(`move-files: ${msg}\nNothing was moved.`); process.exit(1); }

const TRACKED = git('ls-files', '-z').split('\0').filter(Boolean);
const tracked = new Set(TRACKED);
const MAP = new Map();
const mirror = (f) => `test/${f.slice('src/'.length, -'.ts'.length)}.test.ts`;
for (const pair of args.filter((a) => a !== '--dry-run')) {
  const [from, to, extra] = pair.split('=');
  if (!from || !to || extra !== undefined) die(`${pair}: write <from>=<to>`);
  if (!tracked.has(from)) die(`${from} is not in the repository`);
  if (tracked.has(to) || fs.existsSync(to)) die(`${from} → ${to}: the target exists already`);
  MAP.set(from, to);
}
if (!MAP.size) die('nothing to move: give <from>=<to> pairs');
for (const [from, to] of [...MAP]) {
  if (!from.startsWith('src/') || !to.startsWith('src/') || !from.endsWith('.ts')) continue;
  const [tf, tt] = [mirror(from), mirror(to)];
  if (tracked.has(tf) && !MAP.has(tf)) {
    if (tracked.has(tt) || fs.existsSync(tt)) die(`${tf} → ${tt}: the target exists already`);
    MAP.set(tf, tt);
  }
}
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
  if (!TEXT.test(oldFile) || oldFile === 'package-lock.json' || !fs.existsSync(oldFile)) continue;
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
  // Repository paths written out in comments, tests and docs (`src/app/common/effects.ts`, `test/app/effects.test.ts`).
  text = text.replace(/(?<![\w./@-])(?:src|test)\/[\w./-]*?\.ts\b/g, (whole) => newOf(whole));
  if (text !== before) contents.set(newFile, text);
}

console.log(`move-files: ${DRY ? '(dry run) ' : ''}moves ${MAP.size} files, rewrites ${contents.size}`);
for (const [a, b] of MAP) console.log(`  ${a} → ${b}`);
if (DRY) { for (const f of contents.keys()) console.log(`  rewrites ${f}`); process.exit(0); }
for (const [a, b] of MAP) { fs.mkdirSync(P.dirname(b), { recursive: true }); git('mv', a, b); }
for (const [f, t] of contents) fs.writeFileSync(f, t);
git('add', '--', ...contents.keys());
console.log('move-files: done and staged.');
