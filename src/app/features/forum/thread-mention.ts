// A guide's reply typed in a question's thread reaches the app only when it @mentions Kompetent (Chat sends an app just the
// messages that mention it): the app finds the question the thread belongs to and offers the guide, privately, to send
// those words to the asker as the answer — one click runs the same answer as the dialog (relayed as the app, once).
import { can } from '../../../core/access';
import { checkLength, LIMITS } from '../../../core/text-limits';
import type { ForumItem } from '../../../store/forum-view';
import { threadAnswerConfirm } from '../../../ui/cards/forum-thread';
import type { Env } from '../../pipeline/handler';
import { str, type Reply } from '../../../contract/request';
import { ctxOf, forumView, guideSpace } from './shared';

/** Question cards asked about at most per mention (spaces.messages.get each; only while their thread is not known). */
const LOOKUPS = 10;

/** A reply only the guide sees (privateMessageViewer), in the thread they wrote in. */
function privately(env: Env, text: string, extra: Partial<Extract<Reply, { kind: 'message' }>['message']> = {}): Reply {
  const user = env.req.chat?.userName;
  return { kind: 'message', message: { text, ...extra, ...(user ? { privateMessageViewer: { name: user } } : {}) } };
}

/**
 * The live question whose card started this thread: known from the forum view when its thread name is recorded, else
 * asked of Chat — spaces.messages.get of the question cards the app posted in this space (scope chat.bot: messages the
 * app has access to; the answer carries `thread.name`), the guide's own questions and the newest first. A read handler:
 * no lock is held during these calls.
 */
export function questionOfThread(env: Env, space: string, threadName: string): ForumItem | undefined {
  const items = (forumView(env)?.items ?? []).filter((i) => i.status !== 'resolved');
  const known = items.find((i) => i.threadName === threadName);
  if (known) return known;
  const me = env.actor.email;
  const candidates = items.filter((i) => !i.threadName && i.messageName?.startsWith(`${space}/messages/`))
    .sort((a, b) => Number(b.guideEmail === me) - Number(a.guideEmail === me) || b.askedAt.localeCompare(a.askedAt))
    .slice(0, LOOKUPS);
  for (const item of candidates) {
    try {
      if (env.ports.chat.getMessage(item.messageName!)?.threadName === threadName) return item;
    } catch (err) {
      env.ports.log.error('The question card could not be read from Chat', err instanceof Error ? err.message : err);
      return undefined;
    }
  }
  return undefined;
}

/**
 * An @mention in a thread of a space. In the guides' space, in a live question's thread, from a guide: a private card with
 * the words and "Send to the asker" (the answer action, its text in the button). Anywhere else it is free text (`other`).
 */
export function threadMention(env: Env, other: (env: Env) => Reply): Reply {
  const c = env.req.chat;
  const space = guideSpace(env);
  if (!c?.threadName || !space || c.spaceName !== space) return other(env);
  if (!can(env.actor, { do: 'claimQuestion', question: { askerEmail: '' } })) return privately(env, env.t('threadMention.notGuide'));
  const { text, ok, length } = checkLength(str(env.req, 'query'), LIMITS.answer);
  if (!text) return privately(env, env.t('threadMention.empty'));
  if (!ok) return privately(env, env.t('limit.tooLong', { length, max: LIMITS.answer }));
  const item = questionOfThread(env, space, c.threadName);
  if (!item) return privately(env, env.t('threadMention.noQuestion'));
  const card = threadAnswerConfirm(text, { questionId: item.questionId, rowNumber: item.rowNumber }, ctxOf(env));
  return privately(env, env.t('threadMention.confirm'), { cardsV2: [{ cardId: `t-${item.questionId}`, card }] });
}
