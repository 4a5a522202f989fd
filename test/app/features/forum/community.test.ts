// Announcements from Chat for the guide forum's coordinator (issue 15 §2 "Forum"): `/kunngjoring` (a slash command that
// opens the dialog, or typed in the DM) and the help card's button; the dialog refuses an over-long text with how far over
// it is and keeps what was typed (never cut); the post goes to the guides' Announcements space, once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { guarded } from '../../../../src/app/pipeline/handle';
import { ENTRY_POINTS } from '../../../../src/app/pipeline/entry-points';
import { LIMITS } from '../../../../src/core/text-limits';
import { toChatResponse } from '../../../../src/ui/envelopes';
import { googleRefDir, validateChatResponse } from '../../../support/discovery-validator';
import { sendOutbox } from '../../../support/effects';
import { buttonParams, checkPosted, forumData, handlers, posted, rows, run, warm, EVA, GUIDES_SPACE, P } from './support';

const ANNOUNCEMENTS = 'spaces/ANNOUNCEMENTS';

/** Eva (a guide, not an administrator) coordinates the guides; the municipality has an Announcements space. */
function data() {
  const d = forumData();
  d.Settings = [...d.Settings!.filter((s) => s.key !== 'coordinatorEmail'), { key: 'coordinatorEmail', value: EVA }, { key: 'announcementsSpace', value: ANNOUNCEMENTS }];
  return d;
}

/** `/kunngjoring …` as Google sends a slash command (chat-events/03), with "Opens a dialog" configured or not. */
function slash(email: string, argumentText: string, opensDialog: boolean) {
  const event = JSON.parse(readFileSync(join(googleRefDir(), 'chat-events', '03-app-command-slash-with-argument-text.json'), 'utf8'));
  const dm = { name: `spaces/dm-${email.split('@')[0]}`, type: 'DM', spaceType: 'DIRECT_MESSAGE' };
  event.commonEventObject.userLocale = 'nb';
  Object.assign(event.chat.user, { email, displayName: 'Eva Guide' });
  event.chat.space = dm;
  const p = event.chat.appCommandPayload;
  p.space = dm;
  p.appCommandMetadata.appCommandId = 13;
  Object.assign(p.message, { text: `/kunngjoring ${argumentText}`, argumentText: ` ${argumentText}`, space: dm, slashCommand: { commandId: '13' } });
  p.message.annotations[0].slashCommand = { ...p.message.annotations[0].slashCommand, commandName: '/kunngjoring', commandId: '13', triggersDialog: opensDialog };
  p.isDialogEvent = opensDialog;
  if (opensDialog) p.dialogEventType = 'REQUEST_DIALOG';
  return event;
}

function runSlash(ports: ReturnType<typeof warm>, email: string, text: string, opensDialog: boolean) {
  const out = guarded(ports, handlers, slash(email, text, opensDialog), { ...ENTRY_POINTS.onAppCommand, userEmail: email });
  const resp = JSON.parse(JSON.stringify(toChatResponse(out.reply, out.request ?? {})));
  expect(validateChatResponse(resp)).toEqual([]);
  return { ...out, json: JSON.stringify(resp) };
}

const aidOf = (json: string) => /"key":"aid","value":"([^"]+)"/.exec(json)![1]!;

