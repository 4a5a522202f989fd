// "New conversation": before the write lock, copy the kind's template into the restricted appraisals folder, fill it from
// the records and share it with the leader and the employee only; under the lock, record the Appraisals row naming it.
// A copy whose row is not committed (refused, busy, made by someone else meanwhile) is trashed: one document per row.
import { isKind, openOf, probationPlan, TEMPLATE_SETTING, type AppraisalKind } from '../../../core/appraisal';
import { formatDate, pickLocale, translator, type Locale, type Translate } from '../../../core/i18n';
import type { Appraisal } from '../../../core/records/tables';
import { DRIVE_FOLDERS } from '../../../core/drive-names';
import { docNewKey, nearestLeaders, type DocEntry } from '../../../store/appraisal-views';
import type { PersonView } from '../../../store/read-model';
import { insert, insertedRow, update } from '../../../store/records';
import { ACTIONS } from '../../../contract/actions';
import { appraisalCard, kindLabel } from '../../../ui/cards/appraisal-cards';
import { cardMessage } from '../../../ui/envelopes';
import { failReply, type ChangeEnv, type Env, type Handlers, type Prepared } from '../../pipeline/handler';
import { str, type Reply } from '../../../contract/request';
import { cardModel, changeNeeds, dateInput, rolesFor, settingsOf, stageAppraisalChange, type Roles } from './shared';
import { planLines } from '../status/plan';
import { expiringWindow, statusOf } from '../../common/status-model';

/** Lines per list in a prefilled document (the rest is in Kompetent). */
const LIST_MAX = 15;

export function show(env: Env, card: ReturnType<typeof appraisalCard>, notify?: string): Reply {
  if (env.req.host === 'chat' && env.req.chat?.isDialog) return { kind: 'close', notify, message: cardMessage(card, notify) };
  return { kind: 'card', card, nav: env.req.params.action ? 'update' : undefined, ...(notify ? { notify } : {}) };
}

function bullets(lines: string[], none: string): string {
  if (lines.length === 0) return none;
  const shown = lines.slice(0, LIST_MAX).map((l) => `• ${l}`);
  return (lines.length > LIST_MAX ? [...shown, `… (+${lines.length - LIST_MAX})`] : shown).join('\n');
}

/** The values of every documented placeholder, in the documents' language (Settings appraisalDocumentLocale, default nb). */
export function prefillValues(env: Env, person: PersonView, kind: AppraisalKind, date: string, leader: { name: string; email: string }): Record<string, string> {
  const locale: Locale = pickLocale(env.setting('appraisalDocumentLocale', 'nb'));
  const t: Translate = translator(locale);
  const d = (iso?: string) => (iso ? formatDate(locale, iso) : '–');
  const e = person.employee.row;
  const cat = env.views.cat();
  const competenceName = (id: string) => cat.competences.find((c) => c.competenceId === id)?.name ?? id;
  const courseTitle = (id: string) => cat.courses.find((c) => c.courseId === id)?.title ?? id;
  const unit = env.views.dir.units.find((u) => u.unitId === e.unitId)?.name ?? e.unitId;
  const roles = (e.roleIds ?? []).map((r) => cat.roles.find((x) => x.roleId === r)?.name ?? r).join(', ') || '–';

  const status = statusOf(env, person).items.map((i) => {
    const when = i.expiresOn ?? i.dueBy;
    return `${competenceName(i.competenceId)}: ${t(`status.label.${i.status}` as never)}${when ? ` (${d(when)})` : ''}`
      + (i.level === 'recommended' ? ` – ${t('status.recommended').toLowerCase()}` : '');
  });
  const taken = person.certifications.filter((c) => c.row.state !== 'revoked')
    .sort((a, b) => b.row.achievedOn.localeCompare(a.row.achievedOn))
    .map((c) => `${competenceName(c.row.competenceId)} – ${d(c.row.achievedOn)} (${t(`status.source.${c.row.source}` as never)})`);
  const sessions = new Map(env.views.ses().sessions.map((s) => [s.session.sessionId, s.session]));
  const booked = person.enrollments.filter((x) => x.row.status === 'enrolled' || x.row.status === 'waitlisted')
    .flatMap((x) => {
      const s = sessions.get(x.row.sessionId);
      return s && s.startsAt > env.now ? [`${courseTitle(s.courseId)} – ${d(s.startsAt)} (${t(`appraisal.fill.${x.row.status}` as never)})`] : [];
    });
  const open = planLines(cat, person, { today: env.today, expiringWindowDays: expiringWindow(env) })
    .map((p) => `${p.label}${p.dueBy ? ` – ${t('appraisal.fill.due', { date: d(p.dueBy) })}` : ''}`);
  const metas = person.appraisals.map((a) => a.row);
  const last = [...metas].filter((a) => a.heldOn).sort((a, b) => b.heldOn!.localeCompare(a.heldOn!))
    .find((a) => a.kind === kind) ?? [...metas].filter((a) => a.heldOn).sort((a, b) => b.heldOn!.localeCompare(a.heldOn!))[0];
  const agreed = last ? person.planItems.filter((p) => p.row.appraisalId === last.appraisalId).map(({ row }) => {
    const label = row.courseId ? courseTitle(row.courseId) : row.competenceId ? competenceName(row.competenceId) : row.goal ?? '';
    return `${label}${row.dueBy ? ` – ${t('appraisal.fill.due', { date: d(row.dueBy) })}` : ''} – ${t(`appraisal.plan.status.${row.status}` as never).toLowerCase()}`;
  }) : [];
  const plan = probationPlan(e, metas, settingsOf(env), env.today);
  const courses = [
    `${t('appraisal.fill.taken')}:`, bullets(taken, t('appraisal.fill.noneTaken')), '',
    `${t('appraisal.fill.booked')}:`, bullets(booked, t('appraisal.fill.noneBooked')),
  ].join('\n');
  return {
    employeeName: e.name, employeeEmail: e.email, role: roles, unit, unitName: unit,
    startDate: d(e.startDate), leaderName: leader.name, leaderEmail: leader.email, date: d(date), kind: kindLabel(t, kind),
    competenceStatus: bullets(status, t('appraisal.fill.noRequirements')),
    courses, coursesTaken: bullets(taken, t('appraisal.fill.noneTaken')), coursesBooked: bullets(booked, t('appraisal.fill.noneBooked')),
    planItems: bullets(open, t('appraisal.fill.noPlan')),
    lastAgreed: last ? bullets(agreed, t('appraisal.fill.nothingAgreed')) : t('appraisal.fill.noLast'),
    lastHeldOn: d(last?.heldOn),
    probationEndsOn: d(e.probationEndsOn),
    probationFollowUps: plan ? plan.followUps.map((f) => `${t('appraisal.probation.followUp', { n: f.n })}: ${d(f.dueOn)}`).join('\n') : '–',
    municipality: env.setting('municipalityName', ''),
  };
}

