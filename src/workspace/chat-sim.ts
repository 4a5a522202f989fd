// Google Chat, simulated: takes the event JSON the browser built, stores what the person typed, calls the app as Chat
// would, and applies its answer (new message, updated message, dialog, notification) the way Chat does.
import { z } from 'zod';
import { ENTRY_POINTS } from '../app/pipeline/entry-points';
import type { Card, ChatMessage } from '../contract/card-types';
import { toChatResponse, type ChatResponse } from '../ui/envelopes';
import { dmSpaceOf, isDm, userResourceName } from './web/google-events';
import type { PostedMessage } from '../adapters/memory/memory-services';
import { HttpError } from './http';
import type { Workspace } from './workspace';

const spaceName = z.string().regex(/^spaces\/[A-Za-z0-9_-]{1,120}$/, 'a space name like spaces/AAAA');
const space = z.looseObject({ name: spaceName, type: z.string().optional(), displayName: z.string().max(200).optional() });
const message = z.looseObject({
  name: z.string().max(300).optional(),
  text: z.string().max(40_000).optional(),
  thread: z.looseObject({ name: z.string().max(300).optional() }).optional(),
});
const payload = z.looseObject({ space: space.optional(), message: message.optional() });

/** The parts of Google's Chat event the simulator itself relies on; the app's own parser checks the rest. */
export const chatEventSchema = z.looseObject({
  commonEventObject: z.looseObject({ hostApp: z.literal('CHAT').optional() }),
  chat: z.looseObject({
    user: z.looseObject({ email: z.email().max(254), displayName: z.string().max(200).optional() }),
    space,
    eventTime: z.string().optional(),
    messagePayload: payload.optional(),
    appCommandPayload: payload.optional(),
    buttonClickedPayload: payload.extend({ isDialogEvent: z.boolean().optional(), dialogEventType: z.string().optional() }).optional(),
    addedToSpacePayload: payload.optional(),
    removedFromSpacePayload: payload.optional(),
    widgetUpdatedPayload: payload.optional(),
  }),
});
type ChatEvent = z.infer<typeof chatEventSchema>;

const PAYLOADS = {
  messagePayload: 'onMessage', appCommandPayload: 'onAppCommand', buttonClickedPayload: 'onCardAction',
  addedToSpacePayload: 'onAddedToSpace', removedFromSpacePayload: 'onRemovedFromSpace', widgetUpdatedPayload: 'onWidgetUpdate',
} as const;

/** What the browser must show after the app answered. */
export interface ChatEffect {
  created: string[];
  updated: string[];
  dialog?: Card;
  closeDialog?: boolean;
  notification?: string;
}

/** Spaces this person can post in: their DM with the app, and the rooms the app is a member of. */
function checkSpace(ws: Workspace, email: string, name: string): void {
  if (isDm(name)) {
    if (name !== dmSpaceOf(email)) throw new HttpError(403, `${name} is another person's direct message with the app`);
    return;
  }
  if (!ws.rooms().some((r) => r.name === name)) throw new HttpError(404, `The app is not in ${name}`);
}

/** A message typed by a person; Chat creates it before the app hears about it. */
export function storeHumanMessage(ws: Workspace, who: { email: string; displayName?: string }, space: string, m: { name?: string; text?: string; threadName?: string }): PostedMessage {
  const chat = ws.services.chat;
  if (!m.name || !m.name.startsWith(`${space}/messages/`)) throw new HttpError(400, `message.name must be a message of ${space}`);
  if (chat.messages.some((x) => x.name === m.name)) throw new HttpError(409, `Message ${m.name} was already sent`);
  const threadName = m.threadName && m.threadName.startsWith(`${space}/threads/`) ? m.threadName : `${space}/threads/${m.name.slice(m.name.lastIndexOf('/') + 1)}`;
  const posted: PostedMessage = {
    name: m.name, space, threadName, message: { text: m.text ?? '' }, createTime: ws.ports.clock.now().toISOString(),
    sender: { type: 'HUMAN', email: who.email.toLowerCase(), displayName: who.displayName },
  };
  chat.messages.push(posted);
  return posted;
}

