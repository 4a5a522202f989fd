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
import { cliLocale } from './locale';
import { t, type Locale, type MessageKey, type Params } from '../core/i18n';
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

type Tr = (key: MessageKey, params?: Params) => string;

/** Hours with one decimal, in the language's way (5.0 h; 5,0 t with a decimal comma in nb and sv). */
function hoursText(locale: Locale, hours: number): string {
  const n = hours.toFixed(1);
  return locale === 'en' ? n : n.replace('.', ',');
}

/** Read-model freshness from `Settings.readModelBuiltAt` (written by jobRebuildReadModel after each rebuild). */
export function readModelFinding(value: string | undefined, now: Date, lastAudit: string, tr: Tr, locale: Locale): Finding {
  const area = tr('cli.doc.area.readModel');
  const rebuild = tr('cli.doc.rm.rebuild');
  const changes = lastAudit ? tr('cli.doc.rm.lastChange', { at: lastAudit }) : '';
  if (value === undefined || value.trim() === '') {
    return { area, level: 'warn', text: tr('cli.doc.rm.none', { changes }), fix: tr('cli.doc.rm.noneFix', { rebuild }) };
  }
  const built = builtAtOf(value);
  if (!built) return { area, level: 'warn', text: tr('cli.doc.rm.bad', { value, changes }), fix: tr('cli.doc.rm.badFix', { rebuild }) };
  const hours = (now.getTime() - Date.parse(built)) / 3_600_000;
  const since = lastAudit && Date.parse(lastAudit) > Date.parse(built) ? tr('cli.doc.rm.since', { at: lastAudit }) : '';
  if (hours > STALE_HOURS) {
    return { area, level: 'fail', text: tr('cli.doc.rm.stale', { hours: hoursText(locale, hours), built, since }), fix: tr('cli.doc.rm.staleFix', { rebuild }) };
  }
  return { area, level: 'ok', text: tr('cli.doc.rm.ok', { hours: hoursText(locale, Math.max(0, hours)), built, since }) };
}

