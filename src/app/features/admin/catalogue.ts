// Editing the competence catalogue and role plans from the admin console: validated with messages that say what to fix
// (a plan naming a competence that does not exist is refused), written with audit rows, the catalogue view restaged.
import { COMPETENCE_CATEGORY, RENEW_FROM, REQUIREMENT_LEVEL, SATISFIED_BY, type Competence, type Requirement, type Role } from '../../../core/records/tables';
import type { MessageKey, Params } from '../../../core/i18n';
import { insert, update, type Change, type Snapshot } from '../../../store/records';
import type { CatalogueView } from '../../../store/read-model';
import type { Located } from '../../../store/table-parse';
import type { ChangeEnv, Env, Handlers } from '../../pipeline/handler';
import type { Reply } from '../../../contract/request';
import { SIDEBAR_CALLS, type CatalogueData, type SavedData } from '../../../contract/sidebar';
import { adminOnly, commitFailed, data, invalid, parse, sidebarT } from './shared';
import { RECORD_ID as ID } from '../../../core/ids';

type Problem = [MessageKey, Params];

function catalogue(env: Env): Reply {
  const cat = env.views.cat();
  const out: CatalogueData = {
    competences: cat.competences.map((c) => ({ ...c, satisfiedBy: c.satisfiedBy ?? [] })),
    roles: cat.roles, requirements: cat.requirements,
    enums: { category: [...COMPETENCE_CATEGORY], renewFrom: [...RENEW_FROM], satisfiedBy: [...SATISFIED_BY], level: [...REQUIREMENT_LEVEL] },
  };
  return data(out);
}

function checkInt(field: string, v: number | undefined, min: number, max: number): Problem | undefined {
  if (v === undefined) return undefined;
  return Number.isInteger(v) && v >= min && v <= max ? undefined : ['admin.invalid.range', { field, min, max }];
}
function checkEnum(field: string, v: string | undefined, allowed: readonly string[], required = false): Problem | undefined {
  if (v === undefined || v === '') return required ? ['admin.invalid.required', { field }] : undefined;
  return allowed.includes(v) ? undefined : ['admin.invalid.enum', { field, value: v, allowed: allowed.join(', ') }];
}
function checkId(field: string, v: string): Problem | undefined {
  return ID.test(v) ? undefined : ['admin.invalid.id', { field, value: v }];
}

/** Reads the catalogue tables under the lock (small), so existence checks and row numbers are current. */
function readCatalogue(env: Env): Snapshot {
  return env.read(['Roles', 'Competences', 'Requirements', 'Audit'], { Audit: [] });
}

function rowsOf<T>(snap: Snapshot, table: 'Roles' | 'Competences' | 'Requirements'): Located<T>[] {
  return (snap[table]?.rows ?? []) as unknown as Located<T>[];
}

/** Writes the change, restages the catalogue view from what was read plus the change, and asks for a rebuild of the rest. */
function save(env: ChangeEnv, snap: Snapshot, change: Change, action: string, next: Omit<CatalogueView, 'courses'>, message: string): Reply {
  const res = env.commit([change], action, snap);
  if (!res.ok) return commitFailed(env, res);
  env.rm.stage('cat', { ...next, courses: env.views.cat().courses } satisfies CatalogueView);
  // Everyone's status and every unit view depend on the catalogue.
  env.ports.scheduleRebuild?.();
  const out: SavedData = { saved: true, message, refreshSoon: true };
  return data(out);
}

/** The answer the first arrival of this action gave (it committed; its answer was lost): nothing written now. */
function savedBefore(message: string): Reply {
  return data({ saved: true, message, refreshSoon: true } satisfies SavedData);
}

