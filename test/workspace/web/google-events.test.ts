// The events the workspace's browser builds have the shape of Google's documented examples, and the app reads them right.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEvent } from '../../../src/app/pipeline/events';
import { COMMANDS, routeChat } from '../../../src/app/pipeline/chat-routing';
import { t, type MessageKey } from '../../../src/core/i18n';
import { ACTIONS } from '../../../src/contract/actions';
import {
  addedEvent, addonEvent, clickEvent, commandEvent, dmSpaceOf, messageEvent, parseComposer, timeZoneOf, userResourceName, type StoredMessage, type Who,
} from '../../../src/workspace/web/google-events';
import { googleRefDir } from '../../support/google-ref';

const GOOGLE = googleRefDir();
const fixture = (dir: string, file: string) => JSON.parse(readFileSync(join(GOOGLE, dir, file), 'utf8'));

/** Every key path of a JSON value (arrays by their first element), to compare shapes without values. */
function paths(v: unknown, at = ''): string[] {
  if (Array.isArray(v)) return v.length ? paths(v[0], `${at}[]`) : [`${at}[]`];
  // Parameter and form-input names are the card's own, so they count as one wildcard key.
  const key = (k: string) => (/\.(parameters|formInputs)$/.test(at) ? '*' : k);
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [`${at}.${key(k)}`, ...paths(x, `${at}.${key(k)}`)]);
  return [];
}
/** Google's paths we also send (the examples carry a few fields we do not simulate, such as avatar URLs). */
function missing(ours: unknown, google: unknown, ignore: RegExp = /avatarUrl|configCompleteRedirectUri|threadReply|authorizationEventObject|cardsV2|accessoryWidgets|annotations/) {
  const have = new Set(paths(ours));
  return paths(google).filter((p) => !ignore.test(p) && !have.has(p));
}

const who: Who = { email: 'kari.nordmann@kommune.example', name: 'Kari Nordmann', locale: 'nb' };
const dm = dmSpaceOf(who.email);
const NOW = new Date('2026-11-23T08:00:00Z');
const typed = (space: string, text: string) => ({ name: `${space}/messages/A.A`, text, threadName: `${space}/threads/A`, createTime: NOW.toISOString() });
const botMessage: StoredMessage = {
  name: `${dm}/messages/B.B`, space: dm, threadName: `${dm}/threads/B`, createTime: NOW.toISOString(),
  message: { text: 'Hei', cardsV2: [{ cardId: 'c', card: { sections: [] } }] }, sender: { type: 'BOT', displayName: 'Kompetent' },
};

test('a DM message has every field of chat-events/01 and becomes a routed request for its sender', () => {
  const e = messageEvent(who, dm, typed(dm, 'status'), 'status');
  expect(missing(e, fixture('chat-events', '01-message-direct-message.json'))).toEqual([]);
  const r = parseEvent(e, { host: 'chat', action: ACTIONS.chatMessage, userEmail: who.email });
  expect(r.ok && routeChat(r.request)).toMatchObject({ userEmail: who.email, action: ACTIONS.myStatus, chat: { spaceType: 'DM', event: 'message' } });
});

test('an @mention in a room has every field of chat-events/02; its argumentText is the text after the mention', () => {
  const room = 'spaces/GUIDES';
  const c = parseComposer('@Kompetent hvordan deler jeg en kalender?', false);
  expect(c).toEqual({ kind: 'mention', argumentText: ' hvordan deler jeg en kalender?' });
  const e = messageEvent(who, room, typed(room, '@Kompetent hvordan deler jeg en kalender?'), c.kind === 'mention' ? c.argumentText : '', 'Google-guider');
  expect(missing(e, fixture('chat-events', '02-message-mention-in-space-thread.json'))).toEqual([]);
  const r = parseEvent(e, { host: 'chat', action: ACTIONS.chatMessage, userEmail: who.email });
  expect(r.ok && r.request.chat).toMatchObject({ text: 'hvordan deler jeg en kalender?', spaceType: 'ROOM', threadName: `${room}/threads/A` });
  expect(parseComposer('bare prat', false)).toEqual({ kind: 'plain' });
  expect(parseComposer('bare prat', true)).toEqual({ kind: 'mention', argumentText: 'bare prat' });
});

test('a slash command has every field of chat-events/03 and routes by its command id', () => {
  const c = parseComposer('/sporsmal Hvordan bytter jeg passord?', true);
  expect(c).toMatchObject({ kind: 'command', commandId: 4, commandName: '/sporsmal' });
  // As in Chat: a slash word that is not a configured command name is plain text (routed by its words in a DM).
  expect(parseComposer('/spør Hvordan?', true)).toEqual({ kind: 'mention', argumentText: '/spør Hvordan?' });
  expect(parseComposer('/spør Hvordan?', false)).toEqual({ kind: 'plain' });
  if (c.kind !== 'command') throw new Error('not a command');
  const inRoom = commandEvent(who, 'spaces/GUIDES', typed('spaces/GUIDES', '/sporsmal Hvordan bytter jeg passord?'), c, 'Google-guider');
  expect(missing(inRoom, fixture('chat-events', '03-app-command-slash-with-argument-text.json'))).toEqual([]);
  const e = commandEvent(who, dm, typed(dm, '/sporsmal Hvordan bytter jeg passord?'), c);
  const r = parseEvent(e, { host: 'chat', action: ACTIONS.chatCommand, userEmail: who.email });
  expect(r.ok && routeChat(r.request)).toMatchObject({ action: ACTIONS.askOpen, params: { query: 'Hvordan bytter jeg passord?' } });
  expect(parseComposer('/finnesikke', true)).toEqual({ kind: 'mention', argumentText: '/finnesikke' });
});

