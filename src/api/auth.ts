import { createSecretKey, type KeyObject } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import * as E from 'fp-ts/Either';
import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { type Actor, Actor as ActorSchema, type Role, Role as RoleSchema, requireRole } from '../domain/shared/index.js';
import { textFault } from '../domain/shared/text.js';
import { type ApiError, type HttpError, Refusal } from './errors.js';

/**
 * HS256 with a shared secret: the contract's tokens (API.md, Authentication); beside them,
 * when OIDC_ISSUER is set, the access tokens of that OpenID provider (oidc.ts). `verified`
 * holds the tokens this process has already verified, until they expire: a client sends
 * the same token with every request, and checking its signature through WebCrypto took a
 * fifth of the server's CPU under load (bench:api, measured).
 */
export type AuthConfig = {
  secret: KeyObject;
  verified: LRUCache<string, Actor>;
  now: () => number;
  maxTtlSeconds: number;
  oidc?: OidcVerifier | undefined;
};

/** A token verified (signature, issuer, audience) and read as this product's user, with the times still to check. */
export type VerifiedToken = { actor: Actor; claims: TokenTimes };

/** What auth.ts needs of the provider (oidc.ts builds it): who it is, and its tokens checked. */
export type OidcVerifier = {
  issuer: string;
  verify(token: string, now: Date): Promise<E.Either<ApiError, VerifiedToken>>;
};

/** Past `exp`: a token is refused this many seconds after it expired. */
export const clockToleranceSeconds = 5;
/** `iat` and `nbf` may lie this far in the future (clocks of issuers drift), not further. */
export const maxSkewSeconds = 60;
/** The default of JWT_MAX_TTL: the longest lifetime a token may have. */
export const defaultMaxTtlSeconds = 24 * 3600;
/** A verified token is checked again after this long. */
const longestCachedMs = 5 * 60_000;

// A KeyObject, made once: given bytes, jose imports the HMAC key anew for every token
// (measured: a third of the server's CPU under load).
export const authConfig = (secret: string, now: () => number = Date.now, maxTtlSeconds = defaultMaxTtlSeconds, oidc?: OidcVerifier): AuthConfig => ({
  secret: createSecretKey(Buffer.from(secret, 'utf8')),
  verified: new LRUCache({ max: 10_000, perf: { now }, ttlResolution: 0 }),
  now,
  maxTtlSeconds,
  oidc,
});

/** A claim that becomes the actor's id or name: text by the API's one rule (text.ts). */
export const ClaimText = z
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

type TokenTimes = { exp: number; iat?: number | undefined };

/** Why the token's times are not acceptable (beyond what jose checks), if they are not. */
const timesFault = (claims: TokenTimes, nowSeconds: number, maxTtl: number): string | undefined => {
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

export const unauthenticated = (message: string, sentToken: boolean): HttpError => ({
  code: 'Unauthenticated',
  message,
  tokenError: sentToken ? 'invalid_token' : undefined,
});

const whyInvalid = (e: unknown): string => {
  if (e instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (e instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token is not signed with the secret of this server';
  if (e instanceof joseErrors.JWTClaimValidationFailed) {
    return e.reason === 'missing' ? `the token has no ${e.claim} claim (it must carry one)` : `the token's ${e.claim} claim is not valid`;
  }
  return 'the token is not a well-formed JWT';
};

/** Asymmetric algorithms only: a provider's tokens are checked with its public keys, never a shared secret. */
export const providerAlgorithms = ['RS256', 'PS256', 'ES256', 'EdDSA'] as const;

/** An HS256 token of this server's secret. */
const verifyOwn = async (auth: AuthConfig, token: string): Promise<E.Either<ApiError, VerifiedToken>> => {
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
    const actor: Actor = { id: claims.data.sub, name: claims.data.name, roles: [...new Set(claims.data.roles)] };
    return E.right({ actor, claims: claims.data });
  } catch (e) {
    return E.left(unauthenticated(whyInvalid(e), true));
  }
};

/**
 * Which verifier a token is for, by its header's `alg` and (for the provider's) its
 * `iss`: HS256 is this server's secret, an asymmetric algorithm the OpenID provider's
 * keys. A token is never tried against both: a provider's token must not reach the
 * HMAC check, nor a forged HS256 token the provider's keys (RFC 8725 §2.1).
 */
const verifierOf = async (auth: AuthConfig, token: string): Promise<E.Either<ApiError, VerifiedToken>> => {
  let alg: unknown;
  let iss: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
    iss = decodeJwt(token).iss;
  } catch {
    return E.left(unauthenticated('the token is not a well-formed JWT', true));
  }
  if (alg === 'HS256') return verifyOwn(auth, token);
  const asymmetric = (providerAlgorithms as readonly unknown[]).includes(alg);
  // The token's own values are not echoed: they are whatever the sender wrote.
  if (!auth.oidc) {
    const why = asymmetric ? 'this server has no OpenID provider (OIDC_ISSUER) to check it with' : 'its algorithm is not one this server accepts';
    return E.left(unauthenticated(`the token is not signed with HS256, and ${why}`, true));
  }
  if (!asymmetric) return E.left(unauthenticated(`the token is signed neither with HS256 nor with one of ${providerAlgorithms.join(', ')}`, true));
  if (iss !== auth.oidc.issuer) return E.left(unauthenticated("the token's issuer (iss) is not this server's OpenID provider (OIDC_ISSUER)", true));
  return auth.oidc.verify(token, new Date(auth.now()));
};

/** The token's user, or why there is none. Never throws for a bad token. */
export const verifyToken = async (auth: AuthConfig, token: string): Promise<E.Either<ApiError, Actor>> => {
  const known = auth.verified.get(token);
  if (known !== undefined) return E.right(known);
  const verified = await verifierOf(auth, token);
  if (E.isLeft(verified)) return verified;
  const { actor, claims } = verified.right;
  const fault = timesFault(claims, auth.now() / 1000, auth.maxTtlSeconds);
  if (fault) return E.left(unauthenticated(fault, true));
  // Kept no longer than it would be accepted: past exp (and its tolerance) it is verified, and refused, again.
  const ttl = Math.min(longestCachedMs, (claims.exp + clockToleranceSeconds) * 1000 - auth.now());
  if (ttl > 0) auth.verified.set(token, actor, { ttl });
  return E.right(actor);
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
        if (E.isLeft(result)) return next(new Refusal(result.left));
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
