// The Chat API calls the app makes as itself (service account, scope chat.bot), as plain requests over a JSON transport.
// Shapes: chat-v1-discovery.json — spaces.messages.create (thread.threadKey + messageReplyOption + requestId),
// spaces.messages.patch (updateMask), spaces.messages.get, spaces.findDirectMessage (name=users/{email} alias).
import { chatText, deepPlain } from '../../core/safe-text';
import type { ChatMessage } from '../../contract/card-types';
import type { ChatCreateOptions, ChatPort } from '../../app/ports';

export const CHAT_API = 'https://chat.googleapis.com/v1/';
export const CHAT_SCOPE = 'https://www.googleapis.com/auth/chat.bot';

export interface JsonRequest { method: 'get' | 'post' | 'patch' | 'put' | 'delete'; url: string; body?: unknown }
export interface JsonResponse { status: number; body: unknown }
/** Sends a request with the service account's bearer token for `scope` (Apps Script: UrlFetchApp; Node: googleapis). */
export type JsonTransport = (req: JsonRequest, scope: string) => JsonResponse;

function q(params: Record<string, string | undefined>): string {
  const parts = Object.entries(params).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${encodeURIComponent(v!)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export function createMessageRequest(space: string, message: ChatMessage, opts: ChatCreateOptions = {}): JsonRequest {
  // Posted as the app: no control or bidi character, link or mention syntax from a record reaches the space (safe-text.ts).
  const clean = inertText(deepPlain(message));
  const body: ChatMessage = opts.threadKey ? { ...clean, thread: { threadKey: opts.threadKey } } : clean;
  return {
    method: 'post',
    url: `${CHAT_API}${space}/messages${q({
      messageReplyOption: opts.threadKey ? 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD' : undefined,
      requestId: opts.requestId,
      messageId: opts.messageId,
    })}`,
    body,
  };
}

export function updateMessageRequest(messageName: string, message: ChatMessage): JsonRequest {
  const mask = [message.text !== undefined && 'text', message.cardsV2 !== undefined && 'cards_v2'].filter(Boolean).join(',');
  return { method: 'patch', url: `${CHAT_API}${messageName}${q({ updateMask: mask || 'text' })}`, body: inertText(deepPlain(message)) };
}

function inertText(message: ChatMessage): ChatMessage {
  return message.text === undefined ? message : { ...message, text: chatText(message.text) };
}

/** spaces.messages.get (GET v1/{name}); a custom `client-…` id may stand for the message id. */
export function getMessageRequest(messageName: string): JsonRequest {
  return { method: 'get', url: `${CHAT_API}${messageName}` };
}

export function findDirectMessageRequest(userEmail: string): JsonRequest {
  return { method: 'get', url: `${CHAT_API}spaces:findDirectMessage${q({ name: `users/${userEmail}` })}` };
}

function check(res: JsonResponse, what: string): Record<string, unknown> {
  if (res.status >= 200 && res.status < 300) return (res.body ?? {}) as Record<string, unknown>;
  const msg = (res.body as { error?: { message?: string } } | undefined)?.error?.message ?? '';
  throw new Error(`Chat API ${what} failed: HTTP ${res.status} ${msg}`);
}

/** ChatPort over any JSON transport. */
export function chatApi(send: JsonTransport): ChatPort {
  return {
    createMessage(space, message, opts) {
      const body = check(send(createMessageRequest(space, message, opts), CHAT_SCOPE), 'create');
      return { name: String(body.name ?? ''), threadName: (body.thread as { name?: string } | undefined)?.name };
    },
    updateMessage(messageName, message) {
      check(send(updateMessageRequest(messageName, message), CHAT_SCOPE), 'update');
    },
    getMessage(messageName) {
      const res = send(getMessageRequest(messageName), CHAT_SCOPE);
      if (res.status === 404) return undefined;
      const body = check(res, 'get');
      return { name: String(body.name ?? messageName), threadName: (body.thread as { name?: string } | undefined)?.name };
    },
    findDirectMessage(userEmail) {
      const res = send(findDirectMessageRequest(userEmail), CHAT_SCOPE);
      if (res.status === 404) return undefined;
      return String(check(res, 'findDirectMessage').name ?? '') || undefined;
    },
  };
}
