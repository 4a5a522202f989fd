// Everything the records (and their yearly archives) hold about one employee, as a readable document (Markdown or HTML)
// for their right of access (GDPR art. 15); shared by the admin CLI and the admin console.
import type {
  Appraisal, AuditEntry, Certification, Competence, Course, Employee, Enrollment, FaqEntry, Guide, Notification, PlanItem, Question, Role,
  Session, SkillAssessment, Unit,
} from '../core/records/tables';
import type { Snapshot } from './records';
import { t as translate, type MessageKey } from '../core/i18n';
import { EXPORT_TEXTS, type ExportLang } from '../core/i18n/access-export';
import { actionLabel, tableWord } from '../core/records/action-labels';

interface Section { title: string; table?: { head: string[]; rows: string[][] }; paragraphs?: string[] }
export interface PersonDoc { title: string; intro: string; sections: Section[] }

function rowsOf<T>(snap: Snapshot, t: keyof Snapshot): T[] {
  return ((snap[t]?.rows ?? []) as { row: T }[]).map((r) => r.row);
}

const show = (v: unknown): string => (v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v));

/** The employee by e-mail or employee number (undefined when not in the records). */
export function findEmployee(snap: Snapshot, who: string): Employee | undefined {
  const w = who.trim().toLowerCase();
  return rowsOf<Employee>(snap, 'Employees').find((e) => e.email === w || e.employeeId.toLowerCase() === w);
}

