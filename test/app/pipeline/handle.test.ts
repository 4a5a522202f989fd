// The request pipeline end to end on the fixture: access, replies per host, and the call budgets of DESIGN.md.
import { guarded } from '../../../src/app/pipeline/handle';
import { allHandlers } from '../../../src/app/pipeline/router';
import { rebuildReadModel } from '../../../src/store/rebuild';
import { ReadModel } from '../../../src/store/read-model';
import { MemoryCache } from '../../../src/store/strict-cache';
import { chunkKeys, packOf } from '../../../src/store/packs';
import { MemoryWorkbook } from '../../../src/adapters/memory/memory-workbook';
import { fixturePorts, PEOPLE, TODAY } from '../../support/fixture';
import { MovableClock } from '../../../src/adapters/memory/memory-services';
import { ACTIONS } from '../../../src/contract/actions';

const handlers = allHandlers();

function chatDm(email: string, text: string) {
  return {
    commonEventObject: { hostApp: 'CHAT', userLocale: 'nb' },
    chat: {
      user: { name: 'users/1', displayName: 'X', email, type: 'HUMAN' },
      messagePayload: { space: { name: 'spaces/DM1', type: 'DM' }, message: { name: 'spaces/DM1/messages/1', text, argumentText: text } },
    },
  };
}

function warm() {
  const ports = fixturePorts();
  rebuildReadModel(ports.workbook, new ReadModel(ports.cache, () => 'g0', ports.codec), { now: `${TODAY}T09:00:00Z`, today: TODAY, generation: 'g0' });
  ports.meter.reset();
  return ports;
}

describe('staff status card', () => {
  it('shows a staff member their items, worst first, with the next session that fixes a gap', () => {
    const ports = warm();
    const { reply } = guarded(ports, handlers, { commonEventObject: { hostApp: 'DOCS' } }, { host: 'docs', action: 'home', userEmail: PEOPLE.kari });
    expect(reply.kind).toBe('card');
    const json = JSON.stringify(reply);
    expect(json).toContain('Brannvern');
    expect(json).toContain('Utløpt');
    expect(json).toContain('D-HLR oppfriskning');
    expect(json).toContain('<b>2 av 3</b>');
  });

  it('Gmail\'s homepage is the course card: coming sessions, status in short, find courses', () => {
    const ports = warm();
    const { reply } = guarded(ports, handlers, { commonEventObject: { hostApp: 'GMAIL' } }, { host: 'gmail', action: 'home', userEmail: PEOPLE.kari });
    const json = JSON.stringify(reply);
    expect(json).toContain('Mine kommende kurs');
    expect(json).toContain('<b>2 av 3</b>');
    expect(json).toContain('courses.find');
  });

  it('costs one cache call when the read model is warm, and moves no cells', () => {
    const ports = warm();
    guarded(ports, handlers, { commonEventObject: { hostApp: 'GMAIL' } }, { host: 'gmail', action: 'home', userEmail: PEOPLE.kari });
    expect(ports.meter.snapshot()).toMatchObject({ calls: 1, cellsRead: 0, cellsWritten: 0, byKind: { 'cache.getAll': 1 } });
  });

  it('costs at most three calls when her pack is evicted: cache, one read of its durable copy, refill', () => {
    const ports = warm();
    (ports.services.rawCache as MemoryCache).removeAll(chunkKeys(packOf(`p:${PEOPLE.kari}`)));
    const { reply } = guarded(ports, handlers, { commonEventObject: { hostApp: 'GMAIL' } }, { host: 'gmail', action: 'home', userEmail: PEOPLE.kari });
    expect(JSON.stringify(reply)).toContain('Brannvern');
    const m = ports.meter.snapshot();
    expect(m.byKind).toEqual({ 'cache.getAll': 1, 'workbook.read': 1, 'cache.putAll': 1 });
    // One row of the ReadModel tab (and its header).
    expect(m.cellsRead).toBeLessThan(200);
    ports.meter.reset();
    guarded(ports, handlers, { commonEventObject: { hostApp: 'GMAIL' } }, { host: 'gmail', action: 'home', userEmail: PEOPLE.kari });
    expect(ports.meter.calls).toBe(1);
  });

  it('with the sessions view evicted, does not read Enrollments whole: its durable copy, one bounded read', () => {
    const ports = warm();
    const raw = ports.services.rawCache as MemoryCache;
    raw.removeAll(chunkKeys('ses'));
    const { reply } = guarded(ports, handlers, chatDm(PEOPLE.kari, 'status'), { host: 'chat', action: 'home', userEmail: PEOPLE.kari });
    expect(JSON.stringify(reply)).toContain('Brannvern');
    expect(ports.services.rebuildRequests).toBe(0);
    expect(ports.meter.snapshot().byKind).toEqual({ 'cache.getAll': 1, 'workbook.read': 1, 'cache.putAll': 1 });
    expect(ports.meter.cellsRead).toBeLessThan(200);
  });

  it('with the whole cache lost, answers "being prepared" within budget and asks for a rebuild', () => {
    const ports = fixturePorts();
    const { reply } = guarded(ports, handlers, chatDm(PEOPLE.kari, 'status'), { host: 'chat', action: 'home', userEmail: PEOPLE.kari });
    expect(JSON.stringify(reply)).toContain('gjør klar oversikten din');
    expect(ports.services.rebuildRequests).toBe(1);
    // The person tables are not read whole; only the small directory tables are refilled.
    expect(ports.meter.snapshot().byKind).toEqual({ 'cache.getAll': 1, 'workbook.read': 1, 'cache.putAll': 1 });
    expect(ports.meter.cellsRead).toBeLessThan(200);
    guarded(ports, handlers, {}, { host: 'job', action: 'job.rebuild', userEmail: '', fromTrigger: true });
    ports.meter.reset();
    const again = guarded(ports, handlers, chatDm(PEOPLE.kari, 'status'), { host: 'chat', action: 'home', userEmail: PEOPLE.kari });
    expect(JSON.stringify(again.reply)).toContain('Brannvern');
    expect(ports.meter.calls).toBe(1);
  });
});

