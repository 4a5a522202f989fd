// The steps after a document exists: record the agreed actions (read back from the document's table into PlanItems),
// mark it held, schedule the next one, the employee's sign-off, and archiving as PDF. Each is idempotent. The Docs read
// and the PDF export run before the write lock (a handler's `prepare`), never while it is held.
import {
  AGREED_TABLE_HEADERS, openOf, planKey, probationPlan, readAgreedTable, step, type AppraisalKind, type Step, type StepResult,
} from '../../../core/appraisal';
import { formatDate } from '../../../core/i18n';
import type { Appraisal, PlanItem } from '../../../core/records/tables';
import { nearestLeaders } from '../../../store/appraisal-views';
import type { PersonView } from '../../../store/read-model';
import { insert, insertedRow, update, type Change } from '../../../store/records';
import type { Located } from '../../../store/table-parse';
import { ACTIONS } from '../../../contract/actions';
import { appraisalCard, kindLabel, tableProblemsCard } from '../../../ui/cards/appraisal-cards';
import { failReply, type ChangeEnv, type Env, type ChangeHandler, type Handlers, type Prepared } from '../../pipeline/handler';
import { str, type Reply } from '../../../contract/request';
import { show } from './create';
import { cardModel, changeNeeds, dateInput, docNeeds, findAppraisal, leaderNeeds, rolesFor, settingsOf, stageAppraisalChange, type Roles } from './shared';

interface Target { person: PersonView; appraisal: Located<Appraisal>; roles: Roles }

/** The appraisal a button names, if the asker may act on it as `as` (the leader, or the employee for sign-off). */
function target(env: Env, as: 'leader' | 'employee'): Target | Reply {
  const person = as === 'employee' ? env.me : env.views.person(str(env.req, 'email'));
  if (!person) return failReply(env, { kind: 'notFound' });
  const roles = rolesFor(env, person.employee.row);
  if (as === 'leader' ? !roles.mayLead : !roles.isEmployee) {
    return failReply(env, { text: env.t(as === 'leader' ? 'appraisal.notYourEmployee' : 'appraisal.sign.onlyEmployee') });
  }
  const appraisal = findAppraisal(person, str(env.req, 'appraisalId'));
  // Someone else's appraisal is never among the asker's own: say who may sign rather than "not found".
  const other = as === 'employee' && str(env.req, 'email') !== '' && str(env.req, 'email').toLowerCase() !== env.actor.email;
  if (!appraisal) return failReply(env, { text: env.t(other ? 'appraisal.sign.onlyEmployee' : 'appraisal.noRecord') });
  return { person, appraisal, roles };
}

function isReply(x: Target | Reply): x is Reply {
  return 'kind' in x;
}

const STEP_TEXT: Record<Exclude<StepResult, { ok: true }>['reason'], string> = {
  notHeld: 'appraisal.step.notHeld', locked: 'appraisal.step.locked', future: 'appraisal.step.future', closed: 'appraisal.step.closed',
  noDocument: 'appraisal.noDocument',
};

/** Applies one status step, commits it with its audit row, patches the views and shows the appraisal again. */
function applyStep(env: ChangeEnv, tg: Target, s: Step, doneKey: string): Reply {
  const res = step(tg.appraisal.row, s, env.today);
  if (!res.ok) return failReply(env, { text: env.t(STEP_TEXT[res.reason] as never) });
  const card = (p: PersonView, a: Appraisal) => appraisalCard(cardModel(env, p, a, tg.roles), env.t, env.locale);
  if (!res.changed) return show(env, card(tg.person, tg.appraisal.row), env.t('appraisal.step.already'));
  const changes = [update('Appraisals', tg.appraisal.rowNumber, tg.appraisal.row, res.next)];
  const out = env.commit(changes, env.req.action);
  if (!out.ok) return failReply(env, { kind: 'commit', failure: out });
  // What was prepared for it (the archive's PDF) is kept, unless another arrival of this click committed with its own.
  if (!out.elsewhere) env.keepPrepared?.();
  const after = withInserted(tg.person, changes, out.inserted);
  stageAppraisalChange(env, after, [res.next]);
  return show(env, card(after, res.next), env.t(doneKey as never));
}

