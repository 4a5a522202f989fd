// The compression port of the read model: gzip + base64 text (Apps Script: Utilities.gzip; Node: zlib); the store stays pure.

/** Turns text into compact ASCII and back. Every value the read model keeps goes through one (see packs.ts). */
export interface Codec {
  /** gzip of the UTF-8 text, as standard base64 (ASCII: one byte per character in CacheService's count). */
  pack(text: string): string;
  unpack(base64: string): string;
}
