// Service-account JWT (pure helpers checked against Node's crypto) and the token cache over a fake transport.
import { generateKeyPairSync, randomBytes, sign as cryptoSign, verify } from 'node:crypto';
import { MemoryCache } from '../../../src/store/cache-shards';
import { Meter } from '../../../src/store/ports';
import { TOKEN_CACHE_KEY, TokenCache, base64url, buildAssertion, tokenRequestBody, utf8 } from '../../../src/adapters/google/jwt';
import { send } from '../../../src/adapters/google/send';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../../src/adapters/google/transport';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const sign = (d: Uint8Array) => cryptoSign('RSA-SHA256', d, keys.privateKey);

function decode(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('encoding', () => {
  it('base64url and UTF-8 agree with Node for any bytes, signed bytes included', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = randomBytes(n);
      expect(base64url(bytes)).toBe(bytes.toString('base64url'));
      expect(base64url(Array.from(bytes, (b) => (b > 127 ? b - 256 : b)))).toBe(bytes.toString('base64url'));
    }
    const text = 'Kompetent æøå ÆØÅ – 😀';
    expect(Buffer.from(utf8(text)).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });
});

describe('buildAssertion', () => {
  it('is an RS256 JWT with iss, scope, aud, iat and exp one hour later, verifiable with the public key', () => {
    const jwt = buildAssertion({
      clientEmail: 'sa@p.iam.gserviceaccount.com', scopes: ['https://www.googleapis.com/auth/spreadsheets', 'https://www.googleapis.com/auth/chat.bot'],
      nowSeconds: 1_700_000_000.7, sign,
    });
    const [h, c, s] = jwt.split('.');
    expect(decode(h!)).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(decode(c!)).toEqual({
      iss: 'sa@p.iam.gserviceaccount.com',
      scope: 'https://www.googleapis.com/auth/spreadsheets https://www.googleapis.com/auth/chat.bot',
      aud: 'https://oauth2.googleapis.com/token',
      iat: 1_700_000_000,
      exp: 1_700_003_600,
    });
    expect(verify('RSA-SHA256', Buffer.from(`${h}.${c}`), keys.publicKey, Buffer.from(s!, 'base64url'))).toBe(true);
  });

  it('builds the jwt-bearer token request body', () => {
    expect(tokenRequestBody('a.b.c')).toBe('grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=a.b.c');
  });
});

/** A token endpoint in memory: answers each request from a script, records what it got. */
function fakeEndpoint(answers: HttpResponse[]): HttpTransport & { got: HttpRequest[] } {
  const got: HttpRequest[] = [];
  return {
    got,
    request(req) {
      got.push(req);
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      return next;
    },
  };
}

describe('TokenCache', () => {
  const ok = (token: string, expiresIn = 3599): HttpResponse => ({ status: 200, body: { access_token: token, expires_in: expiresIn, token_type: 'Bearer' } });

  it('posts the form body, caches under sa-token with TTL expires_in − 300 s, and refetches after invalidate', () => {
    let now = 1_000_000;
    const cache = new MemoryCache(() => now);
    const endpoint = fakeEndpoint([ok('t1'), ok('t2')]);
    const meter = new Meter();
    const tc = new TokenCache({ cache, transport: endpoint, meter, clientEmail: 'sa@x', scopes: ['s'], sign, nowMs: () => now, sleep: () => undefined });
    expect(tc.token()).toBe('t1');
    expect(tc.token()).toBe('t1');
    expect(endpoint.got).toHaveLength(1);
    expect(endpoint.got[0]).toMatchObject({ method: 'POST', url: 'https://oauth2.googleapis.com/token', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(String(endpoint.got[0]!.body)).toMatch(/^grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(JSON.parse(cache.getAll([TOKEN_CACHE_KEY])[TOKEN_CACHE_KEY]!)).toEqual({ token: 't1', expiresAt: now + 3_599_000 });
    now += 3299 * 1000 - 1;
    expect(cache.getAll([TOKEN_CACHE_KEY])[TOKEN_CACHE_KEY]).toBeDefined();
    now += 2;
    expect(cache.getAll([TOKEN_CACHE_KEY])[TOKEN_CACHE_KEY]).toBeUndefined();
    tc.invalidate();
    expect(tc.token()).toBe('t2');
    expect(meter.byKind).toEqual({ 'oauth.token': 2 });
  });

  it('retries the token endpoint on 503 and fails clearly on a refusal', () => {
    const endpoint = fakeEndpoint([
      { status: 503, body: { error: { code: 503, message: 'unavailable', status: 'UNAVAILABLE' } } },
      { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } },
    ]);
    const sleeps: number[] = [];
    const meter = new Meter();
    const tc = new TokenCache({ cache: new MemoryCache(), transport: endpoint, meter, clientEmail: 'sa@x', scopes: ['s'], sign, sleep: (ms) => sleeps.push(ms) });
    expect(() => tc.token()).toThrow('Service-account token request failed: HTTP 400 invalid_grant: Invalid JWT Signature.');
    expect(sleeps).toEqual([1000]);
    expect(meter.calls).toBe(2);
  });
});

describe('send', () => {
  it('retries a transport that throws, then reports the failure', () => {
    const meter = new Meter();
    const sleeps: number[] = [];
    const broken: HttpTransport = { request: () => { throw new Error('ECONNRESET'); } };
    expect(() => send({ method: 'GET', url: 'https://x/y?secret=1' }, { transport: broken, meter, kind: 'k', sleep: (ms) => sleeps.push(ms), maxRetries: 2 }))
      .toThrow('GET https://x/y failed: ECONNRESET');
    expect(meter.calls).toBe(3);
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('caps the backoff and a long Retry-After', () => {
    const sleeps: number[] = [];
    const t = fakeEndpoint([
      { status: 429, body: {}, headers: { 'retry-after': '120' } },
      { status: 502, body: {} },
      { status: 200, body: { fine: true } },
    ]);
    const res = send({ method: 'GET', url: 'u' }, { transport: t, meter: new Meter(), kind: 'k', sleep: (ms) => sleeps.push(ms), maxDelayMs: 5000 });
    expect(res.body).toEqual({ fine: true });
    expect(sleeps).toEqual([5000, 2000]);
  });
});
