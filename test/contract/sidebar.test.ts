// The console's call contract: a google.script.run call as the event the pipeline parses, and each call's payload checked.
import { SIDEBAR_CALLS, sidebarEvent, sidebarPayload } from '../../src/contract/sidebar';

describe('sidebarEvent', () => {
  it('makes a Sheets add-on event: the call as its action, strings and numbers as parameters, the payload kept whole', () => {
    const e = sidebarEvent(SIDEBAR_CALLS.accessExport, JSON.stringify({ email: 'kari@kommune.example', page: 2, deep: { x: 1 }, locale: 'sv' })) as {
      commonEventObject: { hostApp: string; parameters: Record<string, string>; userLocale?: string }; payload: unknown;
    };
    expect(e.commonEventObject.hostApp).toBe('SHEETS');
    expect(e.commonEventObject.parameters).toEqual({ action: SIDEBAR_CALLS.accessExport, email: 'kari@kommune.example', page: '2', locale: 'sv' });
    expect(e.commonEventObject.userLocale).toBe('sv');
    expect(e.payload).toEqual({ email: 'kari@kommune.example', page: 2, deep: { x: 1 }, locale: 'sv' });
  });

  it('a payload cannot name another action, and JSON that does not parse is marked invalid rather than thrown', () => {
    const e = sidebarEvent(SIDEBAR_CALLS.refresh, JSON.stringify({ action: 'admin.accessExport' })) as { commonEventObject: { parameters: Record<string, string> } };
    expect(e.commonEventObject.parameters.action).toBe(SIDEBAR_CALLS.refresh);
    expect((sidebarEvent(SIDEBAR_CALLS.refresh, '{not json') as { payload: unknown }).payload).toEqual({ invalid: true });
    expect((sidebarEvent(SIDEBAR_CALLS.refresh, undefined) as { payload: unknown }).payload).toEqual({});
  });
});

describe('sidebarPayload', () => {
  it('passes a payload that fits its call and says in words what does not', () => {
    expect(sidebarPayload({ payload: { email: 'kari@kommune.example' } }, SIDEBAR_CALLS.accessExport)).toEqual({ ok: true, value: { email: 'kari@kommune.example' } });
    const bad = sidebarPayload({ payload: { email: 'ab' } }, SIDEBAR_CALLS.accessExport);
    expect(bad).toEqual({ ok: false, detail: expect.stringContaining('email') });
    expect(sidebarPayload({}, SIDEBAR_CALLS.accessExport).ok).toBe(false);
    expect(sidebarPayload({}, SIDEBAR_CALLS.refresh)).toEqual({ ok: true, value: {} });
  });
});
