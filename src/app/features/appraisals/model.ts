// Card models for the leader's overview and the employee's own list, from the read model (metadata only).
import { can } from '../../../core/access';
import { dueFor, openOf, probationPlan, type AppraisalMeta } from '../../../core/appraisal';
import type { AppraisalLeaderView, AppraisalMember } from '../../../store/appraisal-views';
import type { PersonView } from '../../../store/read-model';
import type { DueRow, MineModel, OverviewModel, ProbationRow } from '../../../ui/cards/appraisal-overview';
import type { Env } from '../../pipeline/handler';
import { docUrl, settingsOf } from './shared';
import { planLines } from '../status/plan';
import { expiringWindow } from '../../common/status-model';

/** The people in a leader's list the asker may appraise today (the list is from the last rebuild; Units are current). */
export function appraisableMembers(env: Env, view: AppraisalLeaderView): AppraisalMember[] {
  return view.members.filter((m) => m.email !== env.actor.email && can(env.actor, { do: 'appraiseFor', employee: m }));
}

const metas = (m: AppraisalMember): AppraisalMeta[] => m.appraisals.map((a) => a.row);

export function overviewModel(env: Env, view: AppraisalLeaderView, notice?: string, grantAccess = false): OverviewModel {
  const s = settingsOf(env);
  const members = appraisableMembers(env, view);
  const probation: ProbationRow[] = [];
  const due: DueRow[] = [];
  for (const m of members) {
    const list = metas(m);
    const plan = m.status !== 'left' ? probationPlan(m, list, s, env.today) : undefined;
    if (plan?.active) {
      const next = plan.followUps.find((f) => f.state !== 'done');
      const open = openOf(list, 'probation');
      probation.push({ email: m.email, name: m.name, plan, ...(next ? { next } : {}), ...(open ? { appraisalId: open.appraisalId } : {}) });
    }
    for (const kind of ['development', 'life-phase'] as const) {
      const d = dueFor(kind, m, list, s, env.today);
      if (d.state !== 'overdue' && d.state !== 'due' && d.state !== 'scheduled') continue;
      due.push({ email: m.email, name: m.name, kind, state: d.state, ...(d.dueOn ? { dueOn: d.dueOn } : {}), ...(d.open ? { appraisalId: d.open.appraisalId } : {}) });
    }
  }
  const rank = { overdue: 0, due: 1, scheduled: 2 } as const;
  probation.sort((a, b) => (a.next?.dueOn ?? a.plan.decision.by).localeCompare(b.next?.dueOn ?? b.plan.decision.by));
  due.sort((a, b) => rank[a.state] - rank[b.state] || (a.dueOn ?? '').localeCompare(b.dueOn ?? '') || a.name.localeCompare(b.name, 'nb'));
  return { probation, due, people: members.length, truncated: view.total > view.members.length, ...(notice ? { notice } : {}), ...(grantAccess ? { grantAccess } : {}) };
}

/** The employee's own conversations, newest first (cancelled ones left out), and their open plan items. */
export function mineModel(env: Env, me: PersonView, notice?: string, grantAccess = false): MineModel {
  const appraisals = me.appraisals.map((a) => a.row).filter((a) => a.status !== 'cancelled')
    .sort((a, b) => (b.heldOn ?? b.scheduledOn ?? '').localeCompare(a.heldOn ?? a.scheduledOn ?? ''))
    .slice(0, 10)
    .map((a) => ({ appraisal: a, ...(a.docId && a.status !== 'planned' ? { docUrl: docUrl(a.docId) } : {}) }));
  return {
    name: me.employee.row.name,
    appraisals,
    plan: planLines(env.views.cat(), me, { today: env.today, expiringWindowDays: expiringWindow(env) }),
    isLeader: env.actor.ledUnitIds.size > 0,
    ...(notice ? { notice } : {}),
    ...(grantAccess ? { grantAccess } : {}),
  };
}
