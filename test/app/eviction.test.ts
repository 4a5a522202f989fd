// Eviction is normal (issue 12): Google may drop any cache item at any time. Random items, then everything, are evicted
// in the middle of use, and every staff, leader, guide and admin request still answers with a real card within budget.
import { handleRequest } from '../../src/app/pipeline/handle';
import type { Request } from '../../src/contract/request';
import { allHandlers } from '../../src/app/pipeline/router';
import { ReadModel } from '../../src/store/read-model';
import { rebuildReadModel } from '../../src/store/rebuild';
import type { MemoryCache } from '../../src/store/strict-cache';
import { chunkKeys, packOf } from '../../src/store/packs';
import { fixturePorts, PEOPLE, TODAY } from '../support/fixture';

const handlers = allHandlers();

function req(host: Request['host'], userEmail: string, action: string, params: Record<string, string> = {}, payload?: unknown): Request {
  return { host, userEmail, locale: 'nb', action, params, form: {}, ...(payload ? { payload } : {}), ...(host === 'job' ? { fromTrigger: true } : {}) };
}

/** Every read a person of each kind makes, with a word the real answer holds. */
const READS: { who: string; r: Request; expect: string }[] = [
  { who: 'staff', r: req('gmail', PEOPLE.kari, 'home'), expect: 'Brannvern' },
  { who: 'staff', r: req('chat', PEOPLE.kari, 'status.mine'), expect: 'Brannvern' },
  { who: 'staff', r: req('chat', PEOPLE.kari, 'courses.mine'), expect: 'Mine kurs' },
  { who: 'staff', r: req('chat', PEOPLE.kari, 'courses.find'), expect: 'D-HLR' },
  { who: 'leader', r: req('chat', PEOPLE.per, 'status.unit'), expect: 'Solbakken' },
  { who: 'leader', r: req('chat', PEOPLE.per, 'status.unit', { unitId: 'solbakken-a' }), expect: 'Kari Nordmann' },
  { who: 'leader', r: req('chat', PEOPLE.per, 'status.unitPerson', { email: PEOPLE.kari }), expect: 'Kari Nordmann' },
  { who: 'leader', r: req('chat', PEOPLE.per, 'appraisal.overview'), expect: 'Kari Nordmann' },
  { who: 'guide', r: req('chat', PEOPLE.ola, 'forum.stats'), expect: 'Guidestatistikk' },
  { who: 'guide', r: req('chat', PEOPLE.ola, 'forum.faqSearch', { q: 'kalender' }), expect: 'Hvordan deler jeg en mappe' },
  { who: 'admin', r: req('sidebar', PEOPLE.guri, 'admin.dashboard', {}, {}), expect: 'Solbakken' },
  { who: 'admin', r: req('sidebar', PEOPLE.guri, 'admin.unit', { unitId: 'solbakken-a' }, { unitId: 'solbakken-a' }), expect: 'Kari' },
  { who: 'unknown', r: req('chat', PEOPLE.stranger, 'forum.faqSearch', { q: 'kalender' }), expect: 'Hvordan deler jeg en mappe' },
];

function warm() {
  const ports = fixturePorts();
  rebuildReadModel(ports.workbook, new ReadModel(ports.cache, () => 'g0', ports.codec), { now: `${TODAY}T09:00:00Z`, today: TODAY, generation: 'g0' });
  return ports;
}

function ask(ports: ReturnType<typeof warm>, r: Request) {
  ports.meter.reset();
  const reply = JSON.stringify(handleRequest(ports, handlers, r));
  const m = ports.meter.snapshot();
  return { reply, calls: m.calls, cells: m.cellsRead + m.cellsWritten };
}

