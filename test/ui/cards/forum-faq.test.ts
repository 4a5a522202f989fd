// The FAQ cards: search results, one entry with feedback, the guides' publish dialog and the owners' review reminder.
import type { FaqEntry } from '../../../src/core/records/tables';
import { LIMITS } from '../../../src/core/text-limits';
import { ACTIONS } from '../../../src/contract/actions';
import { userText } from '../../../src/ui/cards/forum-common';
import { FAQ_RESULTS, faqEntryCard, faqResultsCard, publishDialog, reviewMail, reviewMessage } from '../../../src/ui/cards/forum-faq';
import { actionNames, clicks, expectHostileInert, expectValidCard, expectValidMessage, htmlFields, HOSTILE, ws } from '../../support/cards';
import { forumCtx } from '../../support/forum-ctx';

const nb = forumCtx();
const t = nb.t;
const faq = (i: number, over: Partial<FaqEntry> = {}): FaqEntry => ({
  faqId: `F${i}`, question: `Hvordan deler jeg mappe ${i}?`, answer: 'Høyreklikk og velg Del.', topic: 'drive', publishedAt: '2026-10-01', reviewBy: '2027-04-01', helpful: i, ...over,
});

describe('faqResultsCard', () => {
  it('shows at most five results for a query, with their helpful count and a way to ask with the query', () => {
    const c = faqResultsCard('dele mappe', Array.from({ length: 7 }, (_, i) => faq(i)), nb);
    expectValidCard(c);
    expect(htmlFields(c.sections[0])).toEqual([userText(t('faq.results', { query: 'dele mappe' }))]);
    const rows = ws(c.sections[1]).map((w) => w.decoratedText!);
    expect(rows).toHaveLength(FAQ_RESULTS);
    expect(rows[0]!.bottomLabel).toBeUndefined(); // helpful 0
    expect(rows[1]).toMatchObject({ topLabel: 'Drive', text: 'Hvordan deler jeg mappe 1?', bottomLabel: userText(t('faq.helpfulCount', { count: 1 })) });
    expect(clicks(c).at(-1)).toEqual({ text: t('faq.ask'), action: ACTIONS.askOpen, params: { query: 'dele mappe' }, dialog: true });
    expect(clicks(c).slice(0, 5).map((k) => k.params.faqId)).toEqual(['F0', 'F1', 'F2', 'F3', 'F4']);
  });

  it('without a query shows the popular ones and a search hint; with no hit says so', () => {
    const popular = faqResultsCard('', [faq(1)], nb);
    expect(htmlFields(popular)).toEqual(expect.arrayContaining([userText(t('faq.popular')), userText(t('faq.searchHint'))]));
    expect(clicks(popular).at(-1)!.params).toEqual({});
    const none = faqResultsCard('sykkel', [], nb);
    expectValidCard(none);
    expect(htmlFields(none)).toEqual([userText(t('faq.none', { query: 'sykkel' }))]);
    expectHostileInert(faqResultsCard(HOSTILE, [faq(1, { question: HOSTILE, topic: HOSTILE })], nb));
  });
});

describe('faqEntryCard', () => {
  it('shows the answer and the publishing date, and asks whether it helped', () => {
    const c = faqEntryCard(faq(1), nb);
    expectValidCard(c);
    expect(c).toMatchObject({ name: 'faq-F1', header: { title: 'Hvordan deler jeg mappe 1?', subtitle: 'Drive' } });
    expect(htmlFields(c)).toEqual([userText('Høyreklikk og velg Del.'), userText(t('faq.published', { date: '1. oktober 2026' }))]);
    expect(clicks(c).map((k) => [k.action, k.params])).toEqual([[ACTIONS.faqFeedback, { faqId: 'F1', v: 'up' }], [ACTIONS.faqFeedback, { faqId: 'F1', v: 'down' }], [ACTIONS.askOpen, {}]]);
  });

  it('thanks instead of asking again, shortens a long question in the header and shows it whole, keeps text inert', () => {
    expect(actionNames(faqEntryCard(faq(1), nb, 'thanks'))).toEqual([ACTIONS.askOpen]);
    expect(htmlFields(faqEntryCard(faq(1), nb, 'already'))).toContain(userText(t('faq.feedback.already')));
    const long = faqEntryCard(faq(1, { question: 'q'.repeat(200), topic: undefined, publishedAt: undefined }), nb);
    expectValidCard(long);
    expect(long.header).toEqual({ title: `${'q'.repeat(117)}…` });
    expect(htmlFields(long)[0]).toBe(`<b>${'q'.repeat(200)}</b>`);
    expectHostileInert(faqEntryCard(faq(1, { answer: HOSTILE }), nb));
  });
});

