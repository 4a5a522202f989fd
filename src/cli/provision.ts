// `kompetent provision`: the records spreadsheet, Drive folders and templates, shared with the service account and
// the HR admins only; idempotent (a re-run finds everything and repairs only what is missing).
import { GOOGLE_OPTIONS, flag, list, str, type CommandSpec, type Parsed } from './args';
import { configPath, googleFor, loadConfig, saveConfig, type Config } from './config';
import {
  DOCUMENT, FOLDER, SPREADSHEET, ensureChild, ensureWriters, fileExists, parsePrincipal, permissionsOf, sharingLine, sharingProblems, showPrincipal,
  whoAmI, type Found, type Principal,
} from './drive';
import { EXIT, accessError, msg, usageError, type ExitCode } from './errors';
import type { Google } from './google';
import { cliLocale } from './locale';
import { t, type MessageKey, type Params } from '../core/i18n';
import { RemoteRecords } from './remote';
import { planStructure, readTabs } from './sheet-setup';
import { TEMPLATES, templateHtml } from '../core/appraisal-templates';
import { isoNow, runnerOf, writeChanges } from './writer';
import { insert, type Change } from '../store/records';
import { parseTable } from '../store/table-parse';
import { DRIVE_FOLDERS, RECORDS_SPREADSHEET, personShardName } from '../core/drive-names';
import { ensureShards, shardCountOf, shardStepLine } from './provision-shards';
import { moveReport, movePersonRows } from './move-person-rows';
import type { Io } from './io';

/** The app finds evidence under `Kompetent/Dokumentasjon` from DRIVE_ROOT_FOLDER_ID (src/app/features/admin/evidence.ts). */
export const ROOT_FOLDER = DRIVE_FOLDERS.root;
/** The folders by their config key (also the Settings key `<key>FolderId`). */
export const SUBFOLDERS = { evidence: DRIVE_FOLDERS.evidence, appraisals: DRIVE_FOLDERS.appraisals, templates: DRIVE_FOLDERS.templates,
  archive: DRIVE_FOLDERS.archive } as const;
export const SPREADSHEET_NAME = RECORDS_SPREADSHEET;

export const provisionSpec: CommandSpec = {
  name: 'provision',
  summary: 'cli.summary.provision',
  args: [],
  options: [
    ...GOOGLE_OPTIONS,
    { name: 'admins', type: 'list', value: '<emails>', description: 'cli.opt.admins' },
    { name: 'admin-group', type: 'string', value: '<email>', description: 'cli.opt.adminGroup' },
    { name: 'service-account', type: 'string', value: '<email>', description: 'cli.opt.serviceAccount' },
    { name: 'parent', type: 'string', value: '<folderId>', description: 'cli.opt.parent' },
    { name: 'person-shards', type: 'string', value: '<N>', description: 'cli.opt.personShards' },
    { name: 'move-person-rows', type: 'boolean', description: 'cli.opt.movePersonRows' },
  ],
  examples: [
    'kompetent provision --key sa.json --admin-group hr-kompetent@kommune.no --admins kari.hr@kommune.no --parent 0AbCdEfSharedDrive',
    'kompetent provision',
    'kompetent provision --person-shards 4',
    'kompetent provision --move-person-rows',
  ],
  notes: 'cli.notes.provision',
};

const DEFAULT_SETTINGS: Record<string, string> = { timeZone: 'Europe/Oslo', reminderDays: '90,30,0', expiringWindowDays: '90' };

function principalsOf(p: Parsed, config: Config): Principal[] {
  const given = [...list(p, 'admins'), ...(str(p, 'admin-group') ? [`group:${str(p, 'admin-group')}`] : [])];
  const all = (given.length > 0 ? given : config.admins ?? []).map(parsePrincipal);
  for (const a of all) if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.email)) throw usageError(msg('cli.prov.notEmail', { email: a.email }));
  return all.filter((a, i) => all.findIndex((b) => b.email === a.email) === i);
}

