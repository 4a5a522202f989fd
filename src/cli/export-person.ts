// Everything the records hold about one employee, as a readable document (Markdown or HTML) for their right of access.
import type {
  Appraisal, Certification, Competence, Course, Employee, Enrollment, Guide, Notification, PlanItem, Question, Role, Session,
  SkillAssessment, Unit,
} from '../core/records/tables';
import type { Snapshot } from '../store/records';
import { t as translate, type MessageKey } from '../core/i18n';
import { EXPORT_TEXTS, type ExportLang } from './export-texts';

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
  // The audit log about them: rows keyed by their employee number or e-mail, or naming them in what changed.
  const ids = new Set([e.employeeId, e.email]);
  const certIds = new Set(mine<Certification>('Certifications').map((c) => c.certificationId));
  const audit = rowsOf<{ at: string; actorEmail: string; action: string; table: string; key?: string; before?: string; after?: string }>(snap, 'Audit')
    .filter((a) => (a.key && (ids.has(a.key) || certIds.has(a.key) || a.key.split('|').some((k) => ids.has(k))))
      || (a.after ?? '').includes(`"${e.employeeId}"`) || (a.after ?? '').includes(`"${e.email}"`));
  add(t.audit, [t.at, t.actor, t.action, t.table, t.change], audit.map((a) => [when(a.at), person(a.actorEmail), a.action, a.table, [a.before, a.after].filter(Boolean).join(' → ')]));
  sections.push({ title: t.processing, paragraphs: t.processingText });
  return { title: t.title.replace('{name}', e.name), intro: t.intro.replace('{date}', date), sections: sections.map((s) => ({ ...s })) };
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
    + 'table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}'
    + `th{background:#f3f3f3}</style></head><body>${body.join('\n')}</body></html>\n`;
}
