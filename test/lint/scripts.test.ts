// Nothing reaches Google unchecked: `npm run push` and `npm run deploy` run the full check before clasp, and `npm test` is
// that same check (typecheck, lint with the layer rules and the formatter, build, every test).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const scripts = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
/** The commands a script runs, in order (`a && b` → [a, b]). */
const steps = (name: string) => (scripts[name] ?? '').split('&&').map((s) => s.trim());

it('push and deploy run the checks before clasp', () => {
  for (const name of ['push', 'deploy']) {
    const s = steps(name);
    expect([name, s[0]]).toEqual([name, 'npm run check']);
    expect(s.findIndex((c) => c.startsWith('clasp'))).toBeGreaterThan(0);
  }
});

it('the check is typecheck, lint, build and every test, and npm test runs it', () => {
  expect(steps('check')).toEqual(['npm run typecheck', 'npm run lint', 'node scripts/build.mjs', 'jest']);
  expect(steps('test')).toContain('npm run check');
  expect(scripts.typecheck).toBe('tsc -b');
  expect(scripts.lint).toBe('eslint .');
});
