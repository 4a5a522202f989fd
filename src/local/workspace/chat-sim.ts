// Google Chat, simulated: builds the add-on event JSON Chat sends (chat-events/*.json) and applies the app's response.
import { COMMANDS } from '../../app/chat-routing';
import type { Card, ChatMessage } from '../../ui/card-types';
import { toChatResponse } from '../../ui/envelopes';
import type { PostedMessage } from '../memory-services';
import type { Workspace } from './workspace';

export const GUIDE_SPACE = 'spaces/GUIDES';

export interface Person { email: string; name: string; locale: string }

export function dmSpaceOf(email: string): string {
  return `spaces/dm-${email.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

function spaceJson(name: string) {
  return name.startsWith('spaces/dm-')
    ? { name, type: 'DM', spaceType: 'DIRECT_MESSAGE', singleUserBotDm: true }
    : { name, type: 'ROOM', spaceType: 'SPACE', displayName: name === GUIDE_SPACE ? 'Google-guider' : name };
}

function userJson(p: Person) {
  return { name: `users/${p.email.replace(/[^a-z0-9]/gi, '')}`, displayName: p.name, email: p.email, type: 'HUMAN' };
}

export interface ChatInput {
  space: string;
  threadName?: string;
  text?: string;
  click?: { messageName?: string; parameters: Record<string, string>; formInputs?: Record<string, unknown>; openDialog?: boolean; inDialog?: boolean };
}

export interface ChatResult { dialog?: Card; notification?: string; closeDialog?: boolean; error?: string }

/** The event for a typed message or slash command, or a card click, shaped as Google documents it. */
export function chatEvent(ws: Workspace, who: Person, input: ChatInput, posted?: PostedMessage): unknown {
  const now = ws.ports.clock.now().toISOString();
  const space = spaceJson(input.space);
  const user = userJson(who);
  const common: Record<string, unknown> = { hostApp: 'CHAT', platform: 'WEB', userLocale: who.locale };
  const base = { user, space, eventTime: now };
  if (input.click) {
    common.parameters = input.click.parameters;
    if (input.click.formInputs) common.formInputs = input.click.formInputs;
    const clicked = ws.services.chat.messages.find((m) => m.name === input.click!.messageName);
    const dialog = input.click.openDialog ? 'REQUEST_DIALOG' : input.click.inDialog ? 'SUBMIT_DIALOG' : undefined;
    return {
      commonEventObject: common,
      chat: { ...base, buttonClickedPayload: {
        space, isDialogEvent: !!dialog, ...(dialog ? { dialogEventType: dialog } : {}),
        ...(clicked ? { message: { name: clicked.name, thread: { name: clicked.threadName }, space, ...clicked.message, ...(clicked.sender.type === 'BOT' ? { sender: { type: 'BOT', displayName: 'Kompetent' } } : {}) } } : {}),
      } },
    };
  }
  const text = input.text ?? '';
  const message = { name: posted?.name, sender: user, createTime: now, text, thread: { name: posted?.threadName }, space };
  const slash = /^\/(\S+)\s*(.*)$/s.exec(text.trim());
  const command = slash && COMMANDS.find((c) => c.words.includes(slash[1].toLowerCase()));
  if (command) {
    return { commonEventObject: common, chat: { ...base, appCommandPayload: {
      space, message: { ...message, argumentText: ` ${slash![2]}`, slashCommand: { commandId: String(command.id) } },
      appCommandMetadata: { appCommandId: command.id, appCommandType: 'SLASH_COMMAND' }, isDialogEvent: false,
    } } };
  }
  const argumentText = text.replace(/^@Kompetent\s*/i, '');
  return { commonEventObject: common, chat: { ...base, messagePayload: { space, message: { ...message, argumentText } } } };
}

/** Sends what the person did to the app and applies the response the way Chat does. */
export function chatTurn(ws: Workspace, who: Person, input: ChatInput): ChatResult {
  const chat = ws.services.chat;
  if (input.space.startsWith('spaces/dm-')) chat.dms.set(who.email, input.space);
  let posted: PostedMessage | undefined;
  if (input.text !== undefined && !input.click) {
    const id = `u${chat.messages.length + 1}`;
    posted = {
      name: `${input.space}/messages/${id}`, space: input.space, threadName: input.threadName ?? `${input.space}/threads/${id}`,
      message: { text: input.text }, createTime: ws.ports.clock.now().toISOString(),
      sender: { type: 'HUMAN', email: who.email, displayName: who.name },
    };
    chat.messages.push(posted);
  }
  const entry = input.click ? 'onCardAction' : 'onMessage';
  const event = chatEvent(ws, who, input, posted);
  const { reply, request } = ws.run(event, { host: 'chat', action: entry === 'onMessage' ? 'chat.message' : 'home' });
  const resp = toChatResponse(reply, request ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const data = resp.hostAppDataAction?.chatDataAction;
  const thread = posted?.threadName ?? chat.messages.find((m) => m.name === input.click?.messageName)?.threadName;
  const post = (message: ChatMessage) => {
    chat.messages.push({
      name: `${input.space}/messages/a${chat.messages.length + 1}`, space: input.space,
      threadName: thread ?? `${input.space}/threads/a${chat.messages.length + 1}`, message,
      createTime: ws.ports.clock.now().toISOString(), sender: { type: 'BOT', displayName: 'Kompetent' },
    });
  };
  const result: ChatResult = {};
  if (data?.createMessageAction) {
    post(data.createMessageAction.message);
    if (input.click?.inDialog) result.closeDialog = true;
  } else if (data?.updateMessageAction) {
    const target = chat.messages.find((m) => m.name === input.click?.messageName);
    if (target) target.message = data.updateMessageAction.message;
    else post(data.updateMessageAction.message);
  } else if (resp.action) {
    for (const nav of resp.action.navigations ?? []) {
      if (nav.pushCard || nav.updateCard) result.dialog = nav.pushCard ?? nav.updateCard;
      if (nav.endNavigation) result.closeDialog = true;
    }
    if (resp.action.notification) result.notification = resp.action.notification.text;
  }
  ws.save();
  return result;
}
