// Idempotency keys: one per user action (a button's k, a typed message's name), the ids derived from it, keys put in cards.
import { KEY_PARAM, keyedIds, keyHash, requestKeyOf, withKeys } from '../../../src/app/pipeline/request-key';
import type { ChatContext, Reply, Request } from '../../../src/contract/request';

const req = (params: Record<string, string>, chat?: Partial<ChatContext>): Request => ({
  host: chat ? 'chat' : 'gmail', userEmail: 'kari@kommune.example', locale: 'nb', action: 'x', params, form: {},
  ...(chat ? { chat: { spaceName: 'spaces/DM1', spaceType: 'DM', isDialog: false, event: 'message', ...chat } } : {}),
});

describe('requestKeyOf', () => {
  it('takes the button\'s key, else the name of a typed message or command', () => {
    expect(requestKeyOf(req({ [KEY_PARAM]: 'abcd.1' }))).toBe('k:abcd.1');
    expect(requestKeyOf(req({ [KEY_PARAM]: 'abcd.1' }, { messageName: 'spaces/DM1/messages/9' }))).toBe('k:abcd.1');
    expect(requestKeyOf(req({}, { messageName: 'spaces/DM1/messages/9', event: 'message' }))).toBe('m:spaces/DM1/messages/9');
    expect(requestKeyOf(req({}, { messageName: 'spaces/DM1/messages/9', event: 'command' }))).toBe('m:spaces/DM1/messages/9');
  });

  it('has no key for a click without one, an added event, or a key that is not a safe token', () => {
    expect(requestKeyOf(req({}))).toBeUndefined();
    expect(requestKeyOf(req({}, { messageName: 'spaces/DM1/messages/9', event: 'click' }))).toBeUndefined();
    expect(requestKeyOf(req({}, { event: 'added' }))).toBeUndefined();
    for (const bad of ['abc', 'a'.repeat(81), 'ab cd', 'abcd/1', '=1+1x']) expect([bad, requestKeyOf(req({ [KEY_PARAM]: bad }))]).toEqual([bad, undefined]);
  });
});

describe('keyHash and keyedIds', () => {
  it('derives the same 14-character id from the same key, and different ones from different keys', () => {
    const h = keyHash('k:abcd.1');
    expect(h).toMatch(/^[0-9a-z]{14}$/);
    expect(keyHash('k:abcd.1')).toBe(h);
    expect(keyHash('k:abcd.2')).not.toBe(h);
    expect(keyHash('')).toHaveLength(14);
  });

  it('numbers repeated prefixes within one run, and a repeat of the run computes the same ids', () => {
    const ids = (key: string) => { const next = keyedIds(key); return [next('enr'), next('aud'), next('enr'), next('enr')]; };
    const h = keyHash('k:abcd.1');
    expect(ids('k:abcd.1')).toEqual([`enr-${h}`, `aud-${h}`, `enr-${h}-2`, `enr-${h}-3`]);
    expect(ids('k:abcd.1')).toEqual(ids('k:abcd.1'));
  });
});

describe('withKeys', () => {
  const button = (fn: string, params: { key: string; value: string }[] = []) => ({ text: fn, onClick: { action: { function: fn, parameters: params } } });

  it('gives every button of a card its own key, and keeps a key a button already has', () => {
    const card = { sections: [{ widgets: [{ buttonList: { buttons: [button('a'), button('b', [{ key: KEY_PARAM, value: 'kept' }]), button('c')] } }] }] };
    const reply = withKeys({ kind: 'card', card } as unknown as Reply, 'base');
    const params = card.sections[0]!.widgets[0]!.buttonList.buttons.map((b) => b.onClick.action.parameters);
    expect(params).toEqual([[{ key: KEY_PARAM, value: 'base.1' }], [{ key: KEY_PARAM, value: 'kept' }], [{ key: KEY_PARAM, value: 'base.2' }]]);
    expect(reply.kind).toBe('card');
  });

  it('keys the buttons of a Chat message and a dialog closed with a message, and leaves other replies alone', () => {
    const message = { cardsV2: [{ cardId: 'c', card: { sections: [{ widgets: [{ buttonList: { buttons: [button('a')] } }] }] } }] };
    withKeys({ kind: 'message', message } as unknown as Reply, 'm');
    expect(JSON.stringify(message)).toContain('"value":"m.1"');
    const closed = { cardsV2: [{ cardId: 'c', card: { sections: [{ widgets: [{ buttonList: { buttons: [button('b')] } }] }] } }] };
    withKeys({ kind: 'close', message: closed } as unknown as Reply, 'd');
    expect(JSON.stringify(closed)).toContain('"value":"d.1"');
    const notify: Reply = { kind: 'notify', text: 'ok' };
    expect(withKeys(notify, 'n')).toEqual({ kind: 'notify', text: 'ok' });
  });
});
