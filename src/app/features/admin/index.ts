// The admin console's server side (Sheets sidebar, host 'sidebar'): strings, the compliance dashboard with drill-down to
// unit and person, expiring lists with CSV export, data health and "refresh now"; and the data-health card in Chat and the
// add-ons. Catalogue edits and registering a certification by hand are in catalogue.ts and register.ts. Everything is
// admin-only and read from the read model (one cache getAll), except "refresh now".
import { columnLabel, tabTitle } from '../../../core/records/labels';
import { explain } from '../../../ui/cards/status-card';
import { healthCard } from '../../../ui/cards/basic-cards';
import { can } from '../../../core/access';
import { formatDate } from '../../../core/i18n';
import { ITEM_STATUSES } from '../../../core/unit-aggregates';
import { addDays } from '../../../core/dates';
import type { Need } from '../../../store/read-model';
import { rebuildRun } from '../../common/rebuild-run';
import { DASHBOARD_KEY, unitKey, type DashboardView, type UnitPage, type UnitView } from '../../../store/unit-views';
import { failReply, type Env, type Handlers, type JobEnv } from '../../pipeline/handler';
import { ACTIONS } from '../../../contract/actions';
import type { Reply } from '../../../contract/request';
import {
  SIDEBAR_CALLS, sidebarPayload, type DashboardData, type ExpiringData, type ExpiringRow, type HealthData, type PersonData,
  type RefreshData, type StringsData, type UnitData,
} from '../../../contract/sidebar';
import { adminOnly, aggregateData, data, memberData, notify, parse, sidebarLocale, sidebarStrings, sidebarT, toCsv, unitData } from './shared';
import { catalogueHandlers } from './catalogue';
import { registerHandlers } from './register';
import { accessExportHandlers } from './access-export';
import { competenceNamer, preparing } from '../../common/person-context';
import { statusCardModel } from '../../common/status-model';

function strings(env: Env): Reply {
  const locale = sidebarLocale(env);
  const out: StringsData = { locale, strings: sidebarStrings(locale), email: env.actor.email, isAdmin: env.actor.isAdmin };
  return data(out);
}

function dashboard(env: Env): Reply {
  const view = env.views.view<DashboardView>(DASHBOARD_KEY);
  if (!view) return preparing(env);
  const name = competenceNamer(env);
  const out: DashboardData = {
    builtAt: view.builtAt,
    areas: view.areas.map((a) => aggregateData(a.area, a.area, a.area, a, name)),
    units: view.units.map((u) => unitData(u, name)),
  };
  return data(out);
}

function unitPageOf(env: Env): number {
  const p = sidebarPayload(env.req, SIDEBAR_CALLS.unit);
  return p.ok && p.value.page && Number.isInteger(p.value.page) && p.value.page > 0 && p.value.page < 20 ? p.value.page : 0;
}

function unit(env: Env): Reply {
  const p = parse(env, SIDEBAR_CALLS.unit);
  if (!p.ok) return p.reply;
  const page = unitPageOf(env);
  const view = env.views.view<UnitView>(unitKey(p.value.unitId));
  if (!view) return env.views.dir.units.some((u) => u.unitId === p.value.unitId) ? preparing(env) : notify(sidebarT(env)('error.notFound'));
  const members = page === 0 ? view.members : env.views.view<UnitPage>(unitKey(p.value.unitId, page))?.members;
  if (!members) return preparing(env);
  const t = sidebarT(env);
  const name = competenceNamer(env);
  const out: UnitData = {
    builtAt: view.patchedAt ?? view.builtAt, unit: unitData(view.unit, name), children: view.children.map((c) => unitData(c, name)),
    members: members.map((m) => memberData(m, t, name)), memberCount: view.memberCount, pages: view.pages, page,
  };
  return data(out);
}

