// Where Google's reference data lives: $KOMPETENT_GOOGLE_REF, else the steering repository's shared/google beside the checkout.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/** The folder with chat-v1-discovery.json and the documented event examples; throws with what it tried. */
export function googleRefDir(): string {
  const candidates = [process.env.KOMPETENT_GOOGLE_REF, join(ROOT, '..', 'shared', 'google')].filter((d): d is string => !!d);
  const dir = candidates.find((d) => existsSync(join(d, 'chat-v1-discovery.json')));
  if (!dir) throw new Error(`Google's reference data (chat-v1-discovery.json) not found in: ${candidates.join(', ')}. Set KOMPETENT_GOOGLE_REF.`);
  return dir;
}