function expectReal(ports: ReturnType<typeof warm>, label: string) {
  for (const { who, r, expect: word } of READS) {
    const { reply, calls, cells } = ask(ports, r);
    if (process.env.DBG) console.log(r.action, reply.slice(0, 600));
    const what = `${label}: ${who} ${r.action} ${JSON.stringify(r.params)}`;
    expect({ what, preparing: reply.includes('gjør klar'), error: /Noe gikk galt|error\./.test(reply) }).toEqual({ what, preparing: false, error: false });
    expect({ what, found: reply.toLowerCase().includes(word.toLowerCase()) }).toEqual({ what, found: true });
    // DESIGN.md's cold budget for everyone, leaders, guides and admins too: what the access check decides is fetched in
    // the same calls as the asker's own views and opened only after the check (src/app/pipeline/load.ts).
    const limit = 3;
    expect({ what, calls, within: calls <= limit && cells <= 20_000 }).toEqual({ what, calls, within: true });
  }
}

describe('eviction in the middle of use', () => {
  it('answers every kind of user with a real card after random items, then all items, are evicted', () => {
    const ports = warm();
    const raw = ports.services.rawCache as MemoryCache;
    expectReal(ports, 'warm');
    for (let round = 0; round < 4; round++) {
      raw.evictRandom(0.4);
      expectReal(ports, `random eviction ${round}`);
    }
    // A change in the middle: Kari signs up while part of the cache is gone, then everything goes.
    raw.evictRandom(0.5);
    const signUp = JSON.stringify(handleRequest(ports, handlers, req('chat', PEOPLE.kari, 'courses.signUp', { sessionId: 'S2' })));
    expect(signUp).toMatch(/påmeldt|ventelisten/);
    raw.clear();
    expectReal(ports, 'all evicted');
    // Her sign-up survived the eviction: it is read back from the records, not lost with the cache.
    expect(ask(ports, req('chat', PEOPLE.kari, 'courses.mine')).reply).toContain('Solbakken');
    raw.clear();
    expectReal(ports, 'all evicted again');
    expect(ports.services.rebuildRequests).toBe(0);
  });

  it('never lets the read model grow past the item budget, however many requests patch it', () => {
    const ports = warm();
    const raw = ports.services.rawCache as MemoryCache;
    for (let i = 0; i < 3; i++) for (const { r } of READS) handleRequest(ports, handlers, r);
    handleRequest(ports, handlers, req('chat', PEOPLE.kari, 'courses.signUp', { sessionId: 'S1' }));
    expect(raw.trimmed).toBe(0);
    expect(raw.size()).toBeLessThanOrEqual(300);
  });
});

describe('the standing heal job', () => {
  it('puts back what the cache lost from the durable copy, and rebuilds only when asked or when the change list is gone', () => {
    const ports = warm();
    const raw = ports.services.rawCache as MemoryCache;
    const before = raw.size();
    raw.evictRandom(0.5);
    raw.removeAll(['pstale#0']);
    handleRequest(ports, handlers, req('job', '', 'job.heal'));
    // The change list was gone: a rebuild (a Settings stamp is written with it).
    expect(raw.size()).toBe(before);
    raw.removeAll(['ses', 'dash', packOf(`p:${PEOPLE.kari}`), packOf('u:solbakken')].flatMap(chunkKeys));
    ports.meter.reset();
    handleRequest(ports, handlers, req('job', '', 'job.heal'));
    // The directory (every request), the flag, every pack; one read of the lost packs' durable rows; one putAll; and the
    // job's lease (issue #13): the script lock once, Script Properties read, set, read and removed; and the one Drive
    // files.list for files made before a commit that never came (none here).
    expect(ports.meter.snapshot().byKind).toEqual({
      'cache.getAll': 3, 'workbook.read': 1, 'cache.putAll': 1, lock: 1, 'properties.get': 2, 'properties.set': 1, 'properties.delete': 1,
      'drive.findMarked': 1,
    });
    expect(raw.size()).toBe(before);
    // A user request asks for a rebuild with a flag, never a trigger; the job picks it up.
    ports.services.rawCache.putAll({ 'rebuild-requested': '1' }, 600);
    handleRequest(ports, handlers, req('job', '', 'job.heal'));
    expect(raw.getAll(['rebuild-requested'])).toEqual({});
  });
});
