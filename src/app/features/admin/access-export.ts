// The admin console's access export (GDPR art. 15): everything the records and their yearly archives hold about one
// person, as the same document the CLI writes; audited (who exported whom, when) before it is handed out. A change: the
// whole-table reads and the document are its `prepare` (before the write lock); under the lock it writes only the audit row.
import { EXPORT_TEXTS, type ExportLang } from '../../../core/i18n/access-export';
import { SIDEBAR_CALLS, type AccessExportData } from '../../../contract/sidebar';
import { accessExportAudit, archiveIdsOf, findEmployee, personDoc, toHtml, withArchives } from '../../../store/access-export';
import { readAllTables } from '../../../store/rebuild';
import type { Snapshot } from '../../../store/records';
import type { ChangeEnv, Env, Handlers, Prepared } from '../../pipeline/handler';
import type { Reply } from '../../../contract/request';
import { adminOnly, data, notify, parse, sidebarT } from './shared';

/** What the export's `prepare` read and built: handed out only once its audit row is written. */
interface Built { employee: NonNullable<ReturnType<typeof findEmployee>>; html: string; rows: number; years: number[] }

function buildExport(env: Env): Reply | Prepared {
  const p = parse(env, SIDEBAR_CALLS.accessExport);
  if (!p.ok) return p.reply;
  const t = sidebarT(env);
  // An administrator's export reads the records whole (and each archive's two tabs): a console call has 6 minutes.
  const own = readAllTables(env.ports.workbook);
  const e = findEmployee(own, p.value.email);
  if (!e) return notify(t('admin.invalid.unknownEmployee', { email: p.value.email }));
  const archives = archiveIdsOf(own);
  const shelf = env.ports.archives;
  if (archives.length > 0 && !shelf) throw new Error('Archives are recorded in Settings but no archive shelf is wired');
  const older: Snapshot[] = archives.map((a) => readAllTables(shelf!.open(a.spreadsheetId), ['Audit', 'Notifications']));
  const lang: ExportLang = e.locale && e.locale in EXPORT_TEXTS ? (e.locale as ExportLang) : 'nb';
  const doc = personDoc(withArchives(own, older), e, lang, env.today);
  const rows = doc.sections.reduce((n, s) => n + (s.table?.rows.length ?? 0), 0);
  const value: Built = { employee: e, html: toHtml(doc, EXPORT_TEXTS[lang].none, lang), rows, years: archives.map((a) => a.year) };
  return { value };
}

/** Under the write lock: the audit row first — a document nobody logged is never handed out (a busy lock: nothing is). */
function handOut(env: ChangeEnv): Reply {
  const built = env.prepared as Built | undefined;
  if (!built) throw new Error('accessExport without its prepared document');
  const { employee: e, rows, years } = built;
  env.note(accessExportAudit(e, { actorEmail: env.actor.email, at: env.now, rows, archives: years, via: 'console' }));
  const fileName = `innsyn-${e.employeeId}.html`;
  const out: AccessExportData = {
    fileName, html: built.html, rows, archives: years, message: sidebarT(env)('admin.person.accessExported', { file: fileName, rows }),
  };
  return data(out);
}

export const accessExportHandlers: Handlers = {
  [SIDEBAR_CALLS.accessExport]: { kind: 'change', prepare: adminOnly(buildExport), run: adminOnly(handOut) },
};
