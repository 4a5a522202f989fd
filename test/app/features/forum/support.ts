// A warm fixture for the forum tests (guides in the nursing home, Chat DMs installed) and Chat events as Google sends them.
import { guarded } from '../../../../src/app/pipeline/handle';
import { allHandlers } from '../../../../src/app/pipeline/router';
import type { Guide, Row, TableName } from '../../../../src/core/records/tables';
import { ReadModel } from '../../../../src/store/read-model';
import { rebuildReadModel } from '../../../../src/store/rebuild';
import type { MemoryWorkbook } from '../../../../src/adapters/memory/memory-workbook';
import { toChatResponse } from '../../../../src/ui/envelopes';
import { fixtureData, fixturePorts, PEOPLE, TODAY } from '../../../support/fixture';
import { validateAgainstDiscovery, validateChatResponse } from '../../../support/discovery-validator';
import { keyedRows } from '../../../support/sheet-rows';

export const handlers = allHandlers();
export const GUIDES_SPACE = 'spaces/GUIDES';
export const EVA = 'eva.guide@kommune.example'; // guide for Solbakken (Kari's ward is below it)
export const IVAR = 'ivar.inactive@kommune.example'; // guide in Kari's ward, stepped back
export const COORDINATOR = 'guri.hr@kommune.example';
export const P = { ...PEOPLE, eva: EVA, ivar: IVAR };

export type Data = ReturnType<typeof fixtureData>;
export type Ports = ReturnType<typeof fixturePorts>;

export function forumData(): Data {
  const d = fixtureData();
  const emp = (employeeId: string, email: string, name: string, unitId: string): Row<'Employees'> =>
    ({ employeeId, email, name, unitId, roleIds: [], managerEmail: undefined, startDate: '2018-01-01', probationEndsOn: undefined, status: 'active', locale: 'nb' });
  d.Employees!.push(emp('E5', EVA, 'Eva Guide', 'solbakken'), emp('E6', IVAR, 'Ivar Inaktiv', 'solbakken-a'));
  const g = (email: string, over: Partial<Guide>): Guide => ({ email, unitIds: [], topics: [], active: true, capacityPerWeek: 5, since: '2025-01-01', ...over });
  d.Guides = [...d.Guides!, g(EVA, { unitIds: ['solbakken'], topics: ['gmail'] }), g(IVAR, { unitIds: ['solbakken-a'], active: false })];
  d.Settings = [...d.Settings!, { key: 'coordinatorEmail', value: COORDINATOR }];
  return d;
}

/** Moves the clock and rebuilds the read model, as the hourly rebuild would have (the cache keeps values 6 hours). */
export function setTime(ports: Ports, iso: string): void {
  ports.services.clock.set(iso);
  rebuildReadModel(ports.workbook, new ReadModel(ports.cache, () => 'g1', ports.codec), { now: iso, today: ports.clock.today(), generation: 'g1' });
  ports.meter.reset();
}

export function warm(data: Data = forumData(), opts: { sleep?: boolean } = {}): Ports {
  const ports = fixturePorts(data);
  rebuildReadModel(ports.workbook, new ReadModel(ports.cache, () => 'g0', ports.codec), { now: `${TODAY}T09:00:00Z`, today: TODAY, generation: 'g0' });
  for (const e of [PEOPLE.kari, PEOPLE.ola, PEOPLE.per, EVA, COORDINATOR]) ports.services.chat.dms.set(e, `spaces/dm-${e.split('@')[0]}`);
  if (opts.sleep !== false) ports.sleep = (ms) => ports.services.clock.advance(ms);
  ports.meter.reset();
  return ports;
}

type Form = Record<string, string | string[]>;

export interface ChatOpts {
  text?: string;
  action?: string;
  params?: Record<string, string>;
  form?: Form;
  /** REQUEST_DIALOG (opening) or SUBMIT_DIALOG (a dialog's button). */
  dialog?: 'open' | 'submit';
  space?: string;
  /** The message a button was on (the thread card, a DM card). */
  messageName?: string;
}