describe('unknown users and bad events', () => {
  it('welcomes someone who is not in the records', () => {
    const ports = warm();
    const { reply } = guarded(ports, handlers, chatDm(PEOPLE.stranger, 'status'), { host: 'chat', action: 'home', userEmail: PEOPLE.stranger });
    expect(JSON.stringify(reply)).toContain('Vi fant deg ikke');
    expect(ports.meter.calls).toBe(1);
  });

  it('answers a malformed event politely and logs it once', () => {
    const ports = warm();
    const { reply } = guarded(ports, handlers, { commonEventObject: { parameters: { action: 42 } } }, { host: 'gmail', action: 'home', userEmail: PEOPLE.kari });
    expect(reply).toEqual({ kind: 'card', card: expect.anything() });
    expect(JSON.stringify(reply)).toContain('Forespørselen kunne ikke leses');
    expect(ports.services.log.entries.filter((e) => e.level === 'error')).toHaveLength(1);
  });

  it('turns a bug into a message with a reference, logged once, no stack trace for the user', () => {
    const ports = warm();
    const broken = { ...handlers, help: { kind: 'read' as const, run: () => { throw new Error('boom'); } } };
    const { reply } = guarded(ports, broken, chatDm(PEOPLE.kari, 'hjelp'), { host: 'chat', action: 'home', userEmail: PEOPLE.kari });
    expect(JSON.stringify(reply)).toMatch(/ref\. err-/);
    expect(JSON.stringify(reply)).not.toContain('boom');
    expect(ports.services.log.entries.filter((e) => e.level === 'error')).toHaveLength(1);
  });
});

describe('data health', () => {
  it('shows admins a row broken by hand, with table, row and field, and refuses others', () => {
    const ports = warm();
    (ports.workbook as MemoryWorkbook).handEdit('Certifications', 3, 3, '31.02.2026');
    guarded(ports, handlers, {}, { host: 'job', action: 'job.rebuild', userEmail: '', fromTrigger: true });
    const admin = guarded(ports, handlers, { commonEventObject: { parameters: { action: 'admin.health' } } }, { host: 'sheets', action: 'home', userEmail: PEOPLE.guri });
    const json = JSON.stringify(admin.reply);
    expect(json).toContain('Certifications, rad 3, felt achievedOn');
    expect(json).toContain('ugyldig dato');
    const staff = guarded(ports, handlers, { commonEventObject: { parameters: { action: 'admin.health' } } }, { host: 'sheets', action: 'home', userEmail: PEOPLE.kari });
    expect(staff.reply).toEqual({ kind: 'notify', text: 'Du har ikke tilgang til dette.' });
  });
});

describe('read-model rebuild job', () => {
  it('records when it ran in Settings, one row however often it runs', () => {
    const ports = warm();
    const settings = () => {
      const tab = (ports.workbook as MemoryWorkbook).dump('Settings')!;
      return tab.rows.filter((r) => r[tab.header.indexOf('key')] === 'readModelBuiltAt').map((r) => r[tab.header.indexOf('value')]);
    };
    // The stamp is the time the run started (the fakes' clock moves with every call it makes).
    const started = () => ports.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const first = started();
    guarded(ports, handlers, {}, { host: 'job', action: ACTIONS.jobRebuild, userEmail: '', fromTrigger: true });
    expect(settings()).toEqual([first]);
    (ports.clock as MovableClock).advance(3_600_000);
    const second = started();
    guarded(ports, handlers, {}, { host: 'job', action: ACTIONS.jobRebuild, userEmail: '', fromTrigger: true });
    expect(settings()).toEqual([second]);
  });
});
