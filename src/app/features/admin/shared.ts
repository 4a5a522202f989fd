// Shared by the admin console's handlers: the user's language, admin-only access, payload parsing, data shapes.
import { wallTimeIn } from '../../../core/dates';
import { neutraliseCell, plainText } from '../../../core/safe-text';
import { can } from '../../../core/access';
import { allKeys, pickLocale, rawMessage, translator, type Locale, type MessageKey, type Params, type Translate } from '../../../core/i18n';
import { compliancePct, type Aggregate, type MemberSummary, type UnitAggregate, worstCompetences } from '../../../core/unit-aggregates';
import type { Env } from '../../pipeline/handler';
import type { Reply } from '../../../contract/request';
import { sidebarPayload, type AggregateData, type MemberData, type SidebarPayload, SIDEBAR_SCHEMAS } from '../../../contract/sidebar';

/**
 * The sidebar's language: the browser's (payload.locale, like the Google account language the other surfaces get from the
 * event) when Kompetent speaks it, else the person's language in the records, else nb.
 */
export function sidebarLocale(env: Env): Locale {
  const payloadLocale = (env.req.payload as { locale?: unknown } | undefined)?.locale;
  const browser = typeof payloadLocale === 'string' ? payloadLocale : undefined;
  return pickLocale(browser, env.me?.employee.row.locale);
}

export function sidebarT(env: Env): Translate {
  return translator(sidebarLocale(env));
}

export function notify(text: string): Reply {
  return { kind: 'notify', text };
}

/** A write that did not happen (busy lock, changed meanwhile, storage), in the sidebar user's words. */
export function commitFailed(env: Env, res: { reason: string; table?: string }): Reply {
  const t = sidebarT(env);
  return notify(res.reason === 'conflict' ? t('error.conflict') : res.reason === 'busy' ? t('error.busy') : t('error.storage', { detail: res.table ?? res.reason }));
}

export function data(value: unknown): Reply {
  return { kind: 'data', data: value };
}

/** Admin-only: the reply to send when the asker is not an administrator. */
export function refuse(env: Env): Reply | undefined {
  return can(env.actor, { do: 'administer' }) ? undefined : notify(sidebarT(env)('error.notAllowed'));
}

/** Wraps a sidebar handler: admin-only, checked before anything is read beyond the asker's own views. */
export function adminOnly<R, E extends Env = Env>(run: (env: E) => R): (env: E) => Reply | R {
  return (env) => refuse(env) ?? run(env);
}

export type Parsed<C extends keyof typeof SIDEBAR_SCHEMAS> = { ok: true; value: SidebarPayload<C> } | { ok: false; reply: Reply };

export function parse<C extends keyof typeof SIDEBAR_SCHEMAS>(env: Env, call: C): Parsed<C> {
  const p = sidebarPayload(env.req, call);
  return p.ok ? p : { ok: false, reply: notify(sidebarT(env)('error.invalid', { detail: p.detail })) };
}

/** Invalid input, in the user's words: "Something in the form needs fixing: <what to fix>". */
export function invalid(env: Env, key: MessageKey, params: Params = {}): Reply {
  const t = sidebarT(env);
  const known = new Set(allKeys('nb'));
  const field = typeof params.field === 'string' && known.has(`admin.field.${params.field}`)
    ? t(`admin.field.${params.field}` as MessageKey) : params.field;
  // The allowed values of an enumeration in the admin's words (as the form's drop-down shows them), not the stored keys.
  const allowed = typeof params.allowed === 'string'
    ? params.allowed.split(', ').map((v) => (known.has(`admin.enum.${v}`) ? t(`admin.enum.${v}` as MessageKey) : v)).join(', ') : params.allowed;
  return notify(t('error.invalid', { detail: t(key, { ...params, field, ...(allowed !== undefined ? { allowed } : {}) }) }));
}

export function aggregateData(id: string, name: string, area: string, agg: Aggregate & { parentUnitId?: string; pages?: number }, competenceName: (id: string) => string): AggregateData {
  return {
    id, name, area, ...(agg.parentUnitId ? { parentUnitId: agg.parentUnitId } : {}), ...(agg.pages ? { pages: agg.pages } : {}),
    people: agg.people, pct: compliancePct(agg) ?? null, counts: { ...agg.counts }, peopleWithGaps: agg.peopleWithGaps, peopleExpiring: agg.peopleExpiring,
    worst: worstCompetences(agg, 3).map((w) => ({ ...w, name: competenceName(w.competenceId) })),
  };
}

export function unitData(u: UnitAggregate & { pages?: number }, competenceName: (id: string) => string): AggregateData {
  return aggregateData(u.unitId, u.name, u.area, u, competenceName);
}

export function memberData(m: MemberSummary, t: Translate, competenceName: (id: string) => string): MemberData {
  return {
    employeeId: m.employeeId, email: m.email, name: m.name, unitId: m.unitId,
    items: m.items.map((i) => ({ competence: competenceName(i.competenceId), status: i.status, label: t(`status.label.${i.status}` as never), ...(i.date ? { date: i.date } : {}) })),
  };
}

/** The catalogue subset the sidebar shows, in one language (no user-facing text is written in the browser code). */
const SIDEBAR_PREFIXES = ['admin.', 'status.label.', 'common.', 'health.', 'error.', 'skills.area.', 'status.source.', 'month.', 'date.'];
export function sidebarStrings(locale: Locale): Record<string, string> {
  return Object.fromEntries(allKeys(locale).filter((k) => SIDEBAR_PREFIXES.some((p) => k.startsWith(p))).map((k) => [k, rawMessage(locale, k as MessageKey)]));
}

/** CSV for spreadsheets: RFC 4180 quoting, and a leading ' on cells a spreadsheet would run as a formula (neutraliseCell). */
/**
 * CSV as Norwegian Excel opens it in columns: semicolons between cells (Excel splits a .csv by the list separator of the
 * Windows region, `;` in nb-NO where the decimal comma takes `,`), CRLF lines; the sidebar adds the UTF-8 BOM when it
 * saves the file (src/sidebar/main.ts), so æøå read right. Every cell is neutralised: no formula is ever evaluated.
 */
export const CSV_SEPARATOR = ';';

export function toCsv(rows: readonly (readonly string[])[]): string {
  const cell = (v: string) => {
    const safe = neutraliseCell(plainText(v));
    return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return rows.map((r) => r.map(cell).join(CSV_SEPARATOR)).join('\r\n');
}

/** An instant as the municipality's wall-clock time for a spreadsheet cell (`2026-11-20 14:05`, Europe/Oslo), not UTC. */
export function csvTime(iso: string | undefined, timeZone: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : wallTimeIn(d, timeZone).replace('T', ' ');
}
