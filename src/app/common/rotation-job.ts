// The yearly rotation job: moves closed years of Audit and Notifications into one archive spreadsheet per year (in the
// app's Drive folder), verified before anything is removed; runs daily, does nothing most days, and goes on where the last
// run stopped. Every step it takes is recorded in Settings, so each leaves an audit row naming who ran it.
import { daysBetween } from '../../core/dates';
import type { Setting } from '../../core/records/tables';
import { ACTIONS } from '../../contract/actions';
import type { ArchiveShelf, WorkbookPort } from '../../store/ports';
import { AUDIT_END_VIEW, insert, update, type Change } from '../../store/records';
import { ROTATED_TABLES, rotateTable, type TableOutcome } from '../../store/rotation';
import type { Located } from '../../store/table-parse';
import { jobHandler, type Handlers, type JobEnv } from '../pipeline/handler';

/** Settings: the last closed year rotated; the archive of each year; what the last run did per table. */
export const ROTATED_THROUGH_KEY = 'rotatedThrough';
export const archiveKey = (year: number) => `archive.${year}`;
export const rotationKey = (table: string) => `rotation.${table}`;

export interface RotationSummary {
  /** The last closed year this run may rotate (its grace period past), or 0 when there is nothing to do. */
  upTo: number;
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

/** The closed years that may be rotated today: a year stays in the records for `graceDays` into the next. */
export function rotatableUpTo(today: string, graceDays: number): number {
  const year = Number(today.slice(0, 4));
  return daysBetween(`${year}-01-01`, today) >= graceDays ? year - 1 : year - 2;
}

/** A line a person can read in Settings (and in the audit row of its change): counts and checksums of the run. */
export function describeOutcome(o: TableOutcome): string {
  const years = o.years.map((y) => `${y.year}: ${y.rows} rows (checksum ${y.checksum}), archive ${y.archived} (checksum ${y.archiveChecksum})${y.verified ? ' verified' : ' NOT verified'}, ${y.appended} copied`);
  return [...years, `removed ${o.removed}, put back ${o.restored}, remaining ${o.remaining}${o.undated ? `, undated ${o.undated}` : ''}${o.stopped ? ', stopped (time)' : ''}`].join('; ');
}

export function runRotation(env: JobEnv): RotationSummary {
  const { ports } = env;
  const actorEmail = env.actor.email || 'kompetent';
  const summary: RotationSummary = { upTo: 0, idle: true, tables: [], archivesCreated: 0, stopped: false, done: false };
  const readSettings = () => (env.read(['Settings']).Settings?.rows ?? []) as Located<Setting>[];
  let settings = readSettings();
  const value = (key: string) => settings.find((r) => r.row.key === key)?.row.value ?? '';
  const upTo = rotatableUpTo(env.today, num(value('rotationGraceDays'), 31));
  summary.upTo = upTo;
  if (num(value(ROTATED_THROUGH_KEY), 0) >= upTo) return summary;
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
    // Years close in the municipality's calendar, as `env.today` counts them (never UTC's: New Year comes an hour or
    // two earlier in Oslo).
    timeZone: ports.clock.timeZone,
  };
  for (const table of ROTATED_TABLES) {
    const outcome = rotateTable(ctx, table, upTo);
    summary.tables.push(outcome);
    if (outcome.years.length > 0 || outcome.removed > 0 || outcome.restored > 0) commit([put(rotationKey(table), `${env.now} up to ${upTo}: ${describeOutcome(outcome)}`)]);
    if (outcome.stopped) { summary.stopped = true; break; }
  }
  summary.done = !summary.stopped && summary.tables.length === ROTATED_TABLES.length
    && summary.tables.every((t) => t.remaining === 0 && t.years.every((y) => y.verified));
  if (summary.done) commit([put(ROTATED_THROUGH_KEY, String(upTo))]);
  return summary;
}

export const rotationHandlers: Handlers = {
  // A job: its lease for the whole run; the script lock per delete window and per record, never for the run.
  [ACTIONS.jobRotate]: jobHandler(runRotation),
};
