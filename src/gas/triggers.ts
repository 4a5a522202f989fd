// Installs the time-driven jobs and the records' onEdit trigger, and reacts to hand edits of the records.
import { JOBS } from '../app/entry-points';
import type { Ports } from '../app/ports';
import type { CachePort } from '../store/ports';
import { viewsAffectedByEdit } from '../store/edit-invalidation';
import { ReadModel } from '../store/read-model';
import { recordsSpreadsheetId } from './config';
import { TABLE_NAMES } from '../core/records/tables';

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

const REBUILD_FLAG = 'rebuild-scheduled';

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
export function handleRecordsEdit(ports: Ports, e: EditEvent, schedule: (afterMs: number) => void = (ms) => scheduleRebuild(ports.cache, ms)): void {
  const from = Number(e.range?.rowStart);
  const to = Number(e.range?.rowEnd ?? e.range?.rowStart);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < from || to - from >= EDIT_ROWS_MAX) { schedule(60_000); return; }
  if (to < 2) { schedule(60_000); return; } // a header edit: columns may have moved
  const start = Math.max(2, from);
  const results = ports.workbook.read(TABLE_NAMES.map((table) => ({ table, ranges: [{ from: start, to }] })));
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
  new ReadModel(ports.cache, () => 'edit').invalidate([...keys]);
  if (rebuildSoon || edited.length === 0) schedule(60_000);
}

/** A one-off rebuild trigger, debounced so a burst of edits or cold requests schedules one. */
export function scheduleRebuild(cache: CachePort, afterMs: number): void {
  if (cache.getAll([REBUILD_FLAG])[REBUILD_FLAG]) return;
  cache.putAll({ [REBUILD_FLAG]: '1' }, Math.ceil(afterMs / 1000) + 60);
  ScriptApp.newTrigger('jobRebuildReadModel').timeBased().after(afterMs).create();
}
