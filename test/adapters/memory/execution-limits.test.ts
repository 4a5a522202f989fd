// Google's execution time limits and the MailApp daily quota, as the fakes enforce them: past a limit a test fails loudly.
import { guarded } from '../../../src/app/pipeline/handle';
import type { Handlers } from '../../../src/app/pipeline/handler';
import { GoogleLimitExceeded, INTERACTION_MS, MAIL_RECIPIENTS_PER_DAY, SCRIPT_RUNTIME_MS } from '../../../src/core/google-limits';
import { ReadModel } from '../../../src/store/read-model';
import { rebuildReadModel } from '../../../src/store/rebuild';
import { fixturePorts, PEOPLE, TODAY } from '../../support/fixture';
import { ACTIONS } from '../../../src/contract/actions';

/** The fixture municipality with its read model built (a staff member's card needs no records read). */
function setup() {
  const ports = fixturePorts();
  rebuildReadModel(ports.workbook, new ReadModel(ports.cache, () => 'g1', ports.codec), { now: `${TODAY}T09:00:00Z`, today: TODAY, generation: 'g1' });
  return ports;
}

/** A handler making `reads` records reads (175 ms each, planned): 200 of them take 35 s. */
function reading(reads: number, swallow = false): Handlers {
  const handler: Handlers[string] = {
    kind: 'read',
    run: (env) => {
      for (let i = 0; i < reads; i++) {
        try {
          env.ports.workbook.read([{ table: 'Settings' }]);
        } catch (err) {
          if (!swallow) throw err;
        }
      }
      return { kind: 'notify', text: 'ok' };
    },
  };
  // Under names the product has (only its own actions are looked up: a job's, a card's).
  return { [ACTIONS.home]: handler, [ACTIONS.jobRebuild]: handler };
}

describe('execution time limits (Apps Script quotas: 30 s for an interaction, 6 minutes for an execution)', () => {
  it('lets an interaction finish inside 30 s and moves the clock by what its calls cost', () => {
    const ports = setup();
    const before = ports.clock.now().getTime();
    expect(guarded(ports, reading(10), {}, { host: 'gmail', action: ACTIONS.home, userEmail: PEOPLE.kari }).reply).toMatchObject({ text: 'ok' });
    expect(ports.clock.now().getTime() - before).toBeGreaterThanOrEqual(10 * 175);
  });

  it('stops an interaction past 30 s with an error no guard turns into a reply', () => {
    const ports = setup();
    const reads = Math.ceil(INTERACTION_MS / 175) + 5;
    expect(() => guarded(ports, reading(reads), {}, { host: 'gmail', action: ACTIONS.home, userEmail: PEOPLE.kari })).toThrow(GoogleLimitExceeded);
    expect(() => guarded(ports, reading(reads), {}, { host: 'gmail', action: ACTIONS.home, userEmail: PEOPLE.kari })).toThrow(/Exceeded maximum execution time/);
  });

  it('gives a job 6 minutes, not 30 s, and stops it past them', () => {
    const ports = setup();
    expect(() => guarded(ports, reading(Math.ceil(INTERACTION_MS / 175) + 5), {}, { host: 'job', action: ACTIONS.jobRebuild, userEmail: '', fromTrigger: true })).not.toThrow();
    expect(() => guarded(ports, reading(Math.ceil(SCRIPT_RUNTIME_MS / 175) + 5), {}, { host: 'job', action: ACTIONS.jobRebuild, userEmail: '', fromTrigger: true })).toThrow(GoogleLimitExceeded);
  });

  it('fails even when the code swallows the error: Google would have ended the execution', () => {
    const ports = setup();
    expect(() => guarded(ports, reading(Math.ceil(INTERACTION_MS / 175) + 5, true), {}, { host: 'gmail', action: ACTIONS.home, userEmail: PEOPLE.kari }))
      .toThrow(GoogleLimitExceeded);
    // The next execution starts afresh.
    expect(() => guarded(ports, reading(3), {}, { host: 'gmail', action: ACTIONS.home, userEmail: PEOPLE.kari })).not.toThrow();
  });
});

describe('MailApp daily recipients (Workspace: 1,500 a day, reset 24 hours after the first send)', () => {
  it('refuses the recipient past the quota with Google\'s message, and allows a full day again 24 hours after the first send', () => {
    const ports = setup();
    const mail = ports.services.mail;
    expect(mail.remainingQuota()).toBe(MAIL_RECIPIENTS_PER_DAY);
    for (let i = 0; i < MAIL_RECIPIENTS_PER_DAY - 2; i++) mail.send({ to: `p${i}@k.no`, subject: 's', text: 't' });
    mail.send({ to: 'a@k.no, b@k.no', subject: 's', text: 't' }); // two recipients
    expect(mail.remainingQuota()).toBe(0);
    expect(() => mail.send({ to: 'c@k.no', subject: 's', text: 't' })).toThrow('Service invoked too many times for one day: email.');
    ports.services.clock.advance(23 * 3_600_000);
    expect(mail.remainingQuota()).toBe(0);
    ports.services.clock.advance(3_600_000);
    expect(mail.remainingQuota()).toBe(MAIL_RECIPIENTS_PER_DAY);
    expect(() => mail.send({ to: 'c@k.no', subject: 's', text: 't' })).not.toThrow();
  });
});
