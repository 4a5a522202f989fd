// Installs the time-driven jobs and the records' onEdit trigger, and reacts to hand edits of the records.
import { JOBS } from '../app/entry-points';
import type { Ports } from '../app/ports';
import type { CachePort } from '../store/ports';
import { viewsAffectedByEdit } from '../store/edit-invalidation';
import { ReadModel } from '../store/read-model';
import { recordsSpreadsheetId } from './config';

export function installTriggers(): void {
  for (const t of ScriptApp.getProjectTriggers()) ScriptApp.deleteTrigger(t);
  for (const [fn, spec] of Object.entries(JOBS)) {
    const b = ScriptApp.newTrigger(fn).timeBased();
    if ('everyHours' in spec) b.everyHours(spec.everyHours).create();
    else if ('weekday' in spec) b.onWeekDay(ScriptApp.WeekDay[spec.weekday]).atHour(spec.atHour).create();
    else b.everyDays(1).atHour(spec.atHour).create();
  }
  ScriptApp.newTrigger('onEditRecords').forSpreadsheet(recordsSpreadsheetId()).onEdit().create();
}

const REBUILD_FLAG = 'rebuild-scheduled';

export function handleRecordsEdit(ports: Ports, e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const sheet = e.range.getSheet();
  const lastColumn = sheet.getLastColumn();
  if (lastColumn === 0) return;
  const header = sheet.getRange(1, 1, 1, lastColumn).getDisplayValues()[0];
  const values = sheet.getRange(e.range.getRow(), 1, 1, lastColumn).getDisplayValues()[0];
  const row = Object.fromEntries(header.map((h, i) => [h.trim(), values[i]]));
  const { keys, rebuildSoon } = viewsAffectedByEdit(sheet.getName(), row);
  new ReadModel(ports.cache, () => 'edit', ports.codec).invalidate(keys);
  if (rebuildSoon) scheduleRebuild(ports.cache, 60_000);
}

/** A one-off rebuild trigger, debounced so a burst of edits or cold requests schedules one. */
export function scheduleRebuild(cache: CachePort, afterMs: number): void {
  if (cache.getAll([REBUILD_FLAG])[REBUILD_FLAG]) return;
  cache.putAll({ [REBUILD_FLAG]: '1' }, Math.ceil(afterMs / 1000) + 60);
  ScriptApp.newTrigger('jobRebuildReadModel').timeBased().after(afterMs).create();
}
