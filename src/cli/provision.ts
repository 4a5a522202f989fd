// `kompetent provision`: the records spreadsheet, Drive folders and templates, shared with the service account and
// the HR admins only; idempotent (a re-run finds everything and repairs only what is missing).
import { GOOGLE_OPTIONS, list, str, type CommandSpec, type Parsed } from './args';
import { configPath, googleFor, loadConfig, saveConfig, type Config } from './config';
import {
  DOCUMENT, FOLDER, SPREADSHEET, ensureChild, ensureWriters, fileExists, parsePrincipal, permissionsOf, sharingProblems, showPrincipal,
  whoAmI, type Principal,
} from './drive';
import { EXIT, accessError, usageError, type ExitCode } from './errors';
import type { Google } from './google';
import type { Io } from './io';
import { RemoteRecords } from './remote';
import { planStructure, readTabs } from './sheet-setup';
import { TEMPLATES, templateHtml } from '../core/appraisal-templates';
import { isoNow, runnerOf, writeChanges } from './writer';
import { insert, type Change } from '../store/records';
import { parseTable } from '../store/table-parse';

/** The app finds evidence under `Kompetent/Evidence` from DRIVE_ROOT_FOLDER_ID (src/app/features/admin/register.ts). */
export const ROOT_FOLDER = 'Kompetent';
export const SUBFOLDERS = { evidence: 'Evidence', appraisals: 'Appraisals', templates: 'Templates', archive: 'Archive' } as const;
export const SPREADSHEET_NAME = 'Kompetent – records';

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
  ],
  examples: [
    'kompetent provision --key sa.json --admin-group hr-kompetent@kommune.no --admins kari.hr@kommune.no --parent 0AbCdEfSharedDrive',
    'kompetent provision',
  ],
  notes: 'cli.notes.provision',
};

const DEFAULT_SETTINGS: Record<string, string> = { timeZone: 'Europe/Oslo', reminderDays: '90,30,0', expiringWindowDays: '90' };

function principalsOf(p: Parsed, config: Config): Principal[] {
  const given = [...list(p, 'admins'), ...(str(p, 'admin-group') ? [`group:${str(p, 'admin-group')}`] : [])];
  const all = (given.length > 0 ? given : config.admins ?? []).map(parsePrincipal);
  for (const a of all) if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.email)) throw usageError(`"${a.email}" is not an e-mail address (--admins).`);
  return all.filter((a, i) => all.findIndex((b) => b.email === a.email) === i);
}

