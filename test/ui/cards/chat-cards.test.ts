// The Chat app's own cards: the welcome where it is added, help by role, and "my guide".
import { ACTIONS } from '../../../src/contract/actions';
import { userText } from '../../../src/ui/cards/forum-common';
import { chatHelpCard, myGuideCard, welcomeCard, type GuideLine } from '../../../src/ui/cards/chat-cards';
import { actionNames, clicks, expectHostileInert, expectValidCard, htmlFields, HOSTILE, ws } from '../../support/cards';
import { forumCtx } from '../../support/forum-ctx';

const nb = forumCtx();

describe('welcomeCard', () => {
  it('says what the app does where it was added, with the first buttons', () => {
    const dm = welcomeCard('dm', nb);
    expectValidCard(dm);
    expect(dm).toMatchObject({ name: 'welcome-dm', header: { title: nb.t('welcome.dm.title') } });
    expect(clicks(dm).map((c) => [c.action, c.dialog])).toEqual([[ACTIONS.askOpen, true], [ACTIONS.faqSearch, false], [ACTIONS.myStatus, false]]);
    expect(actionNames(welcomeCard('space', nb))).toEqual([ACTIONS.askOpen, ACTIONS.faqSearch]);
    const guides = welcomeCard('guides', nb);
    expect(actionNames(guides)).toEqual([ACTIONS.guideStats, ACTIONS.faqSearch]);
    expect(htmlFields(guides)).toEqual([userText(nb.t('welcome.guides.body'))]);
    expect(welcomeCard('dm', forumCtx('sv')).header!.title).toBe(forumCtx('sv').t('welcome.dm.title'));
  });
});

describe('chatHelpCard', () => {
  it('adds what each role can do, and the announcements for the coordinator', () => {
    const staff = chatHelpCard(['staff'], nb);
    expectValidCard(staff);
    expect(actionNames(staff)).toEqual([ACTIONS.myStatus, ACTIONS.myCourses, ACTIONS.askOpen, ACTIONS.faqSearch]);
    expect(staff.sections).toHaveLength(3);
    const all = chatHelpCard(['staff', 'leader', 'guide', 'admin'], nb, { mayAnnounce: true });
    expectValidCard(all);
    expect(ws(all.sections[2]).map((w) => w.textParagraph!.text)).toEqual(
      (['help.leader', 'help.guide', 'help.admin', 'help.coordinator'] as const).map((k) => nb.t(k).replace(/\n/g, '<br>')));
    expect(actionNames(all)).toEqual([ACTIONS.myStatus, ACTIONS.myCourses, ACTIONS.askOpen, ACTIONS.faqSearch, ACTIONS.unitOverview, ACTIONS.guideStats, ACTIONS.announceOpen]);
    expect(actionNames(chatHelpCard(['unknown' as never], nb))).toEqual([ACTIONS.askOpen, ACTIONS.faqSearch]);
  });
});

describe('myGuideCard', () => {
  const guide = (i: number, over: Partial<GuideLine> = {}): GuideLine => ({ name: `Guide ${i}`, email: `g${i}@k.no`, topics: ['drive', 'gmail'], why: 'unit', available: true, ...over });

  it('lists up to ten guides, why each is yours, their topics, and who is busy', () => {
    const c = myGuideCard('Sone 1', [guide(1), guide(2, { why: 'parent', available: false, topics: [] }), ...Array.from({ length: 10 }, (_, i) => guide(i + 3, { why: 'topic' }))], nb);
    expectValidCard(c);
    expect(c.header).toEqual({ title: nb.t('myGuide.title'), subtitle: 'Sone 1' });
    const rows = ws(c.sections[1]).map((w) => w.decoratedText!);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatchObject({ topLabel: nb.t('myGuide.why.unit'), text: 'Guide 1', bottomLabel: 'Drive, Gmail' });
    expect(rows[1]).toMatchObject({ topLabel: nb.t('myGuide.why.parent'), bottomLabel: nb.t('myGuide.busy') });
    expect(actionNames(c)).toEqual([ACTIONS.askOpen, ACTIONS.faqSearch]);
  });

  it('says when there is no guide, without a unit name, and keeps names inert', () => {
    const none = myGuideCard(undefined, [], nb);
    expectValidCard(none);
    expect(none.header).toEqual({ title: nb.t('myGuide.title') });
    expect(htmlFields(none)[0]).toBe(nb.t('myGuide.none'));
    expect(ws(myGuideCard('U', [{ name: 'G', email: 'g@k.no', topics: [], why: 'unit', available: true }], nb).sections[1])[0]!.decoratedText!.bottomLabel).toBeUndefined();
    expectHostileInert(myGuideCard('U', [guide(1, { name: HOSTILE })], nb));
  });
});
