// The fixture for the appraisal tests: a nurse in probation, a leader for the school, default templates in Drive/Docs.
import { decodePack, fromChunks } from '../../../../src/store/packs';
import type { MemoryCache } from '../../../../src/store/strict-cache';
import { nodeCodec } from '../../../../src/adapters/node/node-codec';
import { guarded } from '../../../../src/app/pipeline/handle';
import { allHandlers } from '../../../../src/app/pipeline/router';
import type { Employee } from '../../../../src/core/records/tables';
import { seedDefaultTemplates, TEMPLATE_IDS } from '../../../../src/adapters/memory/appraisal-templates';
import { blocksOf, plainText } from '../../../../src/adapters/memory/docs-twin';
import type { MemoryWorkbook } from '../../../../src/adapters/memory/memory-workbook';
import { ReadModel } from '../../../../src/store/read-model';
import { rebuildReadModel } from '../../../../src/store/rebuild';
import { fixtureData, fixturePorts, PEOPLE, TODAY } from '../../../support/fixture';
import { keyedRows } from '../../../support/sheet-rows';

export const handlers = allHandlers();
export type Data = ReturnType<typeof fixtureData>;
export type Ports = ReturnType<typeof fixturePorts>;

export const NINA = 'nina.ny@kommune.example';
export const LISE = 'lise.rektor@kommune.example';
export const ARCHIVE = 'archive-folder';
export const FOLDER = 'appraisal-folder';

/** Nina started 1 September 2026 on six months' probation; Lise leads the school; the templates are configured. */
export function appraisalData(settings: Record<string, string | undefined> = {}): Data {
  const d = fixtureData();
  d.Employees!.push(
    { employeeId: 'E5', email: NINA, name: 'Nina Ny', unitId: 'solbakken-a', roleIds: ['nurse'], managerEmail: undefined,
      startDate: '2026-09-01', probationEndsOn: '2027-03-01', status: 'active', locale: 'nb' } as Employee,
    { employeeId: 'E6', email: LISE, name: 'Lise Rektor', unitId: 'haugen', roleIds: ['leader'], managerEmail: undefined,
      startDate: '2015-08-01', probationEndsOn: undefined, status: 'active', locale: 'nb' } as Employee,
  );
  d.Units = d.Units!.map((u) => (u.unitId === 'haugen' ? { ...u, leaderEmails: [LISE] } : u));
  const all: Record<string, string | undefined> = {
    templateDevelopment: TEMPLATE_IDS.development, templateProbation: TEMPLATE_IDS.probation, templateLifePhase: TEMPLATE_IDS['life-phase'],
    appraisalsFolderId: FOLDER, archiveFolderId: ARCHIVE, municipalityName: 'Eksempel kommune', ...settings,
  };
  for (const [key, value] of Object.entries(all)) if (value !== undefined) d.Settings!.push({ key, value });
  return d;
}

export function rebuild(ports: Ports): void {
  rebuildReadModel(ports.workbook, new ReadModel(ports.cache, () => 'g1', ports.codec), { now: `${TODAY}T09:00:00Z`, today: TODAY, generation: 'g1' });
}

export function setup(settings: Record<string, string | undefined> = {}, data: Data = appraisalData(settings)): Ports {
  const ports = fixturePorts(data);
  seedDefaultTemplates(ports.services);
  rebuild(ports);
  ports.meter.reset();
  return ports;
}

type Form = Record<string, string | { ms: number }>;
function formInputs(form: Form) {
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, typeof v === 'string' ? { stringInputs: { value: [v] } } : { dateInput: { msSinceEpoch: v.ms } }]));
}

/** The Docs panel: the homepage trigger (no action) or a card click, with the open document if any. */
export function runDocs(ports: Ports, email: string, opts: { docId?: string; action?: string; params?: Record<string, string>; form?: Form } = {}) {
  const event = {
    commonEventObject: { hostApp: 'DOCS', ...(opts.action ? { parameters: { action: opts.action, ...(opts.params ?? {}) } } : {}),
      ...(opts.form ? { formInputs: formInputs(opts.form) } : {}) },
    docs: opts.docId ? { id: opts.docId, title: 'Dok', addonHasFileScopePermission: true } : { addonHasFileScopePermission: false },
  };
  return guarded(ports, handlers, event, { host: 'docs', action: 'docs.home', userEmail: email });
}

export function runChat(ports: Ports, email: string, opts: { text?: string; action?: string; params?: Record<string, string> }) {
  const space = { name: 'spaces/DM1', type: 'DM' };
  const user = { name: 'users/1', displayName: 'X', email, type: 'HUMAN' };
  const event = opts.text !== undefined
    ? { commonEventObject: { hostApp: 'CHAT', userLocale: 'nb' }, chat: { user, messagePayload: { space, message: { name: 'spaces/DM1/messages/1', text: opts.text, argumentText: opts.text } } } }
    : { commonEventObject: { hostApp: 'CHAT', userLocale: 'nb', parameters: { action: opts.action!, ...(opts.params ?? {}) } },
      chat: { user, buttonClickedPayload: { space, message: { name: 'spaces/DM1/messages/9' } } } };
  return guarded(ports, handlers, event, { host: 'chat', action: 'home', userEmail: email });
}

export const msOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

export function rows(ports: Ports, table: string): Record<string, string>[] {
  return keyedRows(table, (ports.workbook as MemoryWorkbook).dump(table)!).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v ?? '')])));
}

/** Creates a conversation as the leader from the Docs panel and returns the new document's id. */
export function create(ports: Ports, leader: string, email: string, kind = 'development', date = '2026-11-25') {
  const out = runDocs(ports, leader, { action: 'appraisal.create', params: { email }, form: { kind, date: { ms: msOf(date) } } });
  const row = rows(ports, 'Appraisals').filter((r) => r.employeeId && r.docId).pop();
  return { out, docId: row?.docId, appraisalId: row?.appraisalId };
}

/** Every value in the cache, as the CacheService holds it, decompressed (a pack's chunks joined and unpacked). */
export function cacheText(ports: Ports): string {
  const raw = ports.services.rawCache as MemoryCache;
  const keys = raw.keys();
  const got = raw.getAll(keys);
  const packs = [...new Set(keys.map((k) => k.replace(/#\d+$/, '')))];
  return packs.map((p) => { const t = fromChunks(p, got); return t === undefined ? '' : JSON.stringify(decodePack(t, nodeCodec)); }).join('\n');
}

export { PEOPLE, TODAY };

/** The text of a document in the local Docs twin, as a person reads it. */
export function docText(ports: Ports, docId: string): string {
  const d = ports.services.docs.docs.get(docId);
  if (!d) throw new Error(`No document ${docId}`);
  return plainText(d);
}

/** The agreed-actions table of a document: reading gives its rows, assigning types new rows into it (the Docs editor). */
export function agreedTable(ports: Ports, docId: string): { rows: string[][] } {
  const twin = ports.services.docs.twin;
  const block = twin.firstTable(docId);
  return {
    get rows() {
      const b = blocksOf(twin.docs.get(docId)!)[block];
      return b!.kind === 'table' ? b!.rows : [];
    },
    set rows(rows: string[][]) { twin.setTable(docId, block, rows); },
  };
}