export async function provision(io: Io, p: Parsed): Promise<ExitCode> {
  const cfgFile = configPath(io, p);
  const config = loadConfig(cfgFile);
  const admins = principalsOf(p, config);
  if (admins.length === 0) throw usageError(msg('cli.prov.noAdmins'), msg('cli.prov.noAdminsHint'));
  const shardCount = shardCountOf(p, config);
  if (flag(p, 'move-person-rows') && shardCount === 0) throw usageError(msg('cli.prov.moveNoShards'), msg('cli.prov.moveNoShardsHint'));
  const g = googleFor(io, p);
  const sa = (str(p, 'service-account') ?? g.keyEmail ?? config.serviceAccount)?.toLowerCase();
  if (!sa) throw usageError(msg('cli.prov.noSa'), msg('cli.prov.noSaHint'));
  const me = (await whoAmI(g)) ?? sa;
  // The report in the admin's language (LC_ALL, LC_MESSAGES, LANG; bokmål by default).
  const tr = (key: MessageKey, params?: Params) => t(cliLocale(io.env), key, params);
  const done: { text: string; changed: boolean }[] = [];
  const made = (text: string) => done.push({ text, changed: true });

  const parentArg = str(p, 'parent') ?? config.parentFolderId;
  const parent = parentArg ?? (await g.call('drive.get', msg('cli.what.findMyDrive'), () => g.drive.files.get({ fileId: 'root', fields: 'id' }))).data.id ?? 'root';
  if (parentArg && !(await fileExists(g, parentArg, FOLDER))) {
    throw accessError(msg('cli.prov.noParent', { id: parentArg, me }));
  }
  const note = (what: string, f: Found) => done.push(f.renamedFrom !== undefined
    ? { text: tr('cli.prov.renamed', { what, from: f.renamedFrom }), changed: true }
    : { text: tr(f.created ? 'cli.prov.created' : 'cli.prov.found', { what }), changed: f.created });
  const root = await ensureChild(g, config.rootFolderId, parent, ROOT_FOLDER, FOLDER);
  note(tr('cli.prov.folder', { name: ROOT_FOLDER }), root);
  // Filled for every key of SUBFOLDERS just below.
  const folders = {} as Record<keyof typeof SUBFOLDERS, string>;
  for (const [key, name] of Object.entries(SUBFOLDERS) as [keyof typeof SUBFOLDERS, string][]) {
    const f = await ensureChild(g, config.folders?.[key], root.id, name, FOLDER);
    note(tr('cli.prov.folder', { name: `${ROOT_FOLDER}/${name}` }), f);
    folders[key] = f.id;
  }
  const sheetArg = str(p, 'spreadsheet') ?? config.spreadsheetId;
  const sheet = await ensureChild(g, sheetArg, root.id, SPREADSHEET_NAME, SPREADSHEET);
  note(tr('cli.prov.spreadsheet', { name: SPREADSHEET_NAME }), sheet);
  const templates: Record<string, string> = {};
  for (const t of TEMPLATES) {
    const f = await ensureChild(g, config.templates?.[t.kind], folders.templates, t.name, DOCUMENT, { mimeType: 'text/html', body: templateHtml(t) });
    note(tr('cli.prov.template', { name: t.name }), f);
    templates[t.kind] = f.id;
  }

  const writers: Principal[] = [{ type: 'user', email: sa }, ...admins];
  const targets = [{ id: root.id, label: tr('cli.prov.folder', { name: ROOT_FOLDER }) }, { id: sheet.id, label: tr('cli.prov.records') }];
  for (const t of targets) {
    const added = await ensureWriters(g, t.id, writers);
    if (added.length) made(tr('cli.prov.sharedWith', { what: t.label, who: added.map(showPrincipal).join(', ') }));
  }

  const notes0: string[] = [];
  const rr = new RemoteRecords(g, sheet.id);
  const plan = planStructure(await readTabs(rr), [...new Set([sa, me])], sheet.created);
  await rr.batchUpdate(plan.requests, msg('cli.what.setup'));
  for (const a of plan.actions) made(tr(a.key, a.params));

  // The person shards beside the records, in the same folder, shared as the records are, their tabs as the records'.
  const shards = await ensureShards(g, config, shardCount, root.id, [...new Set([sa, me])], tr, { note, made });
  notes0.push(...shards.notes);
  for (const [i, id] of shards.ids.entries()) {
    const label = tr('cli.prov.spreadsheet', { name: personShardName(i + 1) });
    const added = await ensureWriters(g, id, writers);
    if (added.length) made(tr('cli.prov.sharedWith', { what: label, who: added.map(showPrincipal).join(', ') }));
    targets.push({ id, label });
  }

  const settingsRows = settingsFor(admins, folders, templates);
  const read = await rr.read(['Settings'], ['Audit']);
  const settings = parseTable('Settings', read.get('Settings')!);
  const changes: Change[] = [];
  const notes = [...plan.notes.map((n) => tr(n.key, n.params)), ...notes0];
  for (const [key, value] of Object.entries(settingsRows)) {
    const have = settings.rows.find((r) => r.row.key === key);
    if (!have) changes.push(insert('Settings', { key, value }));
    else if ((have.row.value ?? '') !== value && /FolderId$|^template/.test(key)) {
      notes.push(tr('cli.prov.settingKept', { key, have: have.row.value ?? '', found: value }));
    }
  }
  if (changes.length) await writeChanges(rr, read, changes, { actorEmail: await runnerOf(g), action: 'provision', at: isoNow(io.now()) }, () => undefined);
  if (changes.length) made(tr('cli.prov.settingsAdded', { keys: changes.map((c) => (c.kind === 'insert' ? (c.row as { key: string }).key : '')).join(', ') }));

  const allowed = new Set([sa, me, ...admins.map((a) => a.email)]);
  const foreign = [];
  for (const t of targets) foreign.push(...sharingProblems(t.id, t.label, await permissionsOf(g, t.id), allowed));

  saveConfig(cfgFile, { ...config, spreadsheetId: sheet.id, rootFolderId: root.id, parentFolderId: parent, folders, templates,
    serviceAccount: sa, admins: admins.map(showPrincipal), ...(shards.ids.length > 0 || config.shardIds ? { personShards: shardCount, shardIds: shards.ids } : {}) });
  report(io, tr, { done, notes, sheetId: sheet.id, rootId: root.id, parent, folders, templates, sa, cfgFile, g, shardIds: shards.ids });
  // Rows leave the records only once the app reads the shards (RECORDS_SHARD_IDS set): shards made in this very run
  // cannot be named in the Script Property yet, so the move waits for a later run.
  if (flag(p, 'move-person-rows') && shards.ids.some((id) => !(config.shardIds ?? []).includes(id))) {
    throw usageError(msg('cli.prov.moveTooSoon'), msg('cli.prov.moveTooSoonHint'));
  }
  if (flag(p, 'move-person-rows')) {
    const moved = await movePersonRows(rr, shards.ids.map((id) => new RemoteRecords(g, id)));
    io.out('');
    for (const line of moveReport(moved, tr)) io.out(line);
    if (moved.some((m) => m.unverified.length > 0 || m.headerChanged)) return EXIT.problems;
  }
  if (!parentArg) io.out(`\n${tr('cli.prov.tip')}`);
  if (foreign.length > 0) {
    io.out(`\n${tr('cli.prov.foreign')}`);
    for (const f of foreign) io.out(`  ✖ ${f.label}: ${sharingLine(tr, f)}`);
    return EXIT.problems;
  }
  return EXIT.ok;
}

