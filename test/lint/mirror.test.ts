// Tests mirror src/: every file with logic in every folder of src/ has test/<same path>.test.ts, so a new file without a test
// fails npm test. Two lists stand in for a mirror, and both are checked so they cannot rot: files without logic (types,
// constants, message catalogues, re-exports), and files tested by a test elsewhere, which must really load the file.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { BUNDLES, closureOf, ROOT, sourcesOfTest } from './import-graph';

/** Every folder of src/: a new one is checked from its first file. */
const FOLDERS = readdirSync(join(ROOT, 'src'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `src/${e.name}`);

/**
 * Files with no logic, so nothing to test on their own: only types, constants, message catalogues and re-exports. The test
 * below checks each really holds no function, arrow, method, class or accessor — a file that gains logic must leave this
 * list and get its test. (The catalogues' keys and placeholders are checked by test/core/i18n/index.test.ts.)
 */
const NO_LOGIC = new Set([
  'src/bench/bench.ts', // `npm run bench`: one call of run.ts (tested in test/bench/run.test.ts)
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
  'src/core/i18n/workspace.ts', // message catalogue (the local workspace's shell)
  'src/demo/forum-texts.ts', // the demo's questions and answers (text)
  'src/demo/index.ts', // re-exports of the demo
  'src/demo/personas.ts', // the demo's personas (constants)
  'src/store/codec.ts', // the compression port's type
]);

/**
 * Files with logic tested by a test that is not at their mirrored path: `test` when the test (or a helper of it under test/)
 * imports the file itself; `test via src/…` when the test loads that source file and the file is loaded through it (e.g. a
 * feature's handler reached through the router). The test below checks each test exists and loads the file that way, so a
 * test that stops loading it, or a file that moves, fails here. Moving the test to the mirrored path is better; a new file
 * gets its own test rather than a line here.
 */
const TESTED_BY = new Map<string, string>([
  ['src/adapters/google/drive-archives.ts', 'test/store/rotation.test.ts'],
  ['src/adapters/memory/appraisal-templates.ts', 'test/app/features/appraisals/index.test.ts'],
  ['src/adapters/memory/docs-twin.ts', 'test/app/features/appraisals/index.test.ts'],
  ['src/adapters/memory/memory-archives.ts', 'test/store/rotation.test.ts'],
  ['src/adapters/memory/memory-drive.ts', 'test/app/common/pending-files.test.ts'],
  ['src/adapters/memory/memory-services.ts', 'test/adapters/memory/execution-limits.test.ts'],
  ['src/adapters/memory/pdf.ts', 'test/app/features/admin/access-export.test.ts via src/adapters/memory/memory-services.ts'],
  ['src/adapters/node/csv-format.ts', 'test/adapters/node/csv-workbook.test.ts'],
  ['src/adapters/node/csv-journal.ts', 'test/adapters/node/csv-workbook.test.ts'],
  ['src/adapters/node/node-codec.ts', 'test/store/rebuild-resume.test.ts'],
  ['src/adapters/node/sheets-node-transport.ts', 'test/adapters/google/sheets-workbook.test.ts'],
  ['src/adapters/node/sheets-node-worker.ts', 'test/adapters/google/sheets-workbook.test.ts via src/adapters/node/sheets-node-transport.ts'],
  ['src/app/common/job-outbox.ts', 'test/app/features/status/jobs.test.ts via src/app/pipeline/router.ts'],
  ['src/app/common/person-context.ts', 'test/app/features/status/index.test.ts via src/app/pipeline/router.ts'],
  ['src/app/common/read-model-heal.ts', 'test/app/eviction.test.ts via src/app/pipeline/router.ts'],
  ['src/app/common/read-model-jobs.ts', 'test/app/common/rebuild-run.test.ts via src/app/pipeline/router.ts'],
  ['src/app/common/rebuild-stamp.ts', 'test/app/common/rebuild-run.test.ts via src/app/common/rebuild-run.ts'],
  ['src/app/common/status-model.ts', 'test/app/features/status/index.test.ts via src/app/pipeline/router.ts'],
  ['src/app/features/admin/catalogue.ts', 'test/app/features/admin/index.test.ts via src/app/pipeline/router.ts'],
  ['src/app/features/admin/register.ts', 'test/app/features/admin/evidence.test.ts via src/app/pipeline/router.ts'],
  ['src/app/features/admin/shared.ts', 'test/attack/hostile-records.test.ts'],
  ['src/app/features/appraisals/model.ts', 'test/app/features/appraisals/index.test.ts via src/app/pipeline/router.ts'],
  ['src/app/features/appraisals/shared.ts', 'test/app/features/appraisals/index.test.ts via src/app/pipeline/router.ts'],
  ['src/app/features/courses/admin-read.ts', 'test/app/features/courses/admin.test.ts via src/app/pipeline/router.ts'],
  ['src/app/features/courses/gmail.ts', 'test/app/features/courses/index.test.ts via src/app/pipeline/router.ts'],
  ['src/app/features/courses/home.ts', 'test/app/features/courses/index.test.ts via src/app/pipeline/router.ts'],
  ['src/app/features/courses/jobs.ts', 'test/app/features/courses/index.test.ts via src/app/pipeline/router.ts'],
  ['src/app/features/courses/shared.ts', 'test/app/features/courses/index.test.ts via src/app/pipeline/router.ts'],
  ['src/app/features/forum/ask.ts', 'test/app/features/forum/index.test.ts via src/app/pipeline/router.ts'],
  ['src/app/features/forum/asker.ts', 'test/app/features/forum/index.test.ts via src/app/pipeline/router.ts'],
  ['src/app/features/forum/guide.ts', 'test/app/features/forum/index.test.ts via src/app/pipeline/router.ts'],
  ['src/app/features/forum/shared.ts', 'test/app/features/forum/index.test.ts via src/app/pipeline/router.ts'],
  ['src/app/features/status/digest-source.ts', 'test/app/features/status/jobs.test.ts via src/app/pipeline/router.ts'],
  ['src/app/features/status/home.ts', 'test/app/pipeline/handle.test.ts via src/app/pipeline/router.ts'],
  ['src/app/features/status/plan.ts', 'test/app/features/status/index.test.ts via src/app/pipeline/router.ts'],
  ['src/app/features/status/reminder-job.ts', 'test/app/features/status/jobs.test.ts'],
  ['src/app/features/status/signoff.ts', 'test/app/features/status/index.test.ts via src/app/pipeline/router.ts'],
  ['src/app/features/status/skills.ts', 'test/app/features/status/index.test.ts via src/app/pipeline/router.ts'],
  ['src/app/pipeline/access-gate.ts', 'test/app/pipeline/handle.test.ts via src/app/pipeline/handle.ts'],
  ['src/app/pipeline/chat-routing.ts', 'test/workspace/web/google-events.test.ts'],
  ['src/app/pipeline/entry-points.ts', 'test/app/pipeline/handler.test.ts'],
  ['src/app/pipeline/events.ts', 'test/workspace/web/google-events.test.ts'],
  ['src/app/pipeline/job-requests.ts', 'test/app/features/status/jobs.test.ts'],
  ['src/app/pipeline/router.ts', 'test/app/pipeline/handle.test.ts'],
  ['src/app/ports.ts', 'test/app/common/outbox-job.test.ts via src/adapters/memory/memory-services.ts'],
  ['src/bench/cache.ts', 'test/bench/run.test.ts via src/bench/run.ts'],
  ['src/bench/courses.ts', 'test/bench/run.test.ts via src/bench/run.ts'],
  ['src/bench/rebuild.ts', 'test/bench/run.test.ts via src/bench/run.ts'],
  ['src/bench/time.ts', 'test/bench/seed.test.ts via src/bench/seed.ts'],
  ['src/cli/config.ts', 'test/cli/provision.test.ts via src/cli/main.ts'],
  ['src/cli/doctor-shards.ts', 'test/cli/doctor.test.ts via src/cli/main.ts'],
  ['src/cli/drive.ts', 'test/cli/provision.test.ts via src/cli/main.ts'],
  ['src/cli/errors.ts', 'test/cli/args.test.ts'],
  ['src/cli/google.ts', 'test/cli/writer.test.ts'],
  ['src/cli/import/headers.ts', 'test/cli/import/parsing.test.ts'],
  ['src/cli/import/mapping.ts', 'test/cli/import/command.test.ts via src/cli/main.ts'],
  ['src/cli/import/plan.ts', 'test/cli/import/command.test.ts via src/cli/main.ts'],
  ['src/cli/import/report.ts', 'test/cli/import/command.test.ts via src/cli/main.ts'],
  ['src/cli/import/values.ts', 'test/cli/import/parsing.test.ts'],
  ['src/cli/move-person-rows.ts', 'test/cli/person-shards.test.ts via src/cli/main.ts'],
  ['src/cli/provision-shards.ts', 'test/cli/provision.test.ts via src/cli/main.ts'],
  ['src/cli/remote.ts', 'test/cli/writer.test.ts'],
  ['src/cli/sheet-setup.ts', 'test/cli/provision.test.ts'],
  ['src/demo/appraisal-docs.ts', 'test/workspace/server.test.ts via src/workspace/server.ts'],
  ['src/demo/appraisals.ts', 'test/demo/generate.test.ts via src/demo/index.ts'],
  ['src/demo/catalogue.ts', 'test/demo/generate.test.ts via src/demo/index.ts'],
  ['src/demo/courses.ts', 'test/demo/generate.test.ts via src/demo/index.ts'],
  ['src/demo/forum.ts', 'test/demo/forum-threads.test.ts'],
  ['src/demo/history.ts', 'test/demo/generate.test.ts via src/demo/index.ts'],
  ['src/demo/names.ts', 'test/demo/generate.test.ts via src/demo/index.ts'],
  ['src/demo/org.ts', 'test/demo/generate.test.ts via src/demo/index.ts'],
  ['src/demo/people.ts', 'test/demo/generate.test.ts via src/demo/index.ts'],
  ['src/demo/sessions.ts', 'test/demo/generate.test.ts via src/demo/index.ts'],
  ['src/gas/codec.ts', 'test/gas/main.test.ts via src/gas/main.ts'],
  ['src/gas/config.ts', 'test/gas/main.test.ts via src/gas/main.ts'],
  ['src/gas/gmail.ts', 'test/gas/main.test.ts via src/gas/main.ts'],
  ['src/gas/http.ts', 'test/adapters/google/transport.test.ts'],
  ['src/gas/services.ts', 'test/gas/main.test.ts via src/gas/main.ts'],
  ['src/gas/triggers.ts', 'test/gas/main.test.ts via src/gas/main.ts'],
  ['src/store/access-export.ts', 'test/app/features/admin/access-export.test.ts'],
  ['src/store/course-rosters.ts', 'test/store/session-read.test.ts via src/store/session-read.ts'],
  ['src/store/due-list.ts', 'test/app/features/status/jobs.test.ts via src/app/pipeline/router.ts'],
  ['src/store/durable.ts', 'test/store/rebuild-resume.test.ts'],
  ['src/store/packs.ts', 'test/app/eviction.test.ts'],
  ['src/store/person-fresh.ts', 'test/app/pipeline/handle.test.ts via src/app/pipeline/router.ts'],
  ['src/store/person-records.ts', 'test/app/eviction.test.ts via src/app/pipeline/router.ts'],
  ['src/store/ports.ts', 'test/store/cache-shards.test.ts'],
  ['src/store/read-model.ts', 'test/store/blank-rows.test.ts'],
  ['src/store/rebuild.ts', 'test/store/rebuild-resume.test.ts'],
  ['src/store/row-writer.ts', 'test/store/rebuild-resume.test.ts via src/store/rebuild-resume.ts'],
  ['src/store/write-errors.ts', 'test/store/write-verify.test.ts'],
  ['src/workspace/addon-sim.ts', 'test/workspace/server.test.ts via src/workspace/server.ts'],
  ['src/workspace/data-lock.ts', 'test/workspace/persist.test.ts'],
  ['src/workspace/docs-routes.ts', 'test/workspace/server.test.ts via src/workspace/server.ts'],
  ['src/workspace/http.ts', 'test/workspace/chat-sim.test.ts'],
  ['src/workspace/page.ts', 'test/workspace/server.test.ts via src/workspace/server.ts'],
  ['src/workspace/routes.ts', 'test/workspace/server.test.ts via src/workspace/server.ts'],
  ['src/workspace/sheets.ts', 'test/workspace/server.test.ts via src/workspace/server.ts'],
  ['src/workspace/web/card-html.ts', 'test/workspace/web/card-renderer.test.ts via src/workspace/web/card-renderer.ts'],
  ['src/workspace/web/card-widgets.ts', 'test/workspace/web/card-renderer.test.ts via src/workspace/web/card-renderer.ts'],
  // The workspace's browser code runs in the browser tests (test/e2e/browser.ts bundles src/workspace/web/client.ts).
  ['src/workspace/web/client.ts', 'test/e2e/workspace.test.ts'],
  ['src/workspace/web/client-addons.ts', 'test/e2e/workspace.test.ts via src/workspace/web/client.ts'],
  ['src/workspace/web/client-api.ts', 'test/e2e/workspace.test.ts via src/workspace/web/client.ts'],
  ['src/workspace/web/client-chat.ts', 'test/e2e/workspace.test.ts via src/workspace/web/client.ts'],
  ['src/workspace/web/client-docs.ts', 'test/e2e/appraisal.test.ts via src/workspace/web/client.ts'],
  ['src/workspace/web/client-sheets.ts', 'test/e2e/admin-sidebar.test.ts via src/workspace/web/client.ts'],
  ['src/workspace/web/client-shell.ts', 'test/e2e/workspace.test.ts via src/workspace/web/client.ts'],
  ['src/workspace/web/client-state.ts', 'test/e2e/workspace.test.ts via src/workspace/web/client.ts'],
  ['src/workspace/web/icons.ts', 'test/workspace/server.test.ts via src/workspace/server.ts'],
  ['src/workspace/workspace.ts', 'test/workspace/chat-sim.test.ts'],
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

/** Why an entry of TESTED_BY does not hold, or undefined when its test loads the file as it says. */
function testedByProblem(file: string, entry: string): string | undefined {
  const [test, via, ...rest] = entry.split(' via ');
  if (!test || rest.length || !/^test\/[\w./-]+\.test\.ts$/.test(test)) return `write "test/….test.ts" or "test/….test.ts via src/….ts", not "${entry}"`;
  if (!existsSync(join(ROOT, test))) return `${test} does not exist`;
  const loaded = sourcesOfTest(test);
  if (via === undefined) return loaded.has(file) ? undefined : `${test} does not import ${file} (name the file it loads it through: "${test} via src/…")`;
  if (via === file) return 'a file is not tested via itself';
  if (!loaded.has(via)) return `${test} does not import ${via}`;
  return closureOf(via).has(file) ? undefined : `${via} does not load ${file}`;
}

/** Why a source file breaks the rule (code as given), or undefined when it keeps it. */
function mirrorProblem(file: string, code: string): string | undefined {
  if (hasMirror(file)) return undefined;
  if (NO_LOGIC.has(file)) return logicIn(code) ? 'has logic: give it a test and take it off NO_LOGIC' : undefined;
  const entry = TESTED_BY.get(file);
  if (entry !== undefined) return testedByProblem(file, entry);
  return `no test: write ${mirrorOf(file)}${logicIn(code) ? '' : ' (or, as it has no logic, list it in NO_LOGIC)'}`;
}

it('finds the source files it is meant to check, in every folder of src/', () => {
  expect(files.length).toBeGreaterThan(250);
  for (const folder of ['src/adapters', 'src/app', 'src/bench', 'src/cli', 'src/contract', 'src/core', 'src/demo', 'src/gas', 'src/sidebar', 'src/store', 'src/ui', 'src/workspace']) {
    expect([folder, files.some((f) => f.startsWith(`${folder}/`))]).toEqual([folder, true]);
  }
  expect(hasLogic('src/core/ical.ts')).toBe(true);
});

it('has a mirrored test, or a checked stand-in, for every source file', () => {
  const problems = files.map((f) => [f, mirrorProblem(f, readFileSync(join(ROOT, f), 'utf8'))]).filter(([, p]) => p !== undefined);
  expect(problems).toEqual([]);
});

it('lists only existing files without their mirror, each once', () => {
  for (const f of [...NO_LOGIC, ...TESTED_BY.keys()]) {
    expect([f, files.includes(f) ? 'exists' : 'gone: take it off the list']).toEqual([f, 'exists']);
    expect([f, hasMirror(f) ? 'has its test now: take it off the list' : 'ok']).toEqual([f, 'ok']);
    expect([f, NO_LOGIC.has(f) && TESTED_BY.has(f) ? 'on both lists' : 'ok']).toEqual([f, 'ok']);
  }
  for (const f of TESTED_BY.keys()) expect([f, hasLogic(f) ? 'ok' : 'no logic: move it to NO_LOGIC']).toEqual([f, 'ok']);
});

it('knows the bundles tests run by the source file they are built from', () => {
  const build = readFileSync(join(ROOT, 'scripts/build.mjs'), 'utf8');
  // Each esbuild call of the build script as [its entry, its output].
  const builds = build.split('entryPoints: [').slice(1).map((b) => [/^at\('([^']+)'\)/.exec(b)?.[1], /outfile: at\('([^']+)'\)/.exec(b)?.[1]]);
  for (const [bundle, entry] of BUNDLES) expect(builds).toContainEqual([entry, `build/${bundle}`]);
});

it('rejects a new source file without a test, in any folder (probes)', () => {
  const withLogic = 'export const f = (x: number) => x + 1;\n';
  for (const probe of ['src/app/features/courses/probe.ts', 'src/adapters/google/probe.ts', 'src/cli/probe.ts', 'src/workspace/probe.ts', 'src/gas/probe.ts']) {
    expect(mirrorProblem(probe, withLogic)).toBe(`no test: write ${mirrorOf(probe)}`);
  }
  expect(mirrorProblem('src/demo/probe.ts', 'export const N = 3;\n')).toBe('no test: write test/demo/probe.test.ts (or, as it has no logic, list it in NO_LOGIC)');
  // A file listed as without logic that gains some is rejected.
  expect(mirrorProblem('src/store/codec.ts', withLogic)).toBe('has logic: give it a test and take it off NO_LOGIC');
});

it('rejects a stand-in test that does not load the file (probes)', () => {
  expect(testedByProblem('src/demo/names.ts', 'test/demo/generate.test.ts via src/demo/index.ts')).toBeUndefined();
  expect(testedByProblem('src/demo/names.ts', 'test/demo/generate.test.ts')).toMatch(/does not import src\/demo\/names\.ts/);
  expect(testedByProblem('src/demo/names.ts', 'test/core/dates.test.ts via src/demo/index.ts')).toMatch(/does not import src\/demo\/index\.ts/);
  expect(testedByProblem('src/demo/names.ts', 'test/demo/generate.test.ts via src/core/dates.ts')).toMatch(/src\/core\/dates\.ts does not load/);
  expect(testedByProblem('src/demo/names.ts', 'test/demo/gone.test.ts')).toBe('test/demo/gone.test.ts does not exist');
  expect(testedByProblem('src/demo/names.ts', 'src/demo/index.ts')).toMatch(/^write/);
});

it('reads what a test loads as the runtime does (probes of the import graph)', () => {
  // Type-only imports load nothing.
  expect(sourcesOfTest('test/lint/mirror.test.ts').size).toBe(0);
  // A test's helpers count; the browser tests load the workspace client by its path; the bundle tests run build/Code.js.
  expect(sourcesOfTest('test/app/features/courses/index.test.ts').has('src/app/pipeline/router.ts')).toBe(true);
  expect(sourcesOfTest('test/e2e/workspace.test.ts').has('src/workspace/web/client.ts')).toBe(true);
  expect(sourcesOfTest('test/gas/main.test.ts').has('src/gas/main.ts')).toBe(true);
  expect(closureOf('src/app/pipeline/router.ts').has('src/app/features/courses/signup.ts')).toBe(true);
  expect(closureOf('src/core/dates.ts').has('src/app/pipeline/router.ts')).toBe(false);
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
