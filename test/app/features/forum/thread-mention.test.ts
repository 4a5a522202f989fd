// A guide's reply typed in the question's thread (issue 15 §2 "Forum"): Chat sends the app only messages that @mention
// it, so a reply that mentions Kompetent finds its question (the thread its card started, asked of Chat once) and offers
// the guide privately to send it; one click relays it to the asker's DM as the app, once, the asker as anonymous as the
// thread shows them. The thread card tells guides how; anything else in the thread stays the guides'.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { guarded } from '../../../../src/app/pipeline/handle';
import { ENTRY_POINTS } from '../../../../src/app/pipeline/entry-points';
import { toChatResponse } from '../../../../src/ui/envelopes';
import { googleRefDir, validateChatResponse } from '../../../support/discovery-validator';
import { sendOutbox } from '../../../support/effects';
import { buttonParams, checkPosted, handlers, posted, rows, run, warm, EVA, GUIDES_SPACE, P, type Ports } from './support';

const kariDm = 'spaces/dm-kari.nordmann';

function askAndPost(ports: Ports, opts: { anon?: boolean } = {}) {
  const shown = run(ports, P.kari, { text: 'Hvorfor får jeg ikke lagt inn signatur i Gmail?' });
  const params = buttonParams(shown.json, 'forum.post')!;
  run(ports, P.kari, { action: 'forum.post', params: { ...params, ...(opts.anon ? { anon: '1' } : {}) }, messageName: `${kariDm}/messages/a1` });
  const q = rows(ports, 'Questions').at(-1)!;
  return { q, thread: posted(ports, GUIDES_SPACE).find((m) => m.name === q.messageName)! };
}

/** A message that @mentions the app in a thread of a space, as Google sends it (chat-events/02). */
function mention(email: string, space: string, threadName: string, argumentText: string, id = 'm1') {
  const event = JSON.parse(readFileSync(join(googleRefDir(), 'chat-events', '02-message-mention-in-space-thread.json'), 'utf8'));
  const sp = { name: space, type: 'ROOM', spaceType: 'SPACE', displayName: 'Google-guider' };
  event.commonEventObject.userLocale = 'nb';
  Object.assign(event.chat.user, { email, name: `users/${email.split('@')[0]!.replace(/\W/g, '')}` });
  event.chat.space = sp;
  event.chat.messagePayload.space = sp;
  Object.assign(event.chat.messagePayload.message, {
    name: `${space}/messages/${id}`, text: `@Kompetent${argumentText}`, argumentText, space: sp, thread: { name: threadName }, threadReply: true,
  });
  return event;
}

function runMention(ports: Ports, email: string, threadName: string, text: string, id?: string) {
  const out = guarded(ports, handlers, mention(email, GUIDES_SPACE, threadName, text, id), { ...ENTRY_POINTS.onMessage, userEmail: email });
  const resp = JSON.parse(JSON.stringify(toChatResponse(out.reply, out.request ?? {})));
  expect(validateChatResponse(resp)).toEqual([]);
  return { ...out, resp, json: JSON.stringify(resp) };
}

const ANSWER = ' Gå til Innstillinger → Generelt → Signatur, og lagre nederst.';

/** The mention, then the click on "Send the answer" in the private card it answered with. */
function mentionAndSend(ports: Ports, threadName: string, text = ANSWER) {
  const shown = runMention(ports, EVA, threadName, text);
  const params = buttonParams(shown.json, 'forum.answer');
  expect(params).toBeDefined();
  const sent = run(ports, EVA, { action: 'forum.answer', params: params!, space: GUIDES_SPACE, messageName: `${GUIDES_SPACE}/messages/private-1` });
  return { shown, params: params!, sent };
}

