// Issue #14 §4: the access export holds every Audit row that names the person — by her, about her records (a sign-up she
// cancelled, her question answered and resolved, her appraisal marked held), and where she is leader, guide or FAQ
// owner — in the records and in the archives of each year; an anonymous asker stays hidden; the export itself is audited.
import { guarded } from '../../../../src/app/pipeline/handle';
import type { MemoryWorkbook } from '../../../../src/adapters/memory/memory-workbook';
import type { MemoryArchiveShelf } from '../../../../src/adapters/memory/memory-archives';
import { ACTIONS } from '../../../../src/contract/actions';
import { SIDEBAR_CALLS, sidebarEvent, type AccessExportData } from '../../../../src/contract/sidebar';
import { TABLE_NAMES, headerOf, type Employee } from '../../../../src/core/records/tables';
import { AUDIT_ACTION_LABELS, actionLabel, tableWord } from '../../../../src/core/records/action-labels';
import { KOMPETENT_ACCOUNT } from '../../../../src/adapters/memory/memory-services';
import { archiveIdsOf, auditAbout, personDoc, withArchives } from '../../../../src/store/access-export';
import { readAllTables } from '../../../../src/store/rebuild';
import { encodeRow } from '../../../../src/store/table-parse';
import { asUser } from '../../../support/effects';
import { fixtureData, PEOPLE } from '../../../support/fixture';
import { handlers, runChat, warm, type Ports } from '../status/support';

const AH = headerOf('Audit');

function data() {
  const d = fixtureData();
  const q = (questionId: string, askerEmail: string, anonymous: boolean) => ({ questionId, askerEmail, anonymous, unitId: 'haugen', topic: 'drive', text: 'Hvordan deler jeg?',
    status: 'resolved' as const, guideEmail: PEOPLE.ola, threadName: undefined, askedAt: '2026-03-01T08:00:00Z', claimedAt: undefined, answeredAt: undefined,
    resolvedAt: undefined, faqId: undefined, answer: 'Slik.', nudgeLevel: undefined, messageName: undefined, waitingSince: undefined });
  d.Questions = [q('Q1', PEOPLE.kari, false), q('Q2', PEOPLE.kari, true)];
  d.Appraisals = [{ appraisalId: 'A1', employeeId: 'E1', leaderEmail: PEOPLE.per, kind: 'development', scheduledOn: '2026-03-03', heldOn: '2026-03-03', docId: 'doc1', status: 'held', nextDueOn: undefined }];
  return d;
}

/** Audit rows as the app writes them: the person's question asked, answered, resolved; her appraisal held; noise. */
function history(year: number): Record<string, string>[] {
  const at = (m: number) => `${year}-0${m}-02T09:00:00Z`;
  return [
    { at: at(1), actorEmail: PEOPLE.kari, action: 'forum.ask', table: 'Questions', key: 'Q1', after: `{"questionId":"Q1","askerEmail":"${PEOPLE.kari}","anonymous":"FALSE"}` },
    { at: at(2), actorEmail: PEOPLE.ola, action: 'forum.answer', table: 'Questions', key: 'Q1', before: '{"status":"claimed"}', after: '{"status":"answered","answer":"Slik."}' },
    { at: at(3), actorEmail: PEOPLE.kari, action: 'forum.resolve', table: 'Questions', key: 'Q1', before: '{"status":"answered"}', after: '{"status":"resolved"}' },
    { at: at(4), actorEmail: PEOPLE.kari, action: 'forum.ask', table: 'Questions', key: 'Q2', after: `{"questionId":"Q2","askerEmail":"${PEOPLE.kari}","anonymous":"TRUE"}` },
    { at: at(4), actorEmail: PEOPLE.ola, action: 'forum.claim', table: 'Questions', key: 'Q2', before: '{"status":"open"}', after: `{"status":"claimed","guideEmail":"${PEOPLE.ola}"}` },
    { at: at(5), actorEmail: PEOPLE.per, action: 'appraisal.held', table: 'Appraisals', key: 'A1', before: '{"status":"prepared"}', after: '{"status":"held","heldOn":"2026-03-03"}' },
    { at: at(6), actorEmail: PEOPLE.ola, action: 'faq.edit', table: 'Faq', key: 'F1', before: '{"answer":"a"}', after: '{"answer":"b"}' },
    { at: at(6), actorEmail: PEOPLE.guri, action: 'admin.saveRole', table: 'Roles', key: 'nurse', before: '{"name":"a"}', after: '{"name":"Sykepleier"}' },
    { at: at(7), actorEmail: PEOPLE.guri, action: 'verify', table: 'Certifications', key: 'C4', before: '{"state":"pending"}', after: `{"state":"valid","verifiedBy":"${PEOPLE.guri}"}` },
  ];
}

