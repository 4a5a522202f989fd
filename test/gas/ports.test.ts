// The Apps Script adapters count every outward call on the meter under the same kinds as their local twins, so a budget
// asserted in the tests means the same calls on Google (issue #12: Chat and mail were not counted on Apps Script).
import { meterOutward } from '../../src/gas/ports';
import { localPorts } from '../../src/adapters/memory/memory-services';
import { Meter } from '../../src/store/ports';
import { fixtureWorkbook } from '../support/fixture';

function fakes() {
  const calls: string[] = [];
  const rec = <T>(name: string, out: T) => () => { calls.push(name); return out; };
  return {
    calls,
    ports: {
      chat: { createMessage: rec('create', { name: 'spaces/S/messages/1' }), updateMessage: rec('update', undefined), findDirectMessage: rec('find', 'spaces/D') },
      mail: { send: rec('send', undefined), remainingQuota: rec('quota', 99) },
      calendar: { syncEvent: rec('sync', undefined), cancelEvent: rec('cancel', undefined), getEvent: rec('get', undefined) },
      gmail: { currentMessage: rec('message', undefined) },
      drive: { copy: rec('copy', 'file1'), share: rec('share', undefined), trash: rec('trash', undefined) },
      docs: { fillPlaceholders: rec('fill', []), readTable: rec('read', undefined) },
    } as unknown as Parameters<typeof meterOutward>[0],
  };
}

describe('meterOutward (Apps Script)', () => {
  it('counts Chat and mail as the local twins do, and every Drive, Docs, Calendar and Gmail call; passes results through', () => {
    const meter = new Meter();
    const { ports, calls } = fakes();
    const p = meterOutward(ports, meter);
    expect(p.chat.createMessage('spaces/S', { text: 'x' })).toEqual({ name: 'spaces/S/messages/1' });
    p.chat.updateMessage('spaces/S/messages/1', { text: 'y' });
    expect(p.chat.findDirectMessage('a@b')).toBe('spaces/D');
    p.mail.send({ to: 'a@b', subject: 's', text: 't' });
    expect(p.mail.remainingQuota()).toBe(99);
    expect(p.drive.copy('t', 'f', 'n')).toBe('file1');
    p.docs.fillPlaceholders('file1', {});
    p.calendar.cancelEvent('e1');
    p.gmail.currentMessage('m', 'tok');
    expect(calls).toEqual(['create', 'update', 'find', 'send', 'quota', 'copy', 'fill', 'cancel', 'message']);
    expect(meter.byKind).toEqual({
      'chat.create': 1, 'chat.update': 1, 'chat.findDirectMessage': 1, 'mail.send': 1,
      'drive.copy': 1, 'docs.fillPlaceholders': 1, 'calendar.cancelEvent': 1, 'gmail.currentMessage': 1,
    });
  });

  it('uses the same kinds as the local adapters', () => {
    const local = localPorts(fixtureWorkbook());
    local.meter.reset();
    local.chat.createMessage('spaces/S', { text: 'x' });
    local.chat.findDirectMessage('kari.nordmann@kommune.example');
    local.mail.send({ to: 'kari.nordmann@kommune.example', subject: 's', text: 't' });
    local.mail.remainingQuota();
    const meter = new Meter();
    const p = meterOutward(fakes().ports, meter);
    p.chat.createMessage('spaces/S', { text: 'x' });
    p.chat.findDirectMessage('kari.nordmann@kommune.example');
    p.mail.send({ to: 'kari.nordmann@kommune.example', subject: 's', text: 't' });
    p.mail.remainingQuota();
    expect(meter.byKind).toEqual(local.meter.byKind);
  });
});
