// `kompetent import <file>`: legacy people and certificates into the records, after a dry run that reports every row;
// nothing is written while rows are rejected, unless --accept-rejects.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Certification, Competence, Course, Employee, Role, Unit } from '../../core/records/tables';
import { parseTable, type Located } from '../../store/table-parse';
import type { Snapshot } from '../../store/records';
import type { ReadResult } from '../../store/ports';
import type { TableName } from '../../core/records/tables';
import { CsvWorkbook } from '../../adapters/node/csv-workbook';
import { translator } from '../../core/i18n';
import { GOOGLE_OPTIONS, flag, str, type CommandSpec, type Parsed } from '../args';
import { cliLocale } from '../locale';
import { configPath, googleFor, loadConfig, spreadsheetIdOf } from '../config';
import { CliError, EXIT, msg, usageError, type ExitCode } from '../errors';
import { tabTitle } from '../../core/records/labels';
import { Progress, resolvePath, type Io } from '../io';
import { openRecords } from '../person-shards';
import { isoNow, runnerOf, writeChanges } from '../writer';
import { buildMapping, loadMappingFile, mappingFileOf, Resolver, type Catalogue } from './mapping';
import { planImport } from './plan';
import { readTable } from './read-table';
import { mappingLines, reportLines } from './report';

export const importSpec: CommandSpec = {
  name: 'import',
  summary: 'cli.summary.import',
  args: [{ name: 'file', description: 'cli.arg.file' }],
  options: [
    ...GOOGLE_OPTIONS,
    { name: 'dry-run', type: 'boolean', description: 'cli.opt.dryRun' },
    { name: 'local', type: 'string', value: '<dir>', description: 'cli.opt.local' },
    { name: 'mapping', type: 'string', value: '<file>', description: 'cli.opt.mapping' },
    { name: 'write-mapping', type: 'string', value: '<file>', description: 'cli.opt.writeMapping' },
    { name: 'accept-rejects', type: 'boolean', description: 'cli.opt.acceptRejects' },
    { name: 'update-people', type: 'boolean', description: 'cli.opt.updatePeople' },
  ],
  notes: 'cli.notes.import',
  examples: [
    'kompetent import kursoversikt.xlsx --dry-run --write-mapping map.json',
    'kompetent import kursoversikt.xlsx --dry-run --local data',
    'kompetent import kursoversikt.xlsx --mapping map.json',
  ],
};

const CATALOGUE = ['Units', 'Roles', 'Competences', 'Courses', 'Employees', 'Certifications'] as const;

/**
 * The local workspace's records (`npm start` keeps them as one CSV file per table in <data>/records), read the way the
 * workspace reads them: nothing is written and no Google account is asked for.
 */
function localRecords(dir: string): { snap: Snapshot; raw: Map<TableName, ReadResult> } {
  const folder = fs.existsSync(path.join(dir, 'records')) ? path.join(dir, 'records') : dir;
  if (!fs.existsSync(folder)) throw new CliError(EXIT.problems, msg('cli.import.noLocal', { dir }), msg('cli.import.noLocalHint'));
  const workbook = new CsvWorkbook(folder);
  const tables: TableName[] = [...CATALOGUE, 'Audit'];
  const results = workbook.read(tables.map((t) => (t === 'Audit' ? { table: t, ranges: [] } : { table: t })));
  const raw = new Map(results.map((r) => [r.table as TableName, r]));
  const snap: Snapshot = {};
  for (const [t, r] of raw) (snap as Record<string, unknown>)[t] = parseTable(t, r);
  return { snap, raw };
}

