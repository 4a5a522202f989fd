// A handler's Reply in each host's documented response JSON: the Chat add-on envelopes (hostAppDataAction / action) per
// reply kind and event, private answers in shared spaces, and RenderActions for Gmail, Docs and Sheets.
import type { Reply, Request } from '../../src/contract/request';
import type { Card, ChatMessage } from '../../src/contract/card-types';
import { ACTIONS } from '../../src/contract/actions';
import { cardMessage, CHAT_TEXT_LIMIT, toAddonReply, toAddonResponse, toChatResponse } from '../../src/ui/envelopes';
import { validateChatResponse } from '../support/discovery-validator';

const CARD: Card = { header: { title: 'Status' }, sections: [{ widgets: [{ textParagraph: { text: 'Hei' } }] }], name: 'status' };
type ChatCtx = NonNullable<Request['chat']>;
const chat = (over: Partial<ChatCtx> = {}): ChatCtx => ({ spaceName: 'spaces/DM1', spaceType: 'DM', isDialog: false, event: 'message', userName: 'users/42', ...over });
const req = (over: Partial<ChatCtx> = {}, action?: string) => ({ chat: chat(over), ...(action ? { action } : {}) });
const valid = (resp: unknown) => expect(validateChatResponse(JSON.parse(JSON.stringify(resp)))).toEqual([]);
const created = (message: ChatMessage) => ({ hostAppDataAction: { chatDataAction: { createMessageAction: { message } } } });
const updated = (message: ChatMessage) => ({ hostAppDataAction: { chatDataAction: { updateMessageAction: { message } } } });

describe('cardMessage', () => {
  it('wraps a card under its name, with the text when there is one, cut at the limit with a visible marker', () => {
    expect(cardMessage(CARD)).toEqual({ cardsV2: [{ cardId: 'status', card: CARD }] });
    expect(cardMessage({ sections: [] })).toEqual({ cardsV2: [{ cardId: 'kompetent', card: { sections: [] } }] });
    expect(cardMessage(CARD, 'Tekst', 'id-1')).toEqual({ text: 'Tekst', cardsV2: [{ cardId: 'id-1', card: CARD }] });
    const long = cardMessage(CARD, 'x'.repeat(CHAT_TEXT_LIMIT + 1)).text!;
    expect(long).toHaveLength(CHAT_TEXT_LIMIT);
    expect(long.endsWith('…')).toBe(true);
    expect(cardMessage(CARD, 'x'.repeat(CHAT_TEXT_LIMIT)).text).toHaveLength(CHAT_TEXT_LIMIT);
  });
});

