// `kompetent doctor`: checks a live set-up (access, sharing, tab structure, data health, read-model freshness, quotas)
// and says what to fix. Exit code 1 when something must be fixed.
import { TABLE_NAMES } from '../../core/records/tables';
import { healthReport } from '../../store/health';
import { adminEmailsOf, settingsOf } from '../../store/rebuild';
import { GOOGLE_OPTIONS, list, str, type CommandSpec, type Parsed } from './args';
import { configPath, googleFor, loadConfig, spreadsheetIdOf } from './config';
import { parsePrincipal, permissionsOf, sharingProblems, whoAmI } from './drive';
import { CliError, EXIT, type ExitCode } from './errors';
import type { Io } from './io';
import { RemoteRecords } from './remote';
import { readTabs, structureProblems } from './sheet-setup';

export const doctorSpec: CommandSpec = {
  name: 'doctor',
  summary: 'Check a live set-up: sharing, headers, data health, read-model freshness, quotas in use; say what to fix.',
  args: [],
  options: [
    ...GOOGLE_OPTIONS,
    { name: 'admins', type: 'list', value: '<emails>', description: 'who else may have access (default: from provision and Settings adminEmails)' },
    { name: 'service-account', type: 'string', value: '<email>', description: "the service account (default: the key's, or provision's)" },
  ],
  examples: ['kompetent doctor', 'kompetent doctor --key sa.json --spreadsheet 1AbC…'],
};

/** Design limit of one records spreadsheet (DESIGN.md: half of Google's 10 million cells). */
export const CELL_BUDGET = 5_000_000;
const AUDIT_ROTATE_ROWS = 500_000;
const STALE_HOURS = 2;

type Level = 'ok' | 'warn' | 'fail';
interface Finding { area: string; level: Level; text: string; detail?: string[]; fix?: string }

const MARK: Record<Level, string> = { ok: '✔', warn: '!', fail: '✖' };

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

  const { snap } = await rr.snapshot(TABLE_NAMES.filter((t) => metas.some((m) => m.title === t)));
  const settings = settingsOf(snap);
  const admins = new Set([...list(p, 'admins'), ...(config.admins ?? [])].map((a) => parsePrincipal(a).email));
  for (const a of adminEmailsOf(settings)) admins.add(a);
  const allowed = new Set([...admins, ...(sa ? [sa] : [])]);
  const files = [{ id: rr.spreadsheetId, label: 'records spreadsheet' }];
  if (config.rootFolderId) files.push({ id: config.rootFolderId, label: 'folder Kompetent' });
  for (const [k, id] of Object.entries(config.folders ?? {})) files.push({ id, label: `folder ${k}` });
  for (const [k, v] of Object.entries(settings)) if (/FolderId$/.test(k) && !files.some((f) => f.id === v)) files.push({ id: v, label: `folder ${k.replace(/FolderId$/, '')}` });
  if (!sa) findings.push({ area: 'Sharing', level: 'warn', text: 'the service account is unknown, so its access cannot be told apart', fix: 'pass --service-account or --key' });
  const sharing = [];
  const missing: string[] = [];
  for (const f of files) {
    try {
      sharing.push(...sharingProblems(f.id, f.label, await permissionsOf(g, f.id), allowed));
    } catch (e) {
      if (!(e instanceof CliError && e.status === 404)) throw e;
      missing.push(`${f.label} (${f.id}) is gone or not shared with ${me ?? 'these credentials'}`);
    }
  }
  if (missing.length) findings.push({ area: 'Drive', level: 'fail', text: `${missing.length} folder${missing.length === 1 ? '' : 's'} not found`, detail: missing, fix: 'kompetent provision recreates them' });
  findings.push(sharing.length === 0
    ? { area: 'Sharing', level: 'ok', text: `${files.length} item${files.length === 1 ? '' : 's'} shared only with the service account and ${admins.size} admin${admins.size === 1 ? '' : 's'}` }
    : { area: 'Sharing', level: 'fail', text: `${sharing.length} grant${sharing.length === 1 ? '' : 's'} beyond the service account and the admins`,
      detail: sharing.map((s) => `${s.label}: ${s.why}`),
      fix: 'remove them in Drive → Share (General access: Restricted); add real admins with --admins or in Settings adminEmails' });

  const health = healthReport(snap, new Date(io.now()).toISOString());
  findings.push(health.total === 0
    ? { area: 'Data health', level: 'ok', text: `${health.rowsRead} rows read, all of them usable` }
    : { area: 'Data health', level: 'fail', text: `${health.total} problem${health.total === 1 ? '' : 's'} in ${health.rowsRead} rows`,
      detail: health.issues.slice(0, 15).map((i) => `${i.table}${i.rowNumber ? ` row ${i.rowNumber}` : ''}${i.field ? ` ${i.field}` : ''}: ${i.reason}${i.value ? ` ("${i.value}")` : ''}`)
        .concat(health.total > 15 ? [`… and ${health.total - 15} more (the admin sidebar lists them all)`] : []),
      fix: 'correct these cells in the spreadsheet; the app skips unreadable rows until then' });

  const built = settings.readModelBuiltAt;
  const lastAudit = (snap.Audit?.rows ?? []).reduce((m, r) => (r.row.at > m ? r.row.at : m), '');
  if (built && !Number.isNaN(Date.parse(built))) {
    const hours = (io.now().getTime() - Date.parse(built)) / 3_600_000;
    findings.push({ area: 'Read model', level: hours > STALE_HOURS ? 'warn' : 'ok', text: `rebuilt ${hours.toFixed(1)} h ago (${built})`
      + (lastAudit > built ? `; changes since: last at ${lastAudit}` : ''), fix: hours > STALE_HOURS ? 'check the hourly trigger (setupTriggers) and the executions log' : undefined });
  } else {
    findings.push({ area: 'Read model', level: 'warn', text: `freshness unknown: the cache is only visible to Apps Script${lastAudit ? `; last recorded change ${lastAudit}` : ''}`,
      fix: 'open the admin sidebar (Data health shows when the read model was rebuilt), or run jobRebuildReadModel' });
  }

  const cells = metas.reduce((n, m) => n + m.rowCount * m.columnCount, 0);
  const share = cells / CELL_BUDGET;
  const auditRows = snap.Audit?.rows.length ?? 0;
  const quota: Finding = { area: 'Quotas', level: share >= 1 ? 'fail' : share >= 0.8 || auditRows > AUDIT_ROTATE_ROWS ? 'warn' : 'ok',
    text: `${cells.toLocaleString('en')} of ${CELL_BUDGET.toLocaleString('en')} cells (${Math.round(share * 100)}%); Audit ${auditRows.toLocaleString('en')} rows` };
  if (quota.level !== 'ok') quota.fix = 'rotate Audit and closed history into a yearly archive spreadsheet (export --backup first)';
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
