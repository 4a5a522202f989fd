#!/usr/bin/env node
// `npx kompetent …`: runs the built CLI (out/cli.js), bundling it first when it is missing or older than the sources.
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS shim, run by node as it is */
const { existsSync, readdirSync, statSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const cli = path.join(root, 'out', 'cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const src = path.join(root, 'src');
const stale = !existsSync(cli) || (existsSync(src) && newestSource(src) > statSync(cli).mtimeMs);
if (stale) {
  try {
    // The CLI entry alone, with the options scripts/build.mjs uses for Node bundles (dependencies stay in node_modules).
    require('esbuild').buildSync({
      entryPoints: [path.join(src, 'cli', 'entry.ts')], bundle: true, outfile: cli, platform: 'node', format: 'cjs',
      target: 'node20', packages: 'external', sourcemap: true, logLevel: 'error',
    });
  } catch {
    process.stderr.write('Building the CLI failed; run npm install in the Kompetent folder, then try again.\n');
    process.exit(2);
  }
}
require(cli);