function person(env: Env): Reply {
  const p = parse(env, SIDEBAR_CALLS.person);
  if (!p.ok) return p.reply;
  const view = env.views.person(p.value.email);
  const t = sidebarT(env);
  if (!view) return notify(t('admin.invalid.unknownEmployee', { email: p.value.email }));
  const locale = sidebarLocale(env);
  const model = statusCardModel(env, view);
  const name = competenceNamer(env);
  const out: PersonData = {
    name: view.employee.row.name, email: view.employee.row.email, employeeId: view.employee.row.employeeId, unitName: model.unitName, roles: model.roleNames,
    items: model.status.items.map((i) => ({ competence: name(i.competenceId), level: i.level, status: i.status, label: t(`status.label.${i.status}` as never), explain: explain(i, t, locale) })),
    certifications: [...view.certifications].sort((a, b) => b.row.achievedOn.localeCompare(a.row.achievedOn)).map(({ row: c }) => ({
      certificationId: c.certificationId, competence: name(c.competenceId), achievedOn: c.achievedOn, ...(c.expiresOn ? { expiresOn: c.expiresOn } : {}),
      source: t(`status.source.${c.source}` as never), state: t(`admin.state.${c.state}` as never), ...(c.verifiedBy ? { verifiedBy: c.verifiedBy } : {}), hasEvidence: !!c.evidenceFileId,
      ...(c.state === 'pending' ? { pending: true } : {}),
    })),
    plan: (model.plan ?? []).map((l) => ({ label: l.label, ...(l.dueBy ? { dueBy: l.dueBy } : {}) })),
  };
  return data(out);
}

/** The views an expiring list reads: every page of every unit in scope (the browser knows them from the dashboard). */
function expiringNeeds(req: Env['req']): Need[] {
  const p = sidebarPayload(req, SIDEBAR_CALLS.expiring);
  if (!p.ok) return [];
  return p.value.units.flatMap((u) => Array.from({ length: Math.min(u.pages ?? 1, 20) }, (_, i) => ({ view: unitKey(u.unitId, i) })));
}

function expiring(env: Env): Reply {
  const p = parse(env, SIDEBAR_CALLS.expiring);
  if (!p.ok) return p.reply;
  const t = sidebarT(env);
  const locale = sidebarLocale(env);
  const name = competenceNamer(env);
  const unitNames = new Map(env.views.dir.units.map((u) => [u.unitId, u.name]));
  const statuses = new Set(p.value.statuses ?? ['overdue', 'expired', 'missing', 'expiring']);
  const within = p.value.withinDays !== undefined && Number.isFinite(p.value.withinDays) ? addDays(env.today, p.value.withinDays) : undefined;
  const rows: ExpiringRow[] = [];
  const missingUnits: string[] = [];
  for (const u of p.value.units) {
    for (let page = 0; page < Math.min(u.pages ?? 1, 20); page++) {
      const v = env.views.view<UnitView | UnitPage>(unitKey(u.unitId, page));
      if (!v) { if (!missingUnits.includes(u.unitId)) missingUnits.push(u.unitId); continue; }
      for (const m of v.members) {
        for (const i of m.items) {
          if (!statuses.has(i.status)) continue;
          if (within && i.status === 'expiring' && i.date && i.date > within) continue;
          rows.push({ employeeId: m.employeeId, name: m.name, email: m.email, unitId: m.unitId, unitName: unitNames.get(m.unitId) ?? m.unitId,
            competenceId: i.competenceId, competence: name(i.competenceId), status: i.status, label: t(`status.label.${i.status}` as never), date: i.date ?? '' });
        }
      }
    }
  }
  const rank = (s: string) => ITEM_STATUSES.indexOf(s as never);
  rows.sort((a, b) => rank(a.status) - rank(b.status) || a.date.localeCompare(b.date) || a.name.localeCompare(b.name, 'nb'));
  if (missingUnits.length) env.ports.scheduleRebuild?.();
  const out: ExpiringData = { rows, missingUnits };
  if (p.value.format === 'csv') {
    out.csv = toCsv([
      // Names beside ids, so a row is found in the records and read by a person.
      [t('admin.csv.employeeId'), t('admin.csv.name'), t('admin.csv.email'), t('admin.csv.unitId'), t('admin.csv.unit'), t('admin.csv.competenceId'),
        t('admin.csv.competence'), t('admin.csv.status'), t('admin.csv.date')],
      ...rows.map((r) => [r.employeeId, r.name, r.email, r.unitId, r.unitName, r.competenceId, r.competence, r.label, r.date ? formatDate(locale, r.date) : '']),
    ]);
    out.fileName = `kompetent-${env.today}.csv`;
  }
  return data(out);
}

