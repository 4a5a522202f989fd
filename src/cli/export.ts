// `kompetent export`: one employee's data as a readable file (right of access), or a full backup of every tab as CSV.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDate, parseDateTime, type RawCell } from '../core/records/cells';
import { fieldOfHeader, tableOfTitle } from '../core/records/labels';
import { TABLE_NAMES, tableDef, type TableName } from '../core/records/tables';
import { serializeCsv } from '../adapters/node/csv-format';
import { GOOGLE_OPTIONS, str, type CommandSpec, type Parsed } from './args';
import { configPath, googleFor, loadConfig, spreadsheetIdOf } from './config';
import { EXIT, msg, usageError, type ExitCode } from './errors';
import { cliLocale } from './locale';
import { t } from '../core/i18n';
import { accessExportAudit, archiveIdsOf, findEmployee, personDoc, toHtml, toMarkdown, withArchives } from '../store/access-export';
import { EXPORT_TEXTS, type ExportLang } from '../core/i18n/access-export';
import { Progress, resolvePath, type Io } from './io';
import { RemoteRecords } from './remote';
import { openRecords } from './person-shards';
import { isoNow, runnerOf, writeAuditNote } from './writer';

export const exportSpec: CommandSpec = {
  name: 'export',
  summary: 'cli.summary.export',
  args: [],
  options: [
    ...GOOGLE_OPTIONS,
    { name: 'employee', type: 'string', value: '<email|number>', description: 'cli.opt.employee' },
    { name: 'out', type: 'string', value: '<file>', description: 'cli.opt.out' },
    { name: 'format', type: 'string', value: 'md|html', description: 'cli.opt.format' },
    { name: 'lang', type: 'string', value: 'nb|en|sv', description: 'cli.opt.lang' },
    { name: 'backup', type: 'string', value: '<dir>', description: 'cli.opt.backup' },
  ],
  examples: [
    'kompetent export --employee kari.nordmann@kommune.no --format html',
    'kompetent export --backup backups/2026-11-22',
  ],
  notes: 'cli.notes.export',
};

export async function exportCommand(io: Io, p: Parsed): Promise<ExitCode> {
  const who = str(p, 'employee');
  const backup = str(p, 'backup');
  if (Boolean(who) === Boolean(backup)) throw usageError(msg('cli.exp.what'), msg('cli.exp.whatHint'));
  const format = str(p, 'format') ?? 'md';
  if (format !== 'md' && format !== 'html') throw usageError(msg('cli.exp.format', { value: format }));
  const lang = str(p, 'lang');
  if (lang && !(lang in EXPORT_TEXTS)) throw usageError(msg('cli.exp.lang', { value: lang }));
  const dir = backup ? resolvePath(io, backup) : undefined;
  if (dir && fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw usageError(msg('cli.exp.notEmpty', { dir }));
  const config = loadConfig(configPath(io, p));
  const rr = openRecords(googleFor(io, p), spreadsheetIdOf(p, config), config);
  if (dir) return writeBackup(io, rr, dir);

  const g = googleFor(io, p);
  const { snap: own, raw } = await rr.snapshot(TABLE_NAMES);
  const e = findEmployee(own, who!);
  if (!e) throw usageError(msg('cli.exp.noEmployee', { who }));
  // The closed months the rotation moved out (Settings archive.<year> = spreadsheet id) are part of what she is owed.
  const archives = archiveIdsOf(own);
  const older = [];
  for (const { spreadsheetId } of archives) older.push((await new RemoteRecords(g, spreadsheetId).snapshot(['Audit', 'Notifications'])).snap);
  const snap = withArchives(own, older);
  const l = (lang ?? e.locale ?? 'nb') as ExportLang;
  const doc = personDoc(snap, e, l, isoNow(io.now()).slice(0, 10));
  const text = format === 'html' ? toHtml(doc, EXPORT_TEXTS[l].none, l) : toMarkdown(doc, EXPORT_TEXTS[l].none);
  const out = resolvePath(io, str(p, 'out') ?? `innsyn-${e.employeeId}.${format}`);
  fs.writeFileSync(out, text);
  const count = doc.sections.reduce((n, s) => n + (s.table?.rows.length ?? 0), 0);
  // The export itself is audited: who exported whom, when (the runner as Google knows the credentials; see import).
  const runner = await runnerOf(g);
  await writeAuditNote(rr, raw.get('Audit')!, accessExportAudit(e, { actorEmail: runner, at: isoNow(io.now()), rows: count, archives: archives.map((a) => a.year), via: 'cli' }));
  io.out(t(cliLocale(io.env), 'cli.exp.wrote', { file: out, rows: String(count), name: e.name, email: e.email }));
  return EXIT.ok;
}

const DATE_FIELDS = new Map<string, 'date' | 'datetime'>();
for (const t of TABLE_NAMES) {
  for (const [f, c] of Object.entries(tableDef(t).fields)) {
    // A date a person typed is stored as a serial number; the backup keeps it readable (ISO), as the codecs read it.
    const probe = c.schema.safeParse(45000);
    const v = probe.success ? probe.data : undefined;
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) DATE_FIELDS.set(`${t}.${f}`, 'datetime');
    else if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) DATE_FIELDS.set(`${t}.${f}`, 'date');
  }
}

function fileCell(table: string, field: string, cell: RawCell): string | { formula: string } | null {
  if (cell === null) return null;
  if (typeof cell === 'object') return { formula: cell.formula };
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'number') {
    const kind = DATE_FIELDS.get(`${table}.${field}`);
    if (kind === 'date') return parseDate(cell) ?? String(cell);
    if (kind === 'datetime') return parseDateTime(cell) ?? String(cell);
    return String(cell);
  }
  return cell;
}

async function writeBackup(io: Io, rr: RemoteRecords, dir: string): Promise<ExitCode> {
  const tabs = (await rr.meta()).map((m) => m.title);
  const bar = new Progress(io, t(cliLocale(io.env), 'cli.exp.backingUp'), tabs.length, t(cliLocale(io.env), 'cli.exp.tabs'));
  const all = await rr.read(tabs as TableName[]);
  fs.mkdirSync(dir, { recursive: true });
  const manifest: { spreadsheetId: string; exportedAt: string; tables: Record<string, { file: string; rows: number; sha256: string }> } = {
    spreadsheetId: rr.spreadsheetId, exportedAt: isoNow(io.now()), tables: {},
  };
  for (const [title, r] of all) {
    // Dates by field: the tab and its columns under their Norwegian labels or the English keys of an older spreadsheet.
    const table = tableOfTitle(title) ?? title;
    const fields = r.header.map((h) => fieldOfHeader(table, h) ?? h);
    const rows = [r.header, ...r.rows.map((row) => row.cells.map((c, i) => fileCell(table, fields[i] ?? '', c)))];
    const text = serializeCsv(rows as (string | { formula: string } | null)[][]);
    // The tab's own title (æøå kept: the local workspace opens a backup folder as its data, by these file names).
    const file = `${title.replace(/[^\p{L}\p{N} _-]/gu, '_')}.csv`;
    fs.writeFileSync(path.join(dir, file), text);
    manifest.tables[title] = { file, rows: r.rows.length, sha256: createHash('sha256').update(text).digest('hex') };
    bar.tick();
  }
  bar.finish();
  fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
  io.out(t(cliLocale(io.env), 'cli.exp.backedUp', { tabs: String(Object.keys(manifest.tables).length), rows: String(rows), dir }));
  return EXIT.ok;
}
