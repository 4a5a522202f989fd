// The read model's compression port on Apps Script: Utilities.gzip + base64Encode, and back with ungzip.
import type { Codec } from '../store/codec';

export const gasCodec: Codec = {
  pack: (text) => Utilities.base64Encode(Utilities.gzip(Utilities.newBlob(text, 'text/plain')).getBytes()),
  unpack: (base64) => Utilities.ungzip(Utilities.newBlob(Utilities.base64Decode(base64), 'application/x-gzip')).getDataAsString('UTF-8'),
};