/** What "new conversation" is about, checked on the views at hand (before the lock, and again under it). */
interface Asked { person: PersonView; kind: AppraisalKind; date: string; roles: Roles }

function asked(env: Env): Asked | Reply {
  const person = env.views.person(str(env.req, 'email'));
  if (!person) return failReply(env, { text: env.t('appraisal.noEmployee') });
  const e = person.employee.row;
  const roles = rolesFor(env, e);
  if (!roles.mayLead) return failReply(env, { text: env.t('appraisal.notYourEmployee') });
  if (e.status === 'left') return failReply(env, { text: env.t('appraisal.employeeLeft', { name: e.name }) });
  const kind = str(env.req, 'kind') || 'development';
  if (!isKind(kind)) return failReply(env, { kind: 'invalid', detail: env.t('appraisal.badKind') });
  const date = dateInput(env.req, 'date', env.today);
  if (!date) return failReply(env, { kind: 'invalid', detail: env.t('appraisal.badDate') });
  if (kind === 'probation') {
    const plan = probationPlan(e, person.appraisals.map((a) => a.row), settingsOf(env), env.today);
    if (!plan) return failReply(env, { text: env.t('appraisal.noProbation', { name: e.name }) });
    if (!plan.active) return failReply(env, { text: env.t('appraisal.probationOver', { name: e.name, date: formatDate(env.locale, plan.end) }) });
  }
  // A double click, or a conversation already prepared: show that one instead of making a second document.
  const existing = openOf(person.appraisals.map((a) => a.row), kind);
  if (existing?.docId) {
    const row = person.appraisals.find((a) => a.row.appraisalId === existing.appraisalId)!.row;
    return show(env, appraisalCard(cardModel(env, person, row, roles), env.t, env.locale), env.t('appraisal.exists'));
  }
  return { person, kind, date, roles };
}

/** The document made before the lock: copied from the template, filled and shared. */
interface MadeDoc { docId: string; leaderEmail: string }

/**
 * Before the lock (DESIGN.md: no remote call but the records read and write while it is held): copy the template into
 * the restricted folder, fill it from the records, share it with the leader and the employee only. Any failure trashes
 * the copy, so nothing is left half-way; a template with a placeholder Kompetent does not know is reported and not used.
 * The copy is trashed again after the lock unless the Appraisals row that names it was committed.
 */
