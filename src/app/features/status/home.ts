// Home and own status, the cards every surface starts from: my status against my role's plan (Chat, the add-on hosts), and
// in Gmail my coming sessions with my status in short (courses/home.ts).
import { ACTIONS } from '../../../contract/actions';
import { unknownUserCard } from '../../../ui/cards/basic-cards';
import { statusCard } from '../../../ui/cards/status-card';
import type { Env, Handlers } from '../../pipeline/handler';
import type { Reply } from '../../../contract/request';
import { statusCardModel } from '../../common/status-model';
import { gmailHome } from '../courses/home';
import { leaderNeed } from './verify';

function myStatus(env: Env): Reply {
  if (!env.me) return { kind: 'card', card: unknownUserCard(env.req.chat?.displayName, env.t) };
  return { kind: 'card', card: statusCard(statusCardModel(env, env.me), env.t, env.locale), nav: env.req.params.action ? 'update' : undefined };
}

const statusNeeds = () => [{ shard: 'cat' as const }, { shard: 'ses' as const }];

export const homeHandlers: Handlers = {
  // Gmail's homepage is about courses too: my coming sessions, my status in short, find courses.
  [ACTIONS.home]: { kind: 'read', needs: (req) => [...statusNeeds(), ...(req.host === 'gmail' ? leaderNeed(req) : [])], run: (env) => (env.req.host === 'gmail' ? gmailHome(env) : myStatus(env)) },
  [ACTIONS.myStatus]: { kind: 'read', needs: statusNeeds, run: myStatus },
};
