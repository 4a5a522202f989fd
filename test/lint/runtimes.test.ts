// One tsconfig per runtime: each folder of src/ is type-checked with only the globals of the place it runs; probes prove it.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');

/**
 * The projects `npm run typecheck` builds (tsconfig.json references them), and the folders each one owns. The host-neutral
 * code (no DOM, no Node, no Apps Script) is one runtime in four layered projects, so a layer can only see the ones below it.
 */
const RUNTIMES: Record<string, string[]> = {
  'tsconfig.core.json': ['src/core', 'src/contract'],
  'tsconfig.store.json': ['src/store'],
  'tsconfig.ui.json': ['src/ui'],
  'tsconfig.app.json': ['src/app', 'src/adapters/google'],
  'tsconfig.browser.json': ['src/sidebar', 'src/workspace/web'],
  'tsconfig.node.json': ['src/adapters/node', 'src/adapters/memory', 'src/workspace', 'src/cli', 'src/bench', 'src/demo'],
  'tsconfig.gas.json': ['src/gas'],
  'tsconfig.test.json': ['test'],
};

const parsed = new Map<string, ts.ParsedCommandLine>();
function config(name: string): ts.ParsedCommandLine {
  let p = parsed.get(name);
  if (!p) {
    const found = ts.getParsedCommandLineOfConfigFile(join(ROOT, name), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
    if (!found) throw new Error(`cannot read ${name}`);
    parsed.set(name, (p = found));
  }
  return p;
}

/** The runtime project a source file belongs to: the first whose folders hold it (the longest folder wins). */
function runtimeOf(path: string): string {
  let best: [string, number] | undefined;
  for (const [name, folders] of Object.entries(RUNTIMES)) {
    for (const f of folders) if (path.startsWith(`${f}/`) && (!best || f.length > best[1])) best = [name, f.length];
  }
  if (!best) throw new Error(`${path} belongs to no runtime`);
  return best[0];
}

// Lib and @types files are parsed once and shared by every probe program.
const cache = new Map<string, ts.SourceFile | undefined>();
/** Type-checks one in-memory probe file as if it were at `path`, with the options of the runtime project that owns `path`. */
function diagnose(path: string, code: string): string[] {
  const options: ts.CompilerOptions = { ...config(runtimeOf(path)).options, noEmit: true, composite: false, emitDeclarationOnly: false, declaration: false, incremental: false, noUnusedLocals: false };
  const file = join(ROOT, path);
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => f === file || fileExists.call(host, f);
  host.readFile = (f) => (f === file ? code : readFile.call(host, f));
  host.getSourceFile = (f, lang, ...rest) => {
    if (f === file) return ts.createSourceFile(f, code, lang, true);
    if (!cache.has(f)) cache.set(f, getSourceFile.call(host, f, lang, ...rest));
    return cache.get(f);
  };
  const program = ts.createProgram({ rootNames: [file], options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

jest.setTimeout(120_000);

function walk(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : []);
}

test('every source and test file is in exactly the runtime project that owns its folder', () => {
  const owners = new Map<string, string[]>();
  for (const name of Object.keys(RUNTIMES)) {
    for (const f of config(name).fileNames) owners.set(relative(ROOT, f), [...(owners.get(relative(ROOT, f)) ?? []), name]);
  }
  const wrong = [...walk('src'), ...walk('test')]
    .filter((f) => (owners.get(f) ?? []).join() !== runtimeOf(f))
    .map((f) => `${f}: in ${(owners.get(f) ?? ['no project']).join(', ')}, expected ${runtimeOf(f)}`);
  expect(wrong).toEqual([]);
});

test('tsconfig.json builds every runtime project', () => {
  const refs = (config('tsconfig.json').projectReferences ?? []).map((r) => relative(ROOT, r.path)).sort();
  expect(refs).toEqual(Object.keys(RUNTIMES).sort());
});

/** [where, code, the error expected there or null when the code is fine there]. */
const PROBES: [string, string, RegExp | null][] = [
  ['src/core/probe.ts', 'export const x = () => document.title;\n', /Cannot find name 'document'/],
  ['src/core/probe.ts', 'export const x = () => process.env.HOME;\n', /Cannot find name 'process'/],
  ['src/core/probe.ts', "export const x = () => Buffer.from('x');\n", /Cannot find name 'Buffer'/],
  ['src/core/probe.ts', 'export const x = () => SpreadsheetApp.getActive();\n', /Cannot find name 'SpreadsheetApp'/],
  ['src/core/probe.ts', "export const x = () => describe('x', () => undefined);\n", /Cannot find name 'describe'/],
  ['src/core/probe.ts', 'export const x = (a: number[]) => a.at(-1);\n', /Property 'at' does not exist/],
  ['src/core/probe.ts', 'export const first = (a: number[]): number => a[0];\n', /'number \| undefined' is not assignable to type 'number'/],
  ['src/sidebar/probe.ts', 'export const first = (a: string[]): string => a[0];\n', /'string \| undefined' is not assignable to type 'string'/],
  ['src/ui/cards/probe.ts', 'export const first = (a: Record<string, string>): string => a.x;\n', /'string \| undefined' is not assignable to type 'string'/],
  ['src/contract/probe.ts', 'export const x = () => window.location;\n', /Cannot find name 'window'/],
  ['src/store/probe.ts', 'export const x = () => setTimeout(() => undefined, 1);\n', /Cannot find name 'setTimeout'/],
  ['src/ui/probe.ts', 'export const x = () => document.createElement("div");\n', /Cannot find name 'document'/],
  ['src/app/probe.ts', 'export const x = () => process.exit(1);\n', /Cannot find name 'process'/],
  ['src/app/features/courses/probe.ts', 'export const x = () => CacheService.getScriptCache();\n', /Cannot find name 'CacheService'/],
  ['src/adapters/google/probe.ts', "export const x = () => Buffer.from('x');\n", /Cannot find name 'Buffer'/],
  ['src/sidebar/probe.ts', 'export const x = () => process.env.HOME;\n', /Cannot find name 'process'/],
  ['src/sidebar/probe.ts', 'export const x = () => document.title;\n', null],
  ['src/workspace/web/probe.ts', 'export const x = () => window.location.href;\n', null],
  ['src/workspace/probe.ts', 'export const x = () => document.title;\n', /Cannot find name 'document'/],
  ['src/workspace/probe.ts', 'export const x = () => process.env.HOME;\n', null],
  ['src/cli/probe.ts', 'export const x = () => SpreadsheetApp.getActive();\n', /Cannot find name 'SpreadsheetApp'/],
  ['src/adapters/node/probe.ts', "export const x = () => Buffer.from('x');\n", null],
  ['src/gas/probe.ts', 'export const x = () => SpreadsheetApp.getActive();\n', null],
  ['src/gas/probe.ts', 'export const x = () => document.title;\n', /Cannot find name 'document'/],
  ['src/gas/probe.ts', 'export const x = () => process.env.HOME;\n', /Cannot find name 'process'/],
  ['src/gas/probe.ts', 'export const x = () => expect(1).toBe(1);\n', /Cannot find name 'expect'/],
  ['test/probe.test.ts', "test('x', () => expect(process.env.HOME).toBeDefined());\n", null],
  // Handler kinds (src/app/pipeline/handler.ts): a read handler cannot write records — no records, no commit, a workbook
  // it can only read; a change commits; a job commits in batches; and a job's run is no read handler's.
  ['src/app/features/probe.ts', 'import type { Handler } from \'../pipeline/handler\';\nexport const h: Handler = { kind: \'read\', run: (env) => { env.records.read([\'Settings\']); return { kind: \'none\' }; } };\n',
    /Property 'records' does not exist on type 'Env'/],
  ['src/app/features/probe.ts', 'import type { Handler } from \'../pipeline/handler\';\nexport const h: Handler = { kind: \'read\', run: (env) => { env.commit([], \'x\'); return { kind: \'none\' }; } };\n',
    /Property 'commit' does not exist on type 'Env'/],
  ['src/app/features/probe.ts', 'import type { Handler } from \'../pipeline/handler\';\nexport const h: Handler = { kind: \'read\', run: (env) => { env.ports.workbook.write({ updates: [], appends: [] }); return { kind: \'none\' }; } };\n',
    /Property 'write' does not exist on type 'WorkbookReader'/],
  ['src/app/features/probe.ts', 'import type { Handler } from \'../pipeline/handler\';\nexport const h: Handler = { kind: \'change\', run: (env) => { env.ports.workbook.write({ updates: [], appends: [] }); return { kind: \'none\' }; } };\n',
    /Property 'write' does not exist on type 'WorkbookReader'/],
  ['src/app/features/probe.ts', 'import type { Handler } from \'../pipeline/handler\';\nexport const h: Handler = { kind: \'read\', run: (env) => { env.read([\'Settings\']); return { kind: \'none\' }; } };\n', null],
  ['src/app/features/probe.ts', 'import type { Handler } from \'../pipeline/handler\';\nexport const h: Handler = { kind: \'change\', run: (env) => { env.commit([], \'x\'); return { kind: \'none\' }; } };\n', null],
  ['src/app/features/probe.ts', 'import type { Handler } from \'../pipeline/handler\';\nexport const h: Handler = { kind: \'job\', run: (env) => { env.commit([]); env.locked(() => env.read([\'Settings\'])); return { kind: \'none\' }; } };\n', null],
  ['src/app/features/probe.ts', 'import type { JobEnv } from \'../pipeline/handler\';\nimport type { Reply } from \'../../contract/request\';\nimport type { Handler } from \'../pipeline/handler\';\nconst job = (env: JobEnv): Reply => { env.commit([]); return { kind: \'none\' }; };\nexport const h: Handler = { kind: \'read\', run: job };\n',
    /'Env' is missing the following properties from type 'JobEnv'/],
];

test.each(PROBES)('%s: %j', (path, code, expected) => {
  const found = diagnose(path, code).join('\n');
  if (expected) expect(found).toMatch(expected);
  else expect(found).toBe('');
});
