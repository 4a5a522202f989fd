// Guides as a community: statistics (a guide sees their own, admins everyone's; a ranking only when Settings
// guideRankingPublic is on) and the coordinator's (or an administrator's) announcements to the guides' space.
import { can } from '../../../core/access';
import type { GuideStats } from '../../../core/forum';
import { checkLength, LIMITS, limitText } from '../../../core/text-limits';
import { insert } from '../../../store/records';
import { chatMessageId } from '../../../core/outbox';
import { chatEffect, tryChatNow } from '../../common/effects';
import { ACTIONS } from '../../../contract/actions';
import { announceDialog, announcementMessage, announcePromptCard, statsCard } from '../../../ui/cards/forum-community';
import { failReply, type ChangeEnv, type Env, type Handlers } from '../../pipeline/handler';
import { formString, str, type Reply } from '../../../contract/request';
import { showCard } from './ask';
import { guideReply } from './guide';
import { announcementSpace, ctxOf, forumNeed, forumView, ID, nameOf, outboxOf } from './shared';
import { preparing } from '../../common/person-context';

const EMPTY: GuideStats = { answered: 0, medianHours: undefined, helpful: 0, holding: 0 };

function stats(env: Env): Reply {
  if (!can(env.actor, { do: 'viewGuideStats' })) return failReply(env, { kind: 'notAllowed' });
  const view = forumView(env);
  if (!view) return preparing(env);
  const ranked = env.setting('guideRankingPublic', '').trim().toLowerCase() === 'true';
  const seesAll = env.actor.isAdmin || ranked;
  const everyone = seesAll
    ? env.views.dir.guides.map((g) => ({ name: nameOf(env, g.email), stats: view.stats.perGuide[g.email] ?? EMPTY }))
      .sort((a, b) => (ranked ? b.stats.answered - a.stats.answered : 0) || a.name.localeCompare(b.name, 'nb'))
    : undefined;
  const mine = env.actor.guide ? view.stats.perGuide[env.actor.email] ?? EMPTY : undefined;
  return showCard(env, statsCard({ builtAt: view.builtAt, mine, overall: view.stats.overall, everyone, ranked }, ctxOf(env)));
}

/**
 * The coordinator's way in from Chat: `/kunngjoring` (or the help card's button). A command configured to open a dialog,
 * or a click, opens it; typed in a message it answers with a card whose button opens it, the typed text already in it.
 */
function announceOpen(env: Env): Reply {
  if (!can(env.actor, { do: 'announceToGuides' })) return failReply(env, { text: env.t('announce.notCoordinator') });
  const typed = limitText(str(env.req, 'query') || str(env.req, 'message'), 2 * LIMITS.announcement).text;
  if (env.req.host === 'chat' && !env.req.chat?.isDialog) return { kind: 'card', card: announcePromptCard(typed, ctxOf(env)) };
  return { kind: 'dialog', card: announceDialog(ctxOf(env), env.newId('ann'), { message: typed }) };
}

const announcedKey = (id: string) => `an:${id}`;

/**
 * An announcement to the guides' space: a Notifications row as its record and the post itself as a Chat effect in the same
 * commit (src/app/common/effects.ts), posted as the app only once the change is committed, never twice (requestId and custom
 * message id from the announcement's id); the request tries it right after the lock and the outbox job makes sure.
 */
function announce(env: ChangeEnv): Reply {
  if (!can(env.actor, { do: 'announceToGuides' })) return failReply(env, { kind: 'notAllowed' });
  const id = env.req.params.aid ?? '';
  if (!ID.test(id)) return failReply(env, { kind: 'invalid', detail: 'aid' });
  // Refused, never cut: the dialog again with everything typed, and how far over the limit it is.
  const { text, ok, length } = checkLength(formString(env.req, 'message'), LIMITS.announcement);
  if (!text) return { kind: 'dialog', card: announceDialog(ctxOf(env), id, { notice: env.t('announce.empty') }) };
  if (!ok) return { kind: 'dialog', card: announceDialog(ctxOf(env), id, { message: text, notice: env.t('limit.tooLong', { length, max: LIMITS.announcement }) }) };
  const space = announcementSpace(env);
  if (!space) return guideReply(env, env.t('announce.noSpace'));
  if (env.views.view<number>(announcedKey(id)) !== undefined) return guideReply(env, env.t('announce.done'));
  const messageId = chatMessageId('an', id);
  const post = chatEffect(env, {
    space, message: announcementMessage(text, nameOf(env, env.actor.email), ctxOf(env, 'nb')), requestId: `ann-${id}`, messageId,
  }, `announce:${id}`);
  const res = env.commit([insert('Notifications', {
    notificationId: id, kind: 'announcement', recipientEmail: env.actor.email, subjectKey: `announce:${space}/messages/${messageId}`, channel: 'chat', sentAt: env.now,
  }), post], 'announceToGuides');
  if (!res.ok) return failReply(env, { kind: 'commit', failure: res });
  env.rm.stage(announcedKey(id), 1);
  tryChatNow(env, post, outboxOf(env));
  return guideReply(env, env.t('announce.done'));
}

export const communityHandlers: Handlers = {
  [ACTIONS.guideStats]: { kind: 'read', needs: () => [forumNeed], run: stats },
  [ACTIONS.announceOpen]: { kind: 'read', run: announceOpen },
  [ACTIONS.announce]: {
    kind: 'change',
    needs: (req) => (ID.test(req.params.aid ?? '') ? [{ view: announcedKey(req.params.aid!) }] : []),
    run: announce,
  },
};
