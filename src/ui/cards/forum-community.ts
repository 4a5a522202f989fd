// The guides as a community: the weekly digest in their space, statistics (own for a guide, all for admins; a ranking
// only when the municipality turns it on), and the coordinator's announcements.
import type { GuideStats } from '../../core/forum';
import { formatWorkTime } from '../../core/i18n';
import { chatPlain, LIMITS } from '../../core/text-limits';
import { ACTIONS } from '../../contract/actions';
import type { Card, ChatMessage, Widget } from '../../contract/card-types';
import { actionButton, buttons, decorated, icon, section, text, textInput } from './widgets';
import { card, dialog, qParams, topicLabel, userText, when, type CardContext } from './forum-common';

export interface DigestOpen { questionId: string; rowNumber?: number; text: string; topic?: string; hours: number; routedTo?: string }
export interface DigestModel {
  openCount: number;
  oldest: DigestOpen[];
  newFaq: { question: string; topic?: string }[];
  topTopics: { topic: string; count: number }[];
  answeredThisWeek: number;
  medianHours?: number;
}

export function digestMessage(m: DigestModel, ctx: CardContext): ChatMessage {
  const { t } = ctx;
  const open: Widget[] = m.oldest.map((o) => decorated({
    topLabel: userText(t('digest.waiting', { time: formatWorkTime(ctx.locale, o.hours) }) + (o.topic ? ` · ${topicLabel(o.topic)}` : '')),
    text: userText(o.text.length > 160 ? `${o.text.slice(0, 157)}…` : o.text),
    bottomLabel: o.routedTo ? userText(t('digest.routedTo', { guide: o.routedTo })) : undefined,
    button: actionButton(t('thread.claim'), ACTIONS.claim, qParams(o)),
  }));
  const c = card({ title: t('digest.title') }, [
    section([
      text(userText(m.openCount ? t('digest.open', { count: m.openCount }) : t('digest.noneOpen'))),
      m.answeredThisWeek > 0 && text(userText(t('digest.thanks', { count: m.answeredThisWeek, time: formatWorkTime(ctx.locale, m.medianHours) }))),
    ]),
    section(open, { header: userText(t('digest.oldest')) }),
    section(m.newFaq.slice(0, 10).map((f) => decorated({ topLabel: userText(topicLabel(f.topic)), text: userText(f.question), startIcon: icon('library_books') })),
      { header: userText(t('digest.newFaq')) }),
    section(m.topTopics.length ? [text(userText(m.topTopics.map((x) => `${topicLabel(x.topic)} (${x.count})`).join(' · ')))] : [],
      { header: userText(t('digest.topics')) }),
  ], { name: 'digest' });
  return { text: t('digest.title'), cardsV2: [{ cardId: 'digest', card: c }] };
}

export interface StatsLine { name: string; stats: GuideStats }
export interface StatsModel {
  builtAt: string;
  mine?: GuideStats;
  overall: GuideStats & { asked: number; open: number };
  /** Every guide (admins; guides too when the municipality shows the ranking). */
  everyone?: StatsLine[];
  ranked: boolean;
}

const MAX_LINES = 70;

function statsText(s: GuideStats, ctx: CardContext): string {
  return ctx.t('stats.line', { answered: s.answered, time: formatWorkTime(ctx.locale, s.medianHours), helpful: s.helpful });
}

export function statsCard(m: StatsModel, ctx: CardContext): Card {
  const { t } = ctx;
  const everyone = (m.everyone ?? []).slice(0, MAX_LINES);
  return card({ title: t('stats.title'), subtitle: t('stats.asOf', { time: when(m.builtAt, ctx) }) }, [
    m.mine ? section([
      decorated({ topLabel: t('stats.answered'), text: String(m.mine.answered), startIcon: icon('forum') }),
      decorated({ topLabel: t('stats.median'), text: userText(t('stats.hours', { time: formatWorkTime(ctx.locale, m.mine.medianHours) })), startIcon: icon('timer') }),
      decorated({ topLabel: t('stats.helpful'), text: String(m.mine.helpful), startIcon: icon('thumb_up') }),
      m.mine.holding > 0 && decorated({ topLabel: t('stats.holding'), text: String(m.mine.holding), startIcon: icon('front_hand') }),
      !m.ranked && text(userText(t('stats.private'))),
    ], { header: userText(t('stats.mine')) }) : section([]),
    section([
      decorated({ topLabel: t('stats.asked'), text: String(m.overall.asked), startIcon: icon('help') }),
      decorated({ topLabel: t('stats.openNow'), text: String(m.overall.open), startIcon: icon('inbox') }),
      decorated({ text: userText(statsText(m.overall, ctx)), startIcon: icon('groups') }),
    ], { header: userText(t('stats.overall')) }),
    section(everyone.map((l, i) => decorated({
      topLabel: m.ranked ? `${i + 1}.` : undefined, text: userText(l.name), bottomLabel: userText(statsText(l.stats, ctx)),
    })), { header: userText(m.ranked ? t('stats.ranking') : t('stats.perGuide')), collapsible: everyone.length > 10, uncollapsibleWidgetsCount: everyone.length > 10 ? 10 : undefined }),
  ], { name: 'guide-stats' });
}

/** The announcement dialog; after a refusal it comes back with what was typed and why (`notice`). */
export function announceDialog(ctx: CardContext, id: string, draft: { message?: string; notice?: string } = {}): Card {
  const { t } = ctx;
  return dialog(t('announce.title'), [section([
    text(userText(t('announce.intro'))),
    !!draft.notice && decorated({ text: userText(draft.notice), startIcon: icon('error') }),
    textInput('message', t('announce.label'), { multiline: true, value: draft.message ?? '', hint: t('announce.hint', { max: LIMITS.announcement }) }),
  ])], { label: t('announce.send'), action: ACTIONS.announce, params: { aid: id } }, 'announce');
}

/** `/kunngjoring` typed as a message: a card whose button opens the dialog (a message cannot open one by itself). */
export function announcePromptCard(typed: string, ctx: CardContext): Card {
  const { t } = ctx;
  return card({ title: t('announce.title') }, [section([
    text(userText(t('announce.prompt'))),
    buttons([actionButton(t('announce.write'), ACTIONS.announceOpen, typed ? { message: typed } : {}, { dialog: true, style: 'FILLED', icon: 'campaign' })]),
  ])], { name: 'announce-prompt' });
}

export function announcementMessage(message: string, from: string, ctx: CardContext): ChatMessage {
  const { t } = ctx;
  const c = card({ title: t('announce.header'), subtitle: from }, [section([
    text(userText(message)),
    buttons([actionButton(t('stats.title'), ACTIONS.guideStats, {}, { icon: 'insights' })]),
  ])], { name: 'announcement' });
  return { text: chatPlain(`${t('announce.header')}: ${message.length > 200 ? `${message.slice(0, 197)}…` : message}`), cardsV2: [{ cardId: 'announcement', card: c }] };
}