describe('the coordinator announces from Chat', () => {
  it('/kunngjoring configured to open a dialog opens it with what was typed after the command', () => {
    const ports = warm(data());
    const out = runSlash(ports, EVA, 'Fagdag for guidene fredag kl. 12', true);
    expect(out.reply.kind).toBe('dialog');
    expect(out.json).toContain('Kunngjøring til Google-guidene');
    expect(out.json).toContain('Fagdag for guidene fredag kl. 12');
    expect(out.json).toContain(`Maks ${LIMITS.announcement} tegn`);
  });

  it('typed in the DM (or a command without a dialog) answers with a card whose button opens the dialog, the text in it', () => {
    const ports = warm(data());
    const typed = run(ports, EVA, { text: 'kunngjøring Husk fagdagen' });
    expect(typed.json).toContain('Skriv kunngjøring');
    expect(buttonParams(typed.json, 'forum.announceOpen')).toEqual(expect.objectContaining({ message: 'Husk fagdagen' }));
    const cmd = runSlash(ports, EVA, 'Husk fagdagen', false);
    expect(cmd.reply.kind).toBe('card');
    const open = run(ports, EVA, { action: 'forum.announceOpen', params: { message: 'Husk fagdagen' }, dialog: 'open' });
    expect(open.reply.kind).toBe('dialog');
    expect(open.json).toContain('Husk fagdagen');
  });

  it('posts to the Announcements space as the app with the coordinator\'s name, once, with a record of it', () => {
    const ports = warm(data());
    const dlg = run(ports, EVA, { action: 'forum.announceOpen', dialog: 'open' });
    const aid = aidOf(dlg.json);
    const submit = () => run(ports, EVA, { action: 'forum.announce', params: { aid }, form: { message: 'Ny versjon av Gmail-kurset er ute.' }, dialog: 'submit' });
    expect(submit().json).toContain('Kunngjøringen er');
    submit();
    sendOutbox(ports);
    const out = posted(ports, ANNOUNCEMENTS);
    expect(out).toHaveLength(1);
    expect(JSON.stringify(out[0]!.message)).toContain('Ny versjon av Gmail-kurset er ute.');
    expect(JSON.stringify(out[0]!.message)).toContain('Eva Guide');
    expect(posted(ports, GUIDES_SPACE)).toHaveLength(0);
    expect(rows(ports, 'Notifications').filter((n) => n.kind === 'announcement')).toHaveLength(1);
    checkPosted(ports);
  });

  it('refuses a text over the limit with how long it is, keeps every character in the dialog, and posts nothing', () => {
    const ports = warm(data());
    const aid = aidOf(run(ports, EVA, { action: 'forum.announceOpen', dialog: 'open' }).json);
    const long = `${'Viktig beskjed til alle guidene. '.repeat(100)}SLUTT`;
    expect(long.length).toBeGreaterThan(LIMITS.announcement);
    const out = run(ports, EVA, { action: 'forum.announce', params: { aid }, form: { message: long }, dialog: 'submit' });
    expect(out.reply.kind).toBe('dialog');
    expect(out.json).toContain(`Teksten er på ${long.length} tegn, men kan være på høyst ${LIMITS.announcement}`);
    expect(out.json).toContain('SLUTT');
    expect(aidOf(out.json)).toBe(aid);
    sendOutbox(ports);
    expect(posted(ports, ANNOUNCEMENTS)).toHaveLength(0);
    expect(ports.meter.byKind['workbook.write']).toBeUndefined();
    // An empty one is refused in the dialog too.
    expect(run(ports, EVA, { action: 'forum.announce', params: { aid }, form: { message: '  ' }, dialog: 'submit' }).json).toContain('Skriv en melding først');
  });

  it('without an Announcements space goes to the guides\' forum space', () => {
    const d = data();
    d.Settings = d.Settings!.filter((s) => s.key !== 'announcementsSpace');
    const ports = warm(d);
    const aid = aidOf(run(ports, EVA, { action: 'forum.announceOpen', dialog: 'open' }).json);
    run(ports, EVA, { action: 'forum.announce', params: { aid }, form: { message: 'Hei guider' }, dialog: 'submit' });
    sendOutbox(ports);
    expect(posted(ports, GUIDES_SPACE)).toHaveLength(1);
  });

  it('is refused, with who may, for other guides and staff; the help card offers it to the coordinator only', () => {
    const ports = warm(data());
    for (const who of [P.ola, P.kari]) {
      expect(runSlash(ports, who, 'Hei', true).json).toContain('bare koordinatoren for Google-guidene');
      expect(run(ports, who, { action: 'forum.announce', params: { aid: 'ann-x1' }, form: { message: 'Hei' }, dialog: 'submit' }).json).toContain('ikke tilgang');
    }
    expect(rows(ports, 'Notifications')).toHaveLength(0);
    expect(run(ports, EVA, { text: 'hjelp' }).json).toContain('/kunngjoring');
    expect(buttonParams(run(ports, EVA, { text: 'hjelp' }).json, 'forum.announceOpen')).toBeDefined();
    expect(buttonParams(run(ports, P.ola, { text: 'hjelp' }).json, 'forum.announceOpen')).toBeUndefined();
  });
});
