// Whether someone is an administrator (Settings adminEmails) for entry points that are not requests: from the directory
// view, one cache read when warm; nobody for an empty or unknown address.
import { isAdministrator } from '../../../src/app/pipeline/admin-check';
import { fixturePorts, PEOPLE } from '../../support/fixture';
import { warm } from '../features/status/support';

it('says yes for an address in Settings adminEmails (any case), no for anyone else or nobody', () => {
  const ports = fixturePorts();
  expect(isAdministrator(ports, PEOPLE.guri)).toBe(true);
  expect(isAdministrator(ports, PEOPLE.guri.toUpperCase())).toBe(true);
  for (const who of [PEOPLE.kari, PEOPLE.per, PEOPLE.ola, PEOPLE.stranger]) expect([who, isAdministrator(ports, who)]).toEqual([who, false]);
});

it('asks nothing for an empty address', () => {
  const ports = fixturePorts();
  ports.meter.reset();
  expect(isAdministrator(ports, '')).toBe(false);
  expect(ports.meter.snapshot().calls).toBe(0);
});

it('reads the directory from a warm cache in one call', () => {
  const ports = warm();
  expect(isAdministrator(ports, PEOPLE.guri)).toBe(true);
  expect(ports.meter.snapshot().byKind).toEqual({ 'cache.getAll': 1 });
});
