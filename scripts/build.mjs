// Builds the Apps Script bundle (build/Code.js + manifest + inlined sidebar) and the Node bundles (out/).
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (...p) => join(root, ...p);
const GLOBAL = 'Kompetent';

/**
 * zod's classic API re-exports all ~40 message locales (`z.locales`); Kompetent never selects one (zod keeps its
 * default English messages, imported separately), so the barrel is replaced by an empty module: −280 KiB of bundle.
 */
const zodLocalesStub = {
  name: 'zod-locales-stub',
  setup(b) {
    b.onResolve({ filter: /locales\/index\.js$/ }, (a) => (a.importer.includes(`${'node_modules'}/zod/`) ? { path: 'zod-locales', namespace: 'stub' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/** Names exported by src/gas/main.ts: each becomes a top-level function, the only kind Apps Script sees. */
async function entryNames() {
  const probe = await esbuild.build({
    entryPoints: [at('src/gas/main.ts')], bundle: true, format: 'esm', write: false, metafile: true,
    outfile: at('build/probe.js'), logLevel: 'silent',
  });
  const out = Object.values(probe.metafile.outputs)[0];
  return [...out.exports].sort();
}

export async function buildGas() {
  mkdirSync(at('build'), { recursive: true });
  const names = await entryNames();
  const footer = [
    '// Apps Script calls only top-level function declarations: one per export of src/gas/main.ts.',
    ...names.map((n) => `function ${n}() { return ${GLOBAL}.${n}.apply(this, arguments); }`),
  ].join('\n');
  const result = await esbuild.build({
    entryPoints: [at('src/gas/main.ts')], bundle: true, format: 'iife', globalName: GLOBAL,
    target: 'es2020', platform: 'neutral', mainFields: ['module', 'main'], minifySyntax: true,
    minifyWhitespace: true, legalComments: 'none', outfile: at('build/Code.js'), footer: { js: footer },
    metafile: true, logLevel: 'warning', define: { 'process.env.NODE_ENV': '"production"' }, plugins: [zodLocalesStub],
  });
  copyFileSync(at('appsscript.json'), at('build/appsscript.json'));
  await buildSidebar();
  const bytes = readFileSync(at('build/Code.js')).length;
  writeFileSync(at('build/entry-points.json'), JSON.stringify(names, null, 2));
  return { names, bytes, metafile: result.metafile };
}

/** The admin sidebar: one HTML file with its script and styles inlined (HtmlService serves one file). */
export async function buildSidebar() {
  const template = at('src/sidebar/sidebar.html');
  if (!existsSync(template)) return;
  const js = await esbuild.build({
    entryPoints: [at('src/sidebar/main.ts')], bundle: true, format: 'iife', target: 'es2019', minify: true,
    write: false, platform: 'browser', logLevel: 'warning',
  });
  const css = existsSync(at('src/sidebar/sidebar.css')) ? readFileSync(at('src/sidebar/sidebar.css'), 'utf8') : '';
  const code = js.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  const html = readFileSync(template, 'utf8')
    .replace('/*STYLES*/', () => css)
    .replace('/*SCRIPT*/', () => code);
  writeFileSync(at('build/sidebar.html'), html);
}

/** Node bundles for the local workspace, the CLI and the benchmark (dependencies stay in node_modules). */
export async function buildNode() {
  const entries = {
    server: 'src/local/server.ts', cli: 'src/local/cli.ts', bench: 'src/local/bench.ts', 'sheets-node-worker': 'src/local/sheets-node-worker.ts',
    'workspace-client': 'src/local/web/client.ts',
  };
  for (const [name, src] of Object.entries(entries)) {
    if (!existsSync(at(src))) continue;
    const browser = name === 'workspace-client';
    await esbuild.build({
      entryPoints: [at(src)], bundle: true, outfile: at('out', `${name}.js`), logLevel: 'warning', sourcemap: !browser,
      ...(browser ? { platform: 'browser', format: 'iife', target: 'es2020' }
        : { platform: 'node', format: 'cjs', target: 'node20', packages: 'external' }),
    });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const what = process.argv[2] ?? 'all';
  const gas = what === 'node' ? undefined : await buildGas();
  if (what !== 'gas') await buildNode();
  if (gas) console.log(`build/Code.js: ${(gas.bytes / 1024).toFixed(1)} KiB, ${gas.names.length} entry points`);
}
