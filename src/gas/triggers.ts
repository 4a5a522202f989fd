// Installs the time-driven jobs and the onEdit triggers of the records and the person shards, and reacts to hand edits there.
import { JOBS } from '../app/pipeline/entry-points';
import type { Ports } from '../app/ports';
import type { CachePort } from '../store/ports';
import { viewsAffectedByEdit } from '../store/edit-invalidation';
import { ReadModel, TTL_SECONDS } from '../store/read-model';
import { REBUILD_FLAG } from '../store/packs';
import { recordsShardIds, recordsSpreadsheetId } from './config';
import { SHARDED_TABLES, storeRow } from '../store/shards';
import { TABLE_NAMES } from '../core/records/tables';

/** Script property naming the account whose triggers are Kompetent's one set (the Kompetent account, README step 6). */
export const TRIGGER_OWNER_PROPERTY = 'KOMPETENT_TRIGGER_OWNER';

/**
 * Removes this account's triggers of the project and installs the one set: the time-driven jobs and the records' onEdit
 * trigger, owned by the account running it, which is recorded as the owner.
 *
 * `ScriptApp.getProjectTriggers()` returns only the triggers "associated with the current project and current user"
 * (developers.google.com/apps-script/reference/script/script-app#getprojecttriggers), and a script cannot delete
 * another user's trigger. So a set installed earlier by someone else cannot be removed from here; instead each trigger
 * run checks the recorded owner (`ownTriggerRun`) and a run of a superseded set deletes that account's triggers and does
 * nothing else. There is never a second set that does any work.
 */
export function installTriggers(owner: string): { removed: number; installed: number } {
  const mine = ScriptApp.getProjectTriggers();
  for (const t of mine) ScriptApp.deleteTrigger(t);
  let installed = 0;
  for (const [fn, spec] of Object.entries(JOBS)) {
    const b = ScriptApp.newTrigger(fn).timeBased();
    if ('everyMinutes' in spec) b.everyMinutes(spec.everyMinutes).create();
    else if ('everyHours' in spec) b.everyHours(spec.everyHours).create();
    else if ('weekday' in spec) b.onWeekDay(ScriptApp.WeekDay[spec.weekday]).atHour(spec.atHour).create();
    else b.everyDays(1).atHour(spec.atHour).create();
    installed++;
  }
  ScriptApp.newTrigger('onEditRecords').forSpreadsheet(recordsSpreadsheetId()).onEdit().create();
  // Each person shard (RECORDS_SHARD_IDS) gets the same kind of trigger: HR may correct a certification there by hand.
  const shards = recordsShardIds();
  for (const id of shards) ScriptApp.newTrigger('onEditShard').forSpreadsheet(id).onEdit().create();
  PropertiesService.getScriptProperties().setProperty(TRIGGER_OWNER_PROPERTY, owner);
  return { removed: mine.length, installed: installed + 1 + shards.length };
}

/**
 * Whether this run was started by the function's own installable trigger: the event names a `triggerUid` (documented for
 * events of installable triggers, developers.google.com/apps-script/guides/triggers/events) and the running account has
 * a trigger with that id, for this function and of this kind. An object passed through google.script.run can carry any
 * `triggerUid`, but not a trigger the caller's own account holds for a Kompetent job (only setupTriggers creates those,
 * and only for an administrator).
 *
 * 'superseded': a real trigger of an account that is no longer the recorded owner (setupTriggers was run by someone
 * else since): that account's triggers are deleted here, and the run does nothing.
 */
export function ownTriggerRun(fn: string, e: unknown, kind: 'CLOCK' | 'ON_EDIT'): 'own' | 'superseded' | 'no' {
  return ownTrigger(fn, e, kind).run;
}

/**
 * ownTriggerRun, and for an own run the id of what the trigger watches (Trigger.getTriggerSourceId: "the spreadsheet ID"
 * for a spreadsheet trigger, developers.google.com/apps-script/reference/script/trigger#gettriggersourceid): how the
 * onEdit trigger of a person shard knows which shard was edited, with no Spreadsheet service call.
 */
export function ownTrigger(fn: string, e: unknown, kind: 'CLOCK' | 'ON_EDIT'): { run: 'own' | 'superseded' | 'no'; sourceId?: string } {
  const uid = (e as { triggerUid?: unknown } | null)?.triggerUid;
  if (typeof uid !== 'string' && typeof uid !== 'number') return { run: 'no' };
  let triggers: GoogleAppsScript.Script.Trigger[];
  try {
    triggers = ScriptApp.getProjectTriggers();
  } catch {
    return { run: 'no' };
  }
  const match = triggers.find((t) => t.getUniqueId() === String(uid) && t.getHandlerFunction() === fn
    && t.getEventType() === ScriptApp.EventType[kind]);
  if (!match) return { run: 'no' };
  const owner = PropertiesService.getScriptProperties().getProperty(TRIGGER_OWNER_PROPERTY) ?? '';
  const running = Session.getEffectiveUser().getEmail().toLowerCase();
  if (owner && running && owner.toLowerCase() !== running) {
    for (const t of triggers) ScriptApp.deleteTrigger(t);
    return { run: 'superseded' };
  }
  return { run: 'own', sourceId: match.getTriggerSourceId() ?? undefined };
}