describe('a guide answers in the thread by mentioning the app', () => {
  it('finds the question of the thread, shows the guide alone what will be sent, and one click relays it to the asker', () => {
    const ports = warm();
    const { q, thread } = askAndPost(ports);
    ports.meter.reset();
    const { shown, sent } = mentionAndSend(ports, thread.threadName);
    expect(shown.json).toContain('Vil du sende dette som svar til den som spurte?');
    expect(shown.json).toContain('Innstillinger → Generelt → Signatur');
    expect(shown.resp).toHaveProperty('hostAppDataAction.chatDataAction.createMessageAction.message.privateMessageViewer.name', 'users/evaguide');
    expect(sent.json).toContain('Svaret er sendt til den som spurte');
    expect(sent.resp).toHaveProperty('hostAppDataAction.chatDataAction.createMessageAction.message.privateMessageViewer');
    expect(rows(ports, 'Questions')[0]).toMatchObject({ status: 'answered', guideEmail: EVA, answer: ANSWER.trim() });
    const relay = posted(ports, kariDm).at(-1)!;
    expect(JSON.stringify(relay.message)).toContain('Innstillinger → Generelt → Signatur');
    expect(JSON.stringify(relay.message)).toContain('forum.solved');
    expect(JSON.stringify(posted(ports, GUIDES_SPACE).find((m) => m.name === q.messageName)!.message)).toContain('Besvart av Eva Guide');
    checkPosted(ports);
  });

  it('relays once: a second click, a redelivered mention and the outbox job send nothing more', () => {
    const ports = warm();
    const { thread } = askAndPost(ports);
    const { params } = mentionAndSend(ports, thread.threadName);
    const relays = () => posted(ports, kariDm).filter((m) => JSON.stringify(m.message).includes('Signatur'));
    expect(relays()).toHaveLength(1);
    run(ports, EVA, { action: 'forum.answer', params, space: GUIDES_SPACE, messageName: `${GUIDES_SPACE}/messages/private-1` });
    runMention(ports, EVA, thread.threadName, ANSWER);
    sendOutbox(ports);
    expect(relays()).toHaveLength(1);
  });

  it('keeps an anonymous asker anonymous: nothing about them reaches the thread or the guide', () => {
    const ports = warm();
    const { thread } = askAndPost(ports, { anon: true });
    const { shown, sent } = mentionAndSend(ports, thread.threadName);
    const guideSees = [shown.json, sent.json, ...posted(ports, GUIDES_SPACE).map((m) => JSON.stringify(m.message))];
    for (const s of guideSees) expect(s).not.toMatch(/kari|Nordmann|avdeling A/i);
    expect(JSON.stringify(posted(ports, kariDm).at(-1)!.message)).toContain('Signatur');
  });

  it('refuses, privately and without relaying, someone who is not a guide, an empty or over-long mention, and a thread that is no question\'s', () => {
    const ports = warm();
    const { thread } = askAndPost(ports);
    const before = posted(ports, kariDm).length;
    expect(runMention(ports, P.per, thread.threadName, ANSWER).json).toContain('Bare Google-guider kan svare');
    expect(runMention(ports, EVA, thread.threadName, '  ').json).toContain('Skriv svaret i samme melding som @Kompetent');
    const long = ` ${'Svar. '.repeat(1000)}`;
    expect(runMention(ports, EVA, thread.threadName, long).json).toContain(`Teksten er på ${long.trim().length} tegn`);
    const other = runMention(ports, EVA, `${GUIDES_SPACE}/threads/digest`, ANSWER);
    expect(other.json).toContain('hører ikke til et åpent spørsmål');
    expect(other.resp).toHaveProperty('hostAppDataAction.chatDataAction.createMessageAction.message.privateMessageViewer');
    expect(posted(ports, kariDm)).toHaveLength(before);
    expect(rows(ports, 'Questions')[0]).toMatchObject({ status: 'open' });
  });

  it('asks Chat for the question card outside any lock, with no records read', () => {
    const ports = warm();
    const { thread } = askAndPost(ports);
    ports.meter.reset();
    runMention(ports, EVA, thread.threadName, ANSWER);
    expect(ports.meter.byKind.lock).toBeUndefined();
    expect(ports.meter.byKind['chat.get']).toBe(1);
    expect(ports.meter.byKind['workbook.read']).toBeUndefined();
  });

  it('the thread card tells guides how an answer in the thread reaches the asker', () => {
    const ports = warm();
    const { thread } = askAndPost(ports);
    expect(JSON.stringify(thread.message)).toContain('skriv svaret i denne tråden og nevn @Kompetent');
  });

  it('a mention in a thread of another space is free text as before (FAQ search, privately)', () => {
    const ports = warm();
    const out = guarded(ports, handlers, mention(P.kari, 'spaces/OTHER', 'spaces/OTHER/threads/t1', ' signatur gmail'), { ...ENTRY_POINTS.onMessage, userEmail: P.kari });
    const resp = JSON.parse(JSON.stringify(toChatResponse(out.reply, out.request ?? {})));
    expect(validateChatResponse(resp)).toEqual([]);
    expect(rows(ports, 'Questions')).toHaveLength(0);
    expect(JSON.stringify(resp)).not.toContain('forum.answer');
  });
});
