// Chat as the local workspace simulates it: replies land in the right space and thread, clicks update the clicked
// message, dialogs open, submit and close as in Chat, private messages stay private, posts through the Chat API port.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Handlers } from '../../src/app/pipeline/handler';
import { allHandlers } from '../../src/app/pipeline/router';
import { DEMO_PERSONAS } from '../../src/demo';
import { addedEvent, clickEvent, dmSpaceOf, messageEvent, userResourceName, type StoredMessage, type Who } from '../../src/workspace/web/google-events';
import { chatTurn, visibleTo } from '../../src/workspace/chat-sim';
import { HttpError } from '../../src/workspace/http';
import { Workspace } from '../../src/workspace/workspace';
import type { Card } from '../../src/contract/card-types';

const card = (title: string): Card => ({ header: { title }, sections: [{ widgets: [{ textParagraph: { text: title } }] }] });
const NOW = new Date('2026-11-23T08:00:00Z');

const fakes: Handlers = {
  'test.open': { kind: 'read', run: () => ({ kind: 'dialog', card: card('Dialog') }) },
  'test.next': { kind: 'read', run: () => ({ kind: 'dialog', card: card('Step 2') }) },
  'test.save': { kind: 'read', run: (env) => ({ kind: 'close', message: { text: `saved ${env.req.form.note?.strings[0] ?? ''}` } }) },
  'test.done': { kind: 'read', run: () => ({ kind: 'close', notify: 'Lagret' }) },
  'test.update': { kind: 'read', run: () => ({ kind: 'card', card: card('Updated'), nav: 'update' }) },
  'test.forum': {
    kind: 'read',
    run: (env) => {
      env.ports.chat.createMessage('spaces/GUIDES', { text: 'Ny tråd' }, { threadKey: 'q-1' });
      env.ports.chat.createMessage('spaces/GUIDES', { text: 'Svar i tråden' }, { threadKey: 'q-1' });
      return { kind: 'notify', text: 'Sendt til guidene' };
    },
  },
  'test.private': { kind: 'read', run: (env) => ({ kind: 'message', message: { text: 'bare for deg', privateMessageViewer: { name: userResourceName(env.req.userEmail) } } as never }) },
};

const staff: Who = { email: DEMO_PERSONAS.staff, name: 'Sunniva Nygård', locale: 'nb' };
const dm = dmSpaceOf(staff.email);
let ws: Workspace;
let seq = 0;

beforeAll(() => {
  ws = new Workspace({ dataDir: mkdtempSync(join(tmpdir(), 'kompetent-chat-')), employees: 60, startAt: NOW.toISOString(), handlers: { ...allHandlers(), ...fakes } });
});
afterAll(() => ws.close());

function say(text: string, space = dm, thread?: string) {
  seq++;
  return chatTurn(ws, messageEvent(staff, space, { name: `${space}/messages/s${seq}`, text, threadName: thread ?? `${space}/threads/s${seq}`, createTime: NOW.toISOString() }, text));
}
const last = (): StoredMessage => ws.services.chat.messages.at(-1)!;
const byName = (name: string) => ws.services.chat.messages.find((m) => m.name === name)!;
const click = (m: StoredMessage, action: string, extra: Partial<Parameters<typeof clickEvent>[2]> = {}) =>
  chatTurn(ws, clickEvent(staff, m, { parameters: { action }, now: NOW, ...extra }));

test('the app\'s reply lands in the DM, in the thread of the message it answers', () => {
  const { effect } = say('status');
  expect(effect.created).toHaveLength(1);
  const reply = byName(effect.created[0]!);
  const asked = ws.services.chat.messages.at(-2)!;
  expect(asked.sender).toMatchObject({ type: 'HUMAN', email: staff.email });
  expect(reply.space).toBe(dm);
  expect(reply.threadName).toBe(asked.threadName);
  expect(reply.message.cardsV2?.[0]!.card.header?.title).toBe('Min kompetanse');
  expect(ws.services.chat.findDirectMessage(staff.email)).toBe(dm);
});

test('ADDED_TO_SPACE: the app greets in a new thread', () => {
  const before = ws.services.chat.messages.length;
  const { effect } = chatTurn(ws, addedEvent(staff, dm, NOW));
  expect(effect.created).toHaveLength(1);
  expect(ws.services.chat.messages.length).toBe(before + 1);
  expect(last().sender.type).toBe('BOT');
});

test('a click answered with nav update replaces the clicked message (updateMessageAction)', () => {
  say('status');
  const target = last();
  const count = ws.services.chat.messages.length;
  const { response, effect } = click(target, 'test.update');
  expect(response).toHaveProperty('hostAppDataAction.chatDataAction.updateMessageAction');
  expect(effect.updated).toEqual([target.name]);
  expect(ws.services.chat.messages.length).toBe(count);
  expect(byName(target.name).message.cardsV2?.[0]!.card.header?.title).toBe('Updated');
});

test('dialogs: REQUEST_DIALOG opens, a SUBMIT step pushes the next card, a posted message closes it', () => {
  say('status');
  const origin = last();
  const open = click(origin, 'test.open', { dialog: 'REQUEST_DIALOG' });
  expect(open.effect.dialog?.header?.title).toBe('Dialog');
  expect(open.effect.created).toEqual([]);
  const next = click(origin, 'test.next', { dialog: 'SUBMIT_DIALOG' });
  expect(next.effect.dialog?.header?.title).toBe('Step 2');
  const save = click(origin, 'test.save', { dialog: 'SUBMIT_DIALOG', formInputs: { note: { stringInputs: { value: ['hei'] } } } });
  expect(save.effect.closeDialog).toBe(true);
  expect(byName(save.effect.created[0]!).message.text).toBe('saved hei');
  expect(byName(save.effect.created[0]!).threadName).toBe(origin.threadName);
});

test('dialogs: closing with a notification (endNavigation + notification)', () => {
  const origin = last();
  const { effect } = click(origin, 'test.done', { dialog: 'SUBMIT_DIALOG' });
  expect(effect).toMatchObject({ closeDialog: true, notification: 'Lagret', created: [] });
});

test('messages the app posts through the Chat API land in the room, one thread per thread key', () => {
  say('status');
  const before = ws.services.chat.messages.length; // the demo questions' thread cards are there already
  const { effect } = click(last(), 'test.forum');
  expect(effect.created).toHaveLength(1); // the notify reply in the DM
  const forum = ws.services.chat.messages.slice(before).filter((m) => m.space === 'spaces/GUIDES');
  expect(forum.map((m) => m.message.text)).toEqual(['Ny tråd', 'Svar i tråden']);
  expect(new Set(forum.map((m) => m.threadName)).size).toBe(1);
  expect(ws.rooms().map((r) => r.name)).toContain('spaces/GUIDES');
});

test('a private message is seen only by its viewer', () => {
  say('status');
  click(last(), 'test.private');
  const m = last();
  expect(visibleTo(m, staff.email)).toBe(true);
  expect(visibleTo(m, DEMO_PERSONAS.admin)).toBe(false);
  expect(() => chatTurn(ws, clickEvent({ ...staff, email: DEMO_PERSONAS.admin }, { ...m, space: dmSpaceOf(DEMO_PERSONAS.admin) }, { parameters: { action: 'test.update' }, now: NOW })))
    .toThrow(HttpError);
});

test('a room the app is not in is refused', () => {
  expect(() => say('hei', 'spaces/NOWHERE')).toThrow(/not in spaces\/NOWHERE/);
});
