// zod schemas of Google's event objects (Chat add-on, Gmail, Docs, Sheets) and their mapping to a Request.
// Shapes: https://developers.google.com/workspace/add-ons/concepts/event-objects and ../shared/google/*/README.md.
import { z } from 'zod';
import { pickLocale } from '../core/i18n';
import { normaliseEmail } from '../core/records/cells';
import type { ChatContext, FormValue, Host, Request } from './request';

const ms = z.union([z.string(), z.number()]).transform((v) => Number(v));

const formInput = z.object({
  stringInputs: z.object({ value: z.array(z.string()).default([]) }).optional(),
  dateInput: z.object({ msSinceEpoch: ms }).optional(),
  dateTimeInput: z.object({ msSinceEpoch: ms, hasDate: z.boolean().optional(), hasTime: z.boolean().optional() }).optional(),
  timeInput: z.object({ hours: z.number(), minutes: z.number() }).optional(),
});

const commonEventObject = z.object({
  hostApp: z.string().optional(),
  platform: z.string().optional(),
  userLocale: z.string().optional(),
  timeZone: z.object({ id: z.string().optional(), offset: z.union([z.string(), z.number()]).optional() }).optional(),
  // Parameters are documented as string → string; anything else is not ours.
  parameters: z.record(z.string(), z.string()).optional(),
  formInputs: z.record(z.string(), formInput).optional(),
});

const user = z.object({
  name: z.string().optional(),
  displayName: z.string().optional(),
  email: z.string().optional(),
  type: z.string().optional(),
});

const space = z.object({
  name: z.string(),
  type: z.string().optional(),
  spaceType: z.string().optional(),
  singleUserBotDm: z.boolean().optional(),
  displayName: z.string().optional(),
});

const message = z.object({
  name: z.string().optional(),
  text: z.string().optional(),
  argumentText: z.string().optional(),
  thread: z.object({ name: z.string().optional() }).optional(),
  slashCommand: z.object({ commandId: z.union([z.string(), z.number()]).optional() }).optional(),
});

const dialogFlags = {
  isDialogEvent: z.union([z.boolean(), z.literal('true'), z.literal('false')]).optional().transform((v) => v === true || v === 'true'),
  dialogEventType: z.string().optional(),
};

const chat = z.object({
  user: user.optional(),
  space: space.optional(),
  eventTime: z.string().optional(),
  messagePayload: z.object({ space: space.optional(), message: message.optional() }).optional(),
  addedToSpacePayload: z.object({ space: space.optional(), interactionAdd: z.boolean().optional() }).optional(),
  removedFromSpacePayload: z.object({ space: space.optional() }).optional(),
  buttonClickedPayload: z.object({ space: space.optional(), message: message.optional(), ...dialogFlags }).optional(),
  widgetUpdatedPayload: z.object({ space: space.optional() }).optional(),
  appCommandPayload: z.object({
    space: space.optional(),
    thread: z.object({ name: z.string().optional() }).optional(),
    message: message.optional(),
    appCommandMetadata: z.object({ appCommandId: z.union([z.number(), z.string()]).optional(), appCommandType: z.string().optional() }).optional(),
    ...dialogFlags,
  }).optional(),
});

const hostFile = z.object({ id: z.string().optional(), title: z.string().optional(), addonHasFileScopePermission: z.boolean().optional() });

export const eventSchema = z.object({
  commonEventObject: commonEventObject.optional(),
  chat: chat.optional(),
  gmail: z.object({ messageId: z.string().optional(), threadId: z.string().optional(), accessToken: z.string().optional() }).optional(),
  docs: hostFile.optional(),
  sheets: hostFile.optional(),
  // Deprecated Apps Script mirrors (A1 "Original Gmail add-on fields"), used only as fallbacks.
  userLocale: z.string().optional(),
  messageMetadata: z.object({ messageId: z.string().optional(), accessToken: z.string().optional() }).optional(),
  // Not Google's: the admin sidebar's call payload (src/app/sidebar-contract.ts), validated by each handler.
  payload: z.unknown().optional(),
});

