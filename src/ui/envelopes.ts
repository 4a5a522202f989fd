// Turns a handler's Reply into the response JSON each host documents: Chat add-on actions, or add-on RenderActions.
// Chat: ../shared/google/chat-responses.md (hostAppDataAction / action.navigations). Add-ons (HTTP form, which the
// Apps Script translator in src/gas/card-service.ts builds with CardService): developers.google.com/workspace/add-ons/guides/alternate-runtimes.
import type { Reply, Request } from '../contract/request';
import { chatText } from '../core/safe-text';
import { ACTIONS } from '../contract/actions';
import type { Card, ChatMessage } from '../contract/card-types';
import type { AddOnActionResponse, Navigation, RenderActions } from './render-actions';

export type ChatResponse =
  | { hostAppDataAction: { chatDataAction: { createMessageAction: { message: ChatMessage } } } }
  | { hostAppDataAction: { chatDataAction: { updateMessageAction: { message: ChatMessage } } } }
  | { action: {
      navigations?: ({ pushCard: Card } | { updateCard: Card } | { endNavigation: { action: 'CLOSE_DIALOG' } })[];
      notification?: { text: string };
      modifyOperations?: { updateWidget: { selectionInputWidgetSuggestions: { suggestions: { value: string; text: string }[] } } }[];
    } }
  | Record<string, never>;

/** A message's text with Chat's link and mention syntax made inert (src/core/safe-text.ts chatText). */
function inert(message: ChatMessage): ChatMessage {
  return message.text === undefined ? message : { ...message, text: chatText(message.text) };
}
function create(message: ChatMessage): ChatResponse {
  return { hostAppDataAction: { chatDataAction: { createMessageAction: { message: inert(message) } } } };
}
function updateMsg(message: ChatMessage): ChatResponse {
  return { hostAppDataAction: { chatDataAction: { updateMessageAction: { message: inert(message) } } } };
}

/** Chat limits a message to 32,000 bytes; text is cut with a visible marker rather than rejected. */
export const CHAT_TEXT_LIMIT = 4000;
function cut(text: string | undefined): string | undefined {
  return text !== undefined && text.length > CHAT_TEXT_LIMIT ? `${text.slice(0, CHAT_TEXT_LIMIT - 1)}…` : text;
}

export function cardMessage(card: Card, text?: string, cardId = card.name ?? 'kompetent'): ChatMessage {
  return { ...(text ? { text: cut(text) } : {}), cardsV2: [{ cardId, card }] };
}

/**
 * What may be answered for everyone to see in a space that is not a DM: the app's help and welcome, the FAQ, the course
 * catalogue, and the guide forum's own actions (their replies name no record: guideReply makes its notes private and
 * updates the shared thread card). Every other answer — a person's record, status, courses, conversations, a unit — goes
 * only to the person who asked.
 */
const PUBLIC_IN_SPACE = new Set<string>([
  ACTIONS.help, ACTIONS.chatAdded, ACTIONS.chatRemoved, ACTIONS.faqSearch, ACTIONS.faqShow, ACTIONS.faqFeedback,
  ACTIONS.claim, ACTIONS.answerOpen, ACTIONS.answerSubmit, ACTIONS.askAskerOpen, ACTIONS.askAskerSubmit, ACTIONS.handOverOpen,
  ACTIONS.handOver, ACTIONS.escalate, ACTIONS.publishOpen, ACTIONS.publishSubmit, ACTIONS.announceOpen, ACTIONS.announce,
]);

/**
 * In a space that is not a DM, a personal answer is a private message: `privateMessageViewer` set to the user who acted
 * (`chat.user.name`, "users/{user}"), which Chat shows only to them ("Send a private message … specify the
 * privateMessageViewer field in the message when you create it … by responding to a user interaction",
 * developers.google.com/workspace/chat/private-messages; discovery: Message.privateMessageViewer is a User). A click on a
 * shared card is answered with a new private message rather than by changing the card everyone sees.
 */
function privateTo(req: Pick<Request, 'chat'> & { action?: string }): string | undefined {
  const c = req.chat;
  if (!c || !c.spaceType || c.spaceType === 'DM' || !c.userName) return undefined;
  return PUBLIC_IN_SPACE.has(req.action ?? '') ? undefined : c.userName;
}

