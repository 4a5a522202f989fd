// The event JSON Google sends, built the way the browser sees the action (shared by the workspace client and server).
// Shapes: ../shared/google/chat-events/*.json (Chat app as a Workspace add-on) and ../shared/google/addon-events/*.json.
import { COMMANDS } from '../../app/pipeline/chat-routing';
import type { ChatMessage } from '../../contract/card-types';
import type { FormInputs } from './card-inputs';

export const APP_NAME = 'Kompetent';
export const TIME_ZONE = 'Europe/Oslo';

export interface Who { email: string; name: string; locale: string }

/** A message as the local workspace stores it (src/adapters/memory/memory-services.ts PostedMessage). */
export interface StoredMessage {
  name: string;
  space: string;
  threadName: string;
  message: ChatMessage;
  createTime: string;
  sender: { type: 'BOT' | 'HUMAN'; email?: string; displayName?: string };
}

/** A stable `users/{id}` for an e-mail (Chat user ids are numeric strings). */
export function userResourceName(email: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const ch of email.toLowerCase()) {
    const c = ch.codePointAt(0)!;
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `users/1${String(h1).padStart(10, '0')}${String(h2).padStart(10, '0')}`;
}

/** The DM space between the app and a person (the app is installed for the whole domain, so everyone has one). */
export function dmSpaceOf(email: string): string {
  return `spaces/dm-${email.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

export function isDm(space: string): boolean {
  return space.startsWith('spaces/dm-');
}

export function chatUser(who: Who) {
  return { name: userResourceName(who.email), displayName: who.name, email: who.email, type: 'HUMAN' };
}

const APP_USER = { name: 'users/kompetent-app', displayName: APP_NAME, type: 'BOT' };

export function chatSpace(name: string, displayName?: string) {
  return isDm(name)
    ? { name, type: 'DM', spaceType: 'DIRECT_MESSAGE', singleUserBotDm: true, spaceThreadingState: 'UNTHREADED_MESSAGES', spaceHistoryState: 'HISTORY_ON' }
    : { name, type: 'ROOM', spaceType: 'SPACE', displayName: displayName ?? name, spaceThreadingState: 'THREADED_MESSAGES', spaceHistoryState: 'HISTORY_ON' };
}

/** The municipality's zone with its current offset, as commonEventObject.timeZone (offset in ms, a number: S7/A8). */
export function timeZoneOf(now: Date): { id: string; offset: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
    .formatToParts(now);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return { id: TIME_ZONE, offset: Math.round((local - Math.floor(now.getTime() / 60_000) * 60_000) / 60_000) * 60_000 };
}

/** A stored message as the Chat API `Message` resource that events carry (buttonClickedPayload.message). */
export function messageResource(m: StoredMessage, spaceDisplayName?: string) {
  const sender = m.sender.type === 'BOT' ? APP_USER
    : { name: userResourceName(m.sender.email ?? ''), displayName: m.sender.displayName ?? m.sender.email ?? '', email: m.sender.email, type: 'HUMAN' };
  const { name: _n, thread: _t, space: _s, ...content } = m.message as ChatMessage & { name?: string; space?: unknown };
  return { name: m.name, sender, createTime: m.createTime, ...content, thread: { name: m.threadName }, space: chatSpace(m.space, spaceDisplayName) };
}

function common(who: Who, extra: Record<string, unknown> = {}) {
  return { hostApp: 'CHAT', platform: 'WEB', userLocale: who.locale, ...extra };
}

/** `threadReply`: typed as a reply in an existing thread of a space (Message.threadReply). */
export interface Typed { name: string; text: string; threadName: string; createTime: string; threadReply?: boolean }

/** What the composer text is: a slash command, an @mention of the app, or plain text (Chat sends the app nothing). */
export type Composed =
  | { kind: 'command'; commandId: number; commandName: string; argumentText: string }
  | { kind: 'mention'; argumentText: string }
  | { kind: 'plain' };

export function parseComposer(text: string, inDm: boolean): Composed {
  const t = text.trim();
  const slash = /^\/(\S+)(.*)$/su.exec(t);
  if (slash) {
    // As in Chat: only a configured command name is a command; any other "/word" is sent as typed.
    const word = (slash[1] ?? '').toLowerCase();
    const cmd = COMMANDS.find((c) => c.slash.toLowerCase() === word);
    if (cmd) return { kind: 'command', commandId: cmd.id, commandName: `/${cmd.slash}`, argumentText: slash[2] ?? '' };
  }
  const mention = new RegExp(`^@${APP_NAME}\\b`, 'i').exec(t);
  if (mention) return { kind: 'mention', argumentText: t.slice(mention[0].length) };
  return inDm ? { kind: 'mention', argumentText: t } : { kind: 'plain' };
}

function typedMessage(who: Who, space: string, m: Typed, argumentText: string, spaceName?: string) {
  return {
    name: m.name, sender: chatUser(who), createTime: m.createTime, text: m.text, argumentText, formattedText: m.text,
    thread: { name: m.threadName }, ...(m.threadReply ? { threadReply: true } : {}), space: chatSpace(space, spaceName),
  };
}

/** A DM message or an @mention in a space (chat-events/01, 02). */
export function messageEvent(who: Who, space: string, m: Typed, argumentText: string, spaceName?: string) {
  const sp = chatSpace(space, spaceName);
  const message = { ...typedMessage(who, space, m, argumentText, spaceName), ...(isDm(space) ? {} : {
    annotations: [{ type: 'USER_MENTION', startIndex: 0, length: APP_NAME.length + 1, userMention: { user: APP_USER, type: 'MENTION' } }],
  }) };
  return { commonEventObject: common(who), chat: { user: chatUser(who), space: sp, eventTime: m.createTime, messagePayload: { space: sp, message } } };
}

/** A slash command with its argument text (chat-events/03). */
export function commandEvent(who: Who, space: string, m: Typed, cmd: { commandId: number; commandName: string; argumentText: string }, spaceName?: string) {
  const sp = chatSpace(space, spaceName);
  const message = {
    ...typedMessage(who, space, m, cmd.argumentText, spaceName),
    slashCommand: { commandId: String(cmd.commandId) },
    annotations: [{ type: 'SLASH_COMMAND', startIndex: 0, length: cmd.commandName.length,
      slashCommand: { bot: APP_USER, type: 'INVOKE', commandName: cmd.commandName, commandId: String(cmd.commandId), triggersDialog: false } }],
  };
  return { commonEventObject: common(who), chat: { user: chatUser(who), space: sp, eventTime: m.createTime, appCommandPayload: {
    appCommandMetadata: { appCommandId: cmd.commandId, appCommandType: 'SLASH_COMMAND' }, space: sp, thread: { name: m.threadName }, message, isDialogEvent: false,
  } } };
}

export type DialogEventType = 'REQUEST_DIALOG' | 'SUBMIT_DIALOG';

/** A card button click on a message, or in a dialog opened from it (chat-events/04, 05, 06, 07). */
export function clickEvent(who: Who, clicked: StoredMessage, input: { parameters: Record<string, string>; formInputs?: FormInputs; dialog?: DialogEventType; now: Date; spaceName?: string }) {
  const sp = chatSpace(clicked.space, input.spaceName);
  const formInputs = input.formInputs && Object.keys(input.formInputs).length ? { formInputs: input.formInputs } : {};
  return {
    commonEventObject: common(who, { timeZone: timeZoneOf(input.now), parameters: input.parameters, ...formInputs }),
    chat: { user: chatUser(who), space: sp, eventTime: input.now.toISOString(), buttonClickedPayload: {
      message: messageResource(clicked, input.spaceName), space: sp,
      isDialogEvent: input.dialog !== undefined, ...(input.dialog ? { dialogEventType: input.dialog } : {}),
    } },
  };
}

/** The app added to a space, e.g. a person opening their DM with it for the first time (chat-events/08). */
export function addedEvent(who: Who, space: string, now: Date, spaceName?: string) {
  const sp = chatSpace(space, spaceName);
  return { commonEventObject: common(who), chat: { user: chatUser(who), space: sp, eventTime: now.toISOString(), addedToSpacePayload: { space: sp, interactionAdd: false } } };
}

export type AddonHost = 'gmail' | 'docs' | 'sheets';

/** A Gmail, Docs or Sheets add-on event (addon-events/*.json): homepage, contextual, or a card action callback. */
export function addonEvent(host: AddonHost, who: Who, input: {
  now: Date; parameters?: Record<string, string>; formInputs?: FormInputs;
  gmail?: { messageId: string; threadId: string }; file?: { id: string; title: string };
}) {
  const action = input.parameters ? {
    parameters: input.parameters, ...(input.formInputs && Object.keys(input.formInputs).length ? { formInputs: input.formInputs } : {}),
  } : {};
  const event: Record<string, unknown> = {
    commonEventObject: { hostApp: host.toUpperCase(), platform: 'WEB', userLocale: who.locale, timeZone: timeZoneOf(input.now), ...action },
  };
  if (host === 'gmail' && input.gmail) event.gmail = { ...input.gmail, accessToken: 'local-access-token' };
  if (host !== 'gmail') event[host] = input.file ? { addonHasFileScopePermission: true, id: input.file.id, title: input.file.title } : { addonHasFileScopePermission: false };
  return event;
}
