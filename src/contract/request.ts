// The host-neutral request and reply every handler works with (parsed from Google's event objects in events.ts).
import { parseDate } from '../core/records/cells';
import type { Locale } from '../core/i18n';
import type { Card, ChatMessage } from './card-types';

export type Host = 'chat' | 'gmail' | 'docs' | 'sheets' | 'sidebar' | 'job';

/** A form value as Google sends it, reduced to what handlers use. */
export interface FormValue { strings: string[]; msSinceEpoch?: number; hours?: number; minutes?: number }

export interface ChatContext {
  spaceName: string;
  spaceType: 'DM' | 'ROOM' | 'GROUP_CHAT' | string;
  threadName?: string;
  /** A typed message that replies in an existing thread (Message.threadReply), e.g. a guide @mentioning the app in a question's thread. */
  threadReply?: boolean;
  /** The message a button was clicked on (for updating it). */
  messageName?: string;
  isDialog: boolean;
  dialogEventType?: 'REQUEST_DIALOG' | 'SUBMIT_DIALOG' | 'CANCEL_DIALOG' | string;
  /** Text typed to the app (argumentText of a message or slash command). */
  text?: string;
  commandId?: number;
  userName?: string;
  displayName?: string;
  event: 'message' | 'command' | 'click' | 'added' | 'removed' | 'widgetUpdated';
}

export interface Request {
  host: Host;
  /** Who is asking: the Apps Script session user (for Chat, also the event's chat.user). Empty when Google does not say. */
  userEmail: string;
  /** A job started by its own time-driven trigger (checked by the entry point); otherwise a job runs only for an administrator. */
  fromTrigger?: boolean;
  locale: Locale;
  /** The action to run: from the `action` parameter of a card click, a command, or the trigger. */
  action: string;
  params: Record<string, string>;
  form: Record<string, FormValue>;
  chat?: ChatContext;
  gmail?: { messageId?: string; threadId?: string; accessToken?: string };
  docs?: { id?: string; title?: string; hasFileScope: boolean };
  sheets?: { id?: string; title?: string; hasFileScope: boolean };
  /** The admin sidebar's structured payload (google.script.run); each handler validates it with zod. */
  payload?: unknown;
}

/** What a handler answers; envelopes.ts turns it into Chat's or the add-on hosts' response JSON. */
export type Reply =
  /** A card: in Chat a message with the card (new, or replacing the clicked message); in add-ons a navigation. */
  | { kind: 'card'; card: Card; nav?: 'push' | 'update' | 'root'; notify?: string; text?: string }
  /** A Chat message (text and/or cards); in add-ons shown as a card with the text. */
  | { kind: 'message'; message: ChatMessage; update?: boolean }
  /** A dialog in Chat; a pushed card in the add-on hosts. */
  | { kind: 'dialog'; card: Card }
  /** Closes the dialog (Chat) or pops the card (add-ons), with an optional notification and message. */
  | { kind: 'close'; notify?: string; message?: ChatMessage }
  | { kind: 'notify'; text: string }
  | { kind: 'openLink'; url: string }
  /** Docs and Sheets: the host asks the person to grant the add-on access to the open file (drive.file). */
  | { kind: 'requestFileScope' }
  /** Data for the admin sidebar (google.script.run callers), never shown as a card. */
  | { kind: 'data'; data: unknown }
  | { kind: 'none' };

export function str(req: Request, name: string): string {
  return req.params[name] ?? req.form[name]?.strings[0] ?? '';
}

export function formString(req: Request, name: string): string {
  return req.form[name]?.strings[0] ?? '';
}

/**
 * The day chosen in a date picker (Google sends DATE_ONLY as midnight UTC of that day), else the typed text as a date
 * (after `normalise`), else `fallback` when nothing was given. Undefined when it is not a date.
 */
export function formDate(req: Request, name: string, fallback?: string, normalise: (raw: string) => string = (raw) => raw): string | undefined {
  const ms = req.form[name]?.msSinceEpoch;
  if (ms !== undefined) return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : undefined;
  const raw = normalise(str(req, name));
  return raw ? parseDate(raw) : fallback;
}

export function formStrings(req: Request, name: string): string[] {
  return req.form[name]?.strings ?? [];
}

/** A mail attachment: text (an iCal invitation) or base64 bytes (a PDF). */
export interface MailAttachment { fileName: string; mimeType: string; content: string; encoding?: 'text' | 'base64' }
