// The Chat app: Google's documented events replayed through the guard, the welcome per kind of space, removal, help by
// role, "my guide", guide statistics (own / all / ranking) and announcements.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { guarded } from '../../../../src/app/pipeline/handle';
import { ENTRY_POINTS } from '../../../../src/app/pipeline/entry-points';
import { toChatResponse } from '../../../../src/ui/envelopes';
import { googleRefDir, validateChatResponse } from '../../../support/discovery-validator';
import { buttonParams, checkLimits, checkPosted, forumData, handlers, posted, rows, run, warm, EVA, GUIDES_SPACE, P } from './support';

function entryOf(event: { chat?: Record<string, unknown> }): { host: 'chat'; action: string } {
  const c = event.chat ?? {};
  if (c.messagePayload) return ENTRY_POINTS.onMessage;
  if (c.appCommandPayload) return ENTRY_POINTS.onAppCommand;
  if (c.addedToSpacePayload) return ENTRY_POINTS.onAddedToSpace;
  if (c.removedFromSpacePayload) return ENTRY_POINTS.onRemovedFromSpace;
  if (c.widgetUpdatedPayload) return ENTRY_POINTS.onWidgetUpdate;
  return { host: 'chat', action: ENTRY_POINTS.onCardAction.action };
}

describe('documented Chat events, replayed', () => {
  const dir = join(googleRefDir(), 'chat-events');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

  it.each(files)('%s gets a schema-valid response within Chat’s limits', (file) => {
    const ports = warm();
    const event = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    if (event.chat?.user) event.chat.user.email = P.kari;
    const { reply, request } = guarded(ports, handlers, event, { ...entryOf(event), userEmail: event.chat?.user?.email ?? '' });
    const resp = JSON.parse(JSON.stringify(toChatResponse(reply, request ?? {})));
    expect(validateChatResponse(resp)).toEqual([]);
    checkLimits(resp);
    expect(JSON.stringify(resp)).not.toContain('Noe gikk galt');
    expect(ports.services.log.entries.filter((e) => e.level === 'error')).toEqual([]);
  });

  const replay = (file: string, email = P.kari) => {
    const ports = warm();
    const event = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    event.chat.user.email = email;
    const { reply, request } = guarded(ports, handlers, event, { ...entryOf(event), userEmail: event.chat?.user?.email ?? '' });
    return { ports, json: JSON.stringify(toChatResponse(reply, request ?? {})), resp: toChatResponse(reply, request ?? {}) };
  };

  it('answers "Hello! What can you do?" in a DM with what it can do (in the event’s language, English)', () => {
    expect(replay('01-message-direct-message.json').json).toContain('What Kompetent can do');
  });

  it('answers an @mention in a space privately, with FAQ search results', () => {
    const { resp } = replay('02-message-mention-in-space-thread.json');
    expect(resp).toHaveProperty('hostAppDataAction.chatDataAction.createMessageAction.message.privateMessageViewer.name', 'users/12345678901234567890');
  });

  it('welcomes when added to a space, and says nothing when removed', () => {
    expect(replay('08-added-to-space.json', P.per).json).toContain('Kompetent has been added');
    expect(replay('09-added-to-space-via-mention-interactionAdd.json', P.per).json).toContain('Kompetent has been added');
    expect(replay('10-removed-from-space.json').resp).toEqual({});
  });

  it('answers a multiselect autocomplete only with (no) suggestions, never a message (chat-responses.md §6)', () => {
    // No Kompetent card names an externalDataSource, so Chat never sends this; if it comes, the documented shape answers.
    expect(replay('12-widget-updated-multiselect-autocomplete.json').resp)
      .toEqual({ action: { modifyOperations: [{ updateWidget: { selectionInputWidgetSuggestions: { suggestions: [] } } }] } });
  });

  it('answers removal as removal even when the event carries an action parameter (Google sends none)', () => {
    const ports = warm();
    const event = JSON.parse(readFileSync(join(dir, '10-removed-from-space.json'), 'utf8'));
    event.chat.user.email = P.kari;
    event.commonEventObject.parameters = { action: 'status.mine' };
    const { reply, request } = guarded(ports, handlers, event, { ...ENTRY_POINTS.onRemovedFromSpace, userEmail: P.kari });
    expect(request?.action).toBe('chat.removed');
    expect(toChatResponse(reply, request ?? {})).toEqual({});
  });
});

describe('welcome and removal', () => {
  const added = (space: { name: string; type: string }) => ({
    commonEventObject: { hostApp: 'CHAT', userLocale: 'nb' },
    chat: { user: { name: 'users/1', email: P.per, type: 'HUMAN' }, space, addedToSpacePayload: { space } },
  });

  it('says what it can do in a DM, in a space, and to the guides in their space', () => {
    const ports = warm();
    const dm = guarded(ports, handlers, added({ name: 'spaces/dm-per', type: 'DM' }), { ...ENTRY_POINTS.onAddedToSpace, userEmail: P.per });
    expect(JSON.stringify(dm.reply)).toContain('Hei! Jeg er Kompetent');
    const guides = guarded(ports, handlers, added({ name: GUIDES_SPACE, type: 'ROOM' }), { ...ENTRY_POINTS.onAddedToSpace, userEmail: P.per });
    expect(JSON.stringify(guides.reply)).toContain('Velkommen, Google-guider!');
    for (const r of [dm, guides]) expect(validateChatResponse(JSON.parse(JSON.stringify(toChatResponse(r.reply, r.request!))))).toEqual([]);
  });

  it('logs losing the guides’ space as an error for the administrators', () => {
    const ports = warm();
    const space = { name: GUIDES_SPACE, type: 'ROOM' };
    guarded(ports, handlers, { chat: { user: { email: P.guri }, space, removedFromSpacePayload: { space } } }, { ...ENTRY_POINTS.onRemovedFromSpace, userEmail: P.guri });
    expect(ports.services.log.entries.some((e) => e.level === 'error' && e.message.includes('guides'))).toBe(true);
  });
});

