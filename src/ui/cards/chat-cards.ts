// The Chat app's own cards: the welcome when it is added (DM, a space, the guides' space), help by role, and "my guide".
import type { ActorKind } from '../../core/access';
import { ACTIONS } from '../../contract/actions';
import type { Card } from '../../contract/card-types';
import { actionButton, buttons, decorated, icon, section, text } from './widgets';
import { card, topicLabel, userText, type CardContext } from './forum-common';

export type WelcomeKind = 'dm' | 'space' | 'guides';

const WELCOME = {
  dm: { title: 'welcome.dm.title', body: 'welcome.dm.body' },
  space: { title: 'welcome.space.title', body: 'welcome.space.body' },
  guides: { title: 'welcome.guides.title', body: 'welcome.guides.body' },
} as const;

/** Short: what the app can do where it was added, with the first buttons to press. */
export function welcomeCard(kind: WelcomeKind, ctx: CardContext): Card {
  const { t } = ctx;
  const w = WELCOME[kind];
  return card({ title: t(w.title) }, [
    section([text(userText(t(w.body)))]),
    section([buttons(kind === 'guides'
      ? [actionButton(t('welcome.guides.stats'), ACTIONS.guideStats, {}, { icon: 'insights' }), actionButton(t('button.faq'), ACTIONS.faqSearch)]
      : [
        actionButton(t('button.askGuide'), ACTIONS.askOpen, {}, { dialog: true, style: 'FILLED', icon: 'contact_support' }),
        actionButton(t('button.faq'), ACTIONS.faqSearch, {}, { icon: 'search' }),
        kind === 'dm' && actionButton(t('button.myStatus'), ACTIONS.myStatus, {}, { icon: 'verified' }),
      ])]),
  ], { name: `welcome-${kind}` });
}

const HELP_LINES: Partial<Record<ActorKind, 'help.leader' | 'help.guide' | 'help.admin'>> = { leader: 'help.leader', guide: 'help.guide', admin: 'help.admin' };

/** Commands for everyone, then what the person's roles add (leader, guide, admin; the forum coordinator's announcements). */
export function chatHelpCard(kinds: readonly ActorKind[], ctx: CardContext, opts: { mayAnnounce?: boolean } = {}): Card {
  const { t } = ctx;
  const extra = [...kinds.flatMap((k) => (HELP_LINES[k] ? [HELP_LINES[k]!] : [])), ...(opts.mayAnnounce ? ['help.coordinator' as const] : [])];
  return card({ title: t('help.title') }, [
    section([text(t('help.body').replace(/\n/g, '<br>'))]),
    section([text(userText(t('help.free')))]),
    section(extra.map((key) => text(t(key).replace(/\n/g, '<br>')))),
    section([buttons([
      kinds.includes('staff') && actionButton(t('button.myStatus'), ACTIONS.myStatus),
      kinds.includes('staff') && actionButton(t('button.myCourses'), ACTIONS.myCourses),
      actionButton(t('button.askGuide'), ACTIONS.askOpen, {}, { dialog: true }),
      actionButton(t('button.faq'), ACTIONS.faqSearch),
      kinds.includes('leader') && actionButton(t('button.unit'), ACTIONS.unitOverview),
      kinds.includes('guide') && actionButton(t('welcome.guides.stats'), ACTIONS.guideStats),
      opts.mayAnnounce && actionButton(t('help.announce'), ACTIONS.announceOpen, {}, { dialog: true }),
    ])]),
  ], { name: 'help' });
}

export interface GuideLine { name: string; email: string; topics: string[]; why: 'unit' | 'parent' | 'topic'; available: boolean }

const WHY = { unit: 'myGuide.why.unit', parent: 'myGuide.why.parent', topic: 'myGuide.why.topic' } as const;

export function myGuideCard(unitName: string | undefined, guides: readonly GuideLine[], ctx: CardContext): Card {
  const { t } = ctx;
  return card({ title: t('myGuide.title'), subtitle: unitName }, [
    section([text(userText(guides.length ? t('myGuide.intro') : t('myGuide.none')))]),
    section(guides.slice(0, 10).map((g) => decorated({
      topLabel: userText(t(WHY[g.why])),
      text: userText(g.name),
      bottomLabel: userText([g.topics.map(topicLabel).join(', '), g.available ? '' : t('myGuide.busy')].filter(Boolean).join(' · ')) || undefined,
      startIcon: icon('support_agent'),
    }))),
    section([text(userText(t('myGuide.how'))), buttons([
      actionButton(t('button.askGuide'), ACTIONS.askOpen, {}, { dialog: true, style: 'FILLED', icon: 'contact_support' }),
      actionButton(t('button.faq'), ACTIONS.faqSearch, {}, { icon: 'search' }),
    ])]),
  ], { name: 'my-guide' });
}