describe('publishDialog', () => {
  it('is prefilled from the question, cut to the FAQ limits, and publishes with the question id and row', () => {
    const d = publishDialog({ questionId: 'q-1', rowNumber: 12, question: 'q'.repeat(400), answer: 'Svar', topic: 'drive' }, nb);
    expectValidCard(d);
    const inputs = ws(d.sections[0]).filter((w) => w.textInput).map((w) => [w.textInput!.name, w.textInput!.value]);
    expect(inputs).toEqual([['question', 'q'.repeat(LIMITS.faqQuestion)], ['answer', 'Svar'], ['topic', 'drive']]);
    expect(clicks(d.fixedFooter)).toEqual([{ text: t('publish.send'), action: ACTIONS.publishSubmit, params: { q: 'q-1', row: '12' }, dialog: false }]);
    expect(clicks(publishDialog({ questionId: 'q-2', question: 'a', answer: 'b' }, nb).fixedFooter)[0]!.params).toEqual({ q: 'q-2' });
  });
});

describe('the review reminder', () => {
  const entries = Array.from({ length: 22 }, (_, i) => faq(i));
  it('lists up to twenty entries due, each with "still correct" carrying every id on the card', () => {
    const msg = reviewMessage(entries, nb);
    expectValidMessage(msg);
    const c = msg.cardsV2![0]!.card;
    const ids = entries.slice(0, 20).map((f) => f.faqId).join(',');
    expect(c.header).toEqual({ title: t('review.title'), subtitle: t('review.count', { count: 20 }) });
    expect(clicks(c).filter((k) => k.action === ACTIONS.faqReviewed)).toHaveLength(20);
    expect(clicks(c)[0]).toEqual({ text: t('review.ok'), action: ACTIONS.faqReviewed, params: { faqId: 'F0', ids }, dialog: false });
  });

  it('comes back with confirmed entries marked done and counted out', () => {
    const c = reviewMessage(entries.slice(0, 3), nb, new Set(['F1'])).cardsV2![0]!.card;
    expect(c.header!.subtitle).toBe(t('review.count', { count: 2 }));
    expect(ws(c.sections[2])[0]!.decoratedText!.topLabel).toBe(userText(t('review.confirmed', { date: '1. april 2027' })));
    expect(actionNames(c.sections[2])).toEqual([ACTIONS.faqShow]);
    expect(actionNames(c.sections[1])).toEqual([ACTIONS.faqReviewed, ACTIONS.faqShow]);
    expectHostileInert(reviewMessage([faq(1, { question: HOSTILE })], nb).cardsV2![0]!.card);
  });

  it('by mail: one line per entry with its date', () => {
    const mail = reviewMail(entries.slice(0, 2), forumCtx('en'));
    const en = forumCtx('en').t;
    expect(mail).toEqual({ subject: en('review.mail.subject', { count: 2 }), text: `${en('review.intro')}\n\n- Hvordan deler jeg mappe 0? (${en('review.due', { date: '1 April 2027' })})\n- Hvordan deler jeg mappe 1? (${en('review.due', { date: '1 April 2027' })})\n\n${en('review.mail.footer')}` });
  });
});
