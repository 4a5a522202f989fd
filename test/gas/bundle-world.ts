// The built Apps Script bundle loaded into a fake Apps Script world, warmed by its own rebuild trigger (as a deployed
// Kompetent has its read model), for the tests that run it as Google would.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { appsScriptWorld, KOMPETENT_ACCOUNT } from './apps-script-fakes';

const ROOT = join(__dirname, '..', '..');

/** Builds the bundle (call once, in beforeAll) and returns its code. */
export function buildBundle(): string {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), 'gas'], { cwd: ROOT, stdio: 'pipe' });
  return readFileSync(join(ROOT, 'build', 'Code.js'), 'utf8');
}

/** A fresh world running `code`, after the rebuild trigger ran as the Kompetent account. */
export function warmBundle(code: string) {
  const world = appsScriptWorld(KOMPETENT_ACCOUNT);
  const context = vm.createContext(world.context);
  vm.runInContext(code, context, { filename: 'Code.js' });
  const call = (fn: string, ...args: unknown[]) => {
    const f = (context as Record<string, unknown>)[fn];
    if (typeof f !== 'function') throw new Error(`${fn} is not a top-level function`);
    return (f as (...a: unknown[]) => unknown)(...(JSON.parse(JSON.stringify(args)) as unknown[]));
  };
  /** Who runs the next execution: a person's request runs as them (Session.getActiveUser); a trigger as its owner. */
  const runAs = (email: string) => { world.user.email = world.effective.email = email; };
  call('jobRebuildReadModel', world.clockEvent('jobRebuildReadModel'));
  return { world, call, runAs };
}