describe('toChatResponse in a DM', () => {
  it('card: a new message; on a click with nav update, the clicked message is replaced; in a dialog, a pushed card', () => {
    const r: Reply = { kind: 'card', card: CARD, text: 'Din status' };
    const msg = { text: 'Din status', cardsV2: [{ cardId: 'status', card: CARD }] };
    expect(toChatResponse(r, req())).toEqual(created(msg));
    expect(toChatResponse(r, req({ event: 'click' }))).toEqual(created(msg));
    expect(toChatResponse({ ...r, nav: 'update' }, req({ event: 'click' }))).toEqual(updated(msg));
    expect(toChatResponse({ ...r, nav: 'update' }, req({ event: 'message' }))).toEqual(created(msg));
    expect(toChatResponse(r, req({ isDialog: true }))).toEqual({ action: { navigations: [{ pushCard: CARD }] } });
    for (const x of [toChatResponse(r, req()), toChatResponse({ ...r, nav: 'update' }, req({ event: 'click' })), toChatResponse(r, req({ isDialog: true }))]) valid(x);
  });

  it('message: created, or updated on a click that asks for it; text cut at the limit', () => {
    expect(toChatResponse({ kind: 'message', message: { text: 'Hei' } }, req())).toEqual(created({ text: 'Hei' }));
    expect(toChatResponse({ kind: 'message', message: { text: 'Hei' }, update: true }, req({ event: 'click' }))).toEqual(updated({ text: 'Hei' }));
    expect(toChatResponse({ kind: 'message', message: { text: 'Hei' }, update: true }, req())).toEqual(created({ text: 'Hei' }));
    const long = toChatResponse({ kind: 'message', message: { text: 'y'.repeat(9000) } }, req()) as ReturnType<typeof created>;
    expect(long.hostAppDataAction.chatDataAction.createMessageAction.message.text).toHaveLength(CHAT_TEXT_LIMIT);
    valid(long);
  });

  it('dialog, close and notify: pushCard, CLOSE_DIALOG (with a notification) or a posted message', () => {
    expect(toChatResponse({ kind: 'dialog', card: CARD }, req())).toEqual({ action: { navigations: [{ pushCard: CARD }] } });
    expect(toChatResponse({ kind: 'close' }, req({ isDialog: true }))).toEqual({ action: { navigations: [{ endNavigation: { action: 'CLOSE_DIALOG' } }] } });
    expect(toChatResponse({ kind: 'close', notify: 'Sendt' }, req({ isDialog: true }))).toEqual({ action: { navigations: [{ endNavigation: { action: 'CLOSE_DIALOG' } }], notification: { text: 'Sendt' } } });
    // Posting a message also closes the dialog (chat-responses.md §5).
    expect(toChatResponse({ kind: 'close', message: { text: 'Takk' } }, req({ isDialog: true }))).toEqual(created({ text: 'Takk' }));
    expect(toChatResponse({ kind: 'notify', text: 'Lagret' }, req({ isDialog: true }))).toEqual({ action: { navigations: [{ endNavigation: { action: 'CLOSE_DIALOG' } }], notification: { text: 'Lagret' } } });
    expect(toChatResponse({ kind: 'notify', text: 'Lagret' }, req())).toEqual(created({ text: 'Lagret' }));
    for (const r of [{ kind: 'dialog', card: CARD }, { kind: 'close', notify: 'x' }, { kind: 'notify', text: 'x' }] as Reply[]) valid(toChatResponse(r, req({ isDialog: true })));
  });

  it('openLink posts the address; file scope, data and none answer with nothing', () => {
    expect(toChatResponse({ kind: 'openLink', url: 'https://docs.google.com/d/1' }, req())).toEqual(created({ text: 'https://docs.google.com/d/1' }));
    for (const kind of ['requestFileScope', 'none'] as const) expect(toChatResponse({ kind }, req())).toEqual({});
    expect(toChatResponse({ kind: 'data', data: { a: 1 } }, req())).toEqual({});
    valid({});
  });

  it('answers a multiselect autocomplete only with (no) suggestions, whatever the reply', () => {
    const resp = toChatResponse({ kind: 'card', card: CARD }, req({ event: 'widgetUpdated' }));
    expect(resp).toEqual({ action: { modifyOperations: [{ updateWidget: { selectionInputWidgetSuggestions: { suggestions: [] } } }] } });
    valid(resp);
  });

  it('makes Chat\'s link and mention syntax in message text inert, in cards\' texts and plain messages alike', () => {
    const text = 'Se <https://evil.example|her> og <users/all>';
    const inert = 'Se < https://evil.example|her> og < users/all>';
    expect(toChatResponse({ kind: 'message', message: { text } }, req())).toEqual(created({ text: inert }));
    expect(toChatResponse({ kind: 'card', card: CARD, text }, req())).toEqual(created({ text: inert, cardsV2: [{ cardId: 'status', card: CARD }] }));
    expect(toChatResponse({ kind: 'close', message: { text } }, req())).toEqual(created({ text: inert }));
    expect(toChatResponse({ kind: 'message', message: { cardsV2: [{ cardId: 'c', card: CARD }] } }, req())).toEqual(created({ cardsV2: [{ cardId: 'c', card: CARD }] }));
  });
});

