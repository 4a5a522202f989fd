// Installs the time-driven jobs and the records' onEdit trigger, and reacts to hand edits of the records.
import { JOBS } from '../app/entry-points';
import type { Ports } from '../app/ports';
import type { CachePort } from '../store/ports';
import { viewsAffectedByEdit } from '../store/edit-invalidation';
import { ReadModel, TTL_SECONDS } from '../store/read-model';
import { REBUILD_FLAG } from '../store/packs';
import { recordsSpreadsheetId } from './config';

export function installTriggers(): void {
  for (const t of ScriptApp.getProjectTriggers()) ScriptApp.deleteTrigger(t);
  for (const [fn, spec] of Object.entries(JOBS)) {
    const b = ScriptApp.newTrigger(fn).timeBased();
    if ('everyMinutes' in spec) b.everyMinutes(spec.everyMinutes).create();
    else if ('everyHours' in spec) b.everyHours(spec.everyHours).create();
    else if ('weekday' in spec) b.onWeekDay(ScriptApp.WeekDay[spec.weekday]).atHour(spec.atHour).create();
    else b.everyDays(1).atHour(spec.atHour).create();
  }
  ScriptApp.newTrigger('onEditRecords').forSpreadsheet(recordsSpreadsheetId()).onEdit().create();
}

export function handleRecordsEdit(ports: Ports, e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const sheet = e.range.getSheet();
  const lastColumn = sheet.getLastColumn();
  if (lastColumn === 0) return;
  const header = sheet.getRange(1, 1, 1, lastColumn).getDisplayValues()[0];
  const values = sheet.getRange(e.range.getRow(), 1, 1, lastColumn).getDisplayValues()[0];
  const row = Object.fromEntries(header.map((h, i) => [h.trim(), values[i]]));
  const { keys, rebuildSoon } = viewsAffectedByEdit(sheet.getName(), row);
  new ReadModel(ports.cache, () => 'edit', ports.codec).invalidate(keys);
  if (rebuildSoon) requestRebuild(ports.cache);
}

/**
 * Asks for a rebuild: a flag in the cache that the standing jobHealReadModel trigger (every 10 minutes, owned by the
 * Kompetent account) picks up. A user request never creates a trigger: triggers are per user and capped, and creating
 * one would make every user grant script.scriptapp.
 */
export function requestRebuild(cache: CachePort): void {
  cache.putAll({ [REBUILD_FLAG]: '1' }, TTL_SECONDS);
}