export function chatEvent(email: string, o: ChatOpts) {
  const space = o.space ?? `spaces/dm-${email.split('@')[0]}`;
  const spaceJson = space.startsWith('spaces/dm-') ? { name: space, type: 'DM', spaceType: 'DIRECT_MESSAGE' } : { name: space, type: 'ROOM', spaceType: 'SPACE' };
  const user = { name: `users/${email.split('@')[0]!.replace(/\W/g, '')}`, displayName: email, email, type: 'HUMAN' };
  if (o.text !== undefined) {
    return { commonEventObject: { hostApp: 'CHAT', userLocale: 'nb' }, chat: { user, space: spaceJson, messagePayload: { space: spaceJson, message: { name: `${space}/messages/u1`, text: o.text, argumentText: o.text } } } };
  }
  const formInputs = o.form ? Object.fromEntries(Object.entries(o.form).map(([k, v]) => [k, { stringInputs: { value: Array.isArray(v) ? v : [v] } }])) : undefined;
  return {
    commonEventObject: { hostApp: 'CHAT', userLocale: 'nb', parameters: { action: o.action!, ...(o.params ?? {}) }, ...(formInputs ? { formInputs } : {}) },
    chat: {
      user, space: spaceJson,
      buttonClickedPayload: {
        space: spaceJson, message: { name: o.messageName ?? `${space}/messages/x` },
        ...(o.dialog ? { isDialogEvent: true, dialogEventType: o.dialog === 'open' ? 'REQUEST_DIALOG' : 'SUBMIT_DIALOG' } : {}),
      },
    },
  };
}

/** Runs a Chat event and checks the response against Google's schema and Chat's limits. */
export function run(ports: Ports, email: string, o: ChatOpts) {
  const out = guarded(ports, handlers, chatEvent(email, o), { host: 'chat', action: 'chat.message', userEmail: email });
  // As Google receives it: JSON (fields that are undefined are not sent).
  const resp = JSON.parse(JSON.stringify(toChatResponse(out.reply, out.request ?? {}))) as Record<string, unknown>;
  const errors = validateChatResponse(resp);
  if (errors.length) throw new Error(`Invalid Chat response for ${o.action ?? o.text}: ${errors.join('; ')}`);
  checkLimits(resp);
  return { ...out, resp, json: JSON.stringify(resp) };
}

export function widgetCount(value: unknown): number {
  let n = 0;
  const walk = (v: unknown) => {
    if (Array.isArray(v)) { v.forEach(walk); return; }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.widgets)) n += o.widgets.length;
    Object.values(o).forEach(walk);
  };
  walk(value);
  return n;
}

export function checkLimits(value: unknown): void {
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (bytes > 32_000) throw new Error(`Message of ${bytes} bytes exceeds 32,000`);
  const widgets = widgetCount(value);
  if (widgets > 100) throw new Error(`Card with ${widgets} widgets exceeds 100`);
}

/** Every message the app posted through the Chat API must be a valid Message within Chat's limits. */
export function checkPosted(ports: Ports): void {
  for (const m of ports.services.chat.messages) {
    const errors = validateAgainstDiscovery('Message', m.message, { rejectOutputOnly: true, rejectDeprecated: true });
    if (errors.length) throw new Error(`Posted message ${m.name} invalid: ${errors.join('; ')}`);
    checkLimits(m.message);
  }
}

export function rows(ports: Ports, table: TableName): Record<string, unknown>[] {
  return keyedRows(table, (ports.workbook as MemoryWorkbook).dump(table)!);
}

export function posted(ports: Ports, space: string) {
  return ports.services.chat.messages.filter((m) => m.space === space);
}

/** The buttons' parameters in a card JSON, by action (the first match). */
export function buttonParams(json: string, action: string): Record<string, string> | undefined {
  const obj = JSON.parse(json) as unknown;
  let found: Record<string, string> | undefined;
  const walk = (v: unknown) => {
    if (found || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) { v.forEach(walk); return; }
    const o = v as Record<string, unknown>;
    const params = o.parameters as { key: string; value: string }[] | undefined;
    if (Array.isArray(params) && params.some((p) => p.key === 'action' && p.value === action)) {
      found = Object.fromEntries(params.filter((p) => p.key !== 'action').map((p) => [p.key, p.value]));
      return;
    }
    Object.values(o).forEach(walk);
  };
  walk(obj);
  return found;
}
