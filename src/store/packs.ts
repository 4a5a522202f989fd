// Where each read-model value lives in the cache: a FIXED set of packs (one cache value each, compressed, split into
// chunks under 100 KB), so the item count never grows with the municipality and every key is known without a lookup.
import { hash31 } from '../core/ids';
import type { Codec } from './codec';
import { utf8Bytes } from './strict-cache';

/**
 * Pack families. `count` packs per family, fixed, so a key's pack (and its row in the durable copy) is known without a
 * lookup. `durable`: written by the rebuild to the ReadModel tab too (the second tier when the cache lost it).
 */
export const FAMILIES = {
  /** People: compact records, ~1/64 of the municipality per pack (p:<email>). */
  pb: { count: 64, durable: true },
  /** Unit views and their member pages (u:<unitId>, u:<unitId>~n). */
  pu: { count: 16, durable: true },
  /** Leaders' overviews (ul:<email>). */
  pl: { count: 16, durable: true },
  /** Leaders' appraisal lists (al:<email>). */
  pa: { count: 16, durable: true },
  /** Appraisal document index (ad:<bucket>; documents made since the rebuild, adn:<docId>, are in the single `pn`). */
  pd: { count: 16, durable: true },
  /** Course rosters (crs:<sessionId>). */
  pr: { count: 16, durable: true },
  /** The reminder job's due-list (rem:h head, rem:<n> parts, part n in pack n mod 4): who has a reminder due soon. */
  pq: { count: 4, durable: true },
  /** Short-lived per-event facts the forum keeps between jobs (qp:, an:, fv:, fb:): bounded entries, never durable. */
  px: { count: 8, durable: false, maxEntries: 4_000 },
} as const;
export type Family = keyof typeof FAMILIES;

/** Shared values that are one pack each. `pstale` (people whose cached record is behind the records) is not durable. */
export const SINGLES = ['meta', 'dir', 'cat', 'ses', 'faq', 'health', 'fo', 'dash', 'pstale', 'pn', 'pdone'] as const;
/**
 * `pstale` (who changed since the rebuild), `pn` (documents made since the rebuild) and `pdone` (certificates decided
 * lately, pending-decided.ts) live only between rebuilds.
 */
const DURABLE_SINGLES: readonly string[] = SINGLES.filter((s) => s !== 'pstale' && s !== 'pn' && s !== 'pdone');

/** One more item outside the packs: a rebuild asked for (a user request sets it; the heal job clears it). */
export const REBUILD_FLAG = 'rebuild-requested';

/** A pack holds at most this many chunks (keys requested speculatively; chunks exist only as needed). */
export const MAX_CHUNKS = 16;
/** Bytes per chunk: under CacheService's 100 KB per value with room for the chunk header. */
export const CHUNK_BYTES = 90_000;
/** Values longer than this are gzip+base64 encoded (smaller ones are not worth the CPU). */
const COMPRESS_FROM = 1_024;

const PREFIX_FAMILY: [string, Family][] = [
  ['p:', 'pb'], ['u:', 'pu'], ['ul:', 'pl'], ['al:', 'pa'], ['ad:', 'pd'], ['adn:', 'pd'], ['crs:', 'pr'], ['rem:', 'pq'],
];

/** The pack a read-model key lives in. Unknown prefixes go to the bounded per-event family. */
export function packOf(key: string): string {
  if ((SINGLES as readonly string[]).includes(key)) return key;
  for (const [prefix, family] of PREFIX_FAMILY.sort((a, b) => b[0].length - a[0].length)) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    if (family === 'pu') return `pu:${hash31(rest.replace(/~\d+$/, '')) % FAMILIES.pu.count}`;
    if (prefix === 'ad:') return `pd:${Number(rest) % FAMILIES.pd.count}`;
    if (prefix === 'adn:') return 'pn';
    if (prefix === 'rem:') return `pq:${/^\d+$/.test(rest) ? Number(rest) % FAMILIES.pq.count : 0}`;
    return `${family}:${hash31(rest) % FAMILIES[family].count}`;
  }
  return `px:${hash31(key) % FAMILIES.px.count}`;
}

