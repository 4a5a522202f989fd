// The sidebar's one way to the server (google.script.run → sidebarCall) and its strings, against the real handlers and a
// fake google.script.run.
import { guarded } from '../../src/app/pipeline/handle';
import { sidebarEvent, type StringsData } from '../../src/contract/sidebar';
import { browserLocale, call, date, setLocale, setStrings, SidebarError, t } from '../../src/sidebar/api';
import { handlers, warm, type Ports } from '../app/features/status/support';
import { PEOPLE } from '../support/fixture';
import { scriptedRun, type Answer } from './fake-run';
import { connect } from './support';

beforeAll(() => setLocale('nb-NO'));

describe('api', () => {
  it('sends the browser language with every payload, resolves data and rejects server messages', async () => {
    const ports = warm();
    const calls = connect(ports, PEOPLE.kari);
    await expect(call('admin.dashboard')).rejects.toEqual(new SidebarError('Du har ikke tilgang til dette.'));
    expect(calls[0]!.payload).toMatchObject({ locale: 'nb-NO' });
    const s = await call<StringsData>('sidebar.strings');
    expect(s.isAdmin).toBe(false);
  });
});

describe('idempotency keys (issue #13)', () => {
  /** google.script.run whose answer is lost (the server ran the call; the browser hears a failure) until `lose` is 0. */
  function lossy(ports: Ports, email: string) {
    const o = { lose: 0, keys: [] as string[] };
    scriptedRun((name, payload) => {
      o.keys.push(String(payload.k));
      const { reply } = guarded(ports, handlers, sidebarEvent(name, JSON.stringify(payload)), { host: 'sidebar', action: name, userEmail: email });
      if (o.lose === 0) return { ok: JSON.stringify(reply) };
      o.lose--;
      return { fail: new Error('NetworkError: Connection failure due to HTTP 0') };
    });
    return o;
  }
  const roles = (ports: Ports) => (ports.workbook as unknown as { dump(t: string): { rows: unknown[][] } }).dump('Roles').rows.filter((r) => r[0] === 'cook');

  it('"try again" after a lost answer sends the same key: the role is made once and the retry says it is saved', async () => {
    const ports = warm();
    const net = lossy(ports, PEOPLE.guri);
    const role = { isNew: true, roleId: 'cook', name: 'Kokk' };
    net.lose = 1;
    await expect(call('admin.saveRole', role)).rejects.toBeInstanceOf(SidebarError);
    const again = await call<{ saved: boolean }>('admin.saveRole', role);
    expect(again.saved).toBe(true);
    expect(net.keys[0]).toMatch(/^[A-Za-z0-9._-]{4,80}$/);
    expect(net.keys[1]).toBe(net.keys[0]);
    expect(roles(ports)).toHaveLength(1);
    // Answered: the same form saved again later is a new action (a new key), refused as a duplicate id, as it should be.
    await expect(call('admin.saveRole', role)).rejects.toThrow('det finnes allerede en rolle med id «cook»');
    expect(net.keys[2]).not.toBe(net.keys[0]);
    expect(roles(ports)).toHaveLength(1);
  });

  it('a double click (the second call before the first is answered) carries the same key', async () => {
    const ports = warm();
    const net = lossy(ports, PEOPLE.guri);
    const role = { isNew: true, roleId: 'cook', name: 'Kokk' };
    const [a, b] = await Promise.allSettled([call('admin.saveRole', role), call('admin.saveRole', role)]);
    expect(net.keys[1]).toBe(net.keys[0]);
    expect(a.status).toBe('fulfilled');
    // The second arrival of the same key writes nothing and is told it is already so (or saved), never "exists".
    expect(b.status === 'fulfilled' || !String((b as PromiseRejectedResult).reason).includes('finnes allerede')).toBe(true);
    expect(roles(ports)).toHaveLength(1);
  });
});

