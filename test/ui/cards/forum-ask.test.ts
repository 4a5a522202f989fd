// Asking a guide: the dialog, the FAQ matches shown privately before anything is posted, the receipt and the prompts.
import { LIMITS } from '../../../src/core/text-limits';
import { ACTIONS } from '../../../src/contract/actions';
import { askDialog, askPromptCard, askTooLongCard, matchesCard, sentCard, solvedByFaqCard, type MatchLine } from '../../../src/ui/cards/forum-ask';
import { userText } from '../../../src/ui/cards/forum-common';
import { clicks, expectHostileInert, expectValidCard, htmlFields, HOSTILE, ws } from '../../support/cards';
import { forumCtx } from '../../support/forum-ctx';

const nb = forumCtx();
const t = nb.t;

describe('askDialog', () => {
  it('keeps the draft, offers the topics with "don\'t know" first, and submits from the footer', () => {
    const d = askDialog({ text: 'Hvordan deler jeg?', topic: 'drive', anonymous: true }, ['drive', 'gmail'], nb);
    expectValidCard(d);
    const [intro, input, topic, anon] = ws(d.sections[0]);
    expect(intro!.textParagraph!.text).toBe(userText(t('ask.intro')));
    expect(input!.textInput).toMatchObject({ name: 'text', value: 'Hvordan deler jeg?', hintText: t('ask.text.hint', { max: LIMITS.question }), type: 'MULTIPLE_LINE' });
    expect(topic!.selectionInput!.items).toEqual([{ text: t('ask.topic.unknown'), value: '', selected: false }, { text: 'Drive', value: 'drive', selected: true }, { text: 'Gmail', value: 'gmail', selected: false }]);
    expect(anon!.selectionInput).toMatchObject({ name: 'anonymous', type: 'CHECK_BOX', items: [{ value: 'yes', selected: true }] });
    expect(clicks(d.fixedFooter)).toEqual([{ text: t('ask.send'), action: ACTIONS.askSubmit, params: {}, dialog: false }]);
  });

  it('shows a refusal notice above the kept text, and leaves out topics when there are none', () => {
    const d = askDialog({}, [], nb, 'For lang: 1600 tegn');
    expectValidCard(d);
    const widgets = ws(d.sections[0]);
    expect(widgets[1]!.decoratedText!.text).toBe('For lang: 1600 tegn');
    expect(widgets.filter((w) => w.selectionInput).map((w) => w.selectionInput!.name)).toEqual(['anonymous']);
    expect(widgets[2]!.textInput!.value).toBe('');
  });
});

