// All handlers by action name: each feature contributes its own map.
import type { Handlers } from './handler';
import { homeHandlers } from './features/home';

export function allHandlers(): Handlers {
  const maps: Handlers[] = [homeHandlers];
  const all: Handlers = {};
  for (const m of maps) {
    for (const [name, h] of Object.entries(m)) {
      if (all[name]) throw new Error(`Action ${name} is handled twice`);
      all[name] = h;
    }
  }
  return all;
}
