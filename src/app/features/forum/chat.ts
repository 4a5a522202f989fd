// The Chat app itself: free text (a question starts the ask flow with FAQ answers shown privately; anything else is a
// search), a guide's @mention in a question's thread (thread-mention.ts), the welcome when added to a DM, a space or
// the guides' space, removal, help by role, and "who is my guide".
import { can } from '../../../core/access';
import { fold, looksLikeQuestion, words } from '../../../core/faq-search';
import { isAvailable } from '../../../core/forum';
import { LIMITS, limitText } from '../../../core/text-limits';
import { ACTIONS } from '../../../contract/actions';
import { chatHelpCard, myGuideCard, welcomeCard, type GuideLine, type WelcomeKind } from '../../../ui/cards/chat-cards';
import { faqResultsCard, FAQ_RESULTS } from '../../../ui/cards/forum-faq';
import type { Env, Handlers } from '../../pipeline/handler';
import { str, type Reply } from '../../../contract/request';
import { questionFlow, searchFaq, showCard } from './ask';
import { ctxOf, defaultCapacity, forumNeed, guideSpace, loadsOf, nameOf, unitChain, unitName } from './shared';
import { threadMention } from './thread-mention';

/** Words of a greeting or of "what can you do" (stop words such as "hva", "kan", "du" are dropped before this). */
const GREETING = new Set(['hello', 'hallo', 'hey', 'heisann', 'hoi', 'morn', 'god', 'morgen', 'dag', 'kveld', 'help', 'hjelp', 'hjalp', 'gjore', 'kompetent', 'app'].map(fold));

function chatMessage(env: Env): Reply {
  const raw = str(env.req, 'query') || env.req.chat?.text || '';
  const { text } = limitText(raw, LIMITS.question);
  if (!text || words(text).every((w) => GREETING.has(w))) return { kind: 'card', card: chatHelpCard(env.kinds, ctxOf(env), { mayAnnounce: can(env.actor, { do: 'announceToGuides' }) }) };
  if (looksLikeQuestion(raw)) return questionFlow(env, raw);
  const query = limitText(text, LIMITS.search).text;
  return showCard(env, faqResultsCard(query, searchFaq(env, query, FAQ_RESULTS).map((m) => m.entry), ctxOf(env)));
}

function welcomeKind(env: Env): WelcomeKind {
  const c = env.req.chat;
  if (!c || c.spaceType === 'DM') return 'dm';
  return c.spaceName && c.spaceName === guideSpace(env) ? 'guides' : 'space';
}

function added(env: Env): Reply {
  return { kind: 'card', card: welcomeCard(welcomeKind(env), ctxOf(env)) };
}

/**
 * Removed from a space or DM: answered with nothing (`{}`; Apps Script returns null), since the app can no longer post
 * there (../shared/google/chat-responses.md §8; chat-events/10-removed-from-space.json). Kompetent keeps nothing per
 * space: it finds a person's DM with spaces.findDirectMessage each time, and question threads are history. The one space
 * it is told about is the guides' space (Settings guideForumSpace, kept by HR): losing it is logged as an error for the
 * administrators, since new questions then wait without a thread (data health names them after an hour).
 */
function removed(env: Env): Reply {
  const c = env.req.chat;
  if (c?.spaceName && c.spaceName === guideSpace(env)) {
    env.ports.log.error(`Kompetent was removed from the guides' space ${c.spaceName}: new questions wait until it is added back`);
  } else {
    env.ports.log.info('Removed from a Chat space', { space: c?.spaceName, type: c?.spaceType });
  }
  return { kind: 'none' };
}

/**
 * A multiselect asking for suggestions (WIDGET_UPDATED). Chat sends it only to the function a selectionInput names in
 * `externalDataSource` (add-ons-samples node/chat/selection-input; docs/google-setup.md), and no Kompetent card has
 * such a widget: should one arrive anyway, it gets the documented answer with no suggestions (src/ui/envelopes.ts),
 * never a message.
 */
function widgetUpdated(): Reply {
  return { kind: 'none' };
}

function help(env: Env): Reply {
  return { kind: 'card', card: chatHelpCard(env.kinds, ctxOf(env), { mayAnnounce: can(env.actor, { do: 'announceToGuides' }) }), nav: env.req.params.action ? 'update' : undefined };
}

/** The guides of my unit (then of the units above it), and whether they have room this week. */
function myGuide(env: Env): Reply {
  const unitId = env.me?.employee.row.unitId;
  const chain = unitChain(env, unitId);
  const loads = loadsOf(env);
  const cap = defaultCapacity(env);
  const lines: GuideLine[] = [];
  chain.forEach((u, depth) => {
    for (const g of env.views.dir.guides) {
      if (!g.active || !(g.unitIds ?? []).includes(u) || lines.some((l) => l.email === g.email)) continue;
      lines.push({ name: nameOf(env, g.email), email: g.email, topics: g.topics ?? [], why: depth === 0 ? 'unit' : 'parent', available: isAvailable(g, loads, cap) });
    }
  });
  return showCard(env, myGuideCard(unitName(env, unitId), lines, ctxOf(env)));
}

export const chatHandlers: Handlers = {
  [ACTIONS.chatMessage]: { kind: 'read', needs: () => [{ shard: 'faq' }], run: chatMessage },
  [ACTIONS.threadMention]: { kind: 'read', needs: () => [{ shard: 'faq' }, forumNeed], run: (env) => threadMention(env, chatMessage) },
  [ACTIONS.chatCommand]: { kind: 'read', run: help },
  [ACTIONS.chatAdded]: { kind: 'read', run: added },
  [ACTIONS.chatRemoved]: { kind: 'read', run: removed },
  [ACTIONS.chatWidgetUpdated]: { kind: 'read', run: widgetUpdated },
  [ACTIONS.help]: { kind: 'read', run: help },
  [ACTIONS.myGuide]: { kind: 'read', needs: () => [forumNeed], run: myGuide },
};
