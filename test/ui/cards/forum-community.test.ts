// The guides' community: the weekly digest in their space, statistics (own, all, ranked) and the announcements.
import { formatWorkTime } from '../../../src/core/i18n';
import { LIMITS } from '../../../src/core/text-limits';
import { ACTIONS } from '../../../src/contract/actions';
import { userText } from '../../../src/ui/cards/forum-common';
import {
  announceDialog, announcementMessage, announcePromptCard, digestMessage, statsCard, type DigestModel, type StatsModel,
} from '../../../src/ui/cards/forum-community';
import { actionNames, clicks, expectHostileInert, expectValidCard, expectValidMessage, htmlFields, HOSTILE, ws } from '../../support/cards';
import { forumCtx } from '../../support/forum-ctx';

const nb = forumCtx();
const t = nb.t;

describe('digestMessage', () => {
  const model = (over: Partial<DigestModel> = {}): DigestModel => ({
    openCount: 4,
    oldest: [{ questionId: 'q-1', rowNumber: 5, text: 'x'.repeat(200), topic: 'drive', hours: 6.5, routedTo: 'Ola Guide' }, { questionId: 'q-2', text: 'Kort', hours: 0.5 }],
    newFaq: Array.from({ length: 12 }, (_, i) => ({ question: `Nytt ${i}`, topic: 'gmail' })),
    topTopics: [{ topic: 'drive', count: 7 }, { topic: 'chat', count: 2 }], answeredThisWeek: 9, medianHours: 1.5, ...over,
  });

  it('shows what is open, the oldest with claim buttons, new FAQ entries (ten), top topics and thanks', () => {
    const msg = digestMessage(model(), nb);
    expectValidMessage(msg);
    expect(msg.text).toBe(t('digest.title'));
    const c = msg.cardsV2![0]!.card;
    expect(htmlFields(c.sections[0])).toEqual([userText(t('digest.open', { count: 4 })), userText(t('digest.thanks', { count: 9, time: formatWorkTime('nb', 1.5) }))]);
    const first = ws(c.sections[1])[0]!.decoratedText!;
    expect(first.topLabel).toBe(userText(`${t('digest.waiting', { time: formatWorkTime('nb', 6.5) })} · Drive`));
    expect(first.text).toBe(`${'x'.repeat(157)}…`);
    expect(first.bottomLabel).toBe(userText(t('digest.routedTo', { guide: 'Ola Guide' })));
    expect(ws(c.sections[1])[1]!.decoratedText!.bottomLabel).toBeUndefined();
    expect(clicks(c).map((k) => [k.action, k.params])).toEqual([[ACTIONS.claim, { q: 'q-1', row: '5' }], [ACTIONS.claim, { q: 'q-2' }]]);
    expect(ws(c.sections[2])).toHaveLength(10);
    expect(htmlFields(c.sections[3])).toEqual(['Drive (7) · Chat (2)']);
  });

  it('says nothing is open and leaves out empty parts on a quiet week, and keeps question text inert', () => {
    const quiet = digestMessage(model({ openCount: 0, oldest: [], newFaq: [], topTopics: [], answeredThisWeek: 0 }), nb).cardsV2![0]!.card;
    expectValidCard(quiet);
    expect(quiet.sections).toHaveLength(1);
    expect(htmlFields(quiet)).toEqual([userText(t('digest.noneOpen'))]);
    expectHostileInert(digestMessage(model({ oldest: [{ questionId: 'q', text: HOSTILE, hours: 1, routedTo: HOSTILE }], newFaq: [{ question: HOSTILE }] }), nb).cardsV2![0]!.card);
  });
});