function seed(ports: Ports) {
  const wb = ports.workbook as MemoryWorkbook;
  const now = wb.dump('Audit')!.rows;
  // The newest 200 Audit rows are never rotated (the request-key tail): 210 rows of catalogue edits come after.
  const filler = Array.from({ length: 210 }, (_, i) => ({ at: '2026-10-01T09:00:00Z', actorEmail: PEOPLE.guri, action: 'admin.saveRole', table: 'Roles', key: `r${i}`, after: '{}' }));
  const rows = [...history(2025), ...history(2026), ...filler].map((o) => { const e = encodeRow('Audit', o as never); return AH.map((h) => e[h] ?? null); });
  wb.seed('Audit', AH, [...rows, ...now]);
}

/**
 * The oracle, independent of the export's rules: a row names the person when her e-mail or employee number appears in
 * any cell, or its key is the key of a row of any table in which her e-mail or employee number appears.
 */
function naming(snap: ReturnType<typeof readAllTables>, e: Employee): string[] {
  const mine = new Set<string>([e.email, e.employeeId]);
  for (const t of ['Certifications', 'Enrollments', 'PlanItems', 'Appraisals', 'Questions', 'Faq', 'Notifications', 'Units'] as const) {
    const p = snap[t];
    if (!p) continue;
    const keyField = { Certifications: 'certificationId', Enrollments: 'enrollmentId', PlanItems: 'planItemId', Appraisals: 'appraisalId', Questions: 'questionId', Faq: 'faqId', Notifications: 'notificationId', Units: 'unitId' }[t];
    for (const { row } of p.rows as { row: Record<string, unknown> }[]) {
      const cells = Object.values(row).flatMap((v) => (Array.isArray(v) ? v : [v])).map(String);
      if (cells.includes(e.email) || cells.includes(e.employeeId)) {
        // An anonymous question names its asker, but only the asker may see that.
        mine.add(String(row[keyField]));
      }
    }
  }
  return ((snap.Audit?.rows ?? []) as { row: Record<string, string | undefined> }[]).map((r) => r.row)
    .filter((a) => Object.values(a).some((v) => v !== undefined && (v.includes(e.email) || v.includes(`"${e.employeeId}"`))) || (a.key !== undefined && a.key.split('|').some((k) => mine.has(k))))
    .map((a) => `${a.at} ${a.action} ${a.key}`);
}

function exportAs(ports: Ports, admin: string, email: string, k?: string) {
  return asUser(ports, admin, () => guarded(ports, handlers, sidebarEvent(SIDEBAR_CALLS.accessExport, JSON.stringify({ email, ...(k ? { k } : {}) })),
    { host: 'sidebar', action: SIDEBAR_CALLS.accessExport, userEmail: admin }));
}

