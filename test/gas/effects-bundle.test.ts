// Through the built bundle, over fakes that follow Google on who acts: a person's click mails nobody and writes no
// calendar (MailApp would send as them, CalendarApp would write theirs); the outbox job, run by its trigger as the
// Kompetent account, mails from that account and puts the person on the one course event as a guest.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { appsScriptWorld, KOMPETENT_ACCOUNT } from './apps-script-fakes';

const ROOT = join(__dirname, '..', '..');
let code = '';

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), 'gas'], { cwd: ROOT, stdio: 'pipe' });
  code = readFileSync(join(ROOT, 'build', 'Code.js'), 'utf8');
});

function load() {
  const world = appsScriptWorld(KOMPETENT_ACCOUNT);
  const context = vm.createContext(world.context);
  vm.runInContext(code, context, { filename: 'Code.js' });
  const call = (fn: string, event: unknown) => ((context as Record<string, unknown>)[fn] as (e: unknown) => unknown)(JSON.parse(JSON.stringify(event)));
  /** Who runs the next execution: a person's request runs as them; a trigger as its owner. */
  const runAs = (email: string) => { world.user.email = email; world.effective.email = email; };
  call('jobRebuildReadModel', world.clockEvent('jobRebuildReadModel'));
  return { world, call, runAs };
}


describe('effects through the bundle', () => {
  it('the bundle never calls CalendarApp, and MailApp only from the outbox and the jobs', () => {
    expect(code).not.toMatch(/CalendarApp\./);
    expect(code.match(/MailApp\.sendEmail/g)).toHaveLength(1);
  });

  it('the on-edit trigger reads the edited row through the service account, with no Spreadsheet call', () => {
    const { world, call, runAs } = load();
    runAs(KOMPETENT_ACCOUNT);
    world.fetches.length = 0;
    const uid = world.installed.find((t) => t.fn === 'onEditRecords')!.uid;
    expect(() => call('onEditRecords', { range: { rowStart: 2, rowEnd: 2, columnStart: 3, columnEnd: 3 }, value: 'Helse og velferd', authMode: 'FULL', triggerUid: uid })).not.toThrow();
    expect(world.fetches.some((f) => f.url.startsWith('https://sheets.googleapis.com/'))).toBe(true);
    expect(world.logs.filter((l) => l.startsWith('ERROR'))).toEqual([]);
  });
});
