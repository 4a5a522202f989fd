// The monthly rotation job: moves closed months of Audit and Notifications into the archive spreadsheet of their year (in
// the app's Drive folder; a year's archive fills month by month), verified before anything is removed; runs nightly, does
// nothing on most nights, and goes on where the last run stopped. Every step it takes is recorded in Settings, so each
// leaves an audit row naming who ran it.
import { addDays } from '../../core/dates';
import type { Setting } from '../../core/records/tables';
import { ACTIONS } from '../../contract/actions';
import type { ArchiveShelf, WorkbookPort } from '../../store/ports';
import { AUDIT_END_VIEW, insert, update, type Change } from '../../store/records';
import { cutoffOfSetting, ROTATED_TABLES, rotateTable, type TableOutcome } from '../../store/rotation';
import type { Located } from '../../store/table-parse';
import { jobHandler, type Handlers, type JobEnv } from '../pipeline/handler';

/**
 * Settings: the cutoff the rotation has completed (YYYY-MM-DD, exclusive: every row dated before it is archived; a year
 * such as `2025`, written by the yearly version before, reads as 2026-01-01); the archive of each year; what the last run
 * did per table.
 */
export const ROTATED_THROUGH_KEY = 'rotatedThrough';
export const archiveKey = (year: number) => `archive.${year}`;
export const rotationKey = (table: string) => `rotation.${table}`;

export interface RotationSummary {
  /** This run's cutoff (YYYY-MM-DD, exclusive): rows dated before it are rotated. */
  cutoff: string;
  idle: boolean;
  tables: TableOutcome[];
  archivesCreated: number;
  stopped: boolean;
  done: boolean;
  failed?: string;
}

function num(v: string | undefined, fallback: number): number {
  return v !== undefined && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : fallback;
}

/**
 * Today's cutoff (YYYY-MM-DD, exclusive): the first day of the month that holds `today − graceDays`. Rows dated before
 * it are rotated, so the records keep the month before and the current one: at most about two months (62 days).
 * 2026-12-04 with 31 days' grace → 2026-11-03 → 2026-11-01; still 2026-11-01 on 2026-12-31; 2026-12-01 on 2027-01-01.
 */
export function rotationCutoff(today: string, graceDays: number): string {
  return `${addDays(today, -Math.max(0, graceDays)).slice(0, 7)}-01`;
}

/** A line a person can read in Settings (and in the audit row of its change): counts and checksums of the run. */
export function describeOutcome(o: TableOutcome): string {
  const years = o.years.map((y) => `${y.year} from ${y.from}: ${y.rows} rows (checksum ${y.checksum}), archive ${y.archived} (checksum ${y.archiveChecksum})${y.verified ? ' verified' : ' NOT verified'}, ${y.appended} copied`);
  return [...years, `removed ${o.removed}, put back ${o.restored}, remaining ${o.remaining}${o.undated ? `, undated ${o.undated}` : ''}${o.stopped ? ', stopped (time)' : ''}`].join('; ');
}

export function runRotation(env: JobEnv): RotationSummary {
  const { ports } = env;
  const actorEmail = env.actor.email || 'kompetent';
  const summary: RotationSummary = { cutoff: '', idle: true, tables: [], archivesCreated: 0, stopped: false, done: false };
  const readSettings = () => (env.read(['Settings']).Settings?.rows ?? []) as Located<Setting>[];
  let settings = readSettings();
  const value = (key: string) => settings.find((r) => r.row.key === key)?.row.value ?? '';
  const cutoff = rotationCutoff(env.today, num(value('rotationGraceDays'), 31));
  summary.cutoff = cutoff;
  // Done already (a date compares as text; a year from the yearly version reads as the next 1 January).
  const completed = cutoffOfSetting(value(ROTATED_THROUGH_KEY));
  if (completed !== '' && completed >= cutoff) return summary;
  const shelf: ArchiveShelf | undefined = ports.archives;
  if (!shelf) { summary.failed = 'no archive shelf'; ports.log.error(`${env.req.action}: no archive shelf is wired; nothing rotated`); return summary; }
  summary.idle = false;

  const commit = (changes: Change[]): boolean => {
    if (changes.length === 0) return true;
    // Recorded by whoever ran it: the app from its trigger, an administrator by hand (the rotation may run by hand).
    const res = env.commit(changes, { actorEmail, at: env.now });
    if (!res.ok) { summary.failed = res.reason; ports.log.error(`${env.req.action}: could not record`, res); }
    settings = readSettings();
    return res.ok;
  };
  const put = (key: string, v: string): Change => {
    const row = settings.find((r) => r.row.key === key);
    return row ? update('Settings', row.rowNumber, row.row, { key, value: v }) : insert('Settings', { key, value: v });
  };

  let listed: { year: number; spreadsheetId: string }[] | undefined;
  const opened = new Map<number, WorkbookPort>();
  const archiveFor = (year: number): WorkbookPort => {
    const known = opened.get(year);
    if (known) return known;
    let id = value(archiveKey(year)).trim();
    if (!id) {
      // A run that died between creating the file and recording it left it in the folder: found by name, not made twice.
      listed ??= shelf.list();
      id = listed.find((a) => a.year === year)?.spreadsheetId ?? '';
      if (!id) { id = shelf.create(year); summary.archivesCreated++; listed.push({ year, spreadsheetId: id }); }
      if (!commit([put(archiveKey(year), id)])) throw new Error(`could not record the archive of ${year}`);
    }
    const wb = shelf.open(id);
    opened.set(year, wb);
    return wb;
  };

  const budgetMs = num(value('rotationTimeBudgetSeconds'), 240) * 1000;
  const startedMs = ports.clock.now().getTime();
  const ctx = {
    workbook: ports.workbook,
    archiveFor,
    outOfTime: () => ports.clock.now().getTime() - startedMs > budgetMs,
    locked: env.locked,
    auditEndMoved: (lastRow: number) => { env.rm.stage(AUDIT_END_VIEW, lastRow); env.rm.flush(); },
    log: (message: string, detail?: unknown) => ports.log.info(message, detail),
    // Months close in the municipality's calendar, as `env.today` counts them (never UTC's: a month begins an hour or
    // two earlier in Oslo).
    timeZone: ports.clock.timeZone,
  };
  for (const table of ROTATED_TABLES) {
    const outcome = rotateTable(ctx, table, cutoff);
    summary.tables.push(outcome);
    if (outcome.years.length > 0 || outcome.removed > 0 || outcome.restored > 0) commit([put(rotationKey(table), `${env.now} before ${cutoff}: ${describeOutcome(outcome)}`)]);
    if (outcome.stopped) { summary.stopped = true; break; }
  }
  summary.done = !summary.stopped && summary.tables.length === ROTATED_TABLES.length
    && summary.tables.every((t) => t.remaining === 0 && t.years.every((y) => y.verified));
  if (summary.done) commit([put(ROTATED_THROUGH_KEY, cutoff)]);
  return summary;
}

export const rotationHandlers: Handlers = {
  // A job: its lease for the whole run; the script lock per delete window and per record, never for the run.
  [ACTIONS.jobRotate]: jobHandler(runRotation),
};