describe('the access export (GDPR art. 15)', () => {
  function setup() {
    const ports = warm(data());
    seed(ports);
    // Kari signs up and cancels through the app: real Audit rows of an insert and an update keyed by the enrollment.
    runChat(ports, PEOPLE.kari, { action: ACTIONS.signUp, params: { sessionId: 'S1' } });
    runChat(ports, PEOPLE.kari, { action: ACTIONS.cancelEnrollment, params: { sessionId: 'S1' } });
    // Everything before October (2025, and 2026 up to July) is moved into the archive of its year by the real rotation job.
    asUser(ports, KOMPETENT_ACCOUNT, () => guarded(ports, handlers, {}, { host: 'job', action: ACTIONS.jobRotate, userEmail: '', fromTrigger: true }));
    const own = readAllTables(ports.workbook);
    const shelf = ports.archives as MemoryArchiveShelf;
    const archives = archiveIdsOf(own).map((a) => readAllTables(shelf.open(a.spreadsheetId), ['Audit', 'Notifications']));
    expect(archives.map((a) => a.Audit!.rows.length)).toEqual([history(2025).length, history(2026).length]);
    return { ports, own, all: withArchives(own, archives) };
  }

  it('holds every Audit row that names the person, current and archived, for the employee, her leader and her guide', () => {
    const { all } = setup();
    const employees = new Map((all.Employees!.rows).map((r) => [r.row.email, r.row]));
    const counts: Record<string, number> = {};
    for (const who of [PEOPLE.kari, PEOPLE.per, PEOPLE.ola]) {
      const e = employees.get(who)!;
      const got = auditAbout(all, e).map((a) => `${a.at} ${a.action} ${a.key}`);
      expect(got.sort()).toEqual(naming(all, e).sort());
      counts[who] = got.length;
    }
    // Kari, per year: her question asked, answered, resolved; her anonymous one asked and claimed; her appraisal held (6 × 2);
    // and this year her sign-up and cancellation with their outbox mail and calendar rows (6). Per: the appraisal he
    // holds (1 × 2). Ola, per year: both questions he guided (5), the FAQ entry he owns (1), his certification verified (1).
    expect([counts[PEOPLE.kari], counts[PEOPLE.per], counts[PEOPLE.ola]]).toEqual([18, 2, 14]);
    const doc = personDoc(all, employees.get(PEOPLE.kari)!, 'nb', '2026-11-22');
    expect(doc.sections.find((s) => s.title === 'Endringslogg')!.table!.rows).toHaveLength(counts[PEOPLE.kari]!);
  });

  it('names what happened and where in the requester\'s language: action words and record areas in nb, en and sv, never code names', () => {
    const { all } = setup();
    const kari = all.Employees!.rows.find((r) => r.row.email === PEOPLE.kari)!.row;
    const codes = new Set([...Object.keys(AUDIT_ACTION_LABELS), ...TABLE_NAMES]);
    const expected = {
      nb: { title: 'Endringslogg', head: ['Tid', 'Utført av', 'Handling', 'Område', 'Endring'], action: 'påmelding', area: 'Påmeldinger' },
      en: { title: 'Change log', head: ['Time', 'By', 'Action', 'Area', 'Change'], action: 'sign-up', area: 'Sign-ups' },
      sv: { title: 'Ändringslogg', head: ['Tid', 'Utförd av', 'Åtgärd', 'Område', 'Ändring'], action: 'anmälan', area: 'Anmälningar' },
    } as const;
    for (const lang of ['nb', 'en', 'sv'] as const) {
      const table = personDoc(all, kari, lang, '2026-11-22').sections.find((s) => s.title === expected[lang].title)!.table!;
      expect(table.head).toEqual(expected[lang].head);
      const actions = table.rows.map((r) => r[2]!);
      const areas = table.rows.map((r) => r[3]!);
      expect(actions).toContain(expected[lang].action);
      expect(areas).toContain(expected[lang].area);
      // No code name: an action's name never, a table's key only where it is the English word itself ("Questions").
      expect(actions.filter((w) => codes.has(w))).toEqual([]);
      expect(areas.filter((w) => codes.has(w) && lang !== 'en')).toEqual([]);
      expect(actions).toEqual(auditAbout(all, kari).map((a) => actionLabel(a.action, false, lang)));
      expect(areas).toEqual(auditAbout(all, kari).map((a) => tableWord(a.table, lang)));
    }
  });

  it('keeps an anonymous asker hidden in her guide\'s export', () => {
    const { all } = setup();
    const ola = all.Employees!.rows.find((r) => r.row.email === PEOPLE.ola)!.row;
    const rows = auditAbout(all, ola).filter((a) => a.key === 'Q2');
    expect(rows.length).toBe(4); // the ask (keyed by the question he guided) and his claim, in both years
    expect(JSON.stringify(rows)).not.toContain(PEOPLE.kari);
  });

  it('in the console: an administrator downloads it, audited as her before it is handed out; anyone else is refused', () => {
    const { ports } = setup();
    const refused = exportAs(ports, PEOPLE.per, PEOPLE.kari);
    expect(refused.reply).toMatchObject({ kind: 'notify' });
    const before = (ports.workbook as MemoryWorkbook).dump('Audit')!.rows.length;
    const res = exportAs(ports, PEOPLE.guri, PEOPLE.kari);
    const d = (res.reply as { kind: 'data'; data: AccessExportData }).data;
    expect(d.fileName).toBe('innsyn-E1.html');
    expect(d.archives).toEqual([2025, 2026]);
    expect(d.html).toContain('forum.resolve');
    expect(d.html).toContain('appraisal.held');
    const audit = (ports.workbook as MemoryWorkbook).dump('Audit')!.rows;
    expect(audit).toHaveLength(before + 1);
    const last = Object.fromEntries(AH.map((h, i) => [h, audit[audit.length - 1]![i]]));
    expect(last).toMatchObject({ actorEmail: PEOPLE.guri, action: 'innsyn: utskrift av personens data', table: 'Ansatte', key: 'E1' }); // words (labels)
    expect(JSON.parse(String(last.after))).toMatchObject({ email: PEOPLE.kari, rows: String(d.rows), archives: '2025,2026', via: 'console' });
  });

  it('audits one click once: the same call again (a retry, a double click: the same key) writes no second row', () => {
    const { ports } = setup();
    const before = (ports.workbook as MemoryWorkbook).dump('Audit')!.rows.length;
    const first = exportAs(ports, PEOPLE.guri, PEOPLE.kari, 'export-1');
    const again = exportAs(ports, PEOPLE.guri, PEOPLE.kari, 'export-1');
    expect(first.reply).toMatchObject({ kind: 'data' });
    expect(again.reply).toMatchObject({ kind: 'data' });
    const audit = (ports.workbook as MemoryWorkbook).dump('Audit')!.rows;
    expect(audit).toHaveLength(before + 1);
    expect(audit[audit.length - 1]?.[AH.indexOf('requestKey')]).toBe('k:export-1');
    // Another click (another key) is another export, audited again.
    exportAs(ports, PEOPLE.guri, PEOPLE.kari, 'export-2');
    expect((ports.workbook as MemoryWorkbook).dump('Audit')!.rows).toHaveLength(before + 2);
  });
});