describe('statsCard', () => {
  const stats = (answered: number) => ({ answered, medianHours: 2, helpful: answered - 1, holding: 0 });
  const model = (over: Partial<StatsModel> = {}): StatsModel => ({
    builtAt: '2026-12-03T08:00:00Z', mine: { answered: 12, medianHours: 3.5, helpful: 9, holding: 2 },
    overall: { ...stats(80), asked: 95, open: 6 }, ranked: false, ...over,
  });

  it('shows a guide their own numbers privately and the overall figures', () => {
    const c = statsCard(model(), nb);
    expectValidCard(c);
    expect(c.header).toEqual({ title: t('stats.title'), subtitle: t('stats.asOf', { time: t('forum.when', { date: '3. desember 2026', time: '09:00' }) }) });
    expect(ws(c.sections[0]).map((w) => w.decoratedText?.text ?? w.textParagraph!.text)).toEqual(['12', userText(t('stats.hours', { time: formatWorkTime('nb', 3.5) })), '9', '2', userText(t('stats.private'))]);
    expect(ws(c.sections[1]).map((w) => w.decoratedText!.text)).toEqual(['95', '6', userText(t('stats.line', { answered: 80, time: formatWorkTime('nb', 2), helpful: 79 }))]);
    expect(c.sections).toHaveLength(2);
    expect(ws(statsCard(model({ mine: { answered: 1, helpful: 0, holding: 0 } }), nb).sections[0])).toHaveLength(4);
  });

  it('lists every guide for admins (at most 70, ten before collapsing), numbered only when ranked', () => {
    const everyone = Array.from({ length: 75 }, (_, i) => ({ name: `Guide ${i + 1}`, stats: stats(75 - i) }));
    const ranked = statsCard(model({ mine: undefined, everyone, ranked: true }), nb);
    expectValidCard(ranked);
    const list = ranked.sections.at(-1)!;
    expect(list).toMatchObject({ header: userText(t('stats.ranking')), collapsible: true, uncollapsibleWidgetsCount: 10 });
    expect(list.widgets).toHaveLength(70);
    expect(ws(list)[0]!.decoratedText).toMatchObject({ topLabel: '1.', text: 'Guide 1' });
    const plain = statsCard(model({ everyone: everyone.slice(0, 3), ranked: false }), nb).sections.at(-1)!;
    expect(plain.header).toBe(userText(t('stats.perGuide')));
    expect(plain.collapsible).toBe(false);
    expect(ws(plain)[0]!.decoratedText!.topLabel).toBeUndefined();
    expectHostileInert(statsCard(model({ everyone: [{ name: HOSTILE, stats: stats(1) }] }), nb));
  });
});

describe('announcements', () => {
  it('the dialog keeps what was typed and why it was refused, and posts with the announcement id', () => {
    const d = announceDialog(nb, 'ann-1', { message: 'Hei alle', notice: 'For lang' });
    expectValidCard(d);
    expect(ws(d.sections[0])[1]!.decoratedText!.text).toBe('For lang');
    expect(ws(d.sections[0])[2]!.textInput).toMatchObject({ name: 'message', value: 'Hei alle', hintText: t('announce.hint', { max: LIMITS.announcement }) });
    expect(clicks(d.fixedFooter)).toEqual([{ text: t('announce.send'), action: ACTIONS.announce, params: { aid: 'ann-1' }, dialog: false }]);
    expect(ws(announceDialog(nb, 'ann-2').sections[0])).toHaveLength(2);
  });

  it('a typed command gets a button that opens the dialog with the text', () => {
    expect(clicks(announcePromptCard('Møte fredag', nb))).toEqual([{ text: t('announce.write'), action: ACTIONS.announceOpen, params: { message: 'Møte fredag' }, dialog: true }]);
    expect(clicks(announcePromptCard('', nb))[0]!.params).toEqual({});
  });

  it('the posted announcement: the card, a short text preview with mentions and links made inert', () => {
    const msg = announcementMessage('Husk <users/all> @all møtet', 'Koordinator', nb);
    expectValidMessage(msg);
    expect(msg.text).not.toMatch(/<users|@all\b/);
    expect(msg.text!.startsWith(`${t('announce.header')}: Husk <\u200busers/all> @\u200ball`)).toBe(true);
    const long = announcementMessage('y'.repeat(500), 'K', nb);
    expect(long.text).toBe(`${t('announce.header')}: ${'y'.repeat(197)}…`);
    expect(htmlFields(long.cardsV2![0]!.card)[0]).toBe('y'.repeat(500));
    expect(actionNames(long)).toEqual([ACTIONS.guideStats]);
    expectHostileInert(announcementMessage(HOSTILE, 'K', nb).cardsV2![0]!.card);
  });
});
