// ESLint: recommended JS + TypeScript rules; Apps Script globals only where DESIGN.md allows them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const GAS_GLOBALS = ['SpreadsheetApp', 'CardService', 'UrlFetchApp', 'CacheService', 'LockService', 'PropertiesService',
  'DriveApp', 'DocumentApp', 'GmailApp', 'MailApp', 'CalendarApp', 'ScriptApp', 'HtmlService', 'Session', 'Utilities',
  'Logger', 'Drive'];

export default tseslint.config(
  { ignores: ['build/**', 'out/**', 'node_modules/**', 'data/**', 'coverage/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-globals': ['error', ...GAS_GLOBALS.map((name) => ({ name, message: 'Apps Script globals belong in src/gas/ only.' }))],
    },
  },
  { files: ['src/gas/**', 'test/**', 'scripts/**'], rules: { 'no-restricted-globals': 'off' } },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } } },
);
