// Apps Script entry points: every export becomes a top-level function of build/Code.js (see scripts/build.mjs).
import { ENTRY_POINTS, hostOfEvent, JOBS } from '../app/entry-points';
import { guarded } from '../app/handle';
import type { Handlers } from '../app/handler';
import { allHandlers } from '../app/router';
import type { Ports } from '../app/ports';
import { toAddonReply, toAddonResponse, toChatResponse } from '../ui/envelopes';
import { toActionResponse, toCards } from './card-service';
import { gasPorts } from './ports';
import { handleRecordsEdit, installTriggers, type EditEvent } from './triggers';
import { sidebarEvent } from '../app/sidebar-contract';

// Built once per execution, on first use (no work at top level: every execution loads the whole bundle).
let cached: { ports: Ports; handlers: Handlers } | undefined;
function runtime() {
  cached ??= { ports: gasPorts(), handlers: allHandlers() };
  return cached;
}

type EntryName = keyof typeof ENTRY_POINTS;

function activeUserEmail(): string {
  try {
    return Session.getActiveUser().getEmail();
  } catch {
    return '';
  }
}

function chatEntry(name: EntryName, e: unknown): unknown {
  const { ports, handlers } = runtime();
  const { reply, request } = guarded(ports, handlers, e, { host: 'chat', action: ENTRY_POINTS[name].action });
  // Chat add-ons return the JSON object itself (chat-responses.md); `null` acknowledges without a message.
  const resp = toChatResponse(reply, request ?? {});
  return Object.keys(resp).length === 0 ? null : resp;
}

function addonEntry(name: EntryName, e: unknown, trigger: boolean): unknown {
  const host = ENTRY_POINTS[name].host === 'fromEvent' ? hostOfEvent(e) : ENTRY_POINTS[name].host;
  if (host === 'chat') return chatEntry(name, e);
  const { ports, handlers } = runtime();
  const { reply } = guarded(ports, handlers, e, { host, action: ENTRY_POINTS[name].action, userEmail: activeUserEmail() });
  // A trigger shows cards; only a card click may ask for file access (EditorFileScopeActionResponse).
  return trigger ? toCards(toAddonResponse(reply)) : toActionResponse(toAddonReply(reply));
}

// Workspace add-on triggers (appsscript.json) and the one card-action function every button names.
export function onHomepage(e: unknown) { return addonEntry('onHomepage', e, true); }
export function onGmailMessage(e: unknown) { return addonEntry('onGmailMessage', e, true); }
export function onDocsHomepage(e: unknown) { return addonEntry('onDocsHomepage', e, true); }
export function onDocsFileScopeGranted(e: unknown) { return addonEntry('onDocsFileScopeGranted', e, true); }
export function onSheetsHomepage(e: unknown) { return addonEntry('onSheetsHomepage', e, true); }
export function onSheetsFileScopeGranted(e: unknown) { return addonEntry('onSheetsFileScopeGranted', e, true); }
export function onCardAction(e: unknown) { return addonEntry('onCardAction', e, false); }

// Chat app built as a Workspace add-on (function names set on the Chat API configuration page).
export function onMessage(e: unknown) { return chatEntry('onMessage', e); }
export function onAppCommand(e: unknown) { return chatEntry('onAppCommand', e); }
export function onAddedToSpace(e: unknown) { return chatEntry('onAddedToSpace', e); }
export function onRemovedFromSpace(e: unknown) { return chatEntry('onRemovedFromSpace', e); }
export function onWidgetUpdate(e: unknown) { return chatEntry('onWidgetUpdate', e); }

// Time-driven jobs (installed by setupTriggers).
function runJob(name: keyof typeof JOBS): void {
  const { ports, handlers } = runtime();
  guarded(ports, handlers, {}, { host: 'job', action: JOBS[name].action });
}
export function jobRebuildReadModel() { runJob('jobRebuildReadModel'); }
export function jobDailyReminders() { runJob('jobDailyReminders'); }
export function jobCourseReminders() { runJob('jobCourseReminders'); }
export function jobForumNudges() { runJob('jobForumNudges'); }
export function jobAppraisalReminders() { runJob('jobAppraisalReminders'); }
export function jobWeeklyDigest() { runJob('jobWeeklyDigest'); }
export function jobLeaderDigest() { runJob('jobLeaderDigest'); }
export function jobFaqReview() { runJob('jobFaqReview'); }
export function jobOutbox() { runJob('jobOutbox'); }

// The admin console in the records spreadsheet (the same bundle pushed as a script bound to it).
export function onOpen() {
  SpreadsheetApp.getUi().createMenu('Kompetent').addItem('Admin', 'showAdminSidebar').addToUi();
}
export function showAdminSidebar() {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('sidebar').setTitle('Kompetent'));
}
/** google.script.run target of the sidebar: returns JSON text (HtmlService passes plain values only). */
export function sidebarCall(name: unknown, payloadJson: unknown): string {
  const { ports, handlers } = runtime();
  const { reply } = guarded(ports, handlers, sidebarEvent(name, payloadJson), { host: 'sidebar', action: String(name), userEmail: activeUserEmail() });
  return JSON.stringify(reply);
}

/** Installable onEdit trigger of the records spreadsheet: a hand edit drops the views it affects (read through the service account). */
export function onEditRecords(e: unknown) {
  handleRecordsEdit(runtime().ports, (e ?? {}) as EditEvent);
}

/** Run once by an administrator after deployment (README): installs the jobs and the onEdit trigger. */
export function setupTriggers() {
  installTriggers();
}
