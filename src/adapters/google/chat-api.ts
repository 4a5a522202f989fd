// The Chat API calls the app makes as itself (service account, scope chat.bot), as plain requests over the one HTTP transport.
// Shapes: chat-v1-discovery.json — spaces.messages.create (thread.threadKey + messageReplyOption + requestId),
// spaces.messages.patch (updateMask), spaces.messages.get, spaces.findDirectMessage (name=users/{email} alias).
import { chatText, deepPlain } from '../../core/safe-text';
import type { ChatMessage } from '../../contract/card-types';
import type { ChatCreateOptions, ChatPort } from '../../app/ports';
import { okBody, type HttpRequest, type HttpResponse, type HttpTransport } from './transport';

export const CHAT_API = 'https://chat.googleapis.com/v1/';
export const CHAT_SCOPE = 'https://www.googleapis.com/auth/chat.bot';

function q(params: Record<string, string | undefined>): string {
  const parts = Object.entries(params).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${encodeURIComponent(v!)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export function createMessageRequest(space: string, message: ChatMessage, opts: ChatCreateOptions = {}): HttpRequest {
  // Posted as the app: no control or bidi character, link or mention syntax from a record reaches the space (safe-text.ts).
  const clean = inertText(deepPlain(message));
  const body: ChatMessage = opts.threadKey ? { ...clean, thread: { threadKey: opts.threadKey } } : clean;
  return {
    method: 'POST',
    scope: CHAT_SCOPE,
    url: `${CHAT_API}${space}/messages${q({
      messageReplyOption: opts.threadKey ? 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD' : undefined,
      requestId: opts.requestId,
      messageId: opts.messageId,
    })}`,
    body,
  };
}

export function updateMessageRequest(messageName: string, message: ChatMessage): HttpRequest {
  const mask = [message.text !== undefined && 'text', message.cardsV2 !== undefined && 'cards_v2'].filter(Boolean).join(',');
  return { method: 'PATCH', scope: CHAT_SCOPE, url: `${CHAT_API}${messageName}${q({ updateMask: mask || 'text' })}`, body: inertText(deepPlain(message)) };
}

function inertText(message: ChatMessage): ChatMessage {
  return message.text === undefined ? message : { ...message, text: chatText(message.text) };
}

/** spaces.messages.get (GET v1/{name}); a custom `client-…` id may stand for the message id. */
export function getMessageRequest(messageName: string): HttpRequest {
  return { method: 'GET', scope: CHAT_SCOPE, url: `${CHAT_API}${messageName}` };
}

export function findDirectMessageRequest(userEmail: string): HttpRequest {
  return { method: 'GET', scope: CHAT_SCOPE, url: `${CHAT_API}spaces:findDirectMessage${q({ name: `users/${userEmail}` })}` };
}

/** The answer's JSON object; an error "Chat API <call> failed: HTTP <status> <Google's message>" (ChatOutbox reads the status). */
function check(res: HttpResponse, what: string): Record<string, unknown> {
  return okBody<Record<string, unknown> | undefined>(res, `Chat API ${what}`) ?? {};
}

/** ChatPort over the HTTP transport, with the service account's token (withBearer). */
export function chatApi(http: HttpTransport): ChatPort {
  const send = (req: HttpRequest) => http.request(req);
  return {
    createMessage(space, message, opts) {
      const body = check(send(createMessageRequest(space, message, opts)), 'create');
      return { name: String(body.name ?? ''), threadName: (body.thread as { name?: string } | undefined)?.name };
    },
    updateMessage(messageName, message) {
      check(send(updateMessageRequest(messageName, message)), 'update');
    },
    getMessage(messageName) {
      const res = send(getMessageRequest(messageName));
      if (res.status === 404) return undefined;
      const body = check(res, 'get');
      return { name: String(body.name ?? messageName), threadName: (body.thread as { name?: string } | undefined)?.name };
    },
    findDirectMessage(userEmail) {
      const res = send(findDirectMessageRequest(userEmail));
      if (res.status === 404) return undefined;
      return String(check(res, 'findDirectMessage').name ?? '') || undefined;
    },
  };
}
