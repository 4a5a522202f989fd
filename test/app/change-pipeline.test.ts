// A change through the pipeline: lock first, views inside it, one read and one write with audit, one cache patch.
import { guarded } from '../../src/app/pipeline/handle';
import { failReply, type Handlers } from '../../src/app/pipeline/handler';
import { allHandlers } from '../../src/app/pipeline/router';
import { can } from '../../src/core/access';
import { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';
import { ReadModel } from '../../src/store/read-model';
import { rebuildReadModel } from '../../src/store/rebuild';
import { update } from '../../src/store/records';
import { fixturePorts, PEOPLE, TODAY } from '../support/fixture';

/** A minimal change handler: a leader renames a plan goal… here, marks one certification as revoked. */
const revoke: Handlers = {
  'test.revoke': {
    kind: 'change',
    needs: (req) => [{ person: req.params.email! }],
    run: (env) => {
      const person = env.views.person(env.req.params.email!);
      if (!person) return failReply(env, { kind: 'notFound' });
      if (!can(env.actor, { do: 'signOffFor', employee: person.employee.row })) return failReply(env, { kind: 'notAllowed' });
      const cert = person.certifications.find((c) => c.row.certificationId === env.req.params.id);
      if (!cert) return failReply(env, { kind: 'notFound' });
      if (cert.row.state === 'revoked') return { kind: 'notify', text: 'already' };
      const after = { ...cert.row, state: 'revoked' as const };
      const res = env.commit([update('Certifications', cert.rowNumber, cert.row, after)], 'revoke');
      if (!res.ok) return failReply(env, { kind: 'commit', failure: res });
      env.rm.stagePerson({ ...person, certifications: person.certifications.map((c) => (c === cert ? { ...c, row: after } : c)) });
      return { kind: 'notify', text: 'done' };
    },
  },
};

function setup() {
  const ports = fixturePorts();
  rebuildReadModel(ports.workbook, new ReadModel(ports.cache, () => 'g0', ports.codec), { now: `${TODAY}T09:00:00Z`, today: TODAY, generation: 'g0' });
  ports.meter.reset();
  const handlers = { ...allHandlers(), ...revoke };
  const click = (user: string, id = 'C1') => guarded(ports, handlers, { commonEventObject: { parameters: { action: 'test.revoke', email: PEOPLE.kari, id } } },
    { host: 'sheets', action: 'home', userEmail: user }).reply;
  return { ports, click };
}

it('costs lock + one cache read + one records read + one write (with its audit row) + one cache patch', () => {
  const { ports, click } = setup();
  expect(click(PEOPLE.per)).toEqual({ kind: 'notify', text: 'done' });
  // One getAll: Kari's record fetched with the leader's own views, opened once they are known to be a leader.
  expect(ports.meter.snapshot().byKind).toEqual({ lock: 1, 'cache.getAll': 1, 'workbook.read': 1, 'workbook.write': 1, 'cache.putAll': 1 });
  const audit = (ports.workbook as MemoryWorkbook).dump('Audit')!.rows;
  expect(audit).toHaveLength(1);
  // As HR reads it in the sheet: the tab's title and the values' Norwegian words (records/value-labels.ts).
  expect(audit[0]).toEqual(expect.arrayContaining([PEOPLE.per, 'revoke', 'Sertifiseringer', 'C1', '{"state":"gyldig"}', '{"state":"trukket tilbake"}']));
});

it('a double click changes nothing the second time (the patched view already says revoked)', () => {
  const { ports, click } = setup();
  click(PEOPLE.per);
  ports.meter.reset();
  expect(click(PEOPLE.per)).toEqual({ kind: 'notify', text: 'already' });
  expect(ports.meter.snapshot().byKind).toEqual({ lock: 1, 'cache.getAll': 1 });
  expect((ports.workbook as MemoryWorkbook).dump('Audit')!.rows).toHaveLength(1);
});

it('checks access before any records read or write', () => {
  const { ports, click } = setup();
  expect(click(PEOPLE.ola)).toEqual({ kind: 'notify', text: 'Du har ikke tilgang til dette.' });
  expect(ports.meter.byKind['workbook.read']).toBeUndefined();
  expect(ports.meter.byKind['workbook.write']).toBeUndefined();
});

it('answers "busy" when the lock cannot be had, and writes nothing', () => {
  const { ports, click } = setup();
  ports.services.lock.held = true;
  expect(click(PEOPLE.per)).toEqual({ kind: 'notify', text: 'Mange gjør endringer akkurat nå. Prøv igjen om et øyeblikk.' });
  expect(ports.meter.byKind['workbook.write']).toBeUndefined();
});

it('refuses, and writes nothing, when the row was edited by hand since the view was built', () => {
  const { ports, click } = setup();
  (ports.workbook as MemoryWorkbook).handEdit('Certifications', 2, 8, 'pending');
  expect(click(PEOPLE.per)).toEqual({ kind: 'notify', text: 'Noen endret dette samtidig. Se oppdatert visning og prøv igjen.' });
  expect((ports.workbook as MemoryWorkbook).dump('Audit')!.rows).toHaveLength(0);
});