export function personDoc(snap: Snapshot, e: Employee, lang: ExportLang, date: string): PersonDoc {
  const t = EXPORT_TEXTS[lang];
  const yesNo = (b: boolean | undefined) => (b ? t.yes : t.no);
  // Enumerations in words (the catalogue's enum.* keys); a value the catalogue does not know is shown as it is.
  const word = (group: string) => (v: string | undefined) => {
    if (v === undefined || v === '') return '';
    try { return translate(lang, `enum.${group}.${v}` as MessageKey); } catch { return v; }
  };
  // Times as the municipality reads them (Europe/Oslo), not UTC.
  const when = (iso: string | undefined) => {
    if (!iso) return '';
    if (!/T\d\d:/.test(iso)) return iso;
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang === 'sv' ? 'sv-SE' : 'nb-NO',
      { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Oslo' }).format(d);
  };
  const emp = new Map(rowsOf<Employee>(snap, 'Employees').map((x) => [x.email, x.name]));
  const person = (email: string | undefined) => (email ? (emp.has(email) ? `${emp.get(email)} (${email})` : email) : '');
  const mine = <T extends { employeeId: string }>(name: keyof Snapshot) => rowsOf<T>(snap, name).filter((r) => r.employeeId === e.employeeId);
  const nameOf = <T>(name: keyof Snapshot, key: keyof T, label: keyof T) => {
    const m = new Map(rowsOf<T>(snap, name).map((r) => [String(r[key]), String(r[label])]));
    return (id: string | undefined) => (id ? (m.has(id) ? `${m.get(id)} (${id})` : id) : '');
  };
  const unit = nameOf<Unit>('Units', 'unitId', 'name');
  const role = nameOf<Role>('Roles', 'roleId', 'name');
  const comp = nameOf<Competence>('Competences', 'competenceId', 'name');
  const course = nameOf<Course>('Courses', 'courseId', 'title');
  const sessions = new Map(rowsOf<Session>(snap, 'Sessions').map((s) => [s.sessionId, s]));
  const sections: Section[] = [];
  const add = (title: string, head: string[], rows: string[][]) => sections.push({ title, table: { head, rows } });

  add(t.about, [t.field, t.value], [
    [t.employeeId, e.employeeId], [t.name, e.name], [t.email, e.email], [t.unit, unit(e.unitId)],
    [t.roles, (e.roleIds ?? []).map(role).join(', ')], [t.manager, person(e.managerEmail)], [t.startDate, show(e.startDate)],
    [t.probationEndsOn, show(e.probationEndsOn)], [t.status, word('employeeStatus')(e.status)], [t.locale, show(e.locale)],
  ]);
  add(t.certifications, [t.competence, t.achievedOn, t.expiresOn, t.source, t.state, t.verifiedBy, t.note, t.evidence],
    mine<Certification>('Certifications').sort((a, b) => a.achievedOn.localeCompare(b.achievedOn))
      .map((c) => [comp(c.competenceId), c.achievedOn, show(c.expiresOn), word('certSource')(c.source), word('certState')(c.state), person(c.verifiedBy), show(c.note), show(c.evidenceFileId)]));
  add(t.enrollments, [t.course, t.when, t.where, t.status, t.signedUpAt], mine<Enrollment>('Enrollments').map((en) => {
    const s = sessions.get(en.sessionId);
    return [s ? course(s.courseId) : en.sessionId, s ? `${when(s.startsAt)} – ${when(s.endsAt)}` : '', show(s?.location), word('enrollment')(en.status), when(en.signedUpAt)];
  }));
  add(t.planItems, [t.goal, t.dueBy, t.status], mine<PlanItem>('PlanItems')
    .map((p) => [[p.competenceId && comp(p.competenceId), p.courseId && course(p.courseId), p.goal].filter(Boolean).join(' – '), show(p.dueBy), word('plan')(p.status)]));
  add(t.appraisals, [t.kind, t.leader, t.scheduledOn, t.heldOn, t.status, t.nextDueOn, t.document], mine<Appraisal>('Appraisals')
    .map((a) => [word('appraisalKind')(a.kind), person(a.leaderEmail), show(a.scheduledOn), show(a.heldOn), word('appraisalStatus')(a.status), show(a.nextDueOn), show(a.docId)]));
  add(t.skills, [t.area, t.level, t.assessedOn], mine<SkillAssessment>('SkillAssessments').map((s) => [s.area, String(s.level), s.assessedOn]));
  add(t.questions, [t.askedAt, t.text, t.answer, t.status, t.anonymous], rowsOf<Question>(snap, 'Questions').filter((q) => q.askerEmail === e.email)
    .map((q) => [when(q.askedAt), q.text, show(q.answer), word('question')(q.status), yesNo(q.anonymous)]));
  const guide = rowsOf<Guide>(snap, 'Guides').filter((g) => g.email === e.email);
  if (guide.length) add(t.guide, [t.units, t.topics, t.active, t.since], guide.map((g) => [(g.unitIds ?? []).map(unit).join(', '), show(g.topics), yesNo(g.active), show(g.since)]));
  add(t.notifications, [t.sentAt, t.subject, t.channel], rowsOf<Notification>(snap, 'Notifications').filter((n) => n.recipientEmail === e.email)
    .map((n) => [when(n.sentAt), n.subjectKey, word('channel')(n.channel)]));
  const audit = auditAbout(snap, e);
  add(t.audit, [t.at, t.actor, t.action, t.table, t.change], audit.map((a) => [when(a.at), person(a.actorEmail), actionLabel(a.action, false, lang), tableWord(a.table, lang), [a.before, a.after].filter(Boolean).join(' → ')]));
  sections.push({ title: t.processing, paragraphs: t.processingText });
  return { title: t.title.replace('{name}', e.name), intro: t.intro.replace('{date}', date), sections: sections.map((s) => ({ ...s })) };
}

/**
 * The records in the snapshot plus the Audit and Notifications rows of the yearly archives (older first): what an access
 * export must cover, since the rotation moves closed months out of the records.
 */
export function withArchives(snap: Snapshot, archives: Snapshot[]): Snapshot {
  const out: Snapshot = { ...snap };
  for (const t of ['Audit', 'Notifications'] as const) {
    const own = snap[t];
    if (!own) continue;
    const older = archives.flatMap((a) => (a[t]?.rows ?? []) as unknown[]);
    (out as Record<string, unknown>)[t] = { ...own, rows: [...older, ...(own.rows as unknown[])] };
  }
  return out;
}

/**
 * The ids that make an Audit row about this person: her employee number and e-mail, and the key of every row that is
 * hers (certifications, sign-ups, plan items, skill assessments, questions she asked, notifications to her) or where she
 * acts for others (appraisals she leads, questions she took as a guide, FAQ entries she owns, units she leads).
 */
export function idsOf(snap: Snapshot, e: Employee): Set<string> {
  const ids = new Set<string>([e.employeeId, e.email]);
  const add = <T>(t: keyof Snapshot, keep: (r: T) => boolean, id: (r: T) => string) => { for (const r of rowsOf<T>(snap, t)) if (keep(r)) ids.add(id(r)); };
  add<Certification>('Certifications', (r) => r.employeeId === e.employeeId, (r) => r.certificationId);
  add<Enrollment>('Enrollments', (r) => r.employeeId === e.employeeId, (r) => r.enrollmentId);
  add<PlanItem>('PlanItems', (r) => r.employeeId === e.employeeId, (r) => r.planItemId);
  add<Appraisal>('Appraisals', (r) => r.employeeId === e.employeeId || r.leaderEmail === e.email, (r) => r.appraisalId);
  add<Question>('Questions', (r) => r.askerEmail === e.email || r.guideEmail === e.email, (r) => r.questionId);
  add<FaqEntry>('Faq', (r) => r.ownerEmail === e.email, (r) => r.faqId);
  add<Notification>('Notifications', (r) => r.recipientEmail === e.email, (r) => r.notificationId);
  add<Unit>('Units', (r) => (r.leaderEmails ?? []).includes(e.email), (r) => r.unitId);
  return ids;
}

/**
 * Every Audit row by or about the person: she made the change, or its key names one of her ids (a composite key part
 * too), or what changed names her employee number or e-mail. An anonymous question she did not ask keeps its asker
 * hidden: his or her address is blanked in the rows shown (she may be its guide).
 */
export function auditAbout(snap: Snapshot, e: Employee): AuditEntry[] {
  const ids = idsOf(snap, e);
  const quoted = [`"${e.employeeId}"`, `"${e.email}"`];
  const anonymous = rowsOf<Question>(snap, 'Questions').filter((q) => q.anonymous && q.askerEmail && q.askerEmail !== e.email);
  const hidden = anonymous.map((q) => q.askerEmail);
  const askerOf = new Map(anonymous.map((q) => [q.questionId, q.askerEmail]));
  const blank = (text: string | undefined) => (text === undefined ? text : hidden.reduce((s, a) => s.split(`"${a}"`).join('"—"'), text));
  // The asker made the rows of asking (and of resolving): as their actor he or she is hidden too.
  const actor = (a: AuditEntry) => (a.table === 'Questions' && a.key !== undefined && askerOf.get(a.key) === a.actorEmail ? '—' : a.actorEmail);
  return rowsOf<AuditEntry>(snap, 'Audit')
    .filter((a) => a.actorEmail === e.email || (a.key !== undefined && (ids.has(a.key) || a.key.split('|').some((k) => ids.has(k))))
      || quoted.some((q) => (a.before ?? '').includes(q) || (a.after ?? '').includes(q)))
    .map((a) => ({ ...a, actorEmail: actor(a), before: blank(a.before), after: blank(a.after) }));
}

/** The yearly archives the rotation recorded in Settings (`archive.<year>` = spreadsheet id), oldest first. */
export function archiveIdsOf(snap: Snapshot): { year: number; spreadsheetId: string }[] {
  return ((snap.Settings?.rows ?? []) as { row: { key: string; value?: string } }[])
    .flatMap(({ row }) => { const m = /^archive\.(\d{4})$/.exec(row.key); return m && row.value ? [{ year: Number(m[1]), spreadsheetId: row.value.trim() }] : []; })
    .sort((a, b) => a.year - b.year);
}

/** The Audit row of an access export: who exported whom and when, how many rows, from which archives, from where. */
export function accessExportAudit(e: Employee, o: { actorEmail: string; at: string; rows: number; archives: number[]; via: 'cli' | 'console' }): AuditEntry {
  return { at: o.at, actorEmail: o.actorEmail, action: 'accessExport', table: 'Employees', key: e.employeeId,
    after: JSON.stringify({ email: e.email, rows: String(o.rows), archives: o.archives.join(','), via: o.via }) };
}

function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>').replace(/^([#>*+-])/, '\\$1');
}

