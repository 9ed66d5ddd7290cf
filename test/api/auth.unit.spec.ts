import * as E from 'fp-ts/Either';
import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, test } from 'vitest';
import { authConfig, signToken, verifyToken } from '../../src/api/auth.js';
import type { Actor } from '../../src/domain/shared/index.js';

const secret = 'unit-test-secret-of-at-least-32-characters';
const clerk: Actor = { id: 'u-1', name: '王丽', roles: ['archiveClerk'] };
const start = Date.parse('2026-11-29T08:00:00Z');

/** A clock the test moves by hand: it drives both the token check and the cache of verified tokens. */
const manualClock = () => {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
};

const reason = (r: E.Either<{ message: string }, Actor>) => (E.isLeft(r) ? r.left.message : 'accepted');

describe('verifying tokens, once per token', () => {
  test('a token verified once is still refused after it expires (and the 5 s tolerance)', async () => {
    const clock = manualClock();
    const auth = authConfig(secret, clock.now);
    const token = await new SignJWT({ name: clerk.name, roles: clerk.roles })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(clerk.id)
      .setIssuedAt(Math.floor(start / 1000))
      .setExpirationTime(Math.floor(start / 1000) + 60)
      .sign(auth.secret);
    expect(await verifyToken(auth, token)).toEqual(E.right(clerk));
    clock.advance(64_000);
    expect(await verifyToken(auth, token)).toEqual(E.right(clerk));
    clock.advance(2_000);
    expect(reason(await verifyToken(auth, token))).toBe('the token has expired');
  });

  test('a token of another secret is refused, whatever this server verified before', async () => {
    const auth = authConfig(secret);
    const ours = await signToken(auth, clerk);
    expect(await verifyToken(auth, ours)).toEqual(E.right(clerk));
    const forged = await signToken(authConfig(`${secret}-other`), clerk);
    expect(reason(await verifyToken(auth, forged))).toBe('the token is not signed with the secret of this server');
    const tampered = `${ours.slice(0, -2)}${ours.endsWith('AA') ? 'AB' : 'AA'}`;
    expect(E.isLeft(await verifyToken(auth, tampered))).toBe(true);
  });

  test('the cache holds at most 10,000 tokens; the oldest are verified again', async () => {
    const auth = authConfig(secret);
    for (let i = 0; i < 10_050; i += 1) auth.verified.set(`t${i}`, clerk);
    expect(auth.verified.size).toBe(10_000);
    expect(auth.verified.has('t0')).toBe(false);
  });
});

describe('what a token must say about its time and its user', () => {
  const nowS = Math.floor(start / 1000);
  const sign = (auth: ReturnType<typeof authConfig>, claims: Record<string, unknown>, sub = clerk.id) =>
    new SignJWT({ name: clerk.name, roles: clerk.roles, ...claims }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).sign(auth.secret);
  const at = () => authConfig(secret, () => start);

  test('a token without exp is refused', async () => {
    expect(reason(await verifyToken(at(), await sign(at(), { iat: nowS })))).toBe('the token has no exp claim (it must carry one)');
  });

  test('a lifetime above JWT_MAX_TTL (24 h by default) is refused, up to it accepted', async () => {
    const auth = at();
    expect(await verifyToken(auth, await sign(auth, { iat: nowS, exp: nowS + 24 * 3600 }))).toEqual(E.right(clerk));
    expect(reason(await verifyToken(auth, await sign(auth, { iat: nowS, exp: nowS + 24 * 3600 + 1 })))).toMatch(/lives longer than the 86400 s/);
    // Without iat the lifetime counts from now; a backdated iat does not stretch it.
    expect(reason(await verifyToken(auth, await sign(auth, { exp: nowS + 30 * 86_400 })))).toMatch(/lives longer/);
    expect(reason(await verifyToken(auth, await sign(auth, { iat: nowS - 86_000, exp: nowS + 3600 })))).toMatch(/lives longer/);
    const short = authConfig(secret, () => start, 3600);
    expect(reason(await verifyToken(short, await sign(short, { iat: nowS, exp: nowS + 7200 })))).toMatch(/lives longer than the 3600 s/);
  });

  test('iat and nbf may lie up to 60 s in the future (clock skew), not further', async () => {
    const auth = at();
    expect(await verifyToken(auth, await sign(auth, { iat: nowS + 60, nbf: nowS + 60, exp: nowS + 3600 }))).toEqual(E.right(clerk));
    expect(reason(await verifyToken(auth, await sign(auth, { iat: nowS + 61, exp: nowS + 3600 })))).toBe("the token's iat claim lies in the future");
    expect(reason(await verifyToken(auth, await sign(auth, { iat: nowS, nbf: nowS + 61, exp: nowS + 3600 })))).toBe("the token's nbf claim is not valid");
  });

  test('sub and name are text by the API rule: NUL, control characters or lone surrogates are refused', async () => {
    const auth = at();
    for (const sub of ['u\u00001', 'u\u001b1', 'u\ud8001']) {
      expect(reason(await verifyToken(auth, await sign(auth, { iat: nowS, exp: nowS + 60 }, sub)))).toMatch(/^the token's sub claim is not valid: text cannot/);
    }
    expect(reason(await verifyToken(auth, await sign(auth, { iat: nowS, exp: nowS + 60, name: '王\u0000丽' })))).toMatch(/^the token's name claim is not valid/);
  });
});

describe('tokens of an OpenID provider on a server without one', () => {
  test('an RS256 token is refused saying there is no provider to check it with, never tried as HS256', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ name: clerk.name, roles: clerk.roles })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer('https://id.example.com')
      .setSubject(clerk.id)
      .setExpirationTime('1h')
      .sign(privateKey);
    expect(reason(await verifyToken(authConfig(secret), token))).toBe(
      'the token is not signed with HS256, and this server has no OpenID provider (OIDC_ISSUER) to check it with',
    );
  });

  test.each(['HS512', 'none', 'RS256 '])('alg %j is refused without echoing it', async (alg) => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = `${part({ alg })}.${part({ sub: clerk.id, name: clerk.name, roles: clerk.roles, exp: 2e9 })}.c2ln`;
    const why = reason(await verifyToken(authConfig(secret), token));
    expect(why).toMatch(/^the token is not signed with HS256/);
    expect(why).not.toContain(alg);
  });
});
