import { createSecretKey, type KeyObject } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import * as E from 'fp-ts/Either';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { type Actor, Actor as ActorSchema, type Role, Role as RoleSchema, requireRole } from '../domain/shared/index.js';
import { textFault } from '../domain/shared/text.js';
import { type HttpError, Refusal } from './errors.js';

/**
 * HS256 with a shared secret: the contract's tokens (API.md, Authentication). `verified`
 * holds the tokens this process has already verified, until they expire: a client sends
 * the same token with every request, and checking its signature through WebCrypto took a
 * fifth of the server's CPU under load (bench:api, measured).
 */
export type AuthConfig = { secret: KeyObject; verified: LRUCache<string, Actor>; now: () => number; maxTtlSeconds: number };

/** Past `exp`: a token is refused this many seconds after it expired. */
const clockToleranceSeconds = 5;
/** `iat` and `nbf` may lie this far in the future (clocks of issuers drift), not further. */
export const maxSkewSeconds = 60;
/** The default of JWT_MAX_TTL: the longest lifetime a token may have. */
export const defaultMaxTtlSeconds = 24 * 3600;
/** A verified token is checked again after this long. */
const longestCachedMs = 5 * 60_000;

// A KeyObject, made once: given bytes, jose imports the HMAC key anew for every token
// (measured: a third of the server's CPU under load).
export const authConfig = (secret: string, now: () => number = Date.now, maxTtlSeconds = defaultMaxTtlSeconds): AuthConfig => ({
  secret: createSecretKey(Buffer.from(secret, 'utf8')),
  verified: new LRUCache({ max: 10_000, perf: { now }, ttlResolution: 0 }),
  now,
  maxTtlSeconds,
});

/** A claim that becomes the actor's id or name: text by the API's one rule (text.ts). */
const ClaimText = z
  .string()
  .min(1)
  .max(200)
  .superRefine((s, ctx) => {
    const fault = textFault(s);
    if (fault) ctx.addIssue({ code: 'custom', message: fault });
  });

/** The claims a token must carry; other registered claims (iat, nbf, …) may come along. */
export const TokenClaims = z.object({
  sub: ClaimText,
  name: ClaimText,
  roles: z.array(RoleSchema).min(1),
  exp: z.number('a token must expire (exp)'),
  iat: z.number().optional(),
});

/** Why the token's times are not acceptable (beyond what jose checks), if they are not. */
const timesFault = (claims: { exp: number; iat?: number | undefined }, nowSeconds: number, maxTtl: number): string | undefined => {
  if (claims.exp + clockToleranceSeconds < nowSeconds) return 'the token has expired';
  if (claims.iat !== undefined && claims.iat > nowSeconds + maxSkewSeconds) return "the token's iat claim lies in the future";
  if (claims.exp - (claims.iat ?? nowSeconds) > maxTtl || claims.exp - nowSeconds > maxTtl + maxSkewSeconds) {
    return `the token lives longer than the ${maxTtl} s this server accepts (JWT_MAX_TTL)`;
  }
  return undefined;
};
export type TokenClaims = z.infer<typeof TokenClaims>;

export const signToken = (auth: AuthConfig, actor: Actor, expiresIn: string | number = '12h'): Promise<string> =>
  new SignJWT({ name: actor.name, roles: actor.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(actor.id)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(auth.secret);

const unauthenticated = (message: string, sentToken: boolean): HttpError => ({
  code: 'Unauthenticated',
  message,
  tokenError: sentToken ? 'invalid_token' : undefined,
});

const whyInvalid = (e: unknown): string => {
  if (e instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (e instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token is not signed with the secret of this server';
  if (e instanceof joseErrors.JOSEAlgNotAllowed) return 'the token is not signed with HS256';
  if (e instanceof joseErrors.JWTClaimValidationFailed) {
    return e.reason === 'missing' ? `the token has no ${e.claim} claim (it must carry one)` : `the token's ${e.claim} claim is not valid`;
  }
  return 'the token is not a well-formed JWT';
};

/** The token's user, or why there is none. Never throws for a bad token. */
export const verifyToken = async (auth: AuthConfig, token: string): Promise<E.Either<HttpError, Actor>> => {
  const known = auth.verified.get(token);
  if (known !== undefined) return E.right(known);
  try {
    // jose checks nbf (and exp) within the skew; exp's own tolerance is the tighter one, below.
    const { payload } = await jwtVerify(token, auth.secret, {
      algorithms: ['HS256'],
      clockTolerance: maxSkewSeconds,
      requiredClaims: ['exp'],
      currentDate: new Date(auth.now()),
    });
    const claims = TokenClaims.safeParse(payload);
    if (!claims.success) {
      const issue = claims.error.issues[0];
      return E.left(unauthenticated(`the token's ${String(issue?.path[0] ?? 'claims')} claim is not valid: ${issue?.message}`, true));
    }
    const fault = timesFault(claims.data, auth.now() / 1000, auth.maxTtlSeconds);
    if (fault) return E.left(unauthenticated(fault, true));
    const actor: Actor = { id: claims.data.sub, name: claims.data.name, roles: [...new Set(claims.data.roles)] };
    // Kept no longer than it would be accepted: past exp (and its tolerance) it is verified, and refused, again.
    const ttl = Math.min(longestCachedMs, (claims.data.exp + clockToleranceSeconds) * 1000 - auth.now());
    if (ttl > 0) auth.verified.set(token, actor, { ttl });
    return E.right(actor);
  } catch (e) {
    return E.left(unauthenticated(whyInvalid(e), true));
  }
};

const bearer = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** Who calls, from `Authorization: Bearer <JWT>`; put on `req.actor` for the handlers. */
export const authenticate =
  (auth: AuthConfig): RequestHandler =>
  (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    if (header === undefined || header.trim() === '') {
      return next(unauthenticated('this route needs Authorization: Bearer <token>', false));
    }
    const match = bearer.exec(header);
    if (!match) return next(unauthenticated('the Authorization header is not "Bearer <token>"', true));
    void verifyToken(auth, match[1]!).then(
      (result) => {
        if (E.isLeft(result)) return next(result.left);
        req.actor = result.right;
        next();
      },
      next,
    );
  };

/**
 * A host application's own authentication, for the API mounted inside it (createApp's
 * `identify`): the calling user as the host knows them, or `undefined` (401).
 */
export type Identify = (req: Request) => Actor | undefined | Promise<Actor | undefined>;

/** `authenticate` for a host that identifies its users itself; bearer tokens play no part. */
export const identifiedBy =
  (identify: Identify): RequestHandler =>
  (req, _res, next) => {
    Promise.resolve()
      .then(() => identify(req))
      .then((actor) => {
        if (actor === undefined) return next(unauthenticated('this route needs an authenticated user', false));
        // The host's answer becomes the events' actor: a malformed one is the host's bug (500), never written.
        const parsed = ActorSchema.safeParse(actor);
        if (!parsed.success) return next(new Error(`identify answered a malformed user: ${parsed.error.message}`));
        req.actor = parsed.data;
        next();
      })
      .catch(next);
  };

/** The per-route role guard: 403 for a caller none of whose roles may do it. */
export const allow =
  (...roles: readonly Role[]): RequestHandler =>
  (req, _res, next) => {
    if (!req.actor) return next(unauthenticated('this route needs Authorization: Bearer <token>', false));
    const route = (req.route as { path?: string } | undefined)?.path ?? req.path;
    const allowed = requireRole(req.actor, roles, `${req.method} ${req.baseUrl}${route}`);
    return E.isLeft(allowed) ? next(new Refusal(allowed.left)) : next();
  };
