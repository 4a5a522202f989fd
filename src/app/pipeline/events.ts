// zod schemas of Google's event objects (Chat add-on, Gmail, Docs, Sheets) and their mapping to a Request.
// Shapes: https://developers.google.com/workspace/add-ons/concepts/event-objects and ../shared/google/*/README.md.
import * as z from 'zod/mini';
import { describeIssues } from '../../contract/schema-issues';
import { pickLocale } from '../../core/i18n';
import { normaliseEmail } from '../../core/records/cells';
import type { ChatContext, FormValue, Host, Request } from '../../contract/request';

const ms = z.pipe(z.union([z.string(), z.number()]), z.transform((v: string | number) => Number(v)));

const formInput = z.object({
  stringInputs: z.optional(z.object({ value: z._default(z.array(z.string()), []) })),
  dateInput: z.optional(z.object({ msSinceEpoch: ms })),
  dateTimeInput: z.optional(z.object({ msSinceEpoch: ms, hasDate: z.optional(z.boolean()), hasTime: z.optional(z.boolean()) })),
  timeInput: z.optional(z.object({ hours: z.number(), minutes: z.number() })),
});

const commonEventObject = z.object({
  hostApp: z.optional(z.string()),
  platform: z.optional(z.string()),
  userLocale: z.optional(z.string()),
  timeZone: z.optional(z.object({ id: z.optional(z.string()), offset: z.optional(z.union([z.string(), z.number()])) })),
  // Parameters are documented as string → string; anything else is not ours.
  parameters: z.optional(z.record(z.string(), z.string())),
  formInputs: z.optional(z.record(z.string(), formInput)),
});

const user = z.object({
  name: z.optional(z.string()),
  displayName: z.optional(z.string()),
  email: z.optional(z.string()),
  type: z.optional(z.string()),
});

const space = z.object({
  name: z.string(),
  type: z.optional(z.string()),
  spaceType: z.optional(z.string()),
  singleUserBotDm: z.optional(z.boolean()),
  displayName: z.optional(z.string()),
});

const message = z.object({
  name: z.optional(z.string()),
  text: z.optional(z.string()),
  argumentText: z.optional(z.string()),
  thread: z.optional(z.object({ name: z.optional(z.string()) })),
  threadReply: z.optional(z.boolean()),
  slashCommand: z.optional(z.object({ commandId: z.optional(z.union([z.string(), z.number()])) })),
});

const dialogFlags = {
  isDialogEvent: z.pipe(z.optional(z.union([z.boolean(), z.literal('true'), z.literal('false')])), z.transform((v: boolean | 'true' | 'false' | undefined) => v === true || v === 'true')),
  dialogEventType: z.optional(z.string()),
};

const chat = z.object({
  user: z.optional(user),
  space: z.optional(space),
  eventTime: z.optional(z.string()),
  messagePayload: z.optional(z.object({ space: z.optional(space), message: z.optional(message) })),
  addedToSpacePayload: z.optional(z.object({ space: z.optional(space), interactionAdd: z.optional(z.boolean()) })),
  removedFromSpacePayload: z.optional(z.object({ space: z.optional(space) })),
  buttonClickedPayload: z.optional(z.object({ space: z.optional(space), message: z.optional(message), ...dialogFlags })),
  widgetUpdatedPayload: z.optional(z.object({ space: z.optional(space) })),
  appCommandPayload: z.optional(z.object({
    space: z.optional(space),
    thread: z.optional(z.object({ name: z.optional(z.string()) })),
    message: z.optional(message),
    appCommandMetadata: z.optional(z.object({ appCommandId: z.optional(z.union([z.number(), z.string()])), appCommandType: z.optional(z.string()) })),
    ...dialogFlags,
  })),
});

const hostFile = z.object({ id: z.optional(z.string()), title: z.optional(z.string()), addonHasFileScopePermission: z.optional(z.boolean()) });

export const eventSchema = z.object({
  commonEventObject: z.optional(commonEventObject),
  chat: z.optional(chat),
  gmail: z.optional(z.object({ messageId: z.optional(z.string()), threadId: z.optional(z.string()), accessToken: z.optional(z.string()) })),
  docs: z.optional(hostFile),
  sheets: z.optional(hostFile),
  // Deprecated Apps Script mirrors (A1 "Original Gmail add-on fields"), used only as fallbacks.
  userLocale: z.optional(z.string()),
  messageMetadata: z.optional(z.object({ messageId: z.optional(z.string()), accessToken: z.optional(z.string()) })),
  // Not Google's: the admin sidebar's call payload (src/contract/sidebar.ts), validated by each handler.
  payload: z.optional(z.unknown()),
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
    threadReply: c.messagePayload?.message?.threadReply === true,
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

export interface ParseDefaults {
  host: Host;
  action: string;
  /**
   * Who is asking, as Google says (`Session.getActiveUser()` in Apps Script; the who-am-I choice in the local workspace):
   * the only source of identity. Never taken from the event: any top-level function can be called with any argument.
   */
  userEmail: string;
  /** Set only by a job's entry point after it checked that its own time-driven trigger started the run (src/gas/triggers.ts). */
  fromTrigger?: boolean;
}

/** Why an event was refused before anything was read: its identity or its shape is not what Google sends. */
export type Refusal = 'identity' | 'payload';

export type ParseResult = { ok: true; request: Request } | { ok: false; error: string; refused?: Refusal };

/**
 * Event JSON → Request, or why not (the guard answers politely and logs it once).
 *
 * Identity: the request's user is `defaults.userEmail` (Google's session user). A Chat event also names its user
 * (`chat.user.email`); it must be the same person, else the event is refused: an event someone built and passed to a
 * top-level function must not act for another person. A `payload` (not Google's) is accepted only on the admin console's
 * call (host 'sidebar', built by `sidebarEvent` from google.script.run arguments).
 */
export function parseEvent(raw: unknown, defaults: ParseDefaults): ParseResult {
  const parsed = eventSchema.safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error.issues) };
  const e = parsed.data;
  if (e.payload !== undefined && defaults.host !== 'sidebar') return { ok: false, error: 'a payload outside the admin console', refused: 'payload' };
  const session = defaults.userEmail ? normaliseEmail(defaults.userEmail) : '';
  if (e.chat || defaults.host === 'chat') {
    const named = e.chat?.user?.email ? normaliseEmail(e.chat.user.email) : '';
    if (!session || named !== session) {
      return { ok: false, error: `chat.user (${named || 'none'}) is not the session user (${session || 'none'})`, refused: 'identity' };
    }
  }
  const common = e.commonEventObject ?? {};
  const params = { ...(common.parameters ?? {}) };
  const chatCtx = e.chat ? chatContext(e.chat) : undefined;
  const request: Request = {
    host: defaults.host,
    userEmail: session,
    ...(defaults.host === 'job' && defaults.fromTrigger ? { fromTrigger: true } : {}),
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
