// Apps Script entry points: every export becomes a top-level function of build/Code.js (see scripts/build.mjs).
import { ENTRY_POINTS, hostOfEvent, JOBS } from '../app/pipeline/entry-points';
import { guarded } from '../app/pipeline/handle';
import type { Handlers } from '../app/pipeline/handler';
import { allHandlers } from '../app/pipeline/router';
import type { Ports } from '../app/ports';
import { toAddonReply, toAddonResponse, toChatResponse } from '../ui/envelopes';
import { toActionResponse, toCards } from './card-service';
import { gasPorts } from './ports';
import { handleRecordsEdit, handleShardEdit, installTriggers, ownTrigger, ownTriggerRun, type EditEvent } from './triggers';
import { recordsShardIds } from './config';
import { sidebarEvent } from '../contract/sidebar';
import { isAdministrator } from '../app/pipeline/admin-check';
import { runRequestedJobs } from '../app/pipeline/job-requests';
import { translator } from '../core/i18n';

// Built once per execution, on first use (no work at top level: every execution loads the whole bundle).
let cached: { ports: Ports; handlers: Handlers } | undefined;
function runtime() {
  cached ??= { ports: gasPorts(), handlers: allHandlers() };
  return cached;
}

type EntryName = keyof typeof ENTRY_POINTS;

/**
 * Who is asking, as Google says: the only source of identity (never an argument, never the event). Empty when Google
 * does not tell (e.g. a user outside the domain): such a caller is unknown, and a Chat event from them is refused.
 */
function activeUserEmail(): string {
  try {
    return Session.getActiveUser().getEmail();
  } catch {
    return '';
  }
}

function chatEntry(name: EntryName, e: unknown): unknown {
  const { ports, handlers } = runtime();
  // The event's chat.user must be this same person (src/app/pipeline/events.ts), else the event is refused before any read.
  const { reply, request } = guarded(ports, handlers, e, { host: 'chat', action: ENTRY_POINTS[name].action, userEmail: activeUserEmail() });
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

// Time-driven jobs (installed by setupTriggers): from their own trigger they act as the app; anyone else calling one
// (google.script.run can call any top-level function) is refused unless they are an administrator, and even then only
// the rebuild and heal run in their execution: any other job is asked of the minute trigger (src/app/pipeline/job-requests.ts).
function runJob(name: keyof typeof JOBS, e: unknown): void {
  const own = ownTriggerRun(name, e, 'CLOCK');
  if (own === 'superseded') return;
  const { ports, handlers } = runtime();
  guarded(ports, handlers, {}, own === 'own'
    ? { host: 'job', action: JOBS[name].action, userEmail: '', fromTrigger: true }
    : { host: 'job', action: JOBS[name].action, userEmail: activeUserEmail() });
  // The standing minute trigger (the Kompetent account's) runs the jobs an administrator asked for, as the app.
  if (own === 'own' && name === 'jobOutbox') {
    runRequestedJobs(ports, (action) => guarded(ports, handlers, {}, { host: 'job', action, userEmail: '', fromTrigger: true }));
  }
}
export function jobRebuildReadModel(e: unknown) { runJob('jobRebuildReadModel', e); }
export function jobHealReadModel(e: unknown) { runJob('jobHealReadModel', e); }
export function jobDailyReminders(e: unknown) { runJob('jobDailyReminders', e); }
export function jobCourseReminders(e: unknown) { runJob('jobCourseReminders', e); }
export function jobForumNudges(e: unknown) { runJob('jobForumNudges', e); }
export function jobAppraisalReminders(e: unknown) { runJob('jobAppraisalReminders', e); }
export function jobWeeklyDigest(e: unknown) { runJob('jobWeeklyDigest', e); }
export function jobLeaderDigest(e: unknown) { runJob('jobLeaderDigest', e); }
export function jobFaqReview(e: unknown) { runJob('jobFaqReview', e); }
export function jobOutbox(e: unknown) { runJob('jobOutbox', e); }
export function jobRotateArchive(e: unknown) { runJob('jobRotateArchive', e); }

/**
 * The admin console, served by this one project as a web app (appsscript.json `webapp`: executed as the user accessing
 * it, domain only), so the console shares the add-on's cache, lock and triggers. The records spreadsheet shows it in a
 * sidebar through a bound script of a few lines that frames this page (docs/google-setup.md); framing needs
 * XFrameOptionsMode.ALLOWALL (developers.google.com/apps-script/reference/html/x-frame-options-mode), and the page
 * itself refuses to show inside any frame but Google's (src/sidebar/sidebar.html). Only administrators get the console;
 * every call it makes checks again (sidebarCall).
 */
export function doGet() {
  const email = activeUserEmail();
  if (!isAdministrator(runtime().ports, email)) {
    return HtmlService.createHtmlOutput(`<!DOCTYPE html><html><body><p>${escapeHtml(translator('nb')('error.notAllowed'))}</p></body></html>`)
      .setTitle('Kompetent');
  }
  return HtmlService.createHtmlOutputFromFile('sidebar').setTitle('Kompetent')
    .setXFrameOptionsMode(HtmlService.XFrameOptionsMode.ALLOWALL);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** google.script.run target of the console: returns JSON text (HtmlService passes plain values only). */
export function sidebarCall(name: unknown, payloadJson: unknown): string {
  const { ports, handlers } = runtime();
  const { reply } = guarded(ports, handlers, sidebarEvent(name, payloadJson), { host: 'sidebar', action: String(name), userEmail: activeUserEmail() });
  return JSON.stringify(reply);
}

/**
 * Installable onEdit trigger of the records spreadsheet: a hand edit drops the views it affects (read through the service
 * account). Only its own trigger runs it: called any other way (google.script.run) it does nothing.
 */
export function onEditRecords(e: unknown) {
  if (ownTriggerRun('onEditRecords', e, 'ON_EDIT') !== 'own') return;
  handleRecordsEdit(runtime().ports, (e ?? {}) as EditEvent);
}

/**
 * Installable onEdit trigger of a person shard (RECORDS_SHARD_IDS; src/store/shards.ts): a hand edit of a certification
 * or skill assessment there drops the views it affects, as in the records. Only its own trigger runs it.
 */
export function onEditShard(e: unknown) {
  const own = ownTrigger('onEditShard', e, 'ON_EDIT');
  if (own.run !== 'own') return;
  handleShardEdit(runtime().ports, (e ?? {}) as EditEvent, own.sourceId, recordsShardIds());
}

/**
 * Run once by an administrator after deployment, as the Kompetent account (README): removes this account's triggers of
 * the project and installs the one set, recording this account as its owner (a set another account installed earlier
 * removes itself at its next run; see installTriggers). Refused for anyone who is not an administrator.
 */
export function setupTriggers(): string {
  const email = activeUserEmail();
  if (!isAdministrator(runtime().ports, email)) {
    console.error(`setupTriggers refused for ${email || 'an unknown user'}: not an administrator (Settings adminEmails)`);
    return translator('nb')('error.notAllowed');
  }
  const { removed, installed } = installTriggers(email);
  return `Kompetent: ${installed} triggers installed for ${email} (${removed} of this account's triggers removed first).`;
}
