import * as E from 'fp-ts/Either';
import { createRemoteJWKSet, errors as joseErrors, type JWTPayload, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { OidcConfig } from '../config.js';
import { type Actor, Role } from '../domain/shared/index.js';
import { ClaimText, maxSkewSeconds, type OidcVerifier, providerAlgorithms, unauthenticated, type VerifiedToken } from './auth.js';
import type { ApiError, HttpError } from './errors.js';

/**
 * The access tokens of the company's OpenID provider (OIDC_ISSUER), accepted beside the
 * API's own HS256 tokens (auth.ts routes a token here by its `alg` and `iss`).
 *
 * The provider is found lazily: its discovery document and keys are fetched when the
 * first such token arrives, not at start, so a provider that is down does not keep the
 * server from starting; until it answers, those requests are a 503
 * IdentityProviderUnavailable (the token may be good: retry, do not sign in again), and
 * the next request tries again. The keys are jose's remote key set: cached, and fetched
 * again when a token names a key it does not hold (the provider rotated its keys).
 */

/** How long one fetch of the discovery document or the keys may take. */
const fetchTimeoutMs = 5000;

const Discovery = z.object({ issuer: z.string(), jwks_uri: z.url({ protocol: /^https?$/ }) });

/** The provider cannot be asked now (down, slow, or answering something else than its documents). */
class ProviderUnavailable extends Error {}

const unavailable = (): HttpError => ({
  code: 'IdentityProviderUnavailable',
  message: 'the OpenID provider (OIDC_ISSUER) does not answer, so this token cannot be checked now; retry shortly',
});

const discoveryUrl = (issuer: string): string => `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;

const discover = async (issuer: string): Promise<JWTVerifyGetKey> => {
  let answer: Response;
  try {
    answer = await fetch(discoveryUrl(issuer), { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(fetchTimeoutMs) });
  } catch (e) {
    throw new ProviderUnavailable(`discovery failed: ${(e as Error).message}`, { cause: e });
  }
  if (!answer.ok) throw new ProviderUnavailable(`discovery answered ${answer.status}`);
  const document = Discovery.safeParse(await answer.json().catch(() => undefined));
  if (!document.success) throw new ProviderUnavailable(`the discovery document has no valid issuer and jwks_uri: ${document.error.message}`);
  // OpenID Connect Discovery §4.3: the document must name the issuer it was fetched for.
  if (document.data.issuer !== issuer) throw new ProviderUnavailable(`the discovery document names the issuer ${document.data.issuer}, not OIDC_ISSUER`);
  return createRemoteJWKSet(new URL(document.data.jwks_uri), { timeoutDuration: fetchTimeoutMs });
};

/** The value at a dotted path of the claims (`realm_access.roles`), own properties only. */
const claimAt = (payload: JWTPayload, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (typeof value === 'object' && value !== null && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined), payload);

/** The product's roles among the token's: other roles of the company (or the provider's own) are not ours. */
const productRoles = (value: unknown): Role[] => {
  const given = typeof value === 'string' ? value.split(/\s+/) : Array.isArray(value) ? value : [];
  return [...new Set(given.flatMap((r) => (Role.safeParse(r).success ? [r as Role] : [])))];
};

/** Why a signed token of the provider is refused (signature, issuer, audience, times, shape). */
const whyRefused = (e: unknown, audience: string): string | undefined => {
  if (e instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (e instanceof joseErrors.JWKSNoMatchingKey || e instanceof joseErrors.JWSSignatureVerificationFailed) {
    return 'the token is not signed with a key of the OpenID provider (OIDC_ISSUER)';
  }
  if (e instanceof joseErrors.JWTClaimValidationFailed) {
    if (e.claim === 'aud') return `the token is not for this API: its audience (aud) is not ${audience} (OIDC_AUDIENCE)`;
    return e.reason === 'missing' ? `the token has no ${e.claim} claim (it must carry one)` : `the token's ${e.claim} claim is not valid`;
  }
  if (e instanceof joseErrors.JOSEAlgNotAllowed) return `the token is not signed with one of ${providerAlgorithms.join(', ')}`;
  if (e instanceof joseErrors.JWSInvalid || e instanceof joseErrors.JWTInvalid || e instanceof joseErrors.JOSENotSupported) {
    return 'the token is not a well-formed JWT';
  }
  return undefined;
};

/** The token's claims as this product's user: the roles it knows, a name, the subject. */
const actorOf = (payload: JWTPayload, settings: OidcConfig): E.Either<ApiError, Actor> => {
  const sub = ClaimText.safeParse(payload.sub);
  if (!sub.success) return E.left(unauthenticated(`the token's sub claim is not valid: ${sub.error.issues[0]?.message}`, true));
  const named = claimAt(payload, settings.nameClaim) ?? payload.preferred_username;
  if (named === undefined) {
    return E.left(unauthenticated(`the token has no ${settings.nameClaim} claim (OIDC_NAME_CLAIM), nor preferred_username: the user must have a name`, true));
  }
  const name = ClaimText.safeParse(named);
  if (!name.success) return E.left(unauthenticated(`the token's name claim is not valid: ${name.error.issues[0]?.message}`, true));
  const roles = productRoles(claimAt(payload, settings.rolesClaim));
  if (roles.length === 0) {
    // Authenticated, but nobody in this product: a 403 like any role refusal, saying where roles are looked for.
    return E.left({
      code: 'RoleNotAllowed',
      message: `${name.data} holds no role of this product in the token's ${settings.rolesClaim} claim (OIDC_ROLES_CLAIM); the roles are ${Role.options.join(', ')}`,
    });
  }
  return E.right({ id: sub.data, name: name.data, roles });
};

/** The verifier of the provider's access tokens; `onUnavailable` hears why the provider could not be asked. */
export const oidcVerifier = (settings: OidcConfig, onUnavailable: (reason: string) => void = () => undefined): OidcVerifier => {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  // One discovery at a time, kept once it succeeded; a failed one is forgotten, so the next request asks again.
  const keySet = (): Promise<JWTVerifyGetKey> => {
    if (keys) return keys;
    const asked = discover(settings.issuer);
    keys = asked;
    asked.catch(() => {
      if (keys === asked) keys = undefined;
    });
    return asked;
  };

  const verify = async (token: string, now: Date): Promise<E.Either<ApiError, VerifiedToken>> => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await keySet(), {
        algorithms: [...providerAlgorithms],
        issuer: settings.issuer,
        audience: settings.audience,
        clockTolerance: maxSkewSeconds,
        requiredClaims: ['exp', 'sub'],
        currentDate: now,
      }));
    } catch (e) {
      const why = whyRefused(e, settings.audience);
      if (why !== undefined) return E.left(unauthenticated(why, true));
      // Not the token's fault: the provider's discovery or keys could not be fetched.
      onUnavailable(e instanceof Error ? e.message : String(e));
      return E.left(unavailable());
    }
    const actor = actorOf(payload, settings);
    if (E.isLeft(actor)) return actor;
    return E.right({ actor: actor.right, claims: { exp: payload.exp!, iat: payload.iat } });
  };

  return { issuer: settings.issuer, verify };
};
