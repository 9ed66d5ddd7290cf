import * as E from 'fp-ts/Either';
import { SignJWT } from 'jose';
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
