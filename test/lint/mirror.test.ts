// Tests mirror src/: every file with logic in src/core, src/contract, src/ui, src/sidebar and src/store has test/<same path>.test.ts,
// so a new file without a test fails npm test. Files without logic (types, constants, message catalogues) are listed by hand,
// and so are the store files tested so far only through the handlers and jobs that use them (a list that may only shrink).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const FOLDERS = ['src/core', 'src/contract', 'src/ui', 'src/sidebar', 'src/store'];

/**
 * Files with no logic, so nothing to test on their own: only types, constants and message catalogues. The test below
 * checks each really holds no function, arrow, method, class or accessor — a file that gains logic must leave this list
 * and get its test. (The catalogues' keys and placeholders are checked by test/core/i18n/index.test.ts.)
 */
const NO_LOGIC = new Set([
  'src/contract/actions.ts', // action names (constants)
  'src/contract/card-types.ts', // Card v2 and Chat message types
  'src/contract/doc-blocks.ts', // the appraisal document's block types
  'src/contract/views.ts', // the read-model views the ui draws (types)
  'src/core/i18n/access-export.ts', // the access export's texts per language
  'src/core/i18n/admin.ts', // message catalogue
  'src/core/i18n/appraisals.ts', // message catalogue
  'src/core/i18n/cli.ts', // message catalogue (the admin CLI's usage and input errors)
  'src/core/i18n/cli-help.ts', // message catalogue (the admin CLI's help)
  'src/core/i18n/cli-output.ts', // message catalogue (provision, doctor and export reports)
  'src/core/i18n/cli-setup.ts', // message catalogue (provision's repairs, doctor's details, the progress line)
  'src/core/i18n/cli-errors.ts', // message catalogue (Google, write, mapping and clasp errors of the admin CLI)
  'src/core/i18n/common.ts', // message catalogue
  'src/core/i18n/courses.ts', // message catalogue
  'src/core/i18n/enums.ts', // message catalogue (labels of enumerations)
  'src/core/i18n/forum-guides.ts', // message catalogue
  'src/core/i18n/forum.ts', // message catalogue
  'src/core/i18n/import.ts', // message catalogue (the admin CLI's import report)
  'src/core/i18n/status.ts', // message catalogue
  'src/core/i18n/verify.ts', // message catalogue
  'src/store/codec.ts', // the compression port's type
]);

/**
 * Store files with logic but no mirrored test yet, with where they are exercised today. Give one its test and take it off
 * (the test below fails while a listed file has a mirror); never add to this list: a new file gets its test.
 */
const NOT_YET = new Map<string, string>([
  ['src/store/access-export.ts', 'test/app/features/admin/access-export.test.ts'],
  ['src/store/course-rosters.ts', 'test/app/features/courses/*.test.ts, test/store/session-read.test.ts'],
  ['src/store/due-list.ts', 'test/app/features/status/jobs.test.ts (the reminder job)'],
  ['src/store/durable.ts', 'test/store/rebuild-resume.test.ts, test/app/common/rebuild-run.test.ts'],
  ['src/store/packs.ts', 'test/app/eviction.test.ts, test/app/pipeline/handle.test.ts'],
  ['src/store/person-fresh.ts', 'test/app/pipeline/handle.test.ts (a person changed since the rebuild)'],
  ['src/store/person-records.ts', 'test/app/eviction.test.ts (a person read from the records)'],
  ['src/store/ports.ts', 'the budget assertions of every handler test (the meter)'],
  ['src/store/read-model.ts', 'test/app/eviction.test.ts, test/app/pipeline/handle.test.ts'],
  ['src/store/rebuild.ts', 'test/app/eviction.test.ts, test/app/jobs-notifications-scale.test.ts'],
  ['src/store/row-writer.ts', 'test/store/workbook-contract.ts (every Workbook adapter)'],
  ['src/store/write-errors.ts', 'test/adapters/google/sheets-workbook.test.ts, test/support/faults.ts'],
]);

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return tsFiles(rel);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}
const mirrorOf = (file: string) => `test/${file.slice('src/'.length, -'.ts'.length)}.test.ts`;
const hasMirror = (file: string) => existsSync(join(ROOT, mirrorOf(file)));

/** Whether source text holds code that runs: a function, arrow, method, constructor, accessor or class. */
function logicIn(code: string): boolean {
  const sf = ts.createSourceFile('file.ts', code, ts.ScriptTarget.Latest, true);
  let found = false;
  const visit = (node: ts.Node) => {
    if (found) return;
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)
      || ts.isConstructorDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node) || ts.isClassDeclaration(node)) {
      // A bare declaration (an overload or `declare function`) has no body to run.
      if (!(ts.isFunctionDeclaration(node) && !node.body)) found = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
const hasLogic = (file: string) => logicIn(readFileSync(join(ROOT, file), 'utf8'));

const files = FOLDERS.flatMap(tsFiles).sort();

it('finds the source files it is meant to check', () => {
  expect(files.length).toBeGreaterThan(60);
  expect(files).toContain('src/core/ical.ts');
  expect(files).toContain('src/sidebar/vdom.ts');
  expect(hasLogic('src/core/ical.ts')).toBe(true);
});

it('has a mirrored test for every file with logic in core, contract, ui, sidebar and store', () => {
  const missing = files.filter((f) => !hasMirror(f) && !NO_LOGIC.has(f) && !NOT_YET.has(f)).map((f) => `${f} → ${mirrorOf(f)}`);
  expect(missing).toEqual([]);
});

it('lists as not yet mirrored only existing store files with logic and without their test', () => {
  for (const f of NOT_YET.keys()) {
    expect([f, files.includes(f) ? 'exists' : 'gone: take it off NOT_YET']).toEqual([f, 'exists']);
    expect([f, hasMirror(f) ? 'has its test now: take it off NOT_YET' : 'ok']).toEqual([f, 'ok']);
    expect([f, hasLogic(f) ? 'ok' : 'no logic: move it to NO_LOGIC']).toEqual([f, 'ok']);
  }
  expect(NOT_YET.size).toBeLessThanOrEqual(12);
});

it('lists as without logic only existing files that really have none', () => {
  for (const f of NO_LOGIC) {
    expect([f, files.includes(f)]).toEqual([f, true]);
    expect([f, hasLogic(f) ? 'has logic: give it a test and take it off NO_LOGIC' : 'ok']).toEqual([f, 'ok']);
  }
});

it('recognises logic the way it is meant to (a probe of the detector)', () => {
  expect(logicIn("export const nb = { a: 'x' };\nexport type K = keyof typeof nb;")).toBe(false);
  expect(logicIn('export const f = (x: number) => x + 1;')).toBe(true);
  expect(logicIn('export const o = { m() { return 1; } };')).toBe(true);
  expect(logicIn('export class A {}')).toBe(true);
  expect(logicIn('export function f(): void;')).toBe(false);
  expect(logicIn('export const g = function () { return 1; };')).toBe(true);
  expect(logicIn('export const r = /a=>b/; // () => 1')).toBe(false);
});