describe('help and my guide', () => {
  it('adds what a leader, a guide and an admin can do', () => {
    const ports = warm();
    expect(run(ports, P.kari, { text: 'hjelp' }).json).not.toContain('Google-guide:</b>');
    expect(run(ports, P.ola, { text: 'hjelp' }).json).toContain('Google-guide:');
    expect(run(ports, P.per, { text: 'hjelp' }).json).toContain('Leder:');
    expect(run(ports, P.guri, { text: 'hjelp' }).json).toContain('forum.announceOpen');
  });

  it('shows the guides of my unit and the units above it, not those who stepped back', () => {
    const ports = warm();
    const res = run(ports, P.kari, { text: 'guide' });
    expect(res.json).toContain('Eva Guide');
    expect(res.json).toContain('Guide for enheten over deg');
    expect(res.json).not.toContain('Ivar');
    expect(ports.meter.snapshot().byKind).toEqual({ 'cache.getAll': 1 });
  });
});

describe('guide statistics', () => {
  it('shows a guide their own numbers and admins everyone’s; staff see nothing', () => {
    const ports = warm();
    const guide = run(ports, EVA, { action: 'forum.stats' });
    expect(guide.json).toContain('Dine tall');
    expect(guide.json).not.toContain('Ola Åsen');
    const admin = run(ports, P.guri, { action: 'forum.stats' });
    expect(admin.json).toContain('Ola Åsen');
    expect(admin.json).toContain('Eva Guide');
    expect(run(ports, P.kari, { action: 'forum.stats' }).json).toContain('ikke tilgang');
  });

  it('shows guides a ranking only when the municipality turns it on', () => {
    const data = forumData();
    data.Settings!.push({ key: 'guideRankingPublic', value: 'true' });
    const ports = warm(data);
    const res = run(ports, EVA, { action: 'forum.stats' });
    expect(res.json).toContain('Flest besvarte');
    expect(res.json).toContain('Ola Åsen');
  });
});

describe('announcements', () => {
  it('lets only admins post to the guides’ space, once per announcement', () => {
    const ports = warm();
    expect(run(ports, P.ola, { action: 'forum.announceOpen', dialog: 'open' }).json).toContain('ikke tilgang');
    const dlg = run(ports, P.guri, { action: 'forum.announceOpen', dialog: 'open' });
    const aid = /"key":"aid","value":"([^"]+)"/.exec(dlg.json)![1]!;
    const submit = () => run(ports, P.guri, { action: 'forum.announce', params: { aid }, form: { message: 'Ny versjon av Gmail-kurset er ute. @all' }, dialog: 'submit' });
    expect(submit().json).toContain('lagt ut');
    submit();
    const mine = posted(ports, GUIDES_SPACE);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.message.text).not.toMatch(/@all\b/);
    expect(rows(ports, 'Notifications')).toHaveLength(1);
    checkPosted(ports);
  });

  it('is committed before it is posted (an Outbox Chat effect): Chat down at the click loses nothing, the job posts it once', () => {
    const ports = warm();
    const chat = ports.services.chat;
    const original = chat.createMessage.bind(chat);
    let postedUnderLock = false;
    chat.createMessage = () => {
      if (ports.services.lock.held) postedUnderLock = true;
      throw new Error('Chat API create failed: HTTP 503 unavailable');
    };
    const dlg = run(ports, P.guri, { action: 'forum.announceOpen', dialog: 'open' });
    const params = buttonParams(dlg.json, 'forum.announce')!;
    const submit = () => run(ports, P.guri, { action: 'forum.announce', params, form: { message: 'Nytt kurs i Chat på torsdag.' }, dialog: 'submit' });
    expect(submit().json).toContain('lagt ut');
    expect(postedUnderLock).toBe(false);
    const effect = rows(ports, 'Outbox').filter((o) => o.channel === 'chat' && String(o.subjectKey).startsWith('announce:'));
    expect(effect.map((o) => o.status)).toEqual(['pending']);
    // The same submit again (a double click: the same key) changes nothing.
    submit();
    expect(rows(ports, 'Outbox').filter((o) => String(o.subjectKey).startsWith('announce:'))).toHaveLength(1);
    expect(rows(ports, 'Notifications')).toHaveLength(1);
    chat.createMessage = original;
    const job = () => guarded(ports, handlers, {}, { host: 'job', action: 'job.outbox', userEmail: '', fromTrigger: true });
    job();
    job();
    expect(posted(ports, GUIDES_SPACE)).toHaveLength(1);
    expect(posted(ports, GUIDES_SPACE)[0]!.message.text).toContain('Nytt kurs i Chat');
    expect(rows(ports, 'Outbox').find((o) => String(o.subjectKey).startsWith('announce:'))!.status).toBe('sent');
    checkPosted(ports);
  });
});