function prepare(env: Env): Reply | Prepared {
  const a = asked(env);
  if (!('person' in a)) return a;
  const { person, kind, date } = a;
  const e = person.employee.row;
  const templateKey = TEMPLATE_SETTING[kind];
  const templateId = env.setting(templateKey, '').trim();
  if (!templateId) {
    env.ports.log.error(`appraisal.create: Settings ${templateKey} is empty (the ${kind} template's document id)`);
    return failReply(env, { text: env.t('appraisal.template.notConfigured', { kind: kindLabel(env.t, kind), key: templateKey }) });
  }

  const leaderEmail = env.actor.ledUnitIds.has(e.unitId) ? env.actor.email : nearestLeaders(e.unitId, e.email, env.views.dir.units)[0] ?? env.actor.email;
  const leaderName = leaderEmail === env.actor.email ? env.me?.employee.row.name ?? env.actor.email : leaderEmail;
  const { drive, docs, log } = env.ports;
  const docLocale = translator(pickLocale(env.setting('appraisalDocumentLocale', 'nb')));
  const title = `${kindLabel(docLocale, kind)} – ${e.name} – ${date}`;
  let docId: string;
  try {
    const folderId = env.setting('appraisalsFolderId', '').trim() || drive.ensureFolder([DRIVE_FOLDERS.root, DRIVE_FOLDERS.appraisals]);
    // Marked pending in the same call: if this execution dies before the commit, the heal job trashes the copy.
    docId = drive.copy(templateId, folderId, title, env.fileMarks?.());
  } catch (err) {
    log.error(`appraisal.create: template ${templateKey}=${templateId} could not be copied`, err instanceof Error ? err.message : err);
    return failReply(env, { text: env.t('appraisal.template.missing', { kind: kindLabel(env.t, kind), key: templateKey }) });
  }
  const discard = (why: string, err?: unknown): void => {
    if (err !== undefined) log.error(`appraisal.create: ${why}; the copy ${docId} is trashed`, err instanceof Error ? err.message : err);
    else log.info(`appraisal.create: ${why}; the copy ${docId} is trashed`);
    try { drive.trash(docId); } catch (e2) { log.error(`appraisal.create: could not trash ${docId}`, e2 instanceof Error ? e2.message : e2); }
  };
  try {
    const unknown = docs.fillPlaceholders(docId, prefillValues(env, person, kind, date, { name: leaderName, email: leaderEmail }));
    if (unknown.length > 0) {
      discard('unknown placeholders');
      return failReply(env, { text: env.t('appraisal.template.unknown', { kind: kindLabel(env.t, kind), names: unknown.map((n) => `{{${n}}}`).join(', ') }) });
    }
    const edit = settingsOf(env).employeeAccess === 'edit';
    drive.share(docId, [], edit ? [leaderEmail, e.email] : [leaderEmail], edit ? [] : [e.email]);
  } catch (err) {
    discard('preparing the document failed', err);
    return failReply(env, { text: env.t('appraisal.createFailed') });
  }
  const made: MadeDoc = { docId, leaderEmail };
  return { value: made, undo: () => discard('the Appraisals row naming it was not committed') };
}

/** Under the lock: the Appraisals row naming the prepared document (on views still current, or read again). */
function create(env: ChangeEnv): Reply {
  const made = env.prepared as MadeDoc | undefined;
  if (!made) throw new Error('appraisal.create without its prepared document');
  const a = asked(env);
  // Someone made this conversation's document since the views were read: theirs is shown, ours is trashed.
  if (!('person' in a)) return a;
  const { person, kind, date, roles } = a;
  const e = person.employee.row;
  const { docId, leaderEmail } = made;
  const existing = openOf(person.appraisals.map((x) => x.row), kind);
  const planned = existing && existing.status === 'planned' ? person.appraisals.find((x) => x.row.appraisalId === existing.appraisalId) : undefined;
  const row: Appraisal = planned
    ? { ...planned.row, status: 'prepared', docId, scheduledOn: date, leaderEmail }
    : { appraisalId: env.newId('apr'), employeeId: e.employeeId, leaderEmail, kind, scheduledOn: date, heldOn: undefined, docId, status: 'prepared', nextDueOn: undefined };
  const res = env.commit([planned ? update('Appraisals', planned.rowNumber, planned.row, row) : insert('Appraisals', row)], ACTIONS.appraisalCreate);
  if (!res.ok) {
    env.ports.log.error(`appraisal.create: the Appraisals row could not be written (${res.reason}); the copy ${docId} is trashed`);
    return failReply(env, { kind: 'commit', failure: res });
  }
  if (res.elsewhere) {
    // Another execution of this same click recorded its own document (its answer was lost): this copy is trashed, and
    // the views, which missed that commit, are rebuilt (the pipeline asks for it).

    return failReply(env, { text: env.t('change.alreadyDone') });
  }
  env.keepPrepared?.();
  const rowNumber = planned ? planned.rowNumber : insertedRow(res);
  const after: PersonView = {
    ...person,
    appraisals: planned ? person.appraisals.map((x) => (x === planned ? { row, rowNumber } : x)) : [...person.appraisals, { row, rowNumber }],
  };
  stageAppraisalChange(env, after, [row]);
  // Every leader the document is shared with recognises it in the Docs panel at once, not only after the next rebuild.
  env.rm.stage(docNewKey(docId), { appraisal: { row, rowNumber }, employee: { employeeId: e.employeeId, email: e.email, name: e.name, unitId: e.unitId } } satisfies DocEntry);
  return show(env, appraisalCard(cardModel(env, after, row, roles), env.t, env.locale), env.t('appraisal.created', { name: e.name }));
}

export const createHandlers: Handlers = {
  [ACTIONS.appraisalCreate]: {
    kind: 'change',
    // docNewKey(''): the pack of documents made since the rebuild, which the new document joins.
    needs: (req) => [{ shard: 'ses' }, ...changeNeeds(req), { view: docNewKey('') }],
    prepare,
    run: create,
  },
};
