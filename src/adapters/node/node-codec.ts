// The read model's compression port on Node (tests, bench, local workspace): zlib gzip + base64, as Utilities.gzip does.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Codec } from '../../store/codec';

export const nodeCodec: Codec = {
  pack: (text) => gzipSync(Buffer.from(text, 'utf8'), { level: 6 }).toString('base64'),
  unpack: (base64) => gunzipSync(Buffer.from(base64, 'base64')).toString('utf8'),
};
