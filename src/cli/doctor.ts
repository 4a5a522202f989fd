// `kompetent doctor`: checks a live set-up (access, sharing, tab structure, data health, read-model freshness, quotas)
// and says what to fix. Exit code 1 when something must be fixed.
import { parseDateTime } from '../core/records/cells';
import { columnLabel, tabTitle } from '../core/records/labels';
import { TABLE_NAMES } from '../core/records/tables';
import type { HealthIssue } from '../contract/views';
import { healthReport } from '../store/health';
import { adminEmailsOf, settingsOf } from '../store/rebuild';
import { GOOGLE_OPTIONS, list, str, type CommandSpec, type Parsed } from './args';
import { configPath, googleFor, loadConfig, spreadsheetIdOf } from './config';
import { FOLDER, findChild, parsePrincipal, permissionsOf, sharingLine, sharingProblems, whoAmI } from './drive';
import { DRIVE_FOLDERS, earlierNames, personShardName } from '../core/drive-names';
import { leftInRecords, probeShards, readerOf, shardFinding } from './doctor-shards';
import { archiveIdsOf } from '../store/access-export';
import { cutoffOfSetting } from '../store/rotation';
import { CliError, EXIT, msg, type ExitCode } from './errors';
import type { Io } from './io';
import { cliLocale } from './locale';
import { allKeys, formatNumber, rawMessage, t, type Locale, type MessageKey, type Params } from '../core/i18n';
import { RemoteRecords } from './remote';
import { openRecords } from './person-shards';
import { ROOT_FOLDER, SUBFOLDERS } from './provision';
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
export interface Finding { area: string; level: Level; text: string; detail?: string[]; fix?: string }

const MARK: Record<Level, string> = { ok: '✔', warn: '!', fail: '✖' };

/** `Settings.readModelBuiltAt` as the rebuild job writes it (ISO text), or as Sheets may turn it (a serial number). */
export function builtAtOf(value: string | undefined): string | undefined {
  const v = value?.trim() ?? '';
  if (v === '') return undefined;
  return parseDateTime(/^\d+(\.\d+)?$/.test(v) ? Number(v) : v) ?? (Number.isNaN(Date.parse(v)) ? undefined : new Date(Date.parse(v)).toISOString());
}

export type Tr = (key: MessageKey, params?: Params) => string;

/** Where a problem is, as the spreadsheet shows it: the tab's title, the row, the column's header label. */
function where(i: HealthIssue, tr: Tr): string {
  const tab = tabTitle(i.table);
  const column = i.field ? columnLabel(i.table, i.field) : undefined;
  // Row numbers as the spreadsheet shows them (no grouping): passed as text.
  // A person shard's row (healthReport gives it as that sheet numbers it, with the shard): which spreadsheet too.
  const row = !i.rowNumber ? undefined : i.shard ? tr('cli.doc.where.shardRow', { row: String(i.rowNumber), name: personShardName(i.shard) }) : String(i.rowNumber);
  if (row && column) return tr('cli.doc.where.rowColumn', { tab, row, column });
  if (row) return tr('cli.doc.where.row', { tab, row });
  return column ? tr('cli.doc.where.column', { tab, column }) : tr('cli.doc.where.tab', { tab });
}

/** A data-health problem in words, as the admin console says it (the catalogue's health.reason.*). */
function reasonOf(i: HealthIssue, tr: Tr, locale: Locale): string {
  const key = `health.reason.${i.reason}`;
  return allKeys(locale).includes(key) ? tr(key as MessageKey, { ref: i.value ?? '' }) : i.reason.replace(/_/g, ' ');
}