/** Runs one Chat event through the app and applies its response. */
export function chatTurn(ws: Workspace, raw: unknown): { response: ChatResponse; effect: ChatEffect } {
  const parsed = chatEventSchema.safeParse(raw);
  if (!parsed.success) throw new HttpError(400, `Not a Chat event: ${z.prettifyError(parsed.error)}`);
  const e: ChatEvent = parsed.data;
  const kinds = (Object.keys(PAYLOADS) as (keyof typeof PAYLOADS)[]).filter((k) => e.chat[k] !== undefined);
  const kind = kinds[0];
  if (kinds.length !== 1 || !kind) throw new HttpError(400, `A Chat event carries exactly one payload (${Object.keys(PAYLOADS).join(', ')}); this one has ${kinds.length}`);
  const user = e.chat.user;
  const sp = e.chat.space.name;
  if (e.chat[kind]?.space && e.chat[kind]!.space!.name !== sp) throw new HttpError(400, 'chat.space and the payload\'s space differ');
  checkSpace(ws, user.email, sp);
  const chat = ws.services.chat;
  if (isDm(sp)) chat.dms.set(user.email.toLowerCase(), sp);

  let thread: string | undefined;
  let clicked: PostedMessage | undefined;
  if (kind === 'messagePayload' || kind === 'appCommandPayload') {
    const m = e.chat[kind]!.message;
    if (!m) throw new HttpError(400, `${kind}.message is missing`);
    thread = storeHumanMessage(ws, user, sp, { name: m.name, text: m.text, threadName: m.thread?.name }).threadName;
  } else if (kind === 'buttonClickedPayload') {
    const name = e.chat.buttonClickedPayload!.message?.name;
    clicked = chat.messages.find((m) => m.name === name && m.space === sp);
    if (!clicked) throw new HttpError(404, `No message ${String(name)} in ${sp} to click on`);
    if (!visibleTo(clicked, user.email)) throw new HttpError(403, 'That message is private to someone else');
    thread = clicked.threadName;
  }

  const entry = PAYLOADS[kind];
  const { reply, request } = ws.run(raw, { host: 'chat', action: ENTRY_POINTS[entry].action, userEmail: e.chat.user.email });
  const response = toChatResponse(reply, request ?? {});
  const effect = applyResponse(ws, response, { space: sp, thread, clicked, dialog: e.chat.buttonClickedPayload?.dialogEventType });
  ws.touch();
  return { response, effect };
}

/** Private messages (privateMessageViewer) are shown only to that person, as in Chat. */
export function visibleTo(m: PostedMessage, email: string): boolean {
  const viewer = (m.message as ChatMessage & { privateMessageViewer?: { name?: string } }).privateMessageViewer?.name;
  return !viewer || viewer === userResourceName(email);
}

function applyResponse(ws: Workspace, resp: ChatResponse, ctx: { space: string; thread?: string; clicked?: PostedMessage; dialog?: string }): ChatEffect {
  const chat = ws.services.chat;
  const effect: ChatEffect = { created: [], updated: [] };
  const post = (message: ChatMessage) => {
    // The app's reply lands in the thread of what it answers (a new thread when there is none, e.g. "added").
    const res = chat.createMessage(ctx.space, ctx.thread ? { ...message, thread: { name: ctx.thread } } : message);
    effect.created.push(res.name);
  };
  if ('hostAppDataAction' in resp) {
    const data = resp.hostAppDataAction.chatDataAction;
    if ('createMessageAction' in data) {
      post(data.createMessageAction.message);
      // A message posted from a dialog closes it (chat-responses.md §5).
      if (ctx.dialog === 'SUBMIT_DIALOG') effect.closeDialog = true;
    } else if ('updateMessageAction' in data) {
      // Chat lets an app update only its own messages; anything else would fail in Chat, so it is shown as new here.
      if (ctx.clicked && ctx.clicked.sender.type === 'BOT') {
        ctx.clicked.message = data.updateMessageAction.message;
        effect.updated.push(ctx.clicked.name);
      } else {
        post(data.updateMessageAction.message);
      }
      if (ctx.dialog === 'SUBMIT_DIALOG') effect.closeDialog = true;
    }
  } else if ('action' in resp) {
    for (const nav of resp.action.navigations ?? []) {
      if ('pushCard' in nav) effect.dialog = nav.pushCard;
      else if ('updateCard' in nav) effect.dialog = nav.updateCard;
      else if ('endNavigation' in nav) effect.closeDialog = true;
    }
    if (resp.action.notification) effect.notification = resp.action.notification.text;
  }
  return effect;
}
