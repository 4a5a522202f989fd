// `kompetent doctor`: checks a live set-up (access, sharing, tab structure, data health, read-model freshness, quotas)
// and says what to fix. Exit code 1 when something must be fixed.
import { parseDateTime } from '../core/records/cells';
import { columnLabel, tabTitle } from '../core/records/labels';
import { TABLE_NAMES } from '../core/records/tables';
import type { HealthIssue } from '../contract/views';

/** Where a problem is, as the spreadsheet shows it: the tab's title, the row, the column's header label. */
function where(i: HealthIssue): string {
  return `${tabTitle(i.table)}${i.rowNumber ? ` row ${i.rowNumber}` : ''}${i.field ? ` ${columnLabel(i.table, i.field)}` : ''}`;
}
import { healthReport } from '../store/health';
import { adminEmailsOf, settingsOf } from '../store/rebuild';
import { GOOGLE_OPTIONS, list, str, type CommandSpec, type Parsed } from './args';
import { configPath, googleFor, loadConfig, spreadsheetIdOf } from './config';
import { parsePrincipal, permissionsOf, sharingProblems, whoAmI } from './drive';
import { archiveIdsOf } from '../store/access-export';
import { CliError, EXIT, type ExitCode } from './errors';
import type { Io } from './io';
import { RemoteRecords } from './remote';
import { readTabs, structureProblems } from './sheet-setup';

export const doctorSpec: CommandSpec = {
  name: 'doctor',
  summary: 'cli.summary.doctor',
  args: [],
  options: [
    ...GOOGLE_OPTIONS,
    { name: 'admins', type: 'list', value: '<emails>', description: 'cli.opt.doctorAdmins' },
    { name: 'service-account', type: 'string', value: '<email>', description: 'cli.opt.doctorServiceAccount' },
  ],
  examples: ['kompetent doctor', 'kompetent doctor --key sa.json --spreadsheet 1AbC…'],
};

/** Design limit of one records spreadsheet (DESIGN.md: half of Google's 10 million cells). */
export const CELL_BUDGET = 5_000_000;
const AUDIT_ROTATE_ROWS = 500_000;
/** The rebuild runs hourly (setupTriggers); three hours without one means the job is not running. */
export const STALE_HOURS = 3;

type Level = 'ok' | 'warn' | 'fail';
interface Finding { area: string; level: Level; text: string; detail?: string[]; fix?: string }

const MARK: Record<Level, string> = { ok: '✔', warn: '!', fail: '✖' };

/** `Settings.readModelBuiltAt` as the rebuild job writes it (ISO text), or as Sheets may turn it (a serial number). */
export function builtAtOf(value: string | undefined): string | undefined {
  const v = value?.trim() ?? '';
  if (v === '') return undefined;
  return parseDateTime(/^\d+(\.\d+)?$/.test(v) ? Number(v) : v) ?? (Number.isNaN(Date.parse(v)) ? undefined : new Date(Date.parse(v)).toISOString());
}

/** Read-model freshness from `Settings.readModelBuiltAt` (written by jobRebuildReadModel after each rebuild). */
export function readModelFinding(value: string | undefined, now: Date, lastAudit: string): Finding {
  const REBUILD = 'run jobRebuildReadModel (Apps Script editor, or Refresh now in the admin sidebar)';
  const changes = lastAudit ? `; last recorded change ${lastAudit}` : '';
  if (value === undefined || value.trim() === '') {
    return { area: 'Read model', level: 'warn', text: `no rebuild recorded (Settings has no readModelBuiltAt)${changes}`,
      fix: `never rebuilt, or the rebuild job has not run since the upgrade: ${REBUILD}; setupTriggers schedules it hourly` };
  }
  const built = builtAtOf(value);
  if (!built) {
    return { area: 'Read model', level: 'warn', text: `Settings readModelBuiltAt is "${value}", not a time${changes}`,
      fix: `${REBUILD}; it writes the time of the rebuild there` };
  }
  const hours = (now.getTime() - Date.parse(built)) / 3_600_000;
  const since = lastAudit && Date.parse(lastAudit) > Date.parse(built) ? `; changes since: last at ${lastAudit}` : '';
  if (hours > STALE_HOURS) {
    return { area: 'Read model', level: 'fail', text: `stale: last rebuilt ${hours.toFixed(1)} h ago (${built})${since}`,
      fix: `the hourly rebuild is not running: check its trigger (run setupTriggers) and the executions log, then ${REBUILD}` };
  }
  return { area: 'Read model', level: 'ok', text: `rebuilt ${Math.max(0, hours).toFixed(1)} h ago (${built})${since}` };
}