function saveCompetence(env: ChangeEnv): Reply {
  const p = parse(env, SIDEBAR_CALLS.saveCompetence);
  if (!p.ok) return p.reply;
  const v = p.value;
  const row: Competence = {
    competenceId: v.competenceId.trim(), name: v.name.trim(), category: v.category as Competence['category'], validityMonths: v.validityMonths,
    renewFrom: (v.renewFrom || undefined) as Competence['renewFrom'], windowDays: v.windowDays,
    satisfiedBy: v.satisfiedBy, legalBasis: v.legalBasis?.trim() || undefined,
  };
  const problem = checkId('competenceId', row.competenceId)
    ?? (row.name ? undefined : ['admin.invalid.required', { field: 'name' }] as Problem)
    ?? checkEnum('category', row.category, COMPETENCE_CATEGORY, true)
    ?? checkInt('validityMonths', row.validityMonths, 1, 600)
    ?? checkEnum('renewFrom', row.renewFrom, RENEW_FROM)
    ?? checkInt('windowDays', row.windowDays, 0, 3650)
    ?? (row.satisfiedBy?.length ? row.satisfiedBy.map((s) => checkEnum('satisfiedBy', s, SATISFIED_BY)).find(Boolean) : ['admin.invalid.satisfiedBy', {}] as Problem);
  if (problem) return invalid(env, ...problem);
  const snap = readCatalogue(env);
  const competences = rowsOf<Competence>(snap, 'Competences');
  const existing = competences.find((c) => c.row.competenceId === row.competenceId);
  // "Exists" because this very action's first arrival made it (its answer was lost): saved, as it said (issue #13).
  if (v.isNew && existing && env.committedBefore?.(snap)) return savedBefore(sidebarT(env)('admin.saved.competence', { name: existing.row.name }));
  if (v.isNew && existing) return invalid(env, 'admin.invalid.competenceExists', { id: row.competenceId });
  if (!v.isNew && !existing) return invalid(env, 'admin.invalid.unknownCompetence', { id: row.competenceId });
  const change = existing ? update('Competences', existing.rowNumber, existing.row, row) : insert('Competences', row);
  const list = existing ? competences.map((c) => (c === existing ? row : c.row)) : [...competences.map((c) => c.row), row];
  return save(env, snap, change, 'saveCompetence',
    { roles: rowsOf<Role>(snap, 'Roles').map((r) => r.row), competences: list, requirements: rowsOf<Requirement>(snap, 'Requirements').map((r) => r.row) },
    sidebarT(env)('admin.saved.competence', { name: row.name }));
}

function saveRole(env: ChangeEnv): Reply {
  const p = parse(env, SIDEBAR_CALLS.saveRole);
  if (!p.ok) return p.reply;
  const row: Role = { roleId: p.value.roleId.trim(), name: p.value.name.trim(), description: p.value.description?.trim() || undefined };
  const problem = checkId('roleId', row.roleId) ?? (row.name ? undefined : ['admin.invalid.required', { field: 'name' }] as Problem);
  if (problem) return invalid(env, ...problem);
  const snap = readCatalogue(env);
  const roles = rowsOf<Role>(snap, 'Roles');
  const existing = roles.find((r) => r.row.roleId === row.roleId);
  if (p.value.isNew && existing && env.committedBefore?.(snap)) return savedBefore(sidebarT(env)('admin.saved.role', { name: existing.row.name }));
  if (p.value.isNew && existing) return invalid(env, 'admin.invalid.roleExists', { id: row.roleId });
  if (!p.value.isNew && !existing) return invalid(env, 'admin.invalid.unknownRole', { id: row.roleId });
  const change = existing ? update('Roles', existing.rowNumber, existing.row, row) : insert('Roles', row);
  const list = existing ? roles.map((r) => (r === existing ? row : r.row)) : [...roles.map((r) => r.row), row];
  return save(env, snap, change, 'saveRole',
    { roles: list, competences: rowsOf<Competence>(snap, 'Competences').map((c) => c.row), requirements: rowsOf<Requirement>(snap, 'Requirements').map((r) => r.row) },
    sidebarT(env)('admin.saved.role', { name: row.name }));
}

