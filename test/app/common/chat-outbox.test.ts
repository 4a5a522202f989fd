// The Chat outbox keeps one write a second per space: it waits on the injected clock when it may, else defers.
import { ChatOutbox, chatOutbox, spaceOf } from '../../../src/app/common/chat-outbox';
import { ConsoleLog, MemoryChat, MovableClock } from '../../../src/adapters/memory/memory-services';

function setup(sleep?: boolean, maxWaitMs = 5000) {
  const clock = new MovableClock('Europe/Oslo', () => Date.parse('2026-11-23T09:00:00Z'));
  const chat = new MemoryChat(() => clock.now());
  const log = new ConsoleLog();
  const outbox = new ChatOutbox(chat, () => clock.now().getTime(), log, { sleep: sleep ? (ms) => clock.advance(ms) : undefined, maxWaitMs });
  return { clock, chat, log, outbox };
}

it('spaces writes to one space by a second, and not writes to different spaces', () => {
  const { outbox, chat } = setup(true);
  outbox.create('spaces/A', { text: '1' });
  outbox.create('spaces/B', { text: '2' });
  const m = outbox.create('spaces/A', { text: '3' });
  expect(m.ok).toBe(true);
  if (m.ok) outbox.update(m.name, { text: '3b' });
  const times = outbox.written.map((w) => `${w.space}@${w.at - outbox.written[0]!.at}`);
  expect(times).toEqual(['spaces/A@0', 'spaces/B@0', 'spaces/A@1000', 'spaces/A@2000']);
  expect(chat.messages.map((x) => x.message.text)).toEqual(['1', '2', '3b']);
});

it('defers instead of waiting when it has no way to wait, or the wait budget is spent', () => {
  const a = setup(false);
  a.outbox.create('spaces/A', { text: '1' });
  expect(a.outbox.create('spaces/A', { text: '2' })).toEqual({ ok: false, reason: 'deferred' });
  expect(a.chat.messages).toHaveLength(1);
  const b = setup(true, 1500);
  b.outbox.create('spaces/A', { text: '1' });
  b.outbox.create('spaces/A', { text: '2' });
  expect(b.outbox.create('spaces/A', { text: '3' })).toEqual({ ok: false, reason: 'deferred' });
  expect(b.outbox.deferred).toBe(1);
});

it('turns API errors into results: quota errors are worth a retry, others fail; nothing throws', () => {
  const { outbox, chat, log } = setup(true);
  chat.createMessage = () => { throw new Error('Chat API create failed: HTTP 429 Resource exhausted'); };
  expect(outbox.create('spaces/A', { text: '1' })).toMatchObject({ ok: false, reason: 'deferred' });
  chat.createMessage = () => { throw new Error('Chat API create failed: HTTP 403 forbidden'); };
  expect(outbox.create('spaces/B', { text: '1' })).toMatchObject({ ok: false, reason: 'failed' });
  chat.findDirectMessage = () => { throw new Error('boom'); };
  expect(outbox.directMessage('x@y')).toBeUndefined();
  expect(log.entries.filter((e) => e.level === 'error')).toHaveLength(3);
});

it('knows the space of a message or thread name', () => {
  expect(spaceOf('spaces/AAA/messages/B.C')).toBe('spaces/AAA');
  expect(spaceOf('spaces/AAA/threads/x')).toBe('spaces/AAA');
});

it('chatOutbox builds it from the ports it uses: waiting (ports.sleep) only within the budget given, none by default', () => {
  const clock = new MovableClock('Europe/Oslo', () => Date.parse('2026-11-23T09:00:00Z'));
  const chat = new MemoryChat(() => clock.now());
  const ports = { chat, clock, log: new ConsoleLog(), sleep: (ms: number) => clock.advance(ms) };
  const job = chatOutbox(ports, 60_000);
  job.create('spaces/A', { text: '1' });
  expect(job.create('spaces/A', { text: '2' }).ok).toBe(true);
  const card = chatOutbox(ports);
  card.create('spaces/B', { text: '1' });
  expect(card.create('spaces/B', { text: '2' })).toEqual({ ok: false, reason: 'deferred' });
});

it('asks for no DM of an empty address', () => {
  const { outbox, chat } = setup();
  let asked = 0;
  chat.findDirectMessage = () => { asked++; return 'spaces/X'; };
  expect(outbox.directMessage('')).toBeUndefined();
  expect(asked).toBe(0);
});
