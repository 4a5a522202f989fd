// The Chat API requests the app makes as itself, checked against Google's discovery document.
import { chatApi, createMessageRequest, findDirectMessageRequest, updateMessageRequest } from '../../../src/adapters/google/chat-api';
import type { HttpRequest, HttpResponse } from '../../../src/adapters/google/transport';
import { validateAgainstDiscovery } from '../../support/discovery-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { googleRefDir } from '../../support/google-ref';

function discoveryParams(): Record<string, unknown> {
  const d = JSON.parse(readFileSync(join(googleRefDir(), 'chat-v1-discovery.json'), 'utf8')) as { resources: { spaces: { resources: { messages: { methods: { create: { parameters: Record<string, unknown> } } } } } } };
  return d.resources.spaces.resources.messages.methods.create.parameters;
}

const card = { cardId: 'q', card: { header: { title: 'Spørsmål' }, sections: [{ widgets: [{ textParagraph: { text: 'Hei' } }] }] } };

describe('requests', () => {
  it('posts one thread per question with a request id, as a valid Message', () => {
    const req = createMessageRequest('spaces/GUIDES', { text: 'Nytt spørsmål', cardsV2: [card] }, { threadKey: 'q-1', requestId: 'q-q-1' });
    expect(req.method).toBe('POST');
    expect(req.url).toBe('https://chat.googleapis.com/v1/spaces/GUIDES/messages?messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD&requestId=q-q-1');
    expect(req.body).toMatchObject({ thread: { threadKey: 'q-1' } });
    expect(validateAgainstDiscovery('Message', req.body)).toEqual([]);
  });

  it('names a message with a custom id (a query parameter of spaces.messages.create in the discovery document)', () => {
    const req = createMessageRequest('spaces/GUIDES', { text: 'x' }, { threadKey: 'q-1', requestId: 'q-q-1', messageId: 'client-q-q-1-abc' });
    expect(new URL(req.url).searchParams.get('messageId')).toBe('client-q-q-1-abc');
    const params = Object.keys(discoveryParams());
    for (const p of new URL(req.url).searchParams.keys()) expect(params).toContain(p);
  });

  it('updates only the fields it sends', () => {
    expect(updateMessageRequest('spaces/G/messages/m1', { cardsV2: [card] }).url).toBe('https://chat.googleapis.com/v1/spaces/G/messages/m1?updateMask=cards_v2');
    expect(updateMessageRequest('spaces/G/messages/m1', { text: 'x', cardsV2: [card] }).url).toMatch(/updateMask=text%2Ccards_v2$/);
  });

  it('posts no live link, mention or control character from a record (a course title, a name) in the message text', () => {
    const title = 'D-HLR <https://evil.example|klikk her> <users/all>\u202e';
    for (const req of [createMessageRequest('spaces/G', { text: `Ny dato: ${title}` }), updateMessageRequest('spaces/G/messages/m1', { text: title })]) {
      const text = (req.body as { text: string }).text;
      expect(text).not.toMatch(/<\S/);
      expect(text).toContain('< https://evil.example|klikk her>');
      expect(text).not.toContain('\u202e');
    }
  });

  it('finds a DM by the user e-mail alias', () => {
    expect(findDirectMessageRequest('kari@k.no').url).toBe('https://chat.googleapis.com/v1/spaces:findDirectMessage?name=users%2Fkari%40k.no');
  });
});

describe('ChatPort over a transport', () => {
  it('returns the created message and thread, reads 404 as "no DM", and reports other errors clearly', () => {
    const sent: HttpRequest[] = [];
    const port = chatApi({ request: (req): HttpResponse => {
      sent.push(req);
      expect(req.scope).toBe('https://www.googleapis.com/auth/chat.bot');
      if (req.url.includes('findDirectMessage')) return { status: 404, body: { error: { message: 'not found' } } };
      if (req.method === 'PATCH') return { status: 403, body: { error: { message: 'The caller does not have permission' } } };
      return { status: 200, body: { name: 'spaces/G/messages/m9', thread: { name: 'spaces/G/threads/t9' } } };
    } });
    expect(port.createMessage('spaces/G', { text: 'x' })).toEqual({ name: 'spaces/G/messages/m9', threadName: 'spaces/G/threads/t9' });
    expect(port.findDirectMessage('a@k.no')).toBeUndefined();
    expect(() => port.updateMessage('spaces/G/messages/m9', { text: 'y' })).toThrow('Chat API update failed: HTTP 403 The caller does not have permission');
    expect(sent).toHaveLength(3);
  });
});

describe('spaces.messages.get', () => {
  it('reads the thread of a message the app posted, 404 as gone, other errors clearly', () => {
    const sent: HttpRequest[] = [];
    const port = chatApi({ request: (req): HttpResponse => {
      sent.push(req);
      expect(req.scope).toBe('https://www.googleapis.com/auth/chat.bot');
      if (req.url.endsWith('/gone')) return { status: 404, body: { error: { message: 'not found' } } };
      if (req.url.endsWith('/secret')) return { status: 403, body: { error: { message: 'denied' } } };
      return { status: 200, body: { name: 'spaces/G/messages/client-q-1', thread: { name: 'spaces/G/threads/abc' } } };
    } });
    expect(port.getMessage('spaces/G/messages/client-q-1')).toEqual({ name: 'spaces/G/messages/client-q-1', threadName: 'spaces/G/threads/abc' });
    expect(sent[0]).toEqual({ method: 'GET', scope: 'https://www.googleapis.com/auth/chat.bot', url: 'https://chat.googleapis.com/v1/spaces/G/messages/client-q-1' });
    expect(port.getMessage('spaces/G/messages/gone')).toBeUndefined();
    expect(() => port.getMessage('spaces/G/messages/secret')).toThrow('Chat API get failed: HTTP 403 denied');
  });
});
