// The thread card stays within Chat's limits for the longest, most hostile question and answer; buttons follow the state.
import { guideView } from '../../../src/core/forum';
import { translator } from '../../../src/core/i18n';
import type { Question } from '../../../src/core/records/tables';
import { LIMITS } from '../../../src/core/text-limits';
import { threadMessage, threadReply } from '../../../src/ui/cards/forum-thread';
import { validateAgainstDiscovery } from '../../support/discovery-validator';
import { checkLimits } from '../../app/features/forum/support';

const ctx = { t: translator('nb'), locale: 'nb' as const, timeZone: 'Europe/Oslo' };
const q = (over: Partial<Question> = {}): Question => ({
  questionId: 'q-1', askerEmail: 'kari@k.no', anonymous: false, unitId: 'u', topic: 'drive', text: 'Hvordan?', status: 'open',
  guideEmail: 'ola@k.no', askedAt: '2026-11-23T08:00:00Z', ...over,
});
const model = (row: Question) => ({ q: guideView(row, 'Kari'), rowNumber: 2, unitName: 'Enhet', nameOf: (e: string) => e });
const actions = (json: string) => [...json.matchAll(/"key":"action","value":"([^"]+)"/g)].map((m) => m[1]);

it('stays under 32,000 bytes and 100 widgets with the longest question and answer of characters that escape the most', () => {
  const worst = (n: number) => '"&'.repeat(n / 2);
  const msg = threadMessage(model(q({ text: worst(LIMITS.question), answer: worst(LIMITS.answer), status: 'answered', answeredAt: '2026-11-23T09:00:00Z' })), ctx);
  expect(validateAgainstDiscovery('Message', JSON.parse(JSON.stringify(msg)), { rejectOutputOnly: true })).toEqual([]);
  expect(() => checkLimits(msg)).not.toThrow();
  const reply = threadReply('notYet', worst(LIMITS.reply), model(q()), ctx);
  expect(() => checkLimits(reply)).not.toThrow();
});

it('offers the actions that fit the state', () => {
  expect(actions(JSON.stringify(threadMessage(model(q()), ctx)))).toEqual(['forum.claim', 'forum.answerOpen', 'forum.handOverOpen', 'forum.escalate']);
  expect(actions(JSON.stringify(threadMessage(model(q({ status: 'claimed' })), ctx)))).toEqual(['forum.answerOpen', 'forum.askAskerOpen', 'forum.handOverOpen', 'forum.escalate']);
  expect(actions(JSON.stringify(threadMessage(model(q({ status: 'resolved', answer: 'x' })), ctx)))).toEqual(['forum.publishOpen']);
  const published = threadMessage(model(q({ status: 'resolved', answer: 'x', faqId: 'F1' })), ctx);
  expect(actions(JSON.stringify(published))).toEqual([]);
  expect(JSON.stringify(published)).not.toContain('buttonList');
  expect(validateAgainstDiscovery('Message', JSON.parse(JSON.stringify(published)), { rejectOutputOnly: true })).toEqual([]);
});
