// Nothing reaches Google unchecked: `npm run push` and `npm run deploy` are `kompetent push` / `deploy`, which run the check
// before clasp (test/cli/clasp.test.ts); `npm test` is that same check (typecheck, lint with the layer rules and the
// formatter, build, every test), and `check:fast` is it without the browser tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const scripts = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
/** The commands a script runs, in order (`a && b` → [a, b]). */
const steps = (name: string) => (scripts[name] ?? '').split('&&').map((s) => s.trim());

it('push and deploy go through the CLI, which runs the checks before clasp', () => {
  expect(steps('push')).toEqual(['npm run cli -- push']);
  expect(steps('deploy')).toEqual(['npm run cli -- deploy']);
  expect(steps('cli')).toEqual(['node scripts/build.mjs node', 'node out/cli.js']);
  for (const s of Object.values(scripts)) expect([s, /(^|&&)\s*(npx )?clasp\b/.test(s)]).toEqual([s, false]);
});

it('the fast check is the check without the browser tests', () => {
  expect(steps('check:fast')).toEqual([...steps('check').slice(0, -1), 'jest --selectProjects unit']);
});

it('the check is typecheck, lint, build and every test, and npm test runs it', () => {
  expect(steps('check')).toEqual(['npm run typecheck', 'npm run lint', 'node scripts/build.mjs', 'jest']);
  expect(steps('test')).toContain('npm run check');
  expect(scripts.typecheck).toBe('tsc -b');
  expect(scripts.lint).toBe('eslint .');
});