/** The person view after committed changes (rows replaced in place; inserts, in order, at the numbers the store gave). */
function withInserted(p: PersonView, changes: Change[], inserted: { rowNumber: number }[]): PersonView {
  const appraisals = [...p.appraisals];
  const planItems = [...p.planItems];
  let k = 0;
  for (const c of changes) {
    const list = (c.table === 'Appraisals' ? appraisals : c.table === 'PlanItems' ? planItems : undefined) as Located<unknown>[] | undefined;
    if (c.kind === 'insert') {
      list?.push({ row: c.row, rowNumber: insertedRow({ inserted }, k++) });
      continue;
    }
    const i = list ? list.findIndex((l) => l.rowNumber === c.rowNumber) : -1;
    if (list && i >= 0) list[i] = { row: c.after, rowNumber: c.rowNumber };
  }
  return { ...p, appraisals, planItems };
}

/** The agreed-actions table of the appraisal's document, checked against the catalogue and what is recorded. */
function readingOf(env: Env, tg: Target, rows: string[][]): ReturnType<typeof readAgreedTable> | Reply {
  const a = tg.appraisal.row;
  const cat = env.views.cat();
  const recorded = new Set(tg.person.planItems.filter((p) => p.row.appraisalId === a.appraisalId).map((p) => `${planKey(p.row)}|${p.row.dueBy ?? ''}`));
  const reading = readAgreedTable(rows, { competences: cat.competences, courses: cat.courses }, env.today, (key, dueBy) => recorded.has(`${key}|${dueBy}`));
  const back = { email: tg.person.employee.row.email, appraisalId: a.appraisalId, docId: a.docId! };
  if (reading.problems.length > 0) return { kind: 'card', card: tableProblemsCard({ problems: reading.problems, back }, env.t), nav: env.req.host === 'chat' ? 'update' : 'push' };
  if (reading.actions.length === 0) return failReply(env, { text: env.t('appraisal.table.empty') });
  return reading;
}

/** The leader's target for recording actions: an appraisal with a document that is still open. */
function actionsTarget(env: Env): Target | Reply {
  const tg = target(env, 'leader');
  if (isReply(tg)) return tg;
  if (!tg.appraisal.row.docId) return failReply(env, { text: env.t('appraisal.noDocument') });
  if (tg.appraisal.row.status === 'archived' || tg.appraisal.row.status === 'cancelled') return failReply(env, { text: env.t('appraisal.step.closed') });
  return tg;
}

/** Before the lock: the agreed-actions table read from the document (a Docs call, never while the lock is held). */
function readActions(env: Env): Reply | Prepared {
  const tg = actionsTarget(env);
  if (isReply(tg)) return tg;
  const docId = tg.appraisal.row.docId!;
  let rows: string[][] | undefined;
  try {
    for (const headers of AGREED_TABLE_HEADERS) {
      rows = env.ports.docs.readTable(docId, [...headers]);
      if (rows) break;
    }
  } catch (err) {
    env.ports.log.error(`appraisal.recordActions: ${docId} could not be read`, err instanceof Error ? err.message : err);
    return failReply(env, { text: env.t('appraisal.doc.unreadable') });
  }
  if (!rows) return failReply(env, { text: env.t('appraisal.table.missing', { headers: AGREED_TABLE_HEADERS[0].join(', ') }) });
  // Rows to correct, or none at all: answered here, without taking the lock.
  const reading = readingOf(env, tg, rows);
  if ('kind' in reading) return reading;
  return { value: { docId, rows } satisfies ReadTable };
}

/** The table read before the lock, and from which document. */
interface ReadTable { docId: string; rows: string[][] }

