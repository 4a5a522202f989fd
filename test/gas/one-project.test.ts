// One project (issue 14 §1): the console's calls run in the same bundle as Chat and the add-on, so a change made in the
// console is in the very next Chat answer — one cache, one lock — with no rebuild and no records read in between.
import { COURSE_CALLS } from '../../src/contract/course-admin';
import { PEOPLE } from '../support/fixture';
import type { FakeWorld } from './apps-script-fakes';
import { buildBundle, warmBundle } from './bundle-world';

let code = '';

beforeAll(() => {
  code = buildBundle();
});

/** "kurs" typed in Kari's DM with the app, as Chat sends a message (chat-events/01). */
function kurs(email: string) {
  const space = { name: 'spaces/DM-KARI', type: 'DM', spaceType: 'DIRECT_MESSAGE' };
  return {
    commonEventObject: { hostApp: 'CHAT', userLocale: 'nb' },
    chat: {
      user: { name: 'users/1', displayName: 'Kari Nordmann', email, type: 'HUMAN' }, space,
      messagePayload: { space, message: { name: 'spaces/DM-KARI/messages/1', text: 'kurs', argumentText: 'kurs', space } },
    },
  };
}

const sheetsCalls = (w: FakeWorld) => w.fetches.filter((f) => f.url.startsWith('https://sheets.googleapis.com/'));

describe('the console and Chat in one project', () => {
  it('a session HR cancels in the console is gone from the next /kurs in Chat, from the same cache', () => {
    const { world, call, runAs: as } = warmBundle(code);
    as(PEOPLE.kari);
    const before = JSON.stringify(call('onMessage', kurs(PEOPLE.kari)));
    expect(before).toContain('Brannvernopplæring');
    expect(before).toMatch(/10\. des/);

    as(PEOPLE.guri);
    const saved = JSON.parse(String(call('sidebarCall', COURSE_CALLS.cancelSession, JSON.stringify({ sessionId: 'S2', reason: 'Instruktøren er syk' }))));
    expect(JSON.stringify(saved)).not.toMatch(/tilgang|Noe gikk galt/);
    const s2 = world.book.sheets.flatMap((sheet) => sheet.cells).find((row) => JSON.stringify(row?.[0]) === '{"stringValue":"S2"}');
    expect(JSON.stringify(s2)).toContain('"avlyst"'); // Sessions.status written in Norwegian (value-labels.ts)

    world.fetches.length = 0;
    as(PEOPLE.kari);
    const after = JSON.stringify(call('onMessage', kurs(PEOPLE.kari)));
    expect(after).not.toMatch(/10\. des/);
    // Served from the cache the console's change patched: no records read, no rebuild.
    expect(sheetsCalls(world)).toEqual([]);
    expect(world.logs.filter((l) => l.startsWith('ERROR'))).toEqual([]);
  });
});
