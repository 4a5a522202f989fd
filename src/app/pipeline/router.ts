// All handlers by action name: each feature contributes its own map.
import type { Handlers } from './handler';
import { homeHandlers } from '../features/home';
import { statusHandlers } from '../features/status';
import { adminHandlers } from '../features/admin';
import { forumHandlers } from '../features/forum';
import { chatHandlers } from '../features/chat';
import { appraisalHandlers } from '../features/appraisals';
import { courseHandlers } from '../features/courses';
import { outboxHandlers } from '../common/outbox-job';
import { rotationHandlers } from '../common/rotation-job';

/** Feature handler maps. Add yours here (one import, one entry). */
const FEATURES: Handlers[] = [homeHandlers, statusHandlers, adminHandlers, forumHandlers, chatHandlers, appraisalHandlers, courseHandlers, outboxHandlers, rotationHandlers];

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