export function toMarkdown(doc: PersonDoc, none: string): string {
  const out = [`# ${mdCell(doc.title)}`, '', doc.intro, ''];
  for (const s of doc.sections) {
    out.push(`## ${s.title}`, '');
    if (s.table) {
      if (s.table.rows.length === 0) out.push(none, '');
      else {
        out.push(`| ${s.table.head.join(' | ')} |`, `|${s.table.head.map(() => ' --- |').join('')}`);
        for (const r of s.table.rows) out.push(`| ${r.map(mdCell).join(' | ')} |`);
        out.push('');
      }
    }
    for (const p of s.paragraphs ?? []) out.push(`- ${p}`);
    if (s.paragraphs) out.push('');
  }
  return out.join('\n');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function toHtml(doc: PersonDoc, none: string, lang: ExportLang): string {
  const body: string[] = [`<h1>${esc(doc.title)}</h1>`, `<p>${esc(doc.intro)}</p>`];
  for (const s of doc.sections) {
    body.push(`<h2>${esc(s.title)}</h2>`);
    if (s.table) {
      if (s.table.rows.length === 0) body.push(`<p>${esc(none)}</p>`);
      else {
        body.push('<table>', `<tr>${s.table.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>`);
        for (const r of s.table.rows) body.push(`<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`);
        body.push('</table>');
      }
    }
    if (s.paragraphs) body.push(`<ul>${s.paragraphs.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>`);
  }
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(doc.title)}</title><style>`
    + 'body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}'
    + 'table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid silver;padding:.3rem .5rem;text-align:left;vertical-align:top}'
    + `th{background:#f3f3f3}</style></head><body>${body.join('\n')}</body></html>\n`;
}
