// Chat effects of a change (src/app/common/effects.ts): committed as Outbox rows with the change, tried once by the request after
// the lock, made sure of by the outbox job as the app — one message however often either runs, a mail when there is no DM.
import { guarded } from '../../../src/app/pipeline/handle';
import { KOMPETENT_ACCOUNT } from '../../../src/adapters/memory/memory-services';
import { buttonParams, handlers, posted, rows, run, warm, EVA, GUIDES_SPACE, P, type Ports } from '../features/forum/support';

const job = (ports: Ports) => guarded(ports, handlers, {}, { host: 'job', action: 'job.outbox', userEmail: '', fromTrigger: true });
const evaDm = 'spaces/dm-eva.guide';

function ask(ports: Ports, text = 'Hvorfor får jeg ikke lagt inn signatur i Gmail?') {
  const shown = run(ports, P.kari, { text });
  run(ports, P.kari, { action: 'forum.post', params: buttonParams(shown.json, 'forum.post')!, messageName: 'spaces/dm-kari.nordmann/messages/a1' });
  return rows(ports, 'Questions').at(-1)!;
}
const chatRows = (ports: Ports) => rows(ports, 'Outbox').filter((o) => o.channel === 'chat');

describe('a question\'s thread and the guide\'s notice', () => {
  it('are committed with the question, posted after the lock, and recorded by the job without posting again', () => {
    const ports = warm();
    const q = ask(ports);
    expect(chatRows(ports).map((o) => o.subjectKey)).toEqual([`thread:${q.questionId}`, `routed:${q.questionId}`]);
    // The request's own attempt, once the question was committed.
    expect(posted(ports, GUIDES_SPACE)).toHaveLength(1);
    expect(posted(ports, evaDm)).toHaveLength(1);
    job(ports);
    job(ports);
    expect(chatRows(ports).map((o) => o.status)).toEqual(['sent', 'sent']);
    expect(posted(ports, GUIDES_SPACE)).toHaveLength(1);
    expect(posted(ports, evaDm)).toHaveLength(1);
    expect(ports.services.mail.sent).toHaveLength(0);
  });

  it('when Chat is down during the click: nothing is lost, the job posts each once when Chat is back', () => {
    const ports = warm();
    const chat = ports.services.chat;
    const original = chat.createMessage.bind(chat);
    chat.createMessage = () => { throw new Error('Chat API create failed: HTTP 503 unavailable'); };
    const q = ask(ports);
    expect(q.status).toBe('open');
    expect(chatRows(ports).map((o) => o.status)).toEqual(['pending', 'pending']);
    job(ports);
    expect(chatRows(ports).map((o) => [o.status, o.attempts])).toEqual([['pending', '1'], ['pending', '1']]);
    chat.createMessage = original;
    job(ports);
    job(ports);
    expect(chatRows(ports).map((o) => o.status)).toEqual(['sent', 'sent']);
    expect(posted(ports, GUIDES_SPACE).map((m) => m.name)).toEqual([q.messageName]);
    expect(posted(ports, evaDm)).toHaveLength(1);
  });

  it('a guide without a DM with the app gets the mail instead, from the Kompetent account, once', () => {
    const ports = warm();
    ports.services.chat.dms.delete(EVA);
    const q = ask(ports);
    expect(ports.services.mail.sent).toHaveLength(0);
    job(ports);
    job(ports);
    const mails = ports.services.mail.sent.filter((m) => m.to === EVA);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.from).toBe(KOMPETENT_ACCOUNT);
    expect(chatRows(ports).find((o) => o.subjectKey === `routed:${q.questionId}`)!.status).toBe('sent');
  });

  it('a custom id Chat already has (409) means the message is there: recorded as sent, not posted again', () => {
    const ports = warm();
    const chat = ports.services.chat;
    const original = chat.createMessage.bind(chat);
    let failNext = true;
    chat.createMessage = (space, message, opts) => {
      if (space === GUIDES_SPACE && failNext) { failNext = false; throw new Error('Chat API create failed: HTTP 503 unavailable'); }
      return original(space, message, opts);
    };
    const q = ask(ports);
    // Posted by hand with the same custom id but another request id (an operator's retry): Chat refuses the job's post.
    original(GUIDES_SPACE, { text: 'x' }, { messageId: String(q.messageName).split('/').pop(), requestId: 'other' });
    job(ports);
    expect(chatRows(ports).find((o) => o.subjectKey === `thread:${q.questionId}`)!.status).toBe('sent');
    expect(posted(ports, GUIDES_SPACE)).toHaveLength(1);
  });
});
