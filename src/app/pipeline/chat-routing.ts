// Maps what a person typed or clicked in Chat (message, slash command, quick command) to the action that answers it.
import { ACTIONS, type ActionName } from '../../contract/actions';
import type { Request } from '../../contract/request';

/**
 * Slash/quick commands as configured on the Chat API configuration page (id → action); see docs/google-setup.md, which
 * lists the same `slash` names (a test checks it and the README). Names use ASCII letters only: Google's guide shows
 * names as short words after the slash (`/about`, `/remindMe`) and promises nothing for letters such as ø, so "spør"
 * is the `/sporsmal` command; the same words typed without a slash in a DM work too (`words`, "spør …" included).
 */
export const COMMANDS: { id: number; slash: string; words: string[]; action: ActionName }[] = [
  { id: 1, slash: 'status', words: ['status', 'kompetanse', 'min status'], action: ACTIONS.myStatus },
  { id: 2, slash: 'kurs', words: ['kurs', 'finn kurs', 'courses', 'kurser'], action: ACTIONS.findCourses },
  { id: 3, slash: 'minekurs', words: ['minekurs', 'mine kurs', 'my courses', 'mina kurser'], action: ACTIONS.myCourses },
  { id: 4, slash: 'sporsmal', words: ['sporsmal', 'spør', 'spor', 'ask', 'fråga', 'fraga'], action: ACTIONS.askOpen },
  { id: 5, slash: 'svar', words: ['svar', 'faq', 'søk', 'sok', 'sök'], action: ACTIONS.faqSearch },
  { id: 6, slash: 'ferdigheter', words: ['ferdigheter', 'skills', 'färdigheter'], action: ACTIONS.skillsOpen },
  { id: 7, slash: 'guide', words: ['guide', 'min guide', 'my guide'], action: ACTIONS.myGuide },
  { id: 8, slash: 'enhet', words: ['enhet', 'unit', 'min enhet', 'enhet översikt'], action: ACTIONS.unitOverview },
  { id: 9, slash: 'hjelp', words: ['hjelp', 'help', 'hjälp', '?'], action: ACTIONS.help },
  { id: 10, slash: 'samtaler', words: ['samtaler', 'appraisals', 'samtal'], action: ACTIONS.myAppraisals },
  { id: 11, slash: 'statistikk', words: ['statistikk', 'stats', 'statistik', 'guidestatistikk'], action: ACTIONS.guideStats },
  { id: 12, slash: 'godkjenn', words: ['godkjenn', 'godkjenning', 'approve', 'godkänn', 'godkann'], action: ACTIONS.pendingList },
  { id: 13, slash: 'kunngjoring', words: ['kunngjoring', 'kunngjøring', 'announce', 'meddelande'], action: ACTIONS.announceOpen },
];

function normalise(s: string): string {
  return s.trim().toLowerCase().replace(/^\/+/, '').replace(/\s+/g, ' ');
}

/** The action for a Chat event; `params.query` carries the rest of the text. Card clicks keep their own action. */
export function routeChat(req: Request): Request {
  const c = req.chat;
  if (!c) return req;
  // Chat's own events are answered as those events, whatever parameters they carry (Google sends none with them).
  if (c.event === 'added') return { ...req, action: ACTIONS.chatAdded };
  if (c.event === 'removed') return { ...req, action: ACTIONS.chatRemoved };
  if (c.event === 'widgetUpdated') return { ...req, action: ACTIONS.chatWidgetUpdated };
  if (req.params.action) return req;
  // A click on a card without our action parameter (an old card, another app's): the text is the clicked message's, not typed.
  if (c.event === 'click') return { ...req, action: ACTIONS.home };
  if (c.event === 'command' && c.commandId !== undefined) {
    const cmd = COMMANDS.find((x) => x.id === c.commandId);
    return { ...req, action: cmd?.action ?? ACTIONS.help, params: { ...req.params, query: c.text ?? '' } };
  }
  // An @mention inside an existing thread of a space (a guide answering in a question's thread): its own action, which
  // relays it when the thread is a question's and otherwise answers as free text does.
  if (c.event === 'message' && c.spaceType !== 'DM' && c.threadReply && c.threadName) {
    return { ...req, action: ACTIONS.threadMention, params: { ...req.params, query: (c.text ?? '').trim() } };
  }
  const text = normalise(c.text ?? '');
  if (text === '') return { ...req, action: ACTIONS.home };
  for (const cmd of COMMANDS) {
    for (const w of cmd.words) {
      if (text === w || text.startsWith(`${w} `)) {
        return { ...req, action: cmd.action, params: { ...req.params, query: (c.text ?? '').trim().replace(/^\/?\S+\s*/, '') } };
      }
    }
  }
  // Free text: a question or a search (the forum decides which).
  return { ...req, action: ACTIONS.chatMessage, params: { ...req.params, query: (c.text ?? '').trim() } };
}