describe('matchesCard', () => {
  const match = (i: number, over: Partial<MatchLine> = {}): MatchLine => ({ faqId: `F${i}`, question: `Spørsmål ${i}`, answer: `Svar ${i}`, topic: 'drive', ...over });
  const draft = { text: 'Hvordan deler jeg en mappe?', topic: 'drive', anonymous: false };

  it('shows the answers privately with "this solved it", and carries the draft exactly to "send to a guide"', () => {
    const c = matchesCard('qid-1', draft, [match(1), match(2, { answer: 'x'.repeat(700) })], nb, 'Merk: ingen guide i enheten');
    expectValidCard(c);
    expect(c.header).toEqual({ title: t('ask.matches.title'), subtitle: t('ask.matches.private') });
    expect(ws(c.sections[0])[1]!.textParagraph!.text).toBe('Merk: ingen guide i enheten');
    expect(ws(c.sections[2])[1]!.textParagraph!.text).toBe(`${'x'.repeat(597)}…`);
    // An answer of exactly 600 characters is shown whole.
    expect(ws(matchesCard('q', draft, [match(3, { answer: 'y'.repeat(600) })], nb).sections[1])[1]!.textParagraph!.text).toBe('y'.repeat(600));
    expect(clicks(c)).toEqual([
      { text: t('ask.solvedIt'), action: ACTIONS.askSolvedByFaq, params: { faqId: 'F1', qid: 'qid-1' }, dialog: false },
      { text: t('ask.solvedIt'), action: ACTIONS.askSolvedByFaq, params: { faqId: 'F2', qid: 'qid-1' }, dialog: false },
      { text: t('ask.sendToGuide'), action: ACTIONS.askPost, params: { qid: 'qid-1', text: draft.text, topic: 'drive' }, dialog: false },
      { text: t('ask.sendAnonymous'), action: ACTIONS.askPost, params: { qid: 'qid-1', text: draft.text, topic: 'drive', anon: '1' }, dialog: false },
      { text: t('ask.edit'), action: ACTIONS.askOpen, params: { query: draft.text, topic: 'drive' }, dialog: true },
    ]);
    expect(ws(c.sections.at(-1))[0]!.buttonList!.buttons[0]!.type).toBe('OUTLINED');
  });

  it('with no match says so, makes sending the main button, and for an anonymous draft offers only anonymous sending', () => {
    const c = matchesCard('qid-2', { text: 'Hei', anonymous: true }, [], nb);
    expectValidCard(c);
    expect(c.header!.title).toBe(t('ask.none.title'));
    expect(htmlFields(c)).toContain(userText(t('ask.none.intro')));
    expect(clicks(c)).toEqual([
      { text: t('ask.sendAnonymous'), action: ACTIONS.askPost, params: { qid: 'qid-2', text: 'Hei', anon: '1' }, dialog: false },
      { text: t('ask.edit'), action: ACTIONS.askOpen, params: { query: 'Hei' }, dialog: true },
    ]);
    expect(ws(c.sections.at(-1))[0]!.buttonList!.buttons[0]!.type).toBe('FILLED');
  });

  it('keeps the question, FAQ text and topic inert', () => {
    expectHostileInert(matchesCard('q', { text: HOSTILE, anonymous: false }, [match(1, { question: HOSTILE, answer: HOSTILE, topic: HOSTILE })], nb, HOSTILE));
  });
});

describe('the receipt and the prompts', () => {
  it('says who got the question and how, that it is anonymous, and that it waits in the queue', () => {
    const c = sentCard({ guideName: 'Ola Guide', via: 'topic', topic: 'drive', anonymous: true, queued: true, text: 'Hei' }, nb);
    expectValidCard(c);
    expect(htmlFields(c)).toEqual(['Hei', t('ask.yourQuestion'), userText(`${t('ask.sent.topic', { guide: 'Ola Guide', topic: 'Drive' })} ${t('ask.sent.reply')}`),
      userText(t('ask.sent.anonymous')), userText(t('ask.sent.queued'))]);
    for (const via of ['unit', 'leastLoaded'] as const) {
      expect(htmlFields(sentCard({ guideName: 'Ola', via, anonymous: false, queued: false, text: 'x' }, nb))[2]).toBe(userText(`${t(`ask.sent.${via}`, { guide: 'Ola', topic: '' })} ${t('ask.sent.reply')}`));
    }
    const nobody = sentCard({ via: 'unit', anonymous: false, queued: false, text: 'x' }, nb);
    expect(htmlFields(nobody)).toEqual(['x', t('ask.yourQuestion'), userText(`${t('ask.sent.none')} ${t('ask.sent.reply')}`)]);
    expect(htmlFields(sentCard({ guideName: 'Ola', via: 'none', anonymous: false, queued: false, text: 'x' }, nb))[2]).toContain(userText(t('ask.sent.none')));
    expectHostileInert(sentCard({ guideName: HOSTILE, via: 'unit', anonymous: false, queued: false, text: HOSTILE }, nb));
  });

  it('thanks after "this solved it", and opens the dialog to shorten or write', () => {
    const solved = solvedByFaqCard(HOSTILE, nb);
    expectValidCard(solved);
    expectHostileInert(solved);
    const long = askTooLongCard('x'.repeat(2000), 'For lang', nb);
    expectValidCard(long);
    expect(clicks(long)).toEqual([{ text: t('ask.shorten'), action: ACTIONS.askOpen, params: { query: 'x'.repeat(2000) }, dialog: true }]);
    const prompt = askPromptCard(forumCtx('en'));
    expectValidCard(prompt);
    expect(clicks(prompt)).toEqual([{ text: forumCtx('en').t('ask.write'), action: ACTIONS.askOpen, params: {}, dialog: true }]);
    expect(forumCtx('en').t('ask.write')).not.toBe(t('ask.write'));
  });
});