describe('call against a scripted google.script.run', () => {
  afterEach(() => setLocale('nb-NO'));

  it('parses the JSON text sidebarCall returns (or an object), and sends the locale, the payload and a key', async () => {
    const calls = scriptedRun((name) => (name === 'a' ? { ok: JSON.stringify({ kind: 'data', data: { n: 1 } }) } : { ok: { kind: 'data', data: [2] } }));
    await expect(call('a', { x: 'y' })).resolves.toEqual({ n: 1 });
    await expect(call('b')).resolves.toEqual([2]);
    expect(calls[0]).toEqual({ name: 'a', payload: { locale: 'nb-NO', x: 'y', k: expect.stringMatching(/^[A-Za-z0-9-]{8,}$/) } });
    expect(calls[1]!.payload.k).not.toBe(calls[0]!.payload.k);
  });

  it('rejects with the server\'s message, with the raw answer when it is no reply, and with the failure\'s message', async () => {
    scriptedRun((name) => ({
      notify: { ok: JSON.stringify({ kind: 'notify', text: 'Ikke tilgang' }) }, garbage: { ok: 'not json {' }, card: { ok: JSON.stringify({ kind: 'card' }) },
      error: { fail: new Error('NetworkError') }, text: { fail: 'ScriptError: Exceeded' },
    } as Record<string, Answer>)[name]!);
    await expect(call('notify')).rejects.toEqual(new SidebarError('Ikke tilgang'));
    await expect(call('garbage')).rejects.toEqual(new SidebarError('not json {'));
    await expect(call('card')).rejects.toBeInstanceOf(SidebarError);
    await expect(call('error')).rejects.toEqual(new SidebarError('NetworkError'));
    await expect(call('text')).rejects.toEqual(new SidebarError('ScriptError: Exceeded'));
  });

  it('keeps the key of an unanswered action until it is answered with data (a payload in another order is another action)', async () => {
    let answer: Answer = { fail: new Error('lost') };
    const calls = scriptedRun(() => answer);
    await expect(call('admin.saveRole', { roleId: 'cook' })).rejects.toThrow('lost');
    await expect(call('admin.saveRole', { roleId: 'cook' })).rejects.toThrow('lost');
    answer = { ok: JSON.stringify({ kind: 'notify', text: 'Opptatt' }) };
    await expect(call('admin.saveRole', { roleId: 'cook' })).rejects.toThrow('Opptatt');
    answer = { ok: JSON.stringify({ kind: 'data', data: { saved: true } }) };
    await call('admin.saveRole', { roleId: 'cook' });
    await call('admin.saveRole', { roleId: 'cook' });
    await call('admin.saveRole', { roleId: 'chef' });
    const keys = calls.map((c) => c.payload.k);
    expect(new Set(keys.slice(0, 4)).size).toBe(1);
    expect(keys[4]).not.toBe(keys[0]);
    expect(keys[5]).not.toBe(keys[4]);
  });
});

describe('strings', () => {
  afterEach(() => { setLocale('nb-NO'); setStrings({}); });
  const strings = { 'x.count': '{n, plural, one {# rad} other {# rader}} i {table}', 'x.num': 'Snitt {avg}', 'month.names': 'januar,februar,mars', 'date.long': '{d}. {month} {y}' };

  it('fills placeholders and plurals as the server does, with the browser language\'s numbers', () => {
    setStrings(strings);
    expect(t('x.count', { n: 1, table: 'Employees' })).toBe('1 rad i Employees');
    expect(t('x.count', { n: 2.5, table: 'U' })).toBe('2,5 rader i U');
    expect(t('x.num', { avg: 3.25 })).toBe('Snitt 3,3');
    expect(t('x.num')).toBe('Snitt {avg}');
    setLocale('en-GB');
    expect(t('x.num', { avg: 3.25 })).toBe('Snitt 3.3');
    setLocale('de-DE');
    expect(t('x.num', { avg: 3.25 })).toBe('Snitt 3,3');
  });

  it('shows an unknown key as itself, never blank', () => {
    setStrings({});
    expect(t('admin.nope')).toBe('admin.nope');
  });

  it('writes dates with the server\'s month names, and nothing for no date', () => {
    setStrings(strings);
    expect(date('2027-03-01')).toBe('1. mars 2027');
    expect(date('2027-02-14T10:00:00Z')).toBe('14. februar 2027');
    expect(date('2027-11-01')).toBe('1. 11 2027');
    expect(date(undefined)).toBe('');
    expect(date('')).toBe('');
  });

  it('uses the browser\'s language unless told otherwise', () => {
    setLocale(undefined);
    expect(browserLocale()).toBe(typeof navigator !== 'undefined' ? navigator.language : 'nb');
    setLocale('sv-SE');
    expect(browserLocale()).toBe('sv-SE');
  });
});