export async function doctor(io: Io, p: Parsed): Promise<ExitCode> {
  const config = loadConfig(configPath(io, p));
  const g = googleFor(io, p);
  const rr = new RemoteRecords(g, spreadsheetIdOf(p, config));
  const findings: Finding[] = [];
  const me = await whoAmI(g);
  const metas = await rr.meta();
  findings.push({ area: 'Access', level: 'ok', text: `connected as ${me ?? 'unknown'}; the records spreadsheet has ${metas.length} tabs` });

  const tabs = await readTabs(rr);
  const sa = (str(p, 'service-account') ?? g.keyEmail ?? config.serviceAccount)?.toLowerCase();
  const structure = structureProblems(tabs, sa ? [sa] : []);
  findings.push(structure.length === 0
    ? { area: 'Structure', level: 'ok', text: `${TABLE_NAMES.length} tables with their headers, frozen and protected; enumerations validated` }
    : { area: 'Structure', level: 'fail', text: `${structure.length} thing${structure.length === 1 ? '' : 's'} to repair`, detail: structure, fix: 'kompetent provision repairs these' });

  const { snap } = await rr.snapshot(TABLE_NAMES.filter((t) => rr.sheetMeta(t)));
  const settings = settingsOf(snap);
  const admins = new Set([...list(p, 'admins'), ...(config.admins ?? [])].map((a) => parsePrincipal(a).email));
  for (const a of adminEmailsOf(settings)) admins.add(a);
  const allowed = new Set([...admins, ...(sa ? [sa] : [])]);
  const files: { id: string; label: string; kind: 'spreadsheet' | 'folder' }[] = [{ id: rr.spreadsheetId, label: 'records spreadsheet', kind: 'spreadsheet' }];
  if (config.rootFolderId) files.push({ id: config.rootFolderId, label: 'folder Kompetent', kind: 'folder' });
  for (const [k, id] of Object.entries(config.folders ?? {})) files.push({ id, label: `folder ${k}`, kind: 'folder' });
  for (const [k, v] of Object.entries(settings)) {
    if (/FolderId$/.test(k) && !files.some((f) => f.id === v)) files.push({ id: v, label: `folder ${k.replace(/FolderId$/, '')}`, kind: 'folder' });
  }
  // The yearly archives of Audit and Notifications hold the same people's data: shared as narrowly as the records.
  const archives = archiveIdsOf(snap);
  for (const a of archives) files.push({ id: a.spreadsheetId, label: `archive ${a.year}`, kind: 'spreadsheet' });
  if (!sa) findings.push({ area: 'Sharing', level: 'warn', text: 'the service account is unknown, so its access cannot be told apart', fix: 'pass --service-account or --key' });
  const sharing = [];
  const missing: { id: string; text: string }[] = [];
  for (const f of files) {
    try {
      sharing.push(...sharingProblems(f.id, f.label, await permissionsOf(g, f.id), allowed));
    } catch (e) {
      if (!(e instanceof CliError && e.status === 404)) throw e;
      missing.push({ id: f.id, text: `${f.label} (${f.id}) is gone or not shared with ${me ?? 'these credentials'}` });
    }
  }
  if (missing.length) {
    const gone = files.filter((f) => missing.some((m) => m.id === f.id));
    const allFolders = gone.every((f) => f.kind === 'folder');
    const noun = allFolders ? 'folder' : 'item';
    findings.push({ area: 'Drive', level: 'fail', text: `${missing.length} ${noun}${missing.length === 1 ? '' : 's'} not found`, detail: missing.map((m) => m.text),
      fix: gone.some((f) => f.kind === 'spreadsheet')
        ? 'check the spreadsheet id (--spreadsheet or kompetent.json) and that it is shared with these credentials; kompetent provision recreates missing folders'
        : 'kompetent provision recreates them' });
  }
  // Only what could be looked at counts as checked: a file that is gone is not "shared only with" anyone.
  const checked = files.length - missing.length;
  if (sharing.length > 0 || checked > 0) findings.push(sharing.length === 0
    ? { area: 'Sharing', level: 'ok', text: `${checked} item${checked === 1 ? '' : 's'} shared only with the service account and ${admins.size} admin${admins.size === 1 ? '' : 's'}`
      + (missing.length ? ` (${missing.length} not found, see Drive)` : '') }
    : { area: 'Sharing', level: 'fail', text: `${sharing.length} grant${sharing.length === 1 ? '' : 's'} beyond the service account and the admins`,
      detail: sharing.map((s) => `${s.label}: ${s.why}`),
      fix: 'remove them in Drive → Share (General access: Restricted); add real admins with --admins or in Settings adminEmails' });

  const health = healthReport(snap, new Date(io.now()).toISOString());
  findings.push(health.total === 0
    ? { area: 'Data health', level: 'ok', text: `${health.rowsRead} rows read, all of them usable` }
    : { area: 'Data health', level: 'fail', text: `${health.total} problem${health.total === 1 ? '' : 's'} in ${health.rowsRead} rows`,
      detail: health.issues.slice(0, 15).map((i) => `${where(i)}: ${i.reason}${i.value ? ` ("${i.value}")` : ''}`)
        .concat(health.total > 15 ? [`… and ${health.total - 15} more (the admin sidebar lists them all)`] : []),
      fix: 'correct these cells in the spreadsheet; the app skips unreadable rows until then' });

  // Audit is read where it is: the records and every yearly archive (their rows are checked like the records' own).
  const archived: { year: number; audit: number; notifications: number }[] = [];
  const archiveProblems: string[] = [];
  for (const a of archives) {
    if (missing.some((m) => m.id === a.spreadsheetId)) continue;
    const { snap: old } = await new RemoteRecords(g, a.spreadsheetId).snapshot(['Audit', 'Notifications']);
    archived.push({ year: a.year, audit: old.Audit?.rows.length ?? 0, notifications: old.Notifications?.rows.length ?? 0 });
    const h = healthReport(old, new Date(io.now()).toISOString());
    archiveProblems.push(...h.issues.slice(0, 5).map((i) => `archive ${a.year} ${where(i)}: ${i.reason}`));
    const strays = (old.Audit?.rows ?? []).filter((r) => !r.row.at.startsWith(`${a.year}-`)).length;
    if (strays) archiveProblems.push(`archive ${a.year}: ${strays} Audit row(s) of another year`);
  }
  if (archives.length > 0) {
    const status = ['Audit', 'Notifications'].map((t) => settings[`rotation.${t}`]).filter(Boolean);
    findings.push({ area: 'Archives', level: archiveProblems.length ? 'fail' : 'ok',
      text: `${archived.map((a) => `${a.year}: Audit ${a.audit.toLocaleString('en')}, Notifications ${a.notifications.toLocaleString('en')} rows`).join('; ')}`
        + `${settings.rotatedThrough ? `; rotated through ${settings.rotatedThrough}` : ''}`,
      detail: [...archiveProblems, ...status.map((s2) => `last rotation: ${s2}`)],
      fix: 'correct these cells in the archive spreadsheet; nothing reads an archive but the access export and this check' });
  }
  const lastAudit = (snap.Audit?.rows ?? []).reduce((m, r) => (r.row.at > m ? r.row.at : m), '');
  findings.push(readModelFinding(settings.readModelBuiltAt, io.now(), lastAudit));

  const cells = metas.reduce((n, m) => n + m.rowCount * m.columnCount, 0);
  const share = cells / CELL_BUDGET;
  const auditRows = snap.Audit?.rows.length ?? 0;
  const quota: Finding = { area: 'Quotas', level: share >= 1 ? 'fail' : share >= 0.8 || auditRows > AUDIT_ROTATE_ROWS ? 'warn' : 'ok',
    text: `${cells.toLocaleString('en')} of ${CELL_BUDGET.toLocaleString('en')} cells (${Math.round(share * 100)}%); Audit ${auditRows.toLocaleString('en')} rows`
      + (archived.length ? ` here and ${archived.reduce((n, a) => n + a.audit, 0).toLocaleString('en')} in ${archived.length} archive${archived.length === 1 ? '' : 's'}` : '') };
  if (quota.level !== 'ok') quota.fix = 'the nightly rotation (jobRotateArchive) moves closed years of Audit and Notifications out once their grace month is past: check its trigger, and Settings rotation.Audit / rotation.Notifications for where it stopped';
  const about = await g.call('drive.about', 'reading the Drive storage quota', () => g.drive.about.get({ fields: 'storageQuota(limit,usage)' }));
  const limit = Number(about.data.storageQuota?.limit ?? 0);
  const usage = Number(about.data.storageQuota?.usage ?? 0);
  if (limit > 0) {
    quota.text += `; Drive ${(usage / 2 ** 30).toFixed(1)} of ${(limit / 2 ** 30).toFixed(1)} GiB`;
    if (usage / limit > 0.9 && quota.level === 'ok') { quota.level = 'warn'; quota.fix = 'free Drive space, or move the folders to a shared drive'; }
  }
  const calls = Object.values(g.calls).reduce((a, b) => a + b, 0);
  quota.text += `; this check used ${calls} API calls (Sheets allows about 60 reads a minute per user)`;
  findings.push(quota);

  io.out(`Kompetent doctor: spreadsheet ${rr.spreadsheetId}`);
  for (const f of findings) {
    io.out(`${f.area.padEnd(12)} ${MARK[f.level]} ${f.text}`);
    for (const d of f.detail ?? []) io.out(`${''.padEnd(15)}${d}`);
    if (f.fix && f.level !== 'ok') io.out(`${''.padEnd(13)}→ ${f.fix}`);
  }
  const fails = findings.filter((f) => f.level === 'fail').length;
  const warns = findings.filter((f) => f.level === 'warn').length;
  io.out(`Summary: ${fails} problem${fails === 1 ? '' : 's'}, ${warns} warning${warns === 1 ? '' : 's'}.`);
  return fails > 0 ? EXIT.problems : EXIT.ok;
}