test('card clicks and dialog events have the fields of chat-events/04–06 and carry parameters and form inputs', () => {
  const inRoom = { ...botMessage, space: 'spaces/GUIDES', name: 'spaces/GUIDES/messages/C.C', threadName: 'spaces/GUIDES/threads/C' };
  const roomClick = clickEvent(who, inRoom, { parameters: { action: 'forum.claim' }, formInputs: { note: { stringInputs: { value: ['x'] } } }, now: NOW, spaceName: 'Google-guider' });
  expect(missing(roomClick, fixture('chat-events', '04-button-clicked-card-message-form-inputs.json'), /avatarUrl|threadReply|cardsV2|formInputs\.\*\.dateInput/)).toEqual([]);
  const plain = clickEvent(who, botMessage, { parameters: { action: 'courses.signUp', sessionId: 'S1' }, now: NOW });
  const request = clickEvent(who, botMessage, { parameters: { action: 'forum.askOpen' }, dialog: 'REQUEST_DIALOG', now: NOW });
  expect(missing(request, fixture('chat-events', '05-button-clicked-open-dialog-request.json'))).toEqual([]);
  const submit = clickEvent(who, botMessage, { parameters: { action: 'forum.ask' }, formInputs: { when: { dateInput: { msSinceEpoch: '1767225600000' } }, topic: { stringInputs: { value: ['gmail'] } } }, dialog: 'SUBMIT_DIALOG', now: NOW });
  expect(missing(submit, fixture('chat-events', '06-dialog-submit-form-inputs.json'))).toEqual([]);
  const r = parseEvent(submit, { host: 'chat', action: ACTIONS.home, userEmail: who.email });
  expect(r.ok && r.request).toMatchObject({
    action: 'forum.ask', form: { when: { msSinceEpoch: 1767225600000 } },
    chat: { event: 'click', isDialog: true, dialogEventType: 'SUBMIT_DIALOG', messageName: botMessage.name, threadName: botMessage.threadName },
  });
  expect(plain.chat.buttonClickedPayload.message.sender).toMatchObject({ type: 'BOT' });
});

test('added to space has the fields of chat-events/08', () => {
  expect(missing(addedEvent(who, 'spaces/GUIDES', NOW, 'Google-guider'), fixture('chat-events', '08-added-to-space.json'))).toEqual([]);
});

test('add-on events have the fields of the Gmail, Docs and Sheets examples', () => {
  const gmail = addonEvent('gmail', who, { now: NOW, gmail: { messageId: 'msg-f:3', threadId: 'thread-f:3' }, parameters: { action: 'courses.signUp' }, formInputs: { n: { stringInputs: { value: ['1'] } } } });
  expect(missing(gmail, fixture('addon-events', 'gmail-card-action-callback-http.json'), /authorizationEventObject|dateInput|dateTimeInput|timeInput/)).toEqual([]);
  expect(missing(addonEvent('docs', who, { now: NOW }), fixture('addon-events', 'docs-homepage-no-file-scope.json'))).toEqual([]);
  expect(missing(addonEvent('docs', who, { now: NOW, file: { id: 'd1', title: 'Samtale' } }), fixture('addon-events', 'docs-file-scope-granted.json'))).toEqual([]);
  expect(missing(addonEvent('sheets', who, { now: NOW }), fixture('addon-events', 'sheets-homepage-no-file-scope.json'))).toEqual([]);
  const r = parseEvent(gmail, { host: 'gmail', action: ACTIONS.home, userEmail: who.email });
  expect(r.ok && r.request).toMatchObject({ action: 'courses.signUp', gmail: { messageId: 'msg-f:3' }, userEmail: who.email });
});

test('user names are stable per person and the time zone offset is Oslo\'s', () => {
  expect(userResourceName('A@x.no')).toBe(userResourceName('a@x.no'));
  expect(userResourceName('a@x.no')).not.toBe(userResourceName('b@x.no'));
  expect(userResourceName('a@x.no')).toMatch(/^users\/\d{21}$/);
  expect(timeZoneOf(new Date('2026-01-15T12:00:00Z'))).toEqual({ id: 'Europe/Oslo', offset: 3_600_000 });
  expect(timeZoneOf(new Date('2026-07-15T12:00:00Z')).offset).toBe(7_200_000);
});

test('every command has one slash name (ASCII letters, as Chat names are documented), a hint, and the same list in the docs and README', () => {
  const root = join(__dirname, '..', '..', '..');
  const setup = readFileSync(join(root, 'docs', 'google-setup.md'), 'utf8');
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const documented = [...setup.matchAll(/^ {2}\| (\d+) \| `\/([^`]+)` \|/gm)].map((m) => `${m[1]} /${m[2]}`);
  const inReadme = [...readme.matchAll(/`\/(\w+)` (\d+)/g)].map((m) => `${m[2]} /${m[1]}`);
  const configured = COMMANDS.map((c) => `${c.id} /${c.slash}`);
  expect(documented).toEqual(configured);
  expect(inReadme).toEqual(configured);
  for (const c of COMMANDS) {
    expect(c.slash).toMatch(/^[a-z][a-zA-Z]*$/);
    expect(t('nb', `command.hint.${c.slash}` as MessageKey)).not.toMatch(/^command\./);
    expect(parseComposer(`/${c.slash} x`, true)).toMatchObject({ kind: 'command', commandId: c.id, commandName: `/${c.slash}` });
  }
  // What people read names the configured command, never a name Chat does not know.
  for (const key of ['help.body', 'welcome.dm.body'] as const) {
    for (const m of t('nb', key).matchAll(/(?<![<\w])\/([a-zæøå]+)/g)) expect(COMMANDS.map((c) => c.slash)).toContain(m[1]);
  }
});
