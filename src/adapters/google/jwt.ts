// Service-account access tokens: the JWT-bearer assertion (pure) and a token cache over the CachePort.
import type { CachePort, Meter } from '../../store/ports';
import { apiError, send } from './send';
import type { AccessTokenProvider, HttpTransport } from './transport';

/**
 * Google's OAuth 2.0 for service accounts (https://developers.google.com/identity/protocols/oauth2/service-account):
 * header {"alg":"RS256","typ":"JWT"}; claims iss (the service account), scope (space-separated), aud (always the
 * token endpoint below), iat and exp (at most one hour later); each part base64url-encoded.
 */
export const TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const TOKEN_CACHE_KEY = 'sa-token';

/** RSA-SHA256 signature of the bytes (Apps Script: Utilities.computeRsaSha256Signature; Node: crypto.sign). */
export type Signer = (data: Uint8Array) => ArrayLike<number>;

/** UTF-8 bytes of a string (Apps Script's V8 has no TextEncoder). */
export function utf8(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Unpadded base64url. Accepts signed bytes (Apps Script's Byte[] runs from -128 to 127). */
export function base64url(bytes: ArrayLike<number>): string {
  let out = '';
  const byte = (i: number) => (i < bytes.length ? (bytes[i] ?? 0) & 255 : 0);
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    out += B64.charAt((n >> 18) & 63) + B64.charAt((n >> 12) & 63);
    if (i + 1 < bytes.length) out += B64.charAt((n >> 6) & 63);
    if (i + 2 < bytes.length) out += B64.charAt(n & 63);
  }
  return out;
}

export interface AssertionInput {
  clientEmail: string;
  scopes: string[];
  nowSeconds: number;
  sign: Signer;
  /** Domain-wide delegation: the user to act as (not used by Kompetent's records). */
  subject?: string;
  lifetimeSeconds?: number;
}

export function buildAssertion(i: AssertionInput): string {
  const iat = Math.floor(i.nowSeconds);
  const claims: Record<string, string | number> = {
    iss: i.clientEmail,
    scope: i.scopes.join(' '),
    aud: TOKEN_URL,
    iat,
    exp: iat + Math.min(3600, i.lifetimeSeconds ?? 3600),
  };
  if (i.subject) claims.sub = i.subject;
  const input = `${base64url(utf8(JSON.stringify({ alg: 'RS256', typ: 'JWT' })))}.${base64url(utf8(JSON.stringify(claims)))}`;
  return `${input}.${base64url(i.sign(utf8(input)))}`;
}

/** Form body of the token request. */
export function tokenRequestBody(assertion: string): string {
  return `grant_type=${encodeURIComponent(JWT_BEARER)}&assertion=${encodeURIComponent(assertion)}`;
}

export interface TokenCacheOptions {
  cache: CachePort;
  transport: HttpTransport;
  meter: Meter;
  clientEmail: string;
  scopes: string[];
  sign: Signer;
  nowMs?: () => number;
  /** Synchronous sleep between retries (Apps Script: Utilities.sleep). */
  sleep: (ms: number) => void;
  tokenUrl?: string;
  subject?: string;
}

interface Cached { token: string; expiresAt: number }

/** Seconds before expiry when a token is no longer handed out (and the cache entry's TTL margin). */
const MARGIN_S = 300;

/**
 * One token per ~55 minutes for every execution: kept in the CachePort under `sa-token` with TTL expires_in − 300 s,
 * and in memory for the rest of this execution. A token fetch counts as a call (`oauth.token`).
 */
export class TokenCache implements AccessTokenProvider {
  private memo: Cached | undefined;
  private readonly now: () => number;

  constructor(private readonly o: TokenCacheOptions) {
    this.now = o.nowMs ?? (() => Date.now());
  }

  token(): string {
    const now = this.now();
    if (this.memo && this.memo.expiresAt - MARGIN_S * 1000 > now) return this.memo.token;
    const raw = this.o.cache.getAll([TOKEN_CACHE_KEY])[TOKEN_CACHE_KEY];
    if (raw) {
      try {
        const c = JSON.parse(raw) as Cached;
        if (typeof c.token === 'string' && c.expiresAt - MARGIN_S * 1000 > now) {
          this.memo = c;
          return c.token;
        }
      } catch {
        // A damaged entry is simply replaced.
      }
    }
    return this.fetch(now);
  }

  invalidate(): void {
    this.memo = undefined;
    this.o.cache.removeAll([TOKEN_CACHE_KEY]);
  }

  private fetch(now: number): string {
    const assertion = buildAssertion({
      clientEmail: this.o.clientEmail, scopes: this.o.scopes, nowSeconds: now / 1000, sign: this.o.sign, subject: this.o.subject,
    });
    const res = send(
      {
        method: 'POST',
        url: this.o.tokenUrl ?? TOKEN_URL,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: tokenRequestBody(assertion),
      },
      { transport: this.o.transport, meter: this.o.meter, kind: 'oauth.token', sleep: this.o.sleep },
    );
    const body = res.body as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (res.status !== 200 || typeof body?.access_token !== 'string') throw apiError(res, 'Service-account token request');
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    const entry: Cached = { token: body.access_token, expiresAt: now + expiresIn * 1000 };
    this.memo = entry;
    const ttl = Math.floor(expiresIn - MARGIN_S);
    if (ttl > 0) this.o.cache.putAll({ [TOKEN_CACHE_KEY]: JSON.stringify(entry) }, Math.min(ttl, 21_600));
    return entry.token;
  }
}
