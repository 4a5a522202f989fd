// ESLint: recommended JS + TypeScript rules; the layer rule of DESIGN.md (who may import whom) and Apps Script globals only in src/gas/.
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import tseslint from 'typescript-eslint';

const GAS_GLOBALS = ['SpreadsheetApp', 'CardService', 'UrlFetchApp', 'CacheService', 'LockService', 'PropertiesService',
  'DriveApp', 'DocumentApp', 'GmailApp', 'MailApp', 'CalendarApp', 'ScriptApp', 'HtmlService', 'Session', 'Utilities',
  'Logger', 'Drive', 'Calendar'];
const gasGlobals = GAS_GLOBALS.map((name) => ({ name, message: 'Apps Script globals belong in src/gas/ only.' }));
/** Host globals the pure layers must not touch: they run on Apps Script and in Node alike, with time and data passed in. */
const hostGlobals = ['document', 'window', 'process', 'navigator', 'localStorage', 'Buffer', 'require']
  .map((name) => ({ name, message: 'core, contract, store, ui, app and the Google adapters are host-neutral: pass what you need in through a port.' }));

/** An import of another top-level folder of src/, written relatively (`../store/x`, `../../ui/y`). */
const folder = (...names) => `^(\\.\\./)+(${names.join('|')})(/|$)`;
const NODE = { regex: '^node:|^(fs|path|os|child_process|worker_threads|crypto|http|https|zlib|url|util)(/|$)', message: 'Node modules belong in src/adapters/node, src/adapters/memory and the Node programs (workspace, cli, bench, demo) only.' };
const layer = (message, ...names) => ({ regex: folder(...names), message });

/**
 * The layer rule (DESIGN.md, Architecture; docs/architecture.md): core ← contract ← store ← ui ← app ← gas and the Node
 * programs (workspace, cli, bench, demo); adapters implement the ports of store and app. Each folder may import only the
 * folders below it.
 */
const LAYERS = [
  { files: ['src/core/**'], patterns: [layer('core is the pure domain: it imports no other folder of src/.', 'contract', 'store', 'ui', 'app', 'gas', 'sidebar', 'adapters', 'workspace', 'cli', 'bench', 'demo', 'local'), NODE] },
  { files: ['src/contract/**'], patterns: [layer('contract is what the layers share: it imports only core.', 'store', 'ui', 'app', 'gas', 'sidebar', 'adapters', 'workspace', 'cli', 'bench', 'demo'), NODE] },
  { files: ['src/store/**'], patterns: [layer('store imports only core and contract.', 'ui', 'app', 'gas', 'sidebar', 'adapters', 'workspace', 'cli', 'bench', 'demo'), NODE] },
  { files: ['src/ui/**'], patterns: [layer('ui builds cards from core and contract (the views it draws are in contract/views.ts); it never imports store, app, gas, sidebar, adapters or the Node programs.', 'store', 'app', 'gas', 'sidebar', 'adapters', 'workspace', 'cli', 'bench', 'demo'), NODE] },
  { files: ['src/app/**'], patterns: [layer('app never imports the Apps Script shell, the sidebar page, an adapter or the Node programs.', 'gas', 'sidebar', 'adapters', 'workspace', 'cli', 'bench', 'demo'), NODE] },
  { files: ['src/sidebar/**'], patterns: [layer('the sidebar page talks to the server only through its contract.', 'store', 'ui', 'app', 'gas', 'adapters', 'workspace', 'cli', 'bench', 'demo'), NODE] },
  { files: ['src/adapters/**'], patterns: [layer('an adapter implements ports: it never imports ui, the shell, the sidebar page or the Node programs.', 'ui', 'gas', 'sidebar', 'workspace', 'cli', 'bench', 'demo')] },
  { files: ['src/adapters/google/**'], patterns: [layer('an adapter implements ports: it never imports ui, the shell, the sidebar page or the Node programs.', 'ui', 'gas', 'sidebar', 'workspace', 'cli', 'bench', 'demo'), NODE] },
  { files: ['src/gas/**'], patterns: [layer('the Apps Script shell never imports the Node programs, the sidebar page or a Node adapter.', 'workspace', 'cli', 'bench', 'demo', 'sidebar', 'adapters/node', 'adapters/memory'), NODE] },
  { files: ['src/cli/**', 'src/bench/**', 'src/demo/**'], patterns: [layer('the CLI, the bench and the demo never import the local workspace.', 'workspace')] },
];

export default tseslint.config(
  { ignores: ['build/**', 'build-bound/**', 'out/**', 'node_modules/**', 'data/**', 'coverage/**', 'test-artifacts/**', '.tsbuild/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-globals': ['error', ...gasGlobals],
    },
  },
  // Type-aware rules (typed linting through the TypeScript project service: each file with its runtime's tsconfig).
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.lint.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  ...LAYERS.map(({ files, ignores, patterns }) => ({ files, ...(ignores ? { ignores } : {}), rules: { 'no-restricted-imports': ['error', { patterns }] } })),
  { files: ['src/core/**', 'src/contract/**', 'src/store/**', 'src/ui/**', 'src/app/**', 'src/adapters/google/**'], rules: { 'no-restricted-globals': ['error', ...gasGlobals, ...hostGlobals] } },
  // The only code that touches Apps Script globals; the sidebar is browser code (HtmlService's google.script.run is a browser global).
  { files: ['src/gas/**', 'test/**', 'scripts/**'], rules: { 'no-restricted-globals': 'off' } },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } } },
  // The one formatter (`npm run format` = eslint --fix): the house layout as rules, so `npm test` rejects what it would
  // change. Dense by design (one-line guards, 150-character lines): Prettier and dprint would reflow 370 of 407 files
  // and add ~18,000 lines, past the ~400-line module rule in dozens of files.
  {
    files: ['**/*.ts', '**/*.mjs'],
    plugins: { '@stylistic': stylistic },
    rules: {
      '@stylistic/indent': ['error', 2, { SwitchCase: 1, ignoredNodes: ['ConditionalExpression *', 'TemplateLiteral *', 'TSUnionType *', 'TSIntersectionType *', 'TSTypeAnnotation *'] }],
      '@stylistic/quotes': ['error', 'single', { avoidEscape: true }],
      '@stylistic/semi': ['error', 'always'],
      '@stylistic/comma-dangle': ['error', 'always-multiline'],
      '@stylistic/no-trailing-spaces': 'error',
      '@stylistic/eol-last': 'error',
      '@stylistic/no-multiple-empty-lines': ['error', { max: 1, maxEOF: 0 }],
      '@stylistic/object-curly-spacing': ['error', 'always'],
      '@stylistic/array-bracket-spacing': ['error', 'never'],
      '@stylistic/comma-spacing': 'error',
      '@stylistic/keyword-spacing': 'error',
      '@stylistic/space-before-blocks': 'error',
      '@stylistic/space-infix-ops': 'error',
      '@stylistic/arrow-parens': ['error', 'always'],
      '@stylistic/key-spacing': 'error',
      '@stylistic/type-annotation-spacing': 'error',
      '@stylistic/space-before-function-paren': ['error', { anonymous: 'always', named: 'never', asyncArrow: 'always' }],
      '@stylistic/max-len': ['error', { code: 220, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
    },
  },
);