/** Under the lock: the table read before it becomes plan items (on views still current, or read again). */
function recordActions(env: ChangeEnv): Reply {
  const read = env.prepared as ReadTable | undefined;
  if (!read) throw new Error('appraisal.recordActions without the table read before the lock');
  const tg = actionsTarget(env);
  if (isReply(tg)) return tg;
  const a = tg.appraisal.row;
  // The appraisal got another document since the table was read: nothing is recorded from the old one.
  if (a.docId !== read.docId) return failReply(env, { kind: 'commit', failure: { reason: 'conflict', table: 'Appraisals', key: a.appraisalId } });
  const reading = readingOf(env, tg, read.rows);
  if ('kind' in reading) return reading;

  // The table is the source: rows become open plan items, a row removed from it cancels its open item; done items stay.
  const mine = tg.person.planItems.filter((p) => p.row.appraisalId === a.appraisalId);
  const byKey = new Map(mine.map((p) => [planKey(p.row), p]));
  const changes: Change[] = [];
  for (const act of reading.actions) {
    const have = byKey.get(act.key);
    const want: PlanItem = {
      planItemId: have?.row.planItemId ?? env.newId('plan'), employeeId: tg.person.employee.row.employeeId,
      competenceId: act.competenceId, courseId: act.courseId, goal: act.goal, dueBy: act.dueBy,
      status: have?.row.status === 'done' ? 'done' : 'open', appraisalId: a.appraisalId,
    };
    if (!have) changes.push(insert('PlanItems', want));
    else if (have.row.dueBy !== want.dueBy || (have.row.goal ?? '') !== (want.goal ?? '') || have.row.status !== want.status) {
      changes.push(update('PlanItems', have.rowNumber, have.row, want));
    }
  }
  const keys = new Set(reading.actions.map((x) => x.key));
  for (const p of mine) if (p.row.status === 'open' && !keys.has(planKey(p.row))) changes.push(update('PlanItems', p.rowNumber, p.row, { ...p.row, status: 'cancelled' }));
  const card = (p: PersonView) => appraisalCard(cardModel(env, p, a, tg.roles), env.t, env.locale);
  if (changes.length === 0) return show(env, card(tg.person), env.t('appraisal.actions.unchanged', { count: reading.actions.length }));
  const out = env.commit(changes, ACTIONS.appraisalRecordActions);
  if (!out.ok) return failReply(env, { kind: 'commit', failure: out });
  const after = withInserted(tg.person, changes, out.inserted);
  stageAppraisalChange(env, after, []);
  return show(env, card(after), env.t('appraisal.actions.recorded', { count: reading.actions.length }));
}

function markHeld(env: ChangeEnv): Reply {
  const tg = target(env, 'leader');
  if (isReply(tg)) return tg;
  const on = dateInput(env.req, 'heldOn', env.today);
  if (!on) return failReply(env, { kind: 'invalid', detail: env.t('appraisal.badDate') });
  return applyStep(env, tg, { do: 'hold', on }, 'appraisal.held');
}

/** After a probation follow-up, the next is another follow-up while any is left, else a development conversation. */
function nextKind(env: Env, person: PersonView, a: Appraisal, on: string): AppraisalKind {
  const asked = str(env.req, 'kind');
  if (asked === 'development' || asked === 'probation' || asked === 'life-phase') return asked;
  if (a.kind !== 'probation') return a.kind;
  const plan = probationPlan(person.employee.row, person.appraisals.map((x) => x.row), settingsOf(env), env.today);
  return plan && on <= plan.end && plan.followUps.some((f) => f.state !== 'done' && !f.heldOn) ? 'probation' : 'development';
}

function scheduleNext(env: ChangeEnv): Reply {
  const tg = target(env, 'leader');
  if (isReply(tg)) return tg;
  const a = tg.appraisal.row;
  if (a.status === 'planned' || a.status === 'prepared' || a.status === 'cancelled') return failReply(env, { text: env.t('appraisal.next.notHeld') });
  const on = dateInput(env.req, 'nextOn', undefined);
  if (!on) return failReply(env, { kind: 'invalid', detail: env.t('appraisal.badDate') });
  if (on < env.today) return failReply(env, { kind: 'invalid', detail: env.t('appraisal.next.past') });
  const kind = nextKind(env, tg.person, a, on);
  const e = tg.person.employee.row;
  const changes: Change[] = [];
  const sameKind = kind === a.kind;
  if (sameKind && a.nextDueOn !== on) changes.push(update('Appraisals', tg.appraisal.rowNumber, a, { ...a, nextDueOn: on }));
  const open = openOf(tg.person.appraisals.map((x) => x.row), kind);
  const openRow = open && tg.person.appraisals.find((x) => x.row.appraisalId === open.appraisalId);
  if (openRow) {
    if (openRow.row.scheduledOn !== on) changes.push(update('Appraisals', openRow.rowNumber, openRow.row, { ...openRow.row, scheduledOn: on }));
  } else {
    const leaderEmail = env.actor.ledUnitIds.has(e.unitId) ? env.actor.email : nearestLeaders(e.unitId, e.email, env.views.dir.units)[0] ?? env.actor.email;
    changes.push(insert('Appraisals', {
      appraisalId: env.newId('apr'), employeeId: e.employeeId, leaderEmail, kind, scheduledOn: on, heldOn: undefined, docId: undefined,
      status: 'planned', nextDueOn: undefined,
    }));
  }
  const card = (p: PersonView) => appraisalCard(cardModel(env, p, p.appraisals.find((x) => x.row.appraisalId === a.appraisalId)!.row, tg.roles), env.t, env.locale);
  if (changes.length === 0) return show(env, card(tg.person), env.t('appraisal.step.already'));
  const out = env.commit(changes, ACTIONS.appraisalScheduleNext);
  if (!out.ok) return failReply(env, { kind: 'commit', failure: out });
  const after = withInserted(tg.person, changes, out.inserted);
  stageAppraisalChange(env, after, changes.flatMap((c) => (c.table === 'Appraisals' ? [(c.kind === 'insert' ? c.row : c.after) as Appraisal] : [])));
  return show(env, card(after), env.t('appraisal.next.done', { kind: kindLabel(env.t, kind), date: formatDate(env.locale, on) }));
}