export async function importCommand(io: Io, p: Parsed): Promise<ExitCode> {
  const file = resolvePath(io, p.args[0] ?? ''); // parseArgs has checked the required <file>
  const table = await readTable(file);
  const mappingArg = str(p, 'mapping');
  const mappingFile = mappingArg ? loadMappingFile(resolvePath(io, mappingArg)) : undefined;
  const localArg = str(p, 'local');
  if (localArg && !flag(p, 'dry-run')) {
    throw usageError(msg('cli.import.localNeedsDryRun'), msg('cli.import.localNeedsDryRunHint'));
  }
  const source = localArg ? localRecords(resolvePath(io, localArg)) : undefined;
  const remote = source ? undefined : (() => {
    const config = loadConfig(configPath(io, p));
    return { g: googleFor(io, p), spreadsheetId: spreadsheetIdOf(p, config), config };
  })();
  // With person shards, the certifications already recorded are read from every shard too, and new ones are written to
  // their employee's shard (writer.ts), before the Audit rows that report them.
  const rr = remote ? openRecords(remote.g, remote.spreadsheetId, remote.config) : undefined;
  const { snap, raw } = source ?? await rr!.snapshot([...CATALOGUE], ['Audit']);
  for (const t of ['Employees', 'Certifications', 'Units', 'Audit'] as const) {
    if (!raw.get(t)?.exists) {
      throw new CliError(EXIT.problems, msg(source ? 'cli.import.noFile' : 'cli.import.noTab', { table: source ? t : tabTitle(t) }),
        msg(source ? 'cli.import.noFileHint' : 'cli.import.noTabHint'));
    }
  }
  const rows = <T>(t: (typeof CATALOGUE)[number]) => (snap[t]?.rows ?? []) as Located<T>[];
  const catalogue: Catalogue = {
    units: rows<Unit>('Units').map((r) => r.row), roles: rows<Role>('Roles').map((r) => r.row),
    competences: rows<Competence>('Competences').map((r) => r.row), courses: rows<Course>('Courses').map((r) => r.row),
  };
  const mapping = buildMapping(table.sheets, catalogue, mappingFile);
  if (!mapping.columns.some((c) => c.target === 'email' || c.target === 'employeeId')) {
    throw usageError(msg('cli.import.noWho', { columns: mapping.columns.map((c) => c.key).join(', ') }),
      msg('cli.map.noWhoHint'));
  }
  const resolver = new Resolver(catalogue, mapping.values);
  const today = isoNow(io.now()).slice(0, 10);
  // The plan and report in the person's language (src/cli/locale.ts; the texts are in src/core/i18n/import.ts).
  const tr = translator(cliLocale(io.env));
  const plan = planImport({ mapping, resolver, employees: rows<Employee>('Employees'), certifications: rows<Certification>('Certifications'),
    today, updatePeople: flag(p, 'update-people'), tr });

  for (const line of mappingLines(path.basename(file), mapping, resolver, tr)) io.out(line);
  for (const line of reportLines(plan, mapping.header.row + 2, resolver, tr)) io.out(line);
  const out = str(p, 'write-mapping');
  if (out) {
    const target = resolvePath(io, out);
    fs.writeFileSync(target, `${JSON.stringify(mappingFileOf(mapping, plan.texts), null, 2)}\n`);
    io.out(tr('import.done.mappingWritten', { file: target }));
  }
  const rejects = plan.counts.reject;
  if (flag(p, 'dry-run')) {
    io.out(rejects ? tr('import.done.dryRunRejects', { count: rejects }) : tr('import.done.dryRunClean'));
    return rejects ? EXIT.problems : EXIT.ok;
  }
  if (rejects && !flag(p, 'accept-rejects')) {
    io.out(tr('import.done.refused', { count: rejects }));
    return EXIT.problems;
  }
  if (plan.changes.length === 0) {
    io.out(tr('import.done.nothing'));
    return EXIT.ok;
  }
  const g = remote!.g;
  // Audited as who ran it: the person whose credentials these are, or the service account and the OS login (writer.ts).
  const actor = await runnerOf(g);
  const bar = new Progress(io, tr('cli.progress.writing'), plan.changes.length * 2, tr('cli.progress.rows'));
  const res = await writeChanges(rr!, raw, plan.changes, { actorEmail: actor, action: 'import', at: isoNow(io.now()) }, (n) => bar.tick(n));
  bar.finish();
  const c = plan.counts;
  io.out(tr('import.done.written', { employees: c.employeesAdded, changed: c.employeesChanged, certs: c.certificationsAdded,
    audit: res.inserted + res.updated, actor }));
  io.out(tr('import.done.rebuild'));
  return EXIT.ok;
}
