// The layer rule is enforced by the linter: a probe file that breaks each rule in each folder is rejected by `npm test`.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

// ESLint's flat config is an ES module, which Jest's CommonJS runtime cannot import: lint in a child Node process.
// The typed rules need the probe in a TypeScript program: it is not on disk, so the child gives typescript-eslint a program
// that holds it in memory (tsconfig.lint.json's options); the import and global probes are linted without type information.
const LINT = `
import { ESLint } from 'eslint';
import ts from 'typescript';
const [probes, typed] = JSON.parse(process.argv[1]);
const TYPED_RULES = ['@typescript-eslint/no-floating-promises', '@typescript-eslint/no-misused-promises'];
const plain = new ESLint({ cwd: process.cwd(), overrideConfig: { languageOptions: { parserOptions: { project: null, projectService: false } },
  rules: Object.fromEntries(TYPED_RULES.map((r) => [r, 'off'])) } });
const { options } = ts.getParsedCommandLineOfConfigFile('tsconfig.lint.json', {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
const cache = new Map();
function programOf(path, code) {
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => f === path || fileExists.call(host, f);
  host.readFile = (f) => (f === path ? code : readFile.call(host, f));
  host.getSourceFile = (f, lang, ...rest) => {
    if (f === path) return ts.createSourceFile(f, code, lang, true);
    if (!cache.has(f)) cache.set(f, getSourceFile.call(host, f, lang, ...rest));
    return cache.get(f);
  };
  return ts.createProgram({ rootNames: [path], options, host });
}
const out = [];
for (const [i, [path, code]] of probes.entries()) {
  const eslint = typed[i] ? new ESLint({ cwd: process.cwd(), overrideConfig: { languageOptions: { parserOptions: { project: null, programs: [programOf(path, code)] } } } }) : plain;
  const [r] = await eslint.lintText(code, { filePath: path });
  out.push((r?.messages ?? []).map((m) => m.ruleId + ': ' + m.message));
}
process.stdout.write(JSON.stringify(out));
`;

