// Attack suite: personal cards asked for in a shared space (not a DM) go only to the person who asked
// (privateMessageViewer), never to everyone in the space; the guide forum's shared cards stay shared.
import { guarded } from '../../src/app/pipeline/handle';
import { ACTIONS } from '../../src/contract/actions';
import { toChatResponse } from '../../src/ui/envelopes';
import { validateChatResponse } from '../support/discovery-validator';
import { PEOPLE } from '../support/fixture';
import { handlers, warm } from '../app/features/status/support';

function event(email: string, space: { name: string; type: string }, opts: { text?: string; action?: string; params?: Record<string, string> }) {
  const user = { name: 'users/42', displayName: 'X', email, type: 'HUMAN' };
  const sp = { ...space, spaceType: space.type === 'DM' ? 'DIRECT_MESSAGE' : 'SPACE' };
  if (opts.text !== undefined) {
    return { commonEventObject: { hostApp: 'CHAT', userLocale: 'nb' }, chat: { user, messagePayload: { space: sp, message: { name: `${space.name}/messages/1`, text: opts.text, argumentText: opts.text } } } };
  }
  return {
    commonEventObject: { hostApp: 'CHAT', userLocale: 'nb', parameters: { action: opts.action!, ...(opts.params ?? {}) } },
    chat: { user, buttonClickedPayload: { space: sp, message: { name: `${space.name}/messages/9` } } },
  };
}

const ROOM = { name: 'spaces/TEAM', type: 'ROOM' };
const DM = { name: 'spaces/DM1', type: 'DM' };

function respond(email: string, space: typeof ROOM, opts: Parameters<typeof event>[2]) {
  const ports = warm();
  const out = guarded(ports, handlers, event(email, space, opts), { host: 'chat', action: 'home', userEmail: email });
  const resp = toChatResponse(out.reply, out.request!) as Record<string, never>;
  expect(validateChatResponse(resp)).toEqual([]);
  return resp as unknown as { hostAppDataAction?: { chatDataAction: { createMessageAction?: { message: { privateMessageViewer?: { name: string }; text?: string } }; updateMessageAction?: unknown } } };
}

describe('personal cards in a shared space', () => {
  const personal: [string, string, Parameters<typeof event>[2]][] = [
    ['own status', PEOPLE.kari, { text: '/status' }],
    ['own courses', PEOPLE.kari, { text: 'minekurs' }],
    ['own conversations', PEOPLE.kari, { text: 'samtaler' }],
    ['the unit overview', PEOPLE.per, { text: 'enhet' }],
    ['a person from the unit (drill-down click)', PEOPLE.per, { action: ACTIONS.unitPerson, params: { email: PEOPLE.kari } }],
    ['status detail (click)', PEOPLE.kari, { action: ACTIONS.statusDetail, params: { competenceId: 'cpr' } }],
  ];
  it.each(personal)('%s goes only to the person who asked', (_name, who, opts) => {
    const resp = respond(who, ROOM, opts);
    const data = resp.hostAppDataAction?.chatDataAction;
    expect(data?.updateMessageAction).toBeUndefined();
    expect(data?.createMessageAction?.message.privateMessageViewer).toEqual({ name: 'users/42' });
  });

  it('in a DM nothing is marked private (the DM is already theirs)', () => {
    const resp = respond(PEOPLE.kari, DM, { text: '/status' });
    expect(resp.hostAppDataAction?.chatDataAction.createMessageAction?.message.privateMessageViewer).toBeUndefined();
  });

  it('help and the FAQ stay visible to the space', () => {
    const resp = respond(PEOPLE.kari, ROOM, { text: 'hjelp' });
    expect(resp.hostAppDataAction?.chatDataAction.createMessageAction?.message.privateMessageViewer).toBeUndefined();
  });
});