/** What an installable onEdit event carries as plain data (no Spreadsheet service call needed to read it). */
export interface EditEvent {
  /**
   * The edited cells: Apps Script's event object holds `range` as a Range whose plain fields are the 1-based
   * `rowStart`, `rowEnd`, `columnStart`, `columnEnd` (tanaikech.github.io, "Benchmark: Event Objects for Google Apps
   * Script": `"range": {"columnStart": 1, "rowStart": 1, "rowEnd": 1, "columnEnd": 1}`).
   */
  range?: { rowStart?: number; rowEnd?: number; columnStart?: number; columnEnd?: number };
  /** New value of a single edited cell (developers.google.com/apps-script/guides/triggers/events, Edit). */
  value?: unknown;
}

const EDIT_ROWS_MAX = 50;

/**
 * A hand edit of the records drops the views it affects. The trigger runs as the Kompetent account with only
 * `spreadsheets.currentonly` granted, which does not reach the records spreadsheet from this (unbound) project, so it
 * calls no Spreadsheet method: it takes the edited rows from the event's plain data and reads them through the service
 * account (one batched Sheets API read of those rows in every tab). A single-cell edit names its tab by the new value
 * in the edited column; otherwise every tab with those rows counts as edited (more is dropped, never less). Without
 * row numbers (or a very large paste), a rebuild is scheduled instead.
 */
export function handleRecordsEdit(ports: Ports, e: EditEvent, schedule: (afterMs: number) => void = () => requestRebuild(ports.cache), area = 0): void {
  const from = Number(e.range?.rowStart);
  const to = Number(e.range?.rowEnd ?? e.range?.rowStart);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < from || to - from >= EDIT_ROWS_MAX) { schedule(60_000); return; }
  if (to < 2) { schedule(60_000); return; } // a header edit: columns may have moved
  const start = Math.max(2, from);
  // A person shard holds only the sharded tables, its rows under their store row numbers (src/store/shards.ts).
  const tables: readonly string[] = area > 0 ? SHARDED_TABLES : TABLE_NAMES;
  const results = ports.workbook.read(tables.map((table) => ({ table, ranges: [{ from: storeRow(area, start), to: storeRow(area, to) }] })));
  const withRows = results.filter((r) => r.exists && r.rows.length > 0);
  const col = Number(e.range?.columnStart) - 1;
  const single = from === to && e.range?.columnEnd === e.range?.columnStart && e.value !== undefined;
  const cellText = (c: unknown) => (c === null || c === undefined ? '' : typeof c === 'object' ? '' : String(c));
  const named = single ? withRows.filter((r) => r.rows.some((x) => cellText(x.cells[col]) === String(e.value))) : [];
  const edited = named.length > 0 ? named : withRows;
  const keys = new Set<string>();
  let rebuildSoon = false;
  for (const r of edited) {
    for (const x of r.rows) {
      const row = Object.fromEntries(r.header.map((h, i) => [h.trim(), cellText(x.cells[i])]));
      const affected = viewsAffectedByEdit(r.table, row);
      for (const k of affected.keys) keys.add(k);
      rebuildSoon ||= affected.rebuildSoon;
    }
  }
  new ReadModel(ports.cache, () => 'edit', ports.codec).invalidate([...keys]);
  if (rebuildSoon || edited.length === 0) schedule(60_000);
}

/**
 * A hand edit of a person shard (its own onEdit trigger; `spreadsheetId` the trigger's source): as in the records, read
 * through the service account in that shard. A shard not among RECORDS_SHARD_IDS as this execution has them (the property
 * changed since setupTriggers) cannot be read by its rows: a rebuild is scheduled instead.
 */
export function handleShardEdit(ports: Ports, e: EditEvent, spreadsheetId: string | undefined, shardIds: readonly string[],
  schedule: (afterMs: number) => void = () => requestRebuild(ports.cache)): void {
  const area = spreadsheetId ? shardIds.indexOf(spreadsheetId) + 1 : 0;
  const count = ports.workbook.shards?.count ?? 0;
  if (area < 1 || area > count) { schedule(60_000); return; }
  handleRecordsEdit(ports, e, schedule, area);
}

/**
 * Asks for a rebuild: a flag in the cache that the standing jobHealReadModel trigger (every 10 minutes, owned by the
 * Kompetent account) picks up. A user request never creates a trigger: triggers are per user and capped, and creating
 * one would make every user grant script.scriptapp.
 */
export function requestRebuild(cache: CachePort): void {
  cache.putAll({ [REBUILD_FLAG]: '1' }, TTL_SECONDS);
}