/** Where and what, and the cell's text when the words do not already show it. */
function issueLine(i: HealthIssue, tr: Tr, locale: Locale): string {
  const key = `health.reason.${i.reason}`;
  const inWords = allKeys(locale).includes(key) && rawMessage(locale, key as MessageKey).includes('{ref}');
  const line = { where: where(i, tr), reason: reasonOf(i, tr, locale) };
  return i.value && !inWords ? tr('cli.doc.health.lineValue', { ...line, value: i.value }) : tr('cli.doc.health.line', line);
}

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
  const rr = openRecords(g, spreadsheetIdOf(p, config), config);
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
    : { area: tr('cli.doc.area.structure'), level: 'fail', text: tr('cli.doc.structure.fail', { count: structure.length }), detail: structure.map((x) => tr(x.key, x.params)), fix: tr('cli.doc.structure.fix') });

  // The person shards (kompetent.json shardIds): their tabs looked at; one that is gone is left out of the reads below.
  const probes = await probeShards(rr);
  const { snap, raw } = await readerOf(g, rr, probes).snapshot(TABLE_NAMES.filter((t) => rr.sheetMeta(t)));
  const settings = settingsOf(snap);
  const admins = new Set([...list(p, 'admins'), ...(config.admins ?? [])].map((a) => parsePrincipal(a).email));
  for (const a of adminEmailsOf(settings)) admins.add(a);
  const allowed = new Set([...admins, ...(sa ? [sa] : [])]);
  const files: { id: string; label: string; kind: 'spreadsheet' | 'folder' }[] = [{ id: rr.spreadsheetId, label: tr('cli.doc.records'), kind: 'spreadsheet' }];
  if (config.rootFolderId) files.push({ id: config.rootFolderId, label: tr('cli.doc.folder', { name: 'Kompetent' }), kind: 'folder' });
  // A folder by its name in Drive (Kompetent/Dokumentasjon…), not the config's key.
  const folderName = (k: string) => `${ROOT_FOLDER}/${(SUBFOLDERS as Record<string, string>)[k] ?? k}`;
  for (const [k, id] of Object.entries(config.folders ?? {})) files.push({ id, label: tr('cli.doc.folder', { name: folderName(k) }), kind: 'folder' });
  for (const [k, v] of Object.entries(settings)) {
    if (/FolderId$/.test(k) && !files.some((f) => f.id === v)) files.push({ id: v, label: tr('cli.doc.folder', { name: folderName(k.replace(/FolderId$/, '')) }), kind: 'folder' });
  }
  // The person shards hold the same people's data: shared as narrowly as the records (a gone one is reported below).
  for (const s2 of probes) if (!s2.gone) files.push({ id: s2.remote.spreadsheetId, label: personShardName(s2.k), kind: 'spreadsheet' });
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
  // A folder still under its earlier English name beside today's (old code ran after provision renamed it): two places.
  if (config.rootFolderId && !missing.some((m) => m.id === config.rootFolderId)) {
    const twice: string[] = [];
    for (const name of Object.values(DRIVE_FOLDERS)) {
      for (const earlier of earlierNames(name)) {
        if (await findChild(g, config.rootFolderId, earlier, FOLDER)) twice.push(tr('cli.doc.drive.twiceLine', { old: `${ROOT_FOLDER}/${earlier}`, name: `${ROOT_FOLDER}/${name}` }));
      }
    }
    if (twice.length) findings.push({ area: tr('cli.doc.area.drive'), level: 'warn', text: tr('cli.doc.drive.twice', { count: twice.length }), detail: twice, fix: tr('cli.doc.drive.twiceFix') });
  }
  // Only what could be looked at counts as checked: a file that is gone is not "shared only with" anyone.
  const checked = files.length - missing.length;
  if (sharing.length > 0 || checked > 0) findings.push(sharing.length === 0
    ? { area: tr('cli.doc.area.sharing'), level: 'ok', text: tr('cli.doc.sharing.ok', { checked, admins: admins.size })
      + (missing.length ? tr('cli.doc.sharing.notFound', { count: String(missing.length) }) : '') }
    : { area: tr('cli.doc.area.sharing'), level: 'fail', text: tr('cli.doc.sharing.fail', { count: sharing.length }),
      detail: sharing.map((s) => `${s.label}: ${sharingLine(tr, s)}`), fix: tr('cli.doc.sharing.fix') });

  const health = healthReport(snap, new Date(io.now()).toISOString());
  findings.push(health.total === 0
    ? { area: tr('cli.doc.area.health'), level: 'ok', text: tr('cli.doc.health.ok', { rows: String(health.rowsRead) }) }
    : { area: tr('cli.doc.area.health'), level: 'fail', text: tr('cli.doc.health.fail', { count: health.total, rows: String(health.rowsRead) }),
      detail: health.issues.slice(0, 15).map((i) => issueLine(i, tr, locale))
        .concat(health.total > 15 ? [tr('cli.doc.health.more', { count: String(health.total - 15) })] : []),
      fix: tr('cli.doc.health.fix') });

  for (const f of [shardFinding(probes, tabs, raw, { sa, me: me ?? tr('cli.doc.theseCredentials'), budget: CELL_BUDGET, tr }), leftInRecords(probes, raw, tr)]) {
    if (f) findings.push(f);
  }

  // The tabs as HR sees them (records/labels.ts).
  const auditTab = tabTitle('Audit');
  const notificationsTab = tabTitle('Notifications');
  // Audit is read where it is: the records and every yearly archive (their rows are checked like the records' own).
  const archived: { year: number; audit: number; notifications: number }[] = [];
  const archiveProblems: string[] = [];
  for (const a of archives) {
    if (missing.some((m) => m.id === a.spreadsheetId)) continue;
    const { snap: old } = await new RemoteRecords(g, a.spreadsheetId).snapshot(['Audit', 'Notifications']);
    archived.push({ year: a.year, audit: old.Audit?.rows.length ?? 0, notifications: old.Notifications?.rows.length ?? 0 });
    const h = healthReport(old, new Date(io.now()).toISOString());
    archiveProblems.push(...h.issues.slice(0, 5).map((i) => tr('cli.doc.arch.problem', { year: String(a.year), where: where(i, tr), reason: reasonOf(i, tr, locale) })));
    const strays = (old.Audit?.rows ?? []).filter((r) => !r.row.at.startsWith(`${a.year}-`)).length;
    if (strays) archiveProblems.push(tr('cli.doc.arch.strays', { year: String(a.year), count: strays, auditTab }));
  }
  if (archives.length > 0) {
    const status = ['Audit', 'Notifications'].map((t) => settings[`rotation.${t}`]).filter(Boolean);
    findings.push({ area: tr('cli.doc.area.archives'), level: archiveProblems.length ? 'fail' : 'ok',
      text: archived.map((a) => tr('cli.doc.arch.year', { year: String(a.year), audit: a.audit, notifications: a.notifications, auditTab, notificationsTab })).join('; ')
        + (settings.rotatedThrough ? tr('cli.doc.arch.rotated', { date: cutoffOfSetting(settings.rotatedThrough) || settings.rotatedThrough }) : ''),
      detail: [...archiveProblems, ...status.map((s2) => tr('cli.doc.arch.lastRotation', { status: s2 ?? '' }))],
      fix: tr('cli.doc.arch.fix') });
  }
  const lastAudit = (snap.Audit?.rows ?? []).reduce((m, r) => (r.row.at > m ? r.row.at : m), '');
  findings.push(readModelFinding(settings.readModelBuiltAt, io.now(), lastAudit, tr, locale));

  const cells = metas.reduce((n, m) => n + m.rowCount * m.columnCount, 0);
  const share = cells / CELL_BUDGET;
  const auditRows = snap.Audit?.rows.length ?? 0;
  const quota: Finding = { area: tr('cli.doc.area.quotas'), level: share >= 1 ? 'fail' : share >= 0.8 || auditRows > AUDIT_ROTATE_ROWS ? 'warn' : 'ok',
    text: tr('cli.doc.quota.cells', { cells, budget: CELL_BUDGET, percent: Math.round(share * 100), auditTab, rows: auditRows })
      + (archived.length ? tr('cli.doc.quota.archived', { rows: archived.reduce((n, a) => n + a.audit, 0), count: archived.length }) : '') };
  if (quota.level !== 'ok') quota.fix = tr('cli.doc.quota.rotateFix', { auditTab, notificationsTab });
  const about = await g.call('drive.about', msg('cli.what.driveQuota'), () => g.drive.about.get({ fields: 'storageQuota(limit,usage)' }));
  const limit = Number(about.data.storageQuota?.limit ?? 0);
  const usage = Number(about.data.storageQuota?.usage ?? 0);
  if (limit > 0) {
    const gib = (n: number) => formatNumber(locale, n / 2 ** 30, 1, 1);
    quota.text += tr('cli.doc.quota.drive', { used: gib(usage), limit: gib(limit) });
    if (usage / limit > 0.9 && quota.level === 'ok') { quota.level = 'warn'; quota.fix = tr('cli.doc.quota.driveFix'); }
  }
  const calls = Object.values(g.calls).reduce((a, b) => a + b, 0);
  quota.text += tr('cli.doc.quota.calls', { calls });
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