export function familyOf(pack: string): Family | undefined {
  const f = pack.split(':')[0] ?? '';
  return f in FAMILIES && pack.includes(':') ? (f as Family) : undefined;
}

/** Every pack the rebuild writes, in the order of their rows in the durable copy (row = index + 2). */
export function durablePacks(): string[] {
  const out = [...DURABLE_SINGLES];
  for (const [family, def] of Object.entries(FAMILIES)) {
    if (!def.durable) continue;
    for (let i = 0; i < def.count; i++) out.push(`${family}:${i}`);
  }
  return out;
}

/** Every pack there can be (the item budget's upper bound is this × chunks actually used). */
export function allPacks(): string[] {
  const out = [...durablePacks(), 'pstale', 'pn'];
  for (let i = 0; i < FAMILIES.px.count; i++) out.push(`px:${i}`);
  return out;
}

/** One pack: entries by read-model key. `part`: written without the pack's other entries (absent ≠ nonexistent). */
export interface PackValue {
  e: Record<string, unknown>;
  part?: 1;
  /** Field order of compact person records (person packs). */
  h?: Record<string, string[]>;
  /** The rebuild that made the pack (person records from it are as fresh as that rebuild). */
  g?: string;
}

export function chunkKeys(pack: string): string[] {
  return Array.from({ length: MAX_CHUNKS }, (_, i) => `${pack}#${i}`);
}

/** Encodes a pack as text: `z` + gzip/base64 of its JSON, or `j` + JSON when small or no codec. */
export function encodePack(value: PackValue, codec?: Codec): string {
  const json = JSON.stringify(value);
  return codec && json.length > COMPRESS_FROM ? `z${codec.pack(json)}` : `j${json}`;
}

export function decodePack(text: string, codec?: Codec): PackValue | undefined {
  try {
    if (text.startsWith('j')) return JSON.parse(text.slice(1)) as PackValue;
    if (text.startsWith('z') && codec) return JSON.parse(codec.unpack(text.slice(1))) as PackValue;
  } catch {
    return undefined;
  }
  return undefined;
}

/** Splits text into pieces of at most `maxBytes` UTF-8 bytes, never inside a surrogate pair. */
export function splitUtf8(text: string, maxBytes: number): string[] {
  if (utf8Bytes(text) <= maxBytes) return [text];
  const out: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c < 0xdc00 && i + 1 < text.length;
    const b = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + b > maxBytes) { out.push(text.slice(start, i)); start = i; bytes = 0; }
    bytes += b;
    if (pair) i++;
  }
  out.push(text.slice(start));
  return out;
}

/** Chunk entries of a pack: `gen|index/count|text`. Throws when the pack outgrows MAX_CHUNKS (a design limit, not data). */
export function toChunks(pack: string, text: string, generation: string): Record<string, string> {
  const parts = splitUtf8(text, CHUNK_BYTES);
  if (parts.length > MAX_CHUNKS) throw new Error(`Read-model pack ${pack} needs ${parts.length} chunks (max ${MAX_CHUNKS})`);
  const out: Record<string, string> = {};
  parts.forEach((p, i) => { out[`${pack}#${i}`] = `${generation}|${i}/${parts.length}|${p}`; });
  return out;
}

/** The pack's text from a getAll result; undefined if any chunk is missing or from another generation. */
export function fromChunks(pack: string, got: Record<string, string>): string | undefined {
  const first = got[`${pack}#0`];
  if (first === undefined) return undefined;
  const head = /^([^|]*)\|0\/(\d+)\|/.exec(first);
  if (!head) return undefined;
  const [, generation, countText] = head;
  const count = Number(countText);
  let text = '';
  for (let i = 0; i < count; i++) {
    const part = got[`${pack}#${i}`];
    const prefix = `${generation}|${i}/${count}|`;
    if (part === undefined || !part.startsWith(prefix)) return undefined;
    text += part.slice(prefix.length);
  }
  return text;
}
