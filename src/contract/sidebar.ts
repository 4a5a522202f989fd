// The admin sidebar's contract: call names, payload schemas (checked at the edge with zod), the call → event mapping, replies.
//
// The browser calls `google.script.run.sidebarCall(name, payloadJson)`; Apps Script (src/gas/main.ts) and the local shim
// turn it into an event with `sidebarEvent`, run it through `guarded` with host 'sidebar' and action = name, and return
// the Reply as JSON: `{kind:'data', data}` on success, `{kind:'notify', text}` for anything the user must read (not
// allowed, invalid input with what to fix, busy). Flat string/number payload fields also arrive as `req.params`; the whole
// payload is `req.payload`, which each handler parses with its schema below.
import * as z from 'zod/mini';
import { describeIssues } from './schema-issues';
import type { ItemStatus } from '../core/competence-status';
import type { Request } from './request';

export const SIDEBAR_CALLS = {
  strings: 'sidebar.strings',
  dashboard: 'admin.dashboard',
  unit: 'admin.unit',
  person: 'admin.person',
  expiring: 'admin.expiring',
  catalogue: 'admin.catalogue',
  saveCompetence: 'admin.saveCompetence',
  saveRole: 'admin.saveRole',
  saveRequirement: 'admin.saveRequirement',
  removeRequirement: 'admin.removeRequirement',
  registerCertification: 'admin.registerCertification',
  verifyCertification: 'admin.verifyCertification',
  health: 'admin.healthReport',
  refresh: 'admin.refresh',
  accessExport: 'admin.accessExport',
} as const;
export type SidebarCall = (typeof SIDEBAR_CALLS)[keyof typeof SIDEBAR_CALLS];

export type SidebarReply = { kind: 'data'; data: unknown } | { kind: 'notify'; text: string };

/** Evidence files travel base64-encoded through google.script.run; keep them to scanned certificates, not videos. */
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

const text = (max = 500, min = 0) => z.string().check(z.maxLength(max), z.minLength(min));
const optText = (max = 500) => z.optional(z.string().check(z.maxLength(max)));
/** A number typed in a form may arrive as text; empty means "none". */
const optNumber = z.pipe(z.optional(z.union([z.number(), z.string().check(z.maxLength(20))])),
  z.transform((v: number | string | undefined) => (v === undefined || v === '' ? undefined : Number(v))));

const base = { locale: optText(20) };

export const SIDEBAR_SCHEMAS = {
  [SIDEBAR_CALLS.strings]: z.object(base),
  [SIDEBAR_CALLS.dashboard]: z.object(base),
  [SIDEBAR_CALLS.unit]: z.object({ ...base, unitId: text(100, 1), page: optNumber }),
  [SIDEBAR_CALLS.person]: z.object({ ...base, email: text(254, 3) }),
  [SIDEBAR_CALLS.expiring]: z.object({
    ...base,
    units: z.array(z.object({ unitId: text(100, 1), pages: z.optional(z.int().check(z.gte(1), z.lte(20))) })).check(z.minLength(1), z.maxLength(400)),
    statuses: z.optional(z.array(z.enum(['overdue', 'expired', 'missing', 'expiring']))),
    withinDays: optNumber,
    format: z.optional(z.enum(['json', 'csv'])),
  }),
  [SIDEBAR_CALLS.catalogue]: z.object(base),
  [SIDEBAR_CALLS.saveCompetence]: z.object({
    ...base,
    isNew: z.boolean(),
    competenceId: text(100), name: text(200), category: text(40),
    validityMonths: optNumber, renewFrom: optText(40), windowDays: optNumber,
    satisfiedBy: z.array(text(40)).check(z.maxLength(5)), legalBasis: optText(500),
  }),
  [SIDEBAR_CALLS.saveRole]: z.object({ ...base, isNew: z.boolean(), roleId: text(100), name: text(200), description: optText(1000) }),
  [SIDEBAR_CALLS.saveRequirement]: z.object({ ...base, roleId: text(100), competenceId: text(100), level: text(40), dueWithinDays: optNumber }),
  [SIDEBAR_CALLS.removeRequirement]: z.object({ ...base, roleId: text(100), competenceId: text(100) }),
  [SIDEBAR_CALLS.registerCertification]: z.object({
    ...base,
    email: text(254), competenceId: text(100), achievedOn: text(20), expiresOn: optText(20), note: optText(1000),
    evidence: z.optional(z.object({
      name: text(200, 1), mimeType: text(100, 1),
      base64: z.string().check(z.maxLength(Math.ceil(MAX_EVIDENCE_BYTES / 3) * 4), z.regex(/^[A-Za-z0-9+/=\s]*$/)),
    })),
  }),
  [SIDEBAR_CALLS.verifyCertification]: z.object({ ...base, email: text(254), certificationId: text(100) }),
  [SIDEBAR_CALLS.health]: z.object(base),
  [SIDEBAR_CALLS.refresh]: z.object(base),
  [SIDEBAR_CALLS.accessExport]: z.object({ ...base, email: text(254, 3) }),
} as const;