describe('toChatResponse in a shared space', () => {
  it('answers a personal reply privately to the one who asked, as a new message even on a click', () => {
    const room = req({ spaceName: 'spaces/TEAM', spaceType: 'ROOM', event: 'click' }, ACTIONS.myStatus);
    const resp = toChatResponse({ kind: 'card', card: CARD, nav: 'update' }, room);
    expect(resp).toEqual(created({ cardsV2: [{ cardId: 'status', card: CARD }], privateMessageViewer: { name: 'users/42' } }));
    valid(resp);
    expect(toChatResponse({ kind: 'message', message: { text: 'Hei' }, update: true }, room)).toEqual(created({ text: 'Hei', privateMessageViewer: { name: 'users/42' } }));
    expect(toChatResponse({ kind: 'notify', text: 'x' }, req({ spaceType: 'GROUP_CHAT' }, ACTIONS.myCourses))).toEqual(created({ text: 'x', privateMessageViewer: { name: 'users/42' } }));
    // A dialog is already private: it stays a dialog.
    expect(toChatResponse({ kind: 'dialog', card: CARD }, room)).toEqual({ action: { navigations: [{ pushCard: CARD }] } });
  });

  it('keeps help, the FAQ and the guide forum\'s own actions public; a DM or a missing user is never private', () => {
    for (const action of [ACTIONS.help, ACTIONS.faqSearch, ACTIONS.claim, ACTIONS.answerSubmit, ACTIONS.publishSubmit, ACTIONS.announce]) {
      expect(toChatResponse({ kind: 'card', card: CARD }, req({ spaceType: 'ROOM' }, action))).toEqual(created({ cardsV2: [{ cardId: 'status', card: CARD }] }));
    }
    expect(toChatResponse({ kind: 'card', card: CARD, nav: 'update' }, req({ spaceType: 'ROOM', event: 'click' }, ACTIONS.claim))).toEqual(updated({ cardsV2: [{ cardId: 'status', card: CARD }] }));
    expect(toChatResponse({ kind: 'card', card: CARD }, req({ spaceType: 'ROOM', userName: undefined }, ACTIONS.myStatus))).toEqual(created({ cardsV2: [{ cardId: 'status', card: CARD }] }));
    expect(toChatResponse({ kind: 'card', card: CARD }, { action: ACTIONS.myStatus })).toEqual(created({ cardsV2: [{ cardId: 'status', card: CARD }] }));
  });
});

describe('add-on hosts (Gmail, Docs, Sheets)', () => {
  it('card: push, update, or back to the root then update, with an optional notification', () => {
    expect(toAddonResponse({ kind: 'card', card: CARD })).toEqual({ action: { navigations: [{ pushCard: CARD }] } });
    expect(toAddonResponse({ kind: 'card', card: CARD, nav: 'push' })).toEqual({ action: { navigations: [{ pushCard: CARD }] } });
    expect(toAddonResponse({ kind: 'card', card: CARD, nav: 'update', notify: 'Lagret' })).toEqual({ action: { navigations: [{ updateCard: CARD }], notification: { text: 'Lagret' } } });
    expect(toAddonResponse({ kind: 'card', card: CARD, nav: 'root' })).toEqual({ action: { navigations: [{ popToRoot: true }, { updateCard: CARD }] } });
  });

  it('message: its first card, or its text escaped in a card; dialog: pushed; close: pop; notify, link, data and none', () => {
    expect(toAddonResponse({ kind: 'message', message: { text: 'x', cardsV2: [{ cardId: 'c', card: CARD }] } })).toEqual({ action: { navigations: [{ pushCard: CARD }] } });
    expect(toAddonResponse({ kind: 'message', message: { text: '<b>Hei</b> & "deg"' } })).toEqual({ action: { navigations: [{ pushCard: { sections: [{ widgets: [{ textParagraph: { text: '&lt;b&gt;Hei&lt;/b&gt; &amp; "deg"' } }] }] } }] } });
    expect(toAddonResponse({ kind: 'message', message: {} })).toEqual({ action: { navigations: [{ pushCard: { sections: [{ widgets: [{ textParagraph: { text: '' } }] }] } }] } });
    expect(toAddonResponse({ kind: 'dialog', card: CARD })).toEqual({ action: { navigations: [{ pushCard: CARD }] } });
    expect(toAddonResponse({ kind: 'close' })).toEqual({ action: { navigations: [{ pop: true }] } });
    expect(toAddonResponse({ kind: 'close', notify: 'Sendt' })).toEqual({ action: { navigations: [{ pop: true }], notification: { text: 'Sendt' } } });
    expect(toAddonResponse({ kind: 'notify', text: 'Lagret' })).toEqual({ action: { notification: { text: 'Lagret' } } });
    expect(toAddonResponse({ kind: 'openLink', url: 'https://docs.google.com/d/1' })).toEqual({ action: { link: { url: 'https://docs.google.com/d/1' } } });
    expect(toAddonResponse({ kind: 'data', data: 1 })).toEqual({ action: {} });
    expect(toAddonResponse({ kind: 'none' })).toEqual({ action: {} });
  });

  it('asks Docs/Sheets for file access only through toAddonReply; RenderActions refuses it as a bug', () => {
    expect(toAddonReply({ kind: 'requestFileScope' })).toEqual({ hostAppAction: { editorAction: { requestFileScopeForActiveDocument: {} } } });
    expect(toAddonReply({ kind: 'notify', text: 'x' })).toEqual({ action: { notification: { text: 'x' } } });
    expect(() => toAddonResponse({ kind: 'requestFileScope' })).toThrow(/toAddonReply/);
  });
});
