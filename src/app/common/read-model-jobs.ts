// The read model's jobs: the hourly rebuild (also an administrator's "refresh now" from Chat or an add-on) and the heal job
// every 10 minutes (lost packs back from their durable copy, a rebuild asked for, and files a change made before a commit
// that never came). The pipeline holds the job's lease for the run and refuses anyone but the trigger or an administrator.
import { ACTIONS } from '../../contract/actions';
import { healthCard } from '../../ui/cards/basic-cards';
import { refuseJobRun, replyText, type Handlers } from '../pipeline/handler';
import { rebuildRun } from './rebuild-run';
import { sweepPendingFiles } from './pending-files';
import { healReadModel } from './read-model-heal';

export const readModelJobHandlers: Handlers = {
  [ACTIONS.jobHeal]: {
    kind: 'job',
    run: (env) => {
      const refused = refuseJobRun(env);
      if (refused) return refused;
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
      const refused = refuseJobRun(env);
      if (refused) return refused;
      // One run: the whole rebuild when it fits, else as far as the run's time allows (the next trigger run goes on).
      const out = rebuildRun(env);
      if (env.req.host === 'job') return { kind: 'none' };
      if (!out?.done) return replyText(env.req, env.t('admin.refresh.continues'));
      return { kind: 'card', card: healthCard(out.result.health, env.t, env.locale), nav: 'update' };
    },
  },
};