export type SidebarPayload<C extends keyof typeof SIDEBAR_SCHEMAS> = z.infer<(typeof SIDEBAR_SCHEMAS)[C]>;

/** The request's payload parsed for this call, or the problems in words a developer can act on (field: problem). */
export function sidebarPayload<C extends keyof typeof SIDEBAR_SCHEMAS>(req: Pick<Request, 'payload'>, call: C):
  { ok: true; value: SidebarPayload<C> } | { ok: false; detail: string } {
  const parsed = SIDEBAR_SCHEMAS[call].safeParse(req.payload ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as SidebarPayload<C> };
  return { ok: false, detail: describeIssues(parsed.error.issues) };
}

/**
 * A google.script.run call as the event the pipeline parses (Apps Script and the local shim share it). The browser's
 * language travels as `payload.locale` and becomes the event's userLocale.
 */
export function sidebarEvent(name: unknown, payloadJson: unknown): unknown {
  let payload: unknown;
  try {
    payload = typeof payloadJson === 'string' && payloadJson !== '' ? JSON.parse(payloadJson) : (payloadJson ?? {});
  } catch {
    payload = { invalid: true };
  }
  const parameters: Record<string, string> = { action: String(name ?? '') };
  let userLocale: string | undefined;
  if (payload && typeof payload === 'object' && !Array.isArray(payload)) {
    for (const [k, v] of Object.entries(payload)) if (typeof v === 'string' || typeof v === 'number') parameters[k] = String(v);
    const loc = (payload as Record<string, unknown>).locale;
    if (typeof loc === 'string') userLocale = loc;
  }
  parameters.action = String(name ?? '');
  return { commonEventObject: { hostApp: 'SHEETS', parameters, ...(userLocale ? { userLocale } : {}) }, payload };
}

// ---- Data the calls return (the browser code imports these types only).

export interface StatusCountsData { overdue: number; expired: number; missing: number; expiring: number; valid: number }
export interface AggregateData {
  id: string; name: string; area: string; parentUnitId?: string; pages?: number;
  people: number; pct: number | null; counts: StatusCountsData; peopleWithGaps: number; peopleExpiring: number;
  worst: { competenceId: string; name: string; gaps: number; expiring: number }[];
}
export interface DashboardData { builtAt: string; areas: AggregateData[]; units: AggregateData[] }
export interface MemberData { employeeId: string; email: string; name: string; unitId: string; items: { competence: string; status: ItemStatus; label: string; date?: string }[] }
export interface UnitData { builtAt: string; unit: AggregateData; children: AggregateData[]; members: MemberData[]; memberCount: number; pages: number; page: number }
export interface ExpiringRow { employeeId: string; name: string; email: string; unitId: string; unitName: string; competenceId: string; competence: string; status: ItemStatus; label: string; date: string }
export interface ExpiringData { rows: ExpiringRow[]; missingUnits: string[]; csv?: string; fileName?: string }
export interface PersonData {
  name: string; email: string; employeeId: string; unitName: string; roles: string[];
  items: { competence: string; level: string; status: ItemStatus; label: string; explain: string }[];
  certifications: { certificationId: string; competence: string; achievedOn: string; expiresOn?: string; source: string; state: string; verifiedBy?: string; hasEvidence: boolean; pending?: boolean }[];
  plan: { label: string; dueBy?: string }[];
}
export interface CatalogueData {
  competences: { competenceId: string; name: string; category: string; validityMonths?: number; renewFrom?: string; windowDays?: number; satisfiedBy: string[]; legalBasis?: string }[];
  roles: { roleId: string; name: string; description?: string }[];
  requirements: { roleId: string; competenceId: string; level: string; dueWithinDays?: number; effectiveFrom?: string }[];
  enums: { category: string[]; renewFrom: string[]; satisfiedBy: string[]; level: string[] };
}
export interface HealthData { checkedAt: string; total: number; issues: { table: string; row?: number; field?: string; problem: string; value?: string }[] }
export interface StringsData { locale: string; strings: Record<string, string>; email: string; isAdmin: boolean }
export interface SavedData { saved: true; message: string; refreshSoon?: boolean }
/** An access export (GDPR art. 15): the document for the person, audited before it is handed out. */
export interface AccessExportData { fileName: string; html: string; rows: number; archives: number[]; message: string }
export interface RefreshData { builtAt: string; persons: number; issues: number; message: string }
