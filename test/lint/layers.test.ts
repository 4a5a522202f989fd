// The layer rule is enforced by the linter: a probe file that breaks each rule in each folder is rejected by `npm test`.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

// ESLint's flat config is an ES module, which Jest's CommonJS runtime cannot import: lint in a child Node process.
const LINT = `
import { ESLint } from 'eslint';
const probes = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const [path, code] of probes) {
  const [r] = await eslint.lintText(code, { filePath: path });
  out.push((r?.messages ?? []).map((m) => m.ruleId + ': ' + m.message));
}
process.stdout.write(JSON.stringify(out));
`;

/** Lints each probe's code as if it were the file at its path (the file need not exist). */
function lintAll(probes: [string, string][]): string[][] {
  const args = ['--input-type=module', '-e', LINT, JSON.stringify(probes.map(([p, c]) => [join(ROOT, p), c]))];
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
  ['src/demo/probe.ts', "import { startServer } from '../workspace/server';\nexport const x = startServer;\n", /no-restricted-imports.*never import the local workspace/],
];

const ALLOWED: [string, string][] = [
  ['src/store/probe.ts', "import { normaliseEmail } from '../core/records/cells';\nexport const x = normaliseEmail;\n"],
  ['src/gas/probe.ts', 'export const x = () => CacheService.getScriptCache();\n'],
  ['src/gas/probe.ts', "import { SheetsWorkbook } from '../adapters/google/sheets-workbook';\nexport const x = SheetsWorkbook;\n"],
  ['src/workspace/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
  ['src/cli/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
  ['src/adapters/node/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
  ['src/ui/probe.ts', "import type { Request } from '../contract/request';\nexport type X = Request;\n"],
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
