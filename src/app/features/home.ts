// Home, own status, help, data health and the read-model rebuild: the handlers every surface starts from.
import { can } from '../../core/access';
import { ACTIONS } from '../../contract/actions';
import { healthCard, unknownUserCard } from '../../ui/cards/basic-cards';
import { statusCard } from '../../ui/cards/status-card';
import { failReply, replyText, type Env, type Handlers } from '../pipeline/handler';
import type { Reply } from '../../contract/request';
import { statusCardModel } from '../common/status-model';
import { gmailHome } from './courses/home';
import { rebuildRun } from '../rebuild-run';
import { leaderNeed } from './status/verify';
import { sweepPendingFiles } from '../pending-files';
import { healReadModel } from '../read-model-heal';

function myStatus(env: Env): Reply {
  if (!env.me) return { kind: 'card', card: unknownUserCard(env.req.chat?.displayName, env.t) };
  return { kind: 'card', card: statusCard(statusCardModel(env, env.me), env.t, env.locale), nav: env.req.params.action ? 'update' : undefined };
}

const statusNeeds = () => [{ shard: 'cat' as const }, { shard: 'ses' as const }];

export const homeHandlers: Handlers = {
  // Gmail's homepage is about courses too: my coming sessions, my status in short, find courses.
  [ACTIONS.home]: { kind: 'read', needs: (req) => [...statusNeeds(), ...(req.host === 'gmail' ? leaderNeed(req) : [])], run: (env) => (env.req.host === 'gmail' ? gmailHome(env) : myStatus(env)) },
  [ACTIONS.myStatus]: { kind: 'read', needs: statusNeeds, run: myStatus },
  [ACTIONS.health]: {
    kind: 'read',
    needs: () => [{ shard: 'health' }],
    run: (env) => (can(env.actor, { do: 'administer' })
      ? { kind: 'card', card: healthCard(env.views.health(), env.t, env.locale) }
      : failReply(env, { kind: 'notAllowed' })),
  },
  // Jobs: the pipeline holds the job's lease for the run (and refuses anyone but the trigger or an administrator).
  [ACTIONS.jobHeal]: {
    kind: 'job',
    run: (env) => {
      if (env.req.host !== 'job' && !can(env.actor, { do: 'administer' })) return failReply(env, { kind: 'notAllowed' });
      const result = healReadModel(env);
      if (result.rebuilt || result.refilled.length) env.ports.log.info('read model healed', result);
      // Files made before a commit that never came (the execution died between the Drive call and the commit).
      try { sweepPendingFiles(env.ports, env.read); } catch (err) { env.ports.log.error('pending files: sweep failed', err instanceof Error ? err.message : err); }
      return { kind: 'none' };
    },
  },
  [ACTIONS.jobRebuild]: {
    kind: 'job',
    run: (env) => {
      // Time-driven (no user) or an admin's "refresh now".
      if (env.req.host !== 'job' && !can(env.actor, { do: 'administer' })) return failReply(env, { kind: 'notAllowed' });
      // One run: the whole rebuild when it fits, else as far as the run's time allows (the next trigger run goes on).
      const out = rebuildRun(env);
      if (env.req.host === 'job') return { kind: 'none' };
      if (!out?.done) return replyText(env.req, env.t('admin.refresh.continues'));
      return { kind: 'card', card: healthCard(out.result.health, env.t, env.locale), nav: 'update' };
    },
  },
};