function settingsFor(admins: Principal[], folders: Record<string, string>, templates: Record<string, string>): Record<string, string> {
  const people = admins.filter((a) => a.type === 'user').map((a) => a.email);
  const out: Record<string, string> = { ...DEFAULT_SETTINGS };
  if (people.length) out.adminEmails = people.join(', ');
  for (const [k, id] of Object.entries(folders)) out[`${k}FolderId`] = id;
  for (const t of TEMPLATES) out[t.settingKey] = templates[t.kind] ?? '';
  return out;
}

function report(io: Io, tr: (key: MessageKey, params?: Params) => string, r: { done: { text: string; changed: boolean }[]; notes: string[];
  sheetId: string; rootId: string; parent: string; folders: Record<string, string>; templates: Record<string, string>; sa: string; cfgFile: string; g: Google;
  shardIds: string[] }): void {
  const changed = r.done.filter((d) => d.changed);
  io.out(changed.length === 0 ? tr('cli.prov.nothingChanged') : tr('cli.prov.done'));
  for (const d of changed) io.out(`  ✔ ${d.text}`);
  for (const n of r.notes) io.out(`  ! ${n}`);
  io.out('');
  // At least one space between a long label and its id.
  const line = (label: string, id: string) => `${label.padEnd(20)} ${id}`;
  io.out(line(tr('cli.prov.label.sheet'), r.sheetId));
  io.out(`${line(tr('cli.prov.label.folder', { name: ROOT_FOLDER }), r.rootId)}  ${tr('cli.prov.in', { parent: r.parent })}`);
  // Folders by their name in Drive, templates by the kind of conversation in words (not the config's keys).
  for (const [k, id] of Object.entries(r.folders)) io.out(line(tr('cli.prov.label.folder', { name: SUBFOLDERS[k as keyof typeof SUBFOLDERS] ?? k }), id));
  for (const t of TEMPLATES) io.out(line(tr('cli.prov.label.template', { name: tr(`enum.appraisalKind.${t.kind}`) }), r.templates[t.kind] ?? ''));
  for (const [i, id] of r.shardIds.entries()) io.out(line(tr('cli.prov.label.shard', { n: String(i + 1) }), id));
  io.out(tr('cli.prov.saved', { file: r.cfgFile }));
  io.out('');
  io.out(tr('cli.prov.steps', { sheetId: r.sheetId, parent: r.parent, sa: r.sa, shards: shardStepLine(r.shardIds) }));
  io.out(tr('cli.prov.calls', { count: Object.values(r.g.calls).reduce((a, b) => a + b, 0) }));
}