function health(env: Env): Reply {
  const report = env.views.health();
  if (!report) return preparing(env);
  const t = sidebarT(env);
  const out: HealthData = {
    checkedAt: report.checkedAt, total: report.total,
    // Where, as HR sees the spreadsheet: the tab's title and the column's header label (records/labels.ts).
    issues: report.issues.map((i) => ({ table: i.shard ? t('health.inShard', { table: tabTitle(i.table), shard: i.shard }) : tabTitle(i.table), ...(i.rowNumber ? { row: i.rowNumber } : {}), ...(i.field ? { field: columnLabel(i.table, i.field) } : {}),
      problem: t(`health.reason.${i.reason}` as never, { ref: i.value ?? '' }), ...(i.value ? { value: i.value } : {}) })),
  };
  return data(out);
}

/** The console's answer while the rebuild goes on elsewhere, or goes on in the next trigger run. */
function continues(env: Env): Reply {
  return data({ builtAt: '', persons: 0, issues: 0, message: sidebarT(env)('admin.refresh.continues') } satisfies RefreshData);
}

function refresh(env: JobEnv): Reply {
  // One run, as the jobs do: the whole rebuild when it fits in this execution, else the next trigger runs go on.
  env.ports.log.info('read model rebuild from the admin console', { by: env.actor.email });
  const out = rebuildRun(env);
  const t = sidebarT(env);
  if (!out?.done) return continues(env);
  const result = out.result;
  return data({ builtAt: result.meta.builtAt, persons: result.personViews, issues: result.health.total,
    message: t('admin.refresh.done', { persons: result.personViews, issues: result.health.total }) } satisfies RefreshData);
}

const readHandlers: Handlers = {
  [SIDEBAR_CALLS.strings]: { kind: 'read', run: strings },
  [SIDEBAR_CALLS.dashboard]: { kind: 'read', needs: () => [{ shard: 'cat' }, { view: DASHBOARD_KEY }], run: adminOnly(dashboard) },
  [SIDEBAR_CALLS.unit]: {
    kind: 'read',
    needs: (req) => {
      const p = sidebarPayload(req, SIDEBAR_CALLS.unit);
      if (!p.ok) return [];
      const page = p.value.page && p.value.page > 0 && p.value.page < 20 ? Math.floor(p.value.page) : 0;
      return [{ shard: 'cat' }, { view: unitKey(p.value.unitId) }, ...(page ? [{ view: unitKey(p.value.unitId, page) }] : [])];
    },
    run: adminOnly(unit),
  },
  [SIDEBAR_CALLS.person]: {
    kind: 'read',
    needs: (req) => {
      const p = sidebarPayload(req, SIDEBAR_CALLS.person);
      return p.ok ? [{ shard: 'cat' }, { shard: 'ses' }, { person: p.value.email }] : [];
    },
    run: adminOnly(person),
  },
  [SIDEBAR_CALLS.expiring]: { kind: 'read', needs: (req) => [{ shard: 'cat' }, ...expiringNeeds(req)], run: adminOnly(expiring) },
  [SIDEBAR_CALLS.health]: { kind: 'read', needs: () => [{ shard: 'health' }], run: adminOnly(health) },
  // A job run by hand: it holds the rebuild's lease (so never two runs from one cursor), and writes only through the job's
  // commit (the rebuild's stamp).
  [SIDEBAR_CALLS.refresh]: { kind: 'job', lease: ACTIONS.jobRebuild, busy: continues, run: adminOnly(refresh) },
  // Data health as a card (Chat's /health, the add-ons), for administrators.
  [ACTIONS.health]: {
    kind: 'read',
    needs: () => [{ shard: 'health' }],
    run: (env) => (can(env.actor, { do: 'administer' })
      ? { kind: 'card', card: healthCard(env.views.health(), env.t, env.locale) }
      : failReply(env, { kind: 'notAllowed' })),
  },
};

export const adminHandlers: Handlers = { ...readHandlers, ...catalogueHandlers, ...registerHandlers, ...accessExportHandlers };
