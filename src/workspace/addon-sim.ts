// The Gmail, Docs and Sheets add-on hosts, simulated: the browser's event JSON through the entry point Google would call.
import { z } from 'zod';
import { ENTRY_POINTS, hostOfEvent } from '../app/pipeline/entry-points';
import { sidebarEvent } from '../contract/sidebar';
import { toAddonReply } from '../ui/envelopes';
import type { AddOnActionResponse } from '../ui/render-actions';
import { HttpError, parseBody } from './http';
import type { Workspace } from './workspace';

/** Entry points each host may call (appsscript.json triggers plus the one card-action function). */
const HOST_ENTRIES = {
  gmail: ['onHomepage', 'onGmailMessage', 'onCardAction'],
  docs: ['onHomepage', 'onDocsHomepage', 'onDocsFileScopeGranted', 'onCardAction'],
  sheets: ['onHomepage', 'onSheetsHomepage', 'onSheetsFileScopeGranted', 'onCardAction'],
} as const;
export type AddonHostName = keyof typeof HOST_ENTRIES;

const addonBody = z.object({
  /** The who-am-I choice: add-on events carry no e-mail, Apps Script asks Session.getActiveUser(). */
  user: z.email().max(254),
  event: z.looseObject({
    commonEventObject: z.looseObject({ hostApp: z.enum(['GMAIL', 'DOCS', 'SHEETS']) }),
  }),
});

export function addonTurn(ws: Workspace, host: string, entry: string, body: unknown): AddOnActionResponse {
  if (!(host in HOST_ENTRIES)) throw new HttpError(404, `No add-on host ${host} (gmail, docs, sheets)`);
  const entries = HOST_ENTRIES[host as AddonHostName] as readonly string[];
  if (!entries.includes(entry)) throw new HttpError(404, `${host} does not call ${entry} (it calls ${entries.join(', ')})`);
  const b = parseBody(addonBody, body);
  if (b.event.commonEventObject.hostApp !== host.toUpperCase()) throw new HttpError(400, `commonEventObject.hostApp is ${b.event.commonEventObject.hostApp}, not ${host.toUpperCase()}`);
  const ep = ENTRY_POINTS[entry as keyof typeof ENTRY_POINTS];
  const resolved = ep.host === 'fromEvent' ? hostOfEvent(b.event) : ep.host;
  const { reply } = ws.run(b.event, { host: resolved, action: ep.action, userEmail: b.user });
  ws.touch();
  return toAddonReply(reply);
}

const sidebarBody = z.object({
  user: z.email().max(254),
  /** The server function google.script.run called; the sidebar only calls sidebarCall. */
  fn: z.string().max(100),
  args: z.array(z.unknown()).max(5),
});

/** google.script.run.sidebarCall(name, payloadJson) → JSON text, as src/gas/main.ts answers it. */
export function sidebarTurn(ws: Workspace, body: unknown): string {
  const b = parseBody(sidebarBody, body);
  if (b.fn !== 'sidebarCall') throw new HttpError(404, `The script has no function ${b.fn} that google.script.run may call`);
  const [name, payloadJson] = b.args;
  const { reply } = ws.run(sidebarEvent(name, payloadJson), { host: 'sidebar', action: String(name), userEmail: b.user });
  ws.touch();
  return JSON.stringify(reply);
}
