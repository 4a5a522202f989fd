// All handlers by action name: each feature contributes its own map.
import type { Handlers } from './handler';
import { statusHandlers } from '../features/status';
import { adminHandlers } from '../features/admin';
import { forumHandlers } from '../features/forum';
import { appraisalHandlers } from '../features/appraisals';
import { courseHandlers } from '../features/courses';
import { outboxHandlers } from '../common/outbox-job';
import { rotationHandlers } from '../common/rotation-job';
import { readModelJobHandlers } from '../common/read-model-jobs';

/** Feature handler maps (each feature's index.ts), then the jobs every feature shares. Add yours here (one import, one entry). */
const FEATURES: Handlers[] = [statusHandlers, adminHandlers, forumHandlers, appraisalHandlers, courseHandlers, outboxHandlers, rotationHandlers, readModelJobHandlers];

export function allHandlers(): Handlers {
  const all: Handlers = {};
  for (const m of FEATURES) {
    for (const [name, h] of Object.entries(m)) {
      if (all[name]) throw new Error(`Action ${name} is handled twice`);
      all[name] = h;
    }
  }
  return all;
}