function saveRequirement(env: ChangeEnv): Reply {
  const p = parse(env, SIDEBAR_CALLS.saveRequirement);
  if (!p.ok) return p.reply;
  const row: Requirement = { roleId: p.value.roleId.trim(), competenceId: p.value.competenceId.trim(), level: p.value.level as Requirement['level'], dueWithinDays: p.value.dueWithinDays };
  const shape = checkEnum('level', row.level, REQUIREMENT_LEVEL, true) ?? checkInt('dueWithinDays', row.dueWithinDays, 0, 3650);
  if (shape) return invalid(env, ...shape);
  const snap = readCatalogue(env);
  const roles = rowsOf<Role>(snap, 'Roles');
  const competences = rowsOf<Competence>(snap, 'Competences');
  if (!roles.some((r) => r.row.roleId === row.roleId)) return invalid(env, 'admin.invalid.unknownRole', { id: row.roleId || '–' });
  // The rule the issue names: a role plan may only name competences that exist in the catalogue.
  if (!competences.some((c) => c.row.competenceId === row.competenceId)) return invalid(env, 'admin.invalid.unknownCompetence', { id: row.competenceId || '–' });
  const requirements = rowsOf<Requirement>(snap, 'Requirements');
  const existing = requirements.find((r) => r.row.roleId === row.roleId && r.row.competenceId === row.competenceId);
  const from = effectiveFrom(env, snap, row, existing?.row);
  if (from) row.effectiveFrom = from;
  const change = existing ? update('Requirements', existing.rowNumber, existing.row, row) : insert('Requirements', row);
  const list = existing ? requirements.map((r) => (r === existing ? row : r.row)) : [...requirements.map((r) => r.row), row];
  const names = (id: string, all: Located<{ name: string }>[], key: 'roleId' | 'competenceId') =>
    all.find((x) => (x.row as unknown as Record<string, string>)[key] === id)?.row.name ?? id;
  return save(env, snap, change, 'saveRequirement', { roles: roles.map((r) => r.row), competences: competences.map((c) => c.row), requirements: list },
    sidebarT(env)('admin.saved.requirement', { role: names(row.roleId, roles, 'roleId'), competence: names(row.competenceId, competences, 'competenceId') }));
}

/**
 * The day a role's requirement takes effect: today when it is added or first becomes a required one with a deadline
 * (those already in the role get the deadline from today, not from their start); otherwise the day it had. Nothing on a
 * sheet without the column yet (provision adds it; data health names it until then): due from each person's start.
 */
function effectiveFrom(env: ChangeEnv, snap: Snapshot, row: Requirement, before: Requirement | undefined): string | undefined {
  if (!snap.Requirements?.columns.has('effectiveFrom')) return undefined;
  const binding = (r: Requirement | undefined) => r?.level === 'required' && r.dueWithinDays !== undefined;
  if (before && (binding(before) || !binding(row))) return before.effectiveFrom;
  return env.today;
}

/**
 * Removes a competence from a role plan. The store has no row deletion (rows are never targeted by a stale index), so the
 * row is emptied under the key check, with an audit row saying what it held; empty rows are skipped when reading.
 */
function removeRequirement(env: ChangeEnv): Reply {
  const p = parse(env, SIDEBAR_CALLS.removeRequirement);
  if (!p.ok) return p.reply;
  const snap = readCatalogue(env);
  const requirements = rowsOf<Requirement>(snap, 'Requirements');
  const existing = requirements.find((r) => r.row.roleId === p.value.roleId && r.row.competenceId === p.value.competenceId);
  if (!existing) return data({ saved: true, message: sidebarT(env)('admin.saved.removed') } satisfies SavedData);
  const empty = { roleId: '', competenceId: '', level: '', dueWithinDays: undefined } as unknown as Requirement;
  return save(env, snap, update('Requirements', existing.rowNumber, existing.row, empty), 'removeRequirement',
    { roles: rowsOf<Role>(snap, 'Roles').map((r) => r.row), competences: rowsOf<Competence>(snap, 'Competences').map((c) => c.row),
      requirements: requirements.filter((r) => r !== existing).map((r) => r.row) },
    sidebarT(env)('admin.saved.removed'));
}

export const catalogueHandlers: Handlers = {
  [SIDEBAR_CALLS.catalogue]: { kind: 'read', needs: () => [{ shard: 'cat' }], run: adminOnly(catalogue) },
  [SIDEBAR_CALLS.saveCompetence]: { kind: 'change', needs: () => [{ shard: 'cat' }], run: adminOnly(saveCompetence) },
  [SIDEBAR_CALLS.saveRole]: { kind: 'change', needs: () => [{ shard: 'cat' }], run: adminOnly(saveRole) },
  [SIDEBAR_CALLS.saveRequirement]: { kind: 'change', needs: () => [{ shard: 'cat' }], run: adminOnly(saveRequirement) },
  [SIDEBAR_CALLS.removeRequirement]: { kind: 'change', needs: () => [{ shard: 'cat' }], run: adminOnly(removeRequirement) },
};