/** Lints each probe's code as if it were the file at its path (the file need not exist); typed probes with type information. */
function lintAll(probes: [string, string][], typed: boolean[] = []): string[][] {
  const args = ['--input-type=module', '-e', LINT, JSON.stringify([probes.map(([p, c]) => [join(ROOT, p), c]), typed])];
  return JSON.parse(execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' })) as string[][];
}

jest.setTimeout(60_000);

const PROBES: [string, string, RegExp][] = [
  ['src/core/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /no-restricted-imports.*Node modules/],
  ['src/core/probe.ts', "import { Records } from '../store/records';\nexport const x = Records;\n", /no-restricted-imports.*core is the pure domain/],
  ['src/core/records/probe.ts', "import { toChatResponse } from '../../ui/envelopes';\nexport const x = toChatResponse;\n", /no-restricted-imports.*core is the pure domain/],
  ['src/core/probe.ts', 'export const x = () => document.title;\n', /no-restricted-globals.*host-neutral/],
  ['src/core/probe.ts', 'export const x = () => process.env.HOME;\n', /no-restricted-globals.*host-neutral/],
  ['src/contract/probe.ts', "import { Records } from '../store/records';\nexport const x = Records;\n", /no-restricted-imports.*contract is what the layers share/],
  ['src/contract/probe.ts', "import { allHandlers } from '../app/router';\nexport const x = allHandlers;\n", /no-restricted-imports.*contract is what the layers share/],
  ['src/contract/probe.ts', 'export const x = () => window.location;\n', /no-restricted-globals.*host-neutral/],
  ['src/store/probe.ts', "import { toChatResponse } from '../ui/envelopes';\nexport const x = toChatResponse;\n", /no-restricted-imports.*store imports only core/],
  ['src/store/probe.ts', "import { SheetsWorkbook } from '../adapters/google/sheets-workbook';\nexport const x = SheetsWorkbook;\n", /no-restricted-imports.*store imports only core/],
  ['src/store/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /no-restricted-imports.*Node modules/],
  ['src/ui/probe.ts', "import { gasPorts } from '../gas/ports';\nexport const x = gasPorts;\n", /no-restricted-imports.*ui builds cards/],
  ['src/ui/cards/probe.ts', "import { allHandlers } from '../../app/router';\nexport const x = allHandlers;\n", /no-restricted-imports.*ui builds cards/],
  ['src/ui/probe.ts', "import { MemoryChat } from '../adapters/memory/memory-services';\nexport const x = MemoryChat;\n", /no-restricted-imports.*ui builds cards/],
  ['src/ui/cards/probe.ts', "import type { UnitView } from '../../store/unit-views';\nexport type X = UnitView;\n", /no-restricted-imports.*ui builds cards/],
  ['src/ui/probe.ts', "import { Records } from '../store/records';\nexport const x = Records;\n", /no-restricted-imports.*ui builds cards/],
  ['src/app/probe.ts', "import { startServer } from '../workspace/server';\nexport const x = startServer;\n", /no-restricted-imports.*app never imports/],
  ['src/app/features/probe.ts', "import { SheetsWorkbook } from '../../adapters/google/sheets-workbook';\nexport const x = SheetsWorkbook;\n", /no-restricted-imports.*app never imports/],
  ['src/app/probe.ts', 'export const x = () => CacheService.getScriptCache();\n', /no-restricted-globals.*src\/gas\/ only/],
  ['src/app/probe.ts', 'export const x = () => Buffer.from("x");\n', /no-restricted-globals.*host-neutral/],
  ['src/sidebar/probe.ts', "import { Records } from '../store/records';\nexport const x = Records;\n", /no-restricted-imports.*sidebar page/],
  ['src/sidebar/probe.ts', "import { allHandlers } from '../app/router';\nexport const x = allHandlers;\n", /no-restricted-imports.*sidebar page/],
  ['src/adapters/google/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /no-restricted-imports.*Node modules/],
  ['src/adapters/google/probe.ts', 'export const x = () => process.env.HOME;\n', /no-restricted-globals.*host-neutral/],
  ['src/adapters/google/probe.ts', "import { gasPorts } from '../../gas/ports';\nexport const x = gasPorts;\n", /no-restricted-imports.*an adapter implements ports/],
  ['src/adapters/memory/probe.ts', "import { startServer } from '../../workspace/server';\nexport const x = startServer;\n", /no-restricted-imports.*an adapter implements ports/],
  ['src/gas/probe.ts', "import { startServer } from '../workspace/server';\nexport const x = startServer;\n", /no-restricted-imports.*never imports the Node programs/],
  ['src/gas/probe.ts', "import { MemoryChat } from '../adapters/memory/memory-services';\nexport const x = MemoryChat;\n", /no-restricted-imports.*never imports the Node programs/],
  ['src/gas/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /no-restricted-imports.*Node modules/],
  ['src/cli/probe.ts', "import { startServer } from '../workspace/server';\nexport const x = startServer;\n", /no-restricted-imports.*never import the local workspace/],
  ['src/demo/probe.ts', "import { startServer } from '../workspace/server';\nexport const x = startServer;\n", /no-restricted-imports.*never import the local workspace/],  // The one formatter (`npm run format` = eslint --fix): what it would change fails `npm test`.
  ['src/core/probe.ts', 'export const x = "a";\n', /@stylistic\/quotes/],
  ['src/app/probe.ts', 'export const x = 1\n', /@stylistic\/semi/],
  ['test/probe.test.ts', "it('x', () => {\n    expect(1).toBe(1);\n});\n", /@stylistic\/indent/],
];

const ALLOWED: [string, string][] = [
  ['src/store/probe.ts', "import { normaliseEmail } from '../core/records/cells';\nexport const x = normaliseEmail;\n"],
  ['src/gas/probe.ts', 'export const x = () => CacheService.getScriptCache();\n'],
  ['src/gas/probe.ts', "import { SheetsWorkbook } from '../adapters/google/sheets-workbook';\nexport const x = SheetsWorkbook;\n"],
  ['src/workspace/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
  ['src/cli/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
  ['src/adapters/node/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
  ['src/ui/probe.ts', "import type { Request } from '../contract/request';\nexport type X = Request;\n"],
  ['src/ui/cards/probe.ts', "import type { UnitView } from '../../contract/views';\nexport type X = UnitView;\n"],
  ['src/sidebar/probe.ts', "import type { SidebarReply } from '../contract/sidebar';\nexport type X = SidebarReply;\n"],
  ['src/app/probe.ts', "import type { Request } from '../contract/request';\nexport type X = Request;\n"],
];

let found: string[][] = [];
beforeAll(() => { found = lintAll([...PROBES.map(([p, c]) => [p, c] as [string, string]), ...ALLOWED]); });

test.each(PROBES.map((p, i) => [...p, i] as const))('%s breaking a rule is rejected (%#)', (_path, _code, expected, i) => {
  expect(found[i]!.join('\n')).toMatch(expected);
});

test('the same kinds of import are clean where the rule allows them', () => {
  expect(found.slice(PROBES.length)).toEqual(ALLOWED.map(() => []));
});

/** Type-aware rules: a promise nobody waits for, or one handed to a place that ignores it, is refused; awaited or `void` is fine. */
const TYPED: [string, string, RegExp | null][] = [
  ['src/app/probe.ts', 'async function send(): Promise<void> { return undefined; }\nexport function f(): void { send(); }\n', /no-floating-promises/],
  ['src/workspace/probe.ts', "import { readFile } from 'node:fs/promises';\nexport function f(): void { readFile('x').then(() => undefined); }\n", /no-floating-promises/],
  ['test/probe.test.ts', "test('x', () => { expect(Promise.reject(new Error('x'))).rejects.toThrow('x'); });\n", /no-floating-promises/],
  ['src/sidebar/probe.ts', "export function f(b: HTMLButtonElement): void { b.addEventListener('click', async () => { await Promise.resolve(); }); }\n", /no-misused-promises/],
  ['src/app/probe.ts', 'async function send(): Promise<void> { return undefined; }\nexport async function f(): Promise<void> { await send(); void send(); }\n', null],
];

test('the type-aware rules refuse unhandled promises and allow awaited or voided ones', () => {
  const got = lintAll(TYPED.map(([p, c]) => [p, c]), TYPED.map(() => true)).map((m) => m.join('\n'));
  TYPED.forEach(([, , expected], i) => {
    if (expected) expect(got[i]).toMatch(expected);
    else expect(got[i]).toBe('');
  });
});