function signOff(env: ChangeEnv): Reply {
  const tg = target(env, 'employee');
  if (isReply(tg)) return tg;
  return applyStep(env, tg, { do: 'sign' }, 'appraisal.signed');
}

/**
 * Before the lock: the document exported as PDF into the archive folder (a Drive call, never while the lock is held).
 * The PDF is trashed again after the lock unless the status change was committed: nothing half-way.
 */
function exportArchive(env: Env): Reply | Prepared {
  const tg = target(env, 'leader');
  if (isReply(tg)) return tg;
  const a = tg.appraisal.row;
  const res = step(a, { do: 'archive' }, env.today);
  if (!res.ok) return failReply(env, { text: env.t(STEP_TEXT[res.reason] as never) });
  if (!res.changed) return show(env, appraisalCard(cardModel(env, tg.person, a, tg.roles), env.t, env.locale), env.t('appraisal.step.already'));
  const folderId = env.setting('archiveFolderId', '').trim();
  if (!folderId) {
    env.ports.log.error('appraisal.archive: Settings archiveFolderId is empty');
    return failReply(env, { text: env.t('appraisal.archive.notConfigured') });
  }
  const name = `${a.heldOn ?? env.today} ${kindLabel(env.t, a.kind)} ${tg.person.employee.row.name} (${a.appraisalId}).pdf`;
  let pdfId: string;
  try {
    // Marked pending (claimed by the request key: no row records a PDF's id) in the same call that makes it.
    pdfId = env.ports.drive.exportPdf(a.docId!, folderId, name, env.fileMarks?.('key'));
  } catch (err) {
    env.ports.log.error(`appraisal.archive: export of ${a.docId} failed`, err instanceof Error ? err.message : err);
    return failReply(env, { text: env.t('appraisal.archive.failed') });
  }
  return {
    value: pdfId,
    undo: () => {
      try { env.ports.drive.trash(pdfId); } catch (err) { env.ports.log.error(`appraisal.archive: could not trash ${pdfId}`, err instanceof Error ? err.message : err); }
    },
  };
}

function archive(env: ChangeEnv): Reply {
  const tg = target(env, 'leader');
  if (isReply(tg)) return tg;
  return applyStep(env, tg, { do: 'archive' }, 'appraisal.archived');
}

const change = (run: (env: ChangeEnv) => Reply): ChangeHandler => ({ kind: 'change', needs: changeNeeds, run });

export const stepHandlers: Handlers = {
  [ACTIONS.appraisalRecordActions]: { ...change(recordActions), prepare: readActions },
  [ACTIONS.appraisalMarkHeld]: change(markHeld),
  [ACTIONS.appraisalScheduleNext]: change(scheduleNext),
  [ACTIONS.appraisalArchive]: { ...change(archive), prepare: exportArchive },
  [ACTIONS.appraisalSignOff]: { kind: 'change', needs: (req) => [{ shard: 'cat' }, ...leaderNeeds(req), ...docNeeds(req)], run: signOff },
};
