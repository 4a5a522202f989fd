// Events and a warm fixture for the status, skills, reminder and admin tests.
import { guarded } from '../../../../src/app/pipeline/handle';
import { allHandlers } from '../../../../src/app/pipeline/router';
import { ReadModel } from '../../../../src/store/read-model';
import { rebuildReadModel } from '../../../../src/store/rebuild';
import { asUser } from '../../../support/effects';
import type { Employee } from '../../../../src/core/records/tables';
import { fixtureData, fixturePorts, TODAY } from '../../../support/fixture';

export const handlers = allHandlers();
export type Data = ReturnType<typeof fixtureData>;
export type Ports = ReturnType<typeof fixturePorts>;

/** Kari (Chat DM installed) and forty nurses (E10–E49) whose CPR expires in 30 days (mail): a job's work in two batches. */
export function withFortyNurses(): Data {
  const d = fixtureData();
  for (let i = 10; i < 50; i++) {
    const id = `E${i}`;
    d.Employees!.push({ employeeId: id, email: `n${i}@kommune.example`, name: `Nurse ${i}`, unitId: 'solbakken-a', roleIds: ['nurse'],
      managerEmail: undefined, startDate: '2020-01-01', probationEndsOn: undefined, status: 'active', locale: 'nb' } as Employee);
    d.Certifications!.push({ certificationId: `${id}-cpr`, employeeId: id, competenceId: 'cpr', achievedOn: '2025-12-22', expiresOn: undefined,
      source: 'session', evidenceFileId: undefined, verifiedBy: undefined, state: 'valid', note: undefined });
  }
  return d;
}

export function warm(data: Data = fixtureData()): Ports {
  const ports = fixturePorts(data);
  rebuildReadModel(ports.workbook, new ReadModel(ports.cache, () => 'g0', ports.codec), { now: `${TODAY}T09:00:00Z`, today: TODAY, generation: 'g0' });
  ports.meter.reset();
  return ports;
}

type Form = Record<string, string | { ms: number }>;

function formInputs(form: Form) {
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, typeof v === 'string' ? { stringInputs: { value: [v] } } : { dateInput: { msSinceEpoch: v.ms } }]));
}

/** A Chat event: a typed message (text), or a card click (action + params, optionally inside a dialog with a form). */
export function chat(email: string, opts: { text?: string; action?: string; params?: Record<string, string>; form?: Form; dialog?: boolean }) {
  const space = { name: 'spaces/DM1', type: 'DM' };
  const user = { name: 'users/1', displayName: 'X', email, type: 'HUMAN' };
  if (opts.text !== undefined) {
    return { commonEventObject: { hostApp: 'CHAT', userLocale: 'nb' }, chat: { user, messagePayload: { space, message: { name: 'spaces/DM1/messages/1', text: opts.text, argumentText: opts.text } } } };
  }
  return {
    commonEventObject: { hostApp: 'CHAT', userLocale: 'nb', parameters: { action: opts.action!, ...(opts.params ?? {}) }, ...(opts.form ? { formInputs: formInputs(opts.form) } : {}) },
    chat: { user, buttonClickedPayload: { space, message: { name: 'spaces/DM1/messages/9' }, ...(opts.dialog ? { isDialogEvent: true, dialogEventType: 'SUBMIT_DIALOG' } : {}) } },
  };
}

/** A Chat event, run as the person (so a request that mailed or wrote a calendar itself would fail as on Google). */
export function runChat(ports: Ports, email: string, opts: Parameters<typeof chat>[1]) {
  return asUser(ports, email, () => guarded(ports, handlers, chat(email, opts), { host: 'chat', action: 'home', userEmail: email }));
}

/** An add-on card click (Gmail/Sheets) with the user from the session. */
export function runAddon(ports: Ports, email: string, action: string, params: Record<string, string> = {}, form?: Form, host: 'gmail' | 'sheets' = 'sheets') {
  const event = { commonEventObject: { hostApp: host.toUpperCase(), parameters: { action, ...params }, ...(form ? { formInputs: formInputs(form) } : {}) } };
  return asUser(ports, email, () => guarded(ports, handlers, event, { host, action: 'home', userEmail: email }));
}

export const msOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
