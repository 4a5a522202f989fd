// ESLint: recommended JS + TypeScript rules; the layer rule of DESIGN.md (who may import whom) and Apps Script globals only in src/gas/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const GAS_GLOBALS = ['SpreadsheetApp', 'CardService', 'UrlFetchApp', 'CacheService', 'LockService', 'PropertiesService',
  'DriveApp', 'DocumentApp', 'GmailApp', 'MailApp', 'CalendarApp', 'ScriptApp', 'HtmlService', 'Session', 'Utilities',
  'Logger', 'Drive', 'Calendar'];
const gasGlobals = GAS_GLOBALS.map((name) => ({ name, message: 'Apps Script globals belong in src/gas/ only.' }));
/** Host globals the pure layers must not touch: they run on Apps Script and in Node alike, with time and data passed in. */
const hostGlobals = ['document', 'window', 'process', 'navigator', 'localStorage', 'Buffer', 'require']
  .map((name) => ({ name, message: 'core, store, ui and app are host-neutral: pass what you need in through a port.' }));

/** An import of another top-level folder of src/, written relatively (`../store/x`, `../../ui/y`). */
const folder = (...names) => `^(\\.\\.?/)+(\\.\\./)*(${names.join('|')})(/|$)`;
const NODE = { regex: '^node:|^(fs|path|os|child_process|worker_threads|crypto|http|https|zlib|url|util)(/|$)', message: 'Node modules belong in src/local (and its adapters) only.' };
const layer = (message, ...names) => ({ regex: folder(...names), message });

/**
 * The layer rule (DESIGN.md, Architecture): core ← store ← app ← gas/local, ui beside app. Each folder may import only the
 * folders below it. The exceptions listed per folder are the known debts of issue #16 (types that still live in app/).
 */
const LAYERS = [
  { files: ['src/core/**'], patterns: [layer('core is the pure domain: it imports no other folder of src/.', 'store', 'ui', 'app', 'gas', 'sidebar', 'local', 'contract', 'adapters'), NODE] },
  { files: ['src/store/**'], ignores: ['src/store/csv-workbook.ts', 'src/store/csv-journal.ts'], patterns: [layer('store imports only core.', 'ui', 'app', 'gas', 'sidebar', 'local'), NODE] },
  { files: ['src/ui/**'], patterns: [layer('ui builds cards from core types; it never imports app, gas, sidebar or local.', 'gas', 'sidebar', 'local'), NODE] },
  { files: ['src/app/**'], patterns: [layer('app never imports the Apps Script shell, the sidebar page or the local workspace.', 'gas', 'sidebar', 'local'), NODE] },
  { files: ['src/sidebar/**'], patterns: [layer('the sidebar page talks to the server only through its contract.', 'store', 'gas', 'local', 'ui'), NODE] },
  { files: ['src/gas/**'], patterns: [layer('the Apps Script shell never imports the local workspace.', 'local', 'sidebar'), NODE] },
];

export default tseslint.config(
  { ignores: ['build/**', 'build-bound/**', 'out/**', 'node_modules/**', 'data/**', 'coverage/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-globals': ['error', ...gasGlobals],
    },
  },
  ...LAYERS.map(({ files, ignores, patterns }) => ({ files, ...(ignores ? { ignores } : {}), rules: { 'no-restricted-imports': ['error', { patterns }] } })),
  { files: ['src/core/**', 'src/store/**', 'src/ui/**', 'src/app/**'], ignores: ['src/store/csv-workbook.ts', 'src/store/csv-journal.ts'], rules: { 'no-restricted-globals': ['error', ...gasGlobals, ...hostGlobals] } },
  // The only code that touches Apps Script globals; the sidebar is browser code (HtmlService's google.script.run is a browser global).
  { files: ['src/gas/**', 'test/**', 'scripts/**'], rules: { 'no-restricted-globals': 'off' } },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } } },
);
