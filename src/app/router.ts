// All handlers by action name: each feature contributes its own map; fallbacks answer until a feature takes over.
import type { Handlers } from './handler';
import { fallbackHandlers, homeHandlers } from './features/home';

/** Feature handler maps. Add yours here (one import, one entry). */
const FEATURES: Handlers[] = [homeHandlers];

export function allHandlers(): Handlers {
  const all: Handlers = {};
  for (const m of FEATURES) {
    for (const [name, h] of Object.entries(m)) {
      if (all[name]) throw new Error(`Action ${name} is handled twice`);
      all[name] = h;
    }
  }
  for (const [name, h] of Object.entries(fallbackHandlers)) all[name] ??= h;
  return all;
}
