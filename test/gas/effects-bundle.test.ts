// Through the built bundle, over fakes that follow Google on who acts: a person's click mails nobody and writes no
// calendar (MailApp would send as them, CalendarApp would write theirs); the outbox job, run by its trigger as the
// Kompetent account, mails from that account and puts the person on the one course event as a guest. No entry point a
// person reaches touches ScriptApp (script.scriptapp is needed only by setupTriggers and by trigger runs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { googleRefDir } from '../support/google-ref';
import { KOMPETENT_ACCOUNT } from './apps-script-fakes';
import { buildBundle, warmBundle } from './bundle-world';

let code = '';

beforeAll(() => {
  code = buildBundle();
});

const load = () => warmBundle(code);

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

describe('an administrator\'s "run now" of a job that mails', () => {
  const GURI = 'guri.hr@kommune.example';

  it('mails nothing from the administrator\'s mailbox: the Kompetent account\'s minute trigger runs it, once', () => {
    const { world, call, runAs } = load();
    // Kari has no DM with the app: her reminder goes by mail.
    world.noDm.add('kari.nordmann@kommune.example');
    world.mailQuota.left = 1500; // a Workspace account's day (the job keeps a reserve for the outbox's confirmations)
    runAs(GURI);
    world.mails.length = 0;
    world.logs.length = 0;
    call('jobDailyReminders', {});
    expect(world.mails).toEqual([]);
    expect(world.logs.join('\n')).toContain('job.reminders requested by guri.hr@kommune.example');
    expect(world.props['job-lease:requested']).toMatch(/^job\.reminders@/);
    // The next minute: the outbox trigger, owned by the Kompetent account, runs the reminders as the app.
    runAs(KOMPETENT_ACCOUNT);
    call('jobOutbox', world.clockEvent('jobOutbox'));
    expect(world.mails.length).toBeGreaterThan(0);
    expect(world.mails.filter((m) => m.from !== KOMPETENT_ACCOUNT)).toEqual([]);
    expect(world.mails.filter((m) => m.name !== 'Kompetent')).toEqual([]); // MailApp's `name`: the sender people see
    expect(world.props['job-lease:requested']).toBeUndefined();
    expect(world.logs.filter((l) => l.startsWith('ERROR'))).toEqual([]);
    // Asked for once, run once: the minute after runs nothing more.
    const sent = world.mails.length;
    call('jobOutbox', world.clockEvent('jobOutbox'));
    expect(world.mails.length).toBe(sent);
  });

  it('the rebuild, which sends nothing, still runs at once for an administrator', () => {
    const { world, call, runAs } = load();
    runAs(GURI);
    world.logs.length = 0;
    call('jobRebuildReadModel', {});
    expect(world.logs.join('\n')).not.toContain('requested');
    expect(world.props['job-lease:requested']).toBeUndefined();
  });
});

describe('script.scriptapp on user paths', () => {
  /**
   * A person who has not granted script.scriptapp: Apps Script refuses every ScriptApp call with "You do not have
   * permission to call ScriptApp… Required permissions: https://www.googleapis.com/auth/script.scriptapp"
   * (developers.google.com/apps-script/concepts/scopes: a call outside the granted scopes fails). Every touch is noted.
   */
  function refusingScriptApp(touched: string[]) {
    return new Proxy({}, {
      get: (_t, prop) => {
        touched.push(String(prop));
        throw new Error(`You do not have permission to call ScriptApp.${String(prop)}. Required permissions: https://www.googleapis.com/auth/script.scriptapp`);
      },
    });
  }
  const google = (dir: string, file: string) => JSON.parse(readFileSync(join(googleRefDir(), dir, file), 'utf8'));
  const KARI = 'kari.nordmann@kommune.example';
  const chat = (file: string) => { const e = google('chat-events', file); e.chat.user.email = KARI; return e; };

  it('no entry point a person reaches touches ScriptApp (only setupTriggers and trigger runs do)', () => {
    const { world, runAs } = load();
    runAs(KARI);
    const touched: string[] = [];
    (world.context as Record<string, unknown>).ScriptApp = refusingScriptApp(touched);
    const click = google('addon-events', 'gmail-card-action-callback-appsscript.json');
    click.commonEventObject.parameters = { action: 'status.mine' };
    const calls: [string, unknown[]][] = [
      ['onHomepage', [google('addon-events', 'gmail-homepage-appsscript.json')]],
      ['onGmailMessage', [google('addon-events', 'gmail-contextual-message-open-appsscript.json')]],
      ['onDocsHomepage', [google('addon-events', 'docs-homepage-no-file-scope.json')]],
      ['onDocsFileScopeGranted', [google('addon-events', 'docs-file-scope-granted.json')]],
      ['onSheetsHomepage', [google('addon-events', 'sheets-homepage-no-file-scope.json')]],
      ['onSheetsFileScopeGranted', [google('addon-events', 'sheets-file-scope-granted.json')]],
      ['onCardAction', [click]],
      ['onMessage', [chat('01-message-direct-message.json')]],
      ['onAppCommand', [chat('03-app-command-slash-with-argument-text.json')]],
      ['onCardAction', [chat('04-button-clicked-card-message-form-inputs.json')]],
      ['onAddedToSpace', [chat('08-added-to-space.json')]],
      ['onRemovedFromSpace', [chat('10-removed-from-space.json')]],
      ['onWidgetUpdate', [chat('12-widget-updated-multiselect-autocomplete.json')]],
      ['doGet', [{ parameter: {} }]],
      ['sidebarCall', ['sidebar.strings', '{}']],
      // A person calling a job or the on-edit trigger by hand, with no trigger event: refused before ScriptApp is asked.
      ['jobDailyReminders', [{}]],
      ['onEditRecords', [{ range: { rowStart: 2, rowEnd: 2 } }]],
    ];
    const problems: string[] = [];
    for (const [fn, args] of calls) {
      world.logs.length = 0;
      touched.length = 0;
      try {
        const f = (world.context as Record<string, (...a: unknown[]) => unknown>)[fn];
        f!(...JSON.parse(JSON.stringify(args)));
      } catch (err) {
        problems.push(`${fn} threw: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (touched.length) problems.push(`${fn} touched ScriptApp.${touched.join(', ScriptApp.')}`);
      const errors = world.logs.filter((l) => l.startsWith('ERROR'));
      if (errors.length) problems.push(`${fn} logged ${errors[0]}`);
    }
    expect(problems).toEqual([]);
  });

  it('a job called by a person with a made-up trigger id: ScriptApp refused is no trigger run, and nothing is sent', () => {
    const { world, call, runAs } = load();
    runAs(KARI);
    const touched: string[] = [];
    (world.context as Record<string, unknown>).ScriptApp = refusingScriptApp(touched);
    world.logs.length = 0;
    expect(() => call('jobDailyReminders', { triggerUid: '1', authMode: 'FULL' })).not.toThrow();
    expect(touched).toEqual(['getProjectTriggers']);
    expect(world.logs.join('\n')).toContain('refused: not an administrator');
    expect(world.mails).toEqual([]);
    expect(world.chatPosts).toEqual([]);
  });
});