export type GoogleEvent = z.infer<typeof eventSchema>;

function formOf(inputs: Record<string, z.infer<typeof formInput>> | undefined): Record<string, FormValue> {
  const out: Record<string, FormValue> = {};
  for (const [name, v] of Object.entries(inputs ?? {})) {
    const date = v.dateTimeInput?.msSinceEpoch ?? v.dateInput?.msSinceEpoch;
    out[name] = {
      strings: v.stringInputs?.value ?? [],
      msSinceEpoch: Number.isFinite(date) ? date : undefined,
      hours: v.timeInput?.hours,
      minutes: v.timeInput?.minutes,
    };
  }
  return out;
}

function chatContext(c: z.infer<typeof chat>): ChatContext {
  const p = c.messagePayload ?? c.buttonClickedPayload ?? c.appCommandPayload ?? c.addedToSpacePayload ?? c.removedFromSpacePayload
    ?? c.widgetUpdatedPayload;
  const sp = p?.space ?? c.space;
  const msg = c.messagePayload?.message ?? c.buttonClickedPayload?.message ?? c.appCommandPayload?.message;
  const event: ChatContext['event'] = c.messagePayload ? 'message' : c.appCommandPayload ? 'command'
    : c.buttonClickedPayload ? 'click' : c.addedToSpacePayload ? 'added' : c.removedFromSpacePayload ? 'removed' : 'widgetUpdated';
  const dialog = c.buttonClickedPayload ?? c.appCommandPayload;
  const commandId = c.appCommandPayload?.appCommandMetadata?.appCommandId ?? msg?.slashCommand?.commandId;
  return {
    spaceName: sp?.name ?? '',
    spaceType: sp?.type ?? (sp?.spaceType === 'DIRECT_MESSAGE' ? 'DM' : sp?.spaceType ?? ''),
    threadName: msg?.thread?.name ?? c.appCommandPayload?.thread?.name,
    messageName: msg?.name,
    isDialog: dialog?.isDialogEvent ?? false,
    dialogEventType: dialog?.dialogEventType,
    text: (msg?.argumentText ?? msg?.text ?? '').trim(),
    commandId: commandId === undefined ? undefined : Number(commandId),
    userName: c.user?.name,
    displayName: c.user?.displayName,
    event,
  };
}

export interface ParseDefaults { host: Host; action: string; userEmail?: string }

/** Event JSON → Request, or the zod error (the guard answers it politely and logs it once). */
export function parseEvent(raw: unknown, defaults: ParseDefaults): { ok: true; request: Request } | { ok: false; error: string } {
  const parsed = eventSchema.safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, error: z.prettifyError(parsed.error) };
  const e = parsed.data;
  const common = e.commonEventObject ?? {};
  const params = { ...(common.parameters ?? {}) };
  const chatCtx = e.chat ? chatContext(e.chat) : undefined;
  const email = e.chat?.user?.email ?? defaults.userEmail ?? '';
  const request: Request = {
    host: defaults.host,
    userEmail: email ? normaliseEmail(email) : '',
    locale: pickLocale(common.userLocale, e.userLocale),
    action: params.action ?? defaults.action,
    params,
    form: formOf(common.formInputs),
    chat: chatCtx,
    gmail: e.gmail || e.messageMetadata ? {
      messageId: e.gmail?.messageId ?? e.messageMetadata?.messageId,
      threadId: e.gmail?.threadId,
      accessToken: e.gmail?.accessToken ?? e.messageMetadata?.accessToken,
    } : undefined,
    docs: e.docs ? { id: e.docs.id, title: e.docs.title, hasFileScope: e.docs.addonHasFileScopePermission ?? !!e.docs.id } : undefined,
    sheets: e.sheets ? { id: e.sheets.id, title: e.sheets.title, hasFileScope: e.sheets.addonHasFileScopePermission ?? !!e.sheets.id } : undefined,
    payload: e.payload,
  };
  return { ok: true, request };
}