export function toChatResponse(reply: Reply, req: Pick<Request, 'chat'> & { action?: string }): ChatResponse {
  const viewer = privateTo(req);
  if (!viewer) return chatResponse(reply, req);
  const resp = chatResponse(reply, { chat: req.chat && { ...req.chat, event: req.chat.event === 'click' ? 'message' : req.chat.event } });
  if ('hostAppDataAction' in resp) {
    const data = resp.hostAppDataAction.chatDataAction;
    const message = 'createMessageAction' in data ? data.createMessageAction.message : data.updateMessageAction.message;
    return create({ ...message, privateMessageViewer: { name: viewer } });
  }
  return resp;
}

function chatResponse(reply: Reply, req: Pick<Request, 'chat'>): ChatResponse {
  // A multiselect's autocomplete is answered only with suggestions (chat-responses.md §6: modifyOperations → updateWidget
  // → selectionInputWidgetSuggestions); Kompetent has none to give (see chat.widgetUpdated).
  if (req.chat?.event === 'widgetUpdated') return { action: { modifyOperations: [{ updateWidget: { selectionInputWidgetSuggestions: { suggestions: [] } } }] } };
  const inDialog = req.chat?.isDialog ?? false;
  const clicked = req.chat?.event === 'click';
  switch (reply.kind) {
    case 'card': {
      const message = cardMessage(reply.card, reply.text);
      if (inDialog) return { action: { navigations: [{ pushCard: reply.card }] } };
      return clicked && reply.nav === 'update' ? updateMsg(message) : create(message);
    }
    case 'message':
      return clicked && reply.update ? updateMsg({ ...reply.message, text: cut(reply.message.text) }) : create({ ...reply.message, text: cut(reply.message.text) });
    case 'dialog':
      return { action: { navigations: [{ pushCard: reply.card }] } };
    case 'close':
      // Posting a message also closes the dialog (chat-responses.md §5).
      if (reply.message) return create(reply.message);
      return { action: { navigations: [{ endNavigation: { action: 'CLOSE_DIALOG' } }], ...(reply.notify ? { notification: { text: reply.notify } } : {}) } };
    case 'notify':
      return inDialog
        ? { action: { navigations: [{ endNavigation: { action: 'CLOSE_DIALOG' } }], notification: { text: reply.text } } }
        : create({ text: cut(reply.text) });
    case 'openLink':
      return create({ text: reply.url });
    case 'requestFileScope':
    case 'data':
    case 'none':
      return {};
  }
}

/** RenderActions for Gmail, Docs and Sheets (the documented HTTP add-on response JSON; see render-actions.ts). */
/** What an add-on host gets for a reply: RenderActions, or the Docs/Sheets request to grant access to the open file. */
export function toAddonReply(reply: Reply): AddOnActionResponse {
  if (reply.kind === 'requestFileScope') return { hostAppAction: { editorAction: { requestFileScopeForActiveDocument: {} } } };
  return toAddonResponse(reply);
}

export function toAddonResponse(reply: Reply): RenderActions {
  switch (reply.kind) {
    case 'card': {
      const nav: Navigation[] = reply.nav === 'update' ? [{ updateCard: reply.card }]
        : reply.nav === 'root' ? [{ popToRoot: true }, { updateCard: reply.card }] : [{ pushCard: reply.card }];
      return { action: { navigations: nav, ...(reply.notify ? { notification: { text: reply.notify } } : {}) } };
    }
    case 'message': {
      const m = reply.message;
      const card: Card = m.cardsV2?.[0]?.card ?? { sections: [{ widgets: [{ textParagraph: { text: escapeText(m.text ?? '') } }] }] };
      return { action: { navigations: [{ pushCard: card }] } };
    }
    case 'dialog':
      return { action: { navigations: [{ pushCard: reply.card }] } };
    case 'close':
      return { action: { navigations: [{ pop: true }], ...(reply.notify ? { notification: { text: reply.notify } } : {}) } };
    case 'notify':
      return { action: { notification: { text: reply.text } } };
    case 'openLink':
      return { action: { link: { url: reply.url } } };
    case 'requestFileScope':
      throw new Error('A file-scope request is not RenderActions: answer it with toAddonReply');
    case 'data':
    case 'none':
      return { action: {} };
  }
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