export async function doctor(io: Io, p: Parsed): Promise<ExitCode> {
  const config = loadConfig(configPath(io, p));
  const g = googleFor(io, p);
  const rr = new RemoteRecords(g, spreadsheetIdOf(p, config));
  const findings: Finding[] = [];
  // The report in the admin's language (LC_ALL, LC_MESSAGES, LANG; bokmål by default).
  const locale = cliLocale(io.env);
  const tr: Tr = (key, params) => t(locale, key, params);
  const me = await whoAmI(g);
  const metas = await rr.meta();
  findings.push({ area: tr('cli.doc.area.access'), level: 'ok', text: tr('cli.doc.access', { me: me ?? tr('cli.doc.unknown'), tabs: String(metas.length) }) });

  const tabs = await readTabs(rr);
  const sa = (str(p, 'service-account') ?? g.keyEmail ?? config.serviceAccount)?.toLowerCase();
  const structure = structureProblems(tabs, sa ? [sa] : []);
  findings.push(structure.length === 0
    ? { area: tr('cli.doc.area.structure'), level: 'ok', text: tr('cli.doc.structure.ok', { tables: String(TABLE_NAMES.length) }) }
    : { area: tr('cli.doc.area.structure'), level: 'fail', text: tr('cli.doc.structure.fail', { count: structure.length }), detail: structure, fix: tr('cli.doc.structure.fix') });

  const { snap } = await rr.snapshot(TABLE_NAMES.filter((t) => rr.sheetMeta(t)));
  const settings = settingsOf(snap);
  const admins = new Set([...list(p, 'admins'), ...(config.admins ?? [])].map((a) => parsePrincipal(a).email));
  for (const a of adminEmailsOf(settings)) admins.add(a);
  const allowed = new Set([...admins, ...(sa ? [sa] : [])]);
  const files: { id: string; label: string; kind: 'spreadsheet' | 'folder' }[] = [{ id: rr.spreadsheetId, label: tr('cli.doc.records'), kind: 'spreadsheet' }];
  if (config.rootFolderId) files.push({ id: config.rootFolderId, label: tr('cli.doc.folder', { name: 'Kompetent' }), kind: 'folder' });
  for (const [k, id] of Object.entries(config.folders ?? {})) files.push({ id, label: tr('cli.doc.folder', { name: k }), kind: 'folder' });
  for (const [k, v] of Object.entries(settings)) {
    if (/FolderId$/.test(k) && !files.some((f) => f.id === v)) files.push({ id: v, label: tr('cli.doc.folder', { name: k.replace(/FolderId$/, '') }), kind: 'folder' });
  }
  // The yearly archives of Audit and Notifications hold the same people's data: shared as narrowly as the records.
  const archives = archiveIdsOf(snap);
  for (const a of archives) files.push({ id: a.spreadsheetId, label: tr('cli.doc.archive', { year: String(a.year) }), kind: 'spreadsheet' });
  if (!sa) findings.push({ area: tr('cli.doc.area.sharing'), level: 'warn', text: tr('cli.doc.sharing.noSa'), fix: tr('cli.doc.sharing.noSaFix') });
  const sharing = [];
  const missing: { id: string; text: string }[] = [];
  for (const f of files) {
    try {
      sharing.push(...sharingProblems(f.id, f.label, await permissionsOf(g, f.id), allowed));
    } catch (e) {
      if (!(e instanceof CliError && e.status === 404)) throw e;
      missing.push({ id: f.id, text: tr('cli.doc.gone', { label: f.label, id: f.id, me: me ?? tr('cli.doc.theseCredentials') }) });
    }
  }
  if (missing.length) {
    const gone = files.filter((f) => missing.some((m) => m.id === f.id));
    const allFolders = gone.every((f) => f.kind === 'folder');
    findings.push({ area: tr('cli.doc.area.drive'), level: 'fail', text: tr(allFolders ? 'cli.doc.drive.folders' : 'cli.doc.drive.items', { count: missing.length }),
      detail: missing.map((m) => m.text), fix: tr(gone.some((f) => f.kind === 'spreadsheet') ? 'cli.doc.drive.fixSheet' : 'cli.doc.drive.fix') });
  }
  // Only what could be looked at counts as checked: a file that is gone is not "shared only with" anyone.
  const checked = files.length - missing.length;
  if (sharing.length > 0 || checked > 0) findings.push(sharing.length === 0
    ? { area: tr('cli.doc.area.sharing'), level: 'ok', text: tr('cli.doc.sharing.ok', { checked, admins: admins.size })
      + (missing.length ? tr('cli.doc.sharing.notFound', { count: String(missing.length) }) : '') }
    : { area: tr('cli.doc.area.sharing'), level: 'fail', text: tr('cli.doc.sharing.fail', { count: sharing.length }),
      detail: sharing.map((s) => `${s.label}: ${s.why}`), fix: tr('cli.doc.sharing.fix') });

  const health = healthReport(snap, new Date(io.now()).toISOString());
  findings.push(health.total === 0
    ? { area: tr('cli.doc.area.health'), level: 'ok', text: tr('cli.doc.health.ok', { rows: String(health.rowsRead) }) }
    : { area: tr('cli.doc.area.health'), level: 'fail', text: tr('cli.doc.health.fail', { count: health.total, rows: String(health.rowsRead) }),
      detail: health.issues.slice(0, 15).map((i) => `${where(i)}: ${i.reason}${i.value ? ` ("${i.value}")` : ''}`)
        .concat(health.total > 15 ? [tr('cli.doc.health.more', { count: String(health.total - 15) })] : []),
      fix: tr('cli.doc.health.fix') });

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
    findings.push({ area: tr('cli.doc.area.archives'), level: archiveProblems.length ? 'fail' : 'ok',
      text: `${archived.map((a) => `${a.year}: Audit ${a.audit.toLocaleString('en')}, Notifications ${a.notifications.toLocaleString('en')} rows`).join('; ')}`
        + `${settings.rotatedThrough ? `; rotated through ${settings.rotatedThrough}` : ''}`,
      detail: [...archiveProblems, ...status.map((s2) => `last rotation: ${s2}`)],
      fix: 'correct these cells in the archive spreadsheet; nothing reads an archive but the access export and this check' });
  }
  const lastAudit = (snap.Audit?.rows ?? []).reduce((m, r) => (r.row.at > m ? r.row.at : m), '');
  findings.push(readModelFinding(settings.readModelBuiltAt, io.now(), lastAudit, tr, locale));

  const cells = metas.reduce((n, m) => n + m.rowCount * m.columnCount, 0);
  const share = cells / CELL_BUDGET;
  const auditRows = snap.Audit?.rows.length ?? 0;
  const quota: Finding = { area: tr('cli.doc.area.quotas'), level: share >= 1 ? 'fail' : share >= 0.8 || auditRows > AUDIT_ROTATE_ROWS ? 'warn' : 'ok',
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

  io.out(tr('cli.doc.title', { id: rr.spreadsheetId }));
  for (const f of findings) {
    io.out(`${f.area.padEnd(12)} ${MARK[f.level]} ${f.text}`);
    for (const d of f.detail ?? []) io.out(`${''.padEnd(15)}${d}`);
    if (f.fix && f.level !== 'ok') io.out(`${''.padEnd(13)}→ ${f.fix}`);
  }
  const fails = findings.filter((f) => f.level === 'fail').length;
  const warns = findings.filter((f) => f.level === 'warn').length;
  io.out(tr('cli.doc.summary', { fails, warns }));
  return fails > 0 ? EXIT.problems : EXIT.ok;
}