export async function provision(io: Io, p: Parsed): Promise<ExitCode> {
  const cfgFile = configPath(io, p);
  const config = loadConfig(cfgFile);
  const admins = principalsOf(p, config);
  if (admins.length === 0) throw usageError('Who are the HR admins?', 'Pass --admin-group <group e-mail> and/or --admins <e-mails>.');
  const g = googleFor(io, p);
  const sa = (str(p, 'service-account') ?? g.keyEmail ?? config.serviceAccount)?.toLowerCase();
  if (!sa) throw usageError('Which service account does Kompetent run as?', 'Pass --service-account <email> (or use its key with --key).');
  const me = (await whoAmI(g)) ?? sa;
  const done: string[] = [];

  const parentArg = str(p, 'parent') ?? config.parentFolderId;
  const parent = parentArg ?? (await g.call('drive.get', 'finding My Drive', () => g.drive.files.get({ fileId: 'root', fields: 'id' }))).data.id ?? 'root';
  if (parentArg && !(await fileExists(g, parentArg, FOLDER))) {
    throw accessError(`The parent folder ${parentArg} was not found, is not a folder, or is not shared with ${me}.`);
  }
  const note = (what: string, f: { created: boolean }) => done.push(`${what}: ${f.created ? 'created' : 'found'}`);
  const root = await ensureChild(g, config.rootFolderId, parent, ROOT_FOLDER, FOLDER);
  note(`folder ${ROOT_FOLDER}`, root);
  // Filled for every key of SUBFOLDERS just below.
  const folders = {} as Record<keyof typeof SUBFOLDERS, string>;
  for (const [key, name] of Object.entries(SUBFOLDERS) as [keyof typeof SUBFOLDERS, string][]) {
    const f = await ensureChild(g, config.folders?.[key], root.id, name, FOLDER);
    note(`folder ${ROOT_FOLDER}/${name}`, f);
    folders[key] = f.id;
  }
  const sheetArg = str(p, 'spreadsheet') ?? config.spreadsheetId;
  const sheet = await ensureChild(g, sheetArg, root.id, SPREADSHEET_NAME, SPREADSHEET);
  note(`spreadsheet "${SPREADSHEET_NAME}"`, sheet);
  const templates: Record<string, string> = {};
  for (const t of TEMPLATES) {
    const f = await ensureChild(g, config.templates?.[t.kind], folders.templates, t.name, DOCUMENT, { mimeType: 'text/html', body: templateHtml(t) });
    note(`template "${t.name}"`, f);
    templates[t.kind] = f.id;
  }

  const writers: Principal[] = [{ type: 'user', email: sa }, ...admins];
  const targets = [{ id: root.id, label: `folder ${ROOT_FOLDER}` }, { id: sheet.id, label: 'records spreadsheet' }];
  for (const t of targets) {
    const added = await ensureWriters(g, t.id, writers);
    if (added.length) done.push(`${t.label}: shared with ${added.map(showPrincipal).join(', ')}`);
  }

  const rr = new RemoteRecords(g, sheet.id);
  const plan = planStructure(await readTabs(rr), [...new Set([sa, me])], sheet.created);
  await rr.batchUpdate(plan.requests, 'setting up the tabs of the records spreadsheet');
  done.push(...plan.actions);

  const settingsRows = settingsFor(admins, folders, templates);
  const read = await rr.read(['Settings'], ['Audit']);
  const settings = parseTable('Settings', read.get('Settings')!);
  const changes: Change[] = [];
  const notes = [...plan.notes];
  for (const [key, value] of Object.entries(settingsRows)) {
    const have = settings.rows.find((r) => r.row.key === key);
    if (!have) changes.push(insert('Settings', { key, value }));
    else if ((have.row.value ?? '') !== value && /FolderId$|^template/.test(key)) {
      notes.push(`Settings ${key} is "${have.row.value ?? ''}", provision found ${value}; left as it is.`);
    }
  }
  if (changes.length) await writeChanges(rr, read, changes, { actorEmail: await runnerOf(g), action: 'provision', at: isoNow(io.now()) }, () => undefined);
  if (changes.length) done.push(`Settings: ${changes.map((c) => (c.kind === 'insert' ? (c.row as { key: string }).key : '')).join(', ')} added`);

  const allowed = new Set([sa, me, ...admins.map((a) => a.email)]);
  const foreign = [];
  for (const t of targets) foreign.push(...sharingProblems(t.id, t.label, await permissionsOf(g, t.id), allowed));

  saveConfig(cfgFile, { ...config, spreadsheetId: sheet.id, rootFolderId: root.id, parentFolderId: parent, folders, templates,
    serviceAccount: sa, admins: admins.map(showPrincipal) });
  report(io, { done, notes, sheetId: sheet.id, rootId: root.id, parent, folders, templates, sa, cfgFile, g });
  if (!parentArg) io.out('\nTip: a service account has no Drive storage of its own; --parent <folder in a shared drive> avoids quota errors when the app files evidence.');
  if (foreign.length > 0) {
    io.out('\nSharing that provision did not make (remove it in Drive → Share):');
    for (const f of foreign) io.out(`  ✖ ${f.label}: ${f.why}`);
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

function report(io: Io, r: { done: string[]; notes: string[]; sheetId: string; rootId: string; parent: string; folders: Record<string, string>;
  templates: Record<string, string>; sa: string; cfgFile: string; g: Google }): void {
  const changed = r.done.filter((d) => !d.endsWith(': found'));
  io.out(changed.length === 0 ? 'Everything was in place; nothing changed.' : 'Provisioned:');
  for (const d of changed) io.out(`  ✔ ${d}`);
  for (const n of r.notes) io.out(`  ! ${n}`);
  io.out('');
  io.out(`Records spreadsheet  ${r.sheetId}`);
  io.out(`Folder ${ROOT_FOLDER.padEnd(14)}${r.rootId}  (in ${r.parent})`);
  for (const [k, id] of Object.entries(r.folders)) io.out(`Folder ${k.padEnd(14)}${id}`);
  for (const t of TEMPLATES) io.out(`Template ${t.kind.padEnd(12)}${r.templates[t.kind]}`);
  io.out(`Saved to ${r.cfgFile} (the other commands read the ids from it).`);
  io.out('');
  io.out('Remaining steps (Google offers no API for these):');
  io.out('  1. Apps Script → Project settings → Script properties:');
  io.out(`       RECORDS_SPREADSHEET_ID = ${r.sheetId}`);
  io.out(`       DRIVE_ROOT_FOLDER_ID   = ${r.parent}`);
  io.out(`       SERVICE_ACCOUNT_KEY    = the whole JSON key of ${r.sa} (paste the file's content; never commit it)`);
  io.out('  2. Cloud console → Google Chat API → Configuration: name Kompetent, "Build this Chat app as a Workspace add-on",');
  io.out('     the Apps Script deployment id, the slash commands (README, step 6); then add the app to the guides\' space.');
  io.out('  3. Settings tab of the records: guideForumSpace = spaces/… (the guides\' space), coordinatorEmail, announcementsSpace = spaces/… (the guides\' announcements).');
  io.out('  4. Cloud console → APIs: enable the Google Docs API and the Google Chat API too (the service account fills appraisal');
  io.out('     documents through the Docs API and posts in Chat as the app).');
  io.out('  5. kompetent push, then run setupTriggers once in the Apps Script editor; kompetent doctor checks the result.');
  io.out(`(${Object.values(r.g.calls).reduce((a, b) => a + b, 0)} Google API calls)`);
}
