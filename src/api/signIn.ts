import * as E from 'fp-ts/Either';
import { z } from 'zod';
import type { Config } from '../config.js';
import { Role } from '../domain/shared/index.js';
import { type AuthConfig, signToken } from './auth.js';
import { devActor } from './devTokens.js';
import { defineRoute, type Route } from './route.js';

/**
 * How a person signs in to the console served beside the API (issue 19, "Sign-in").
 * One mode per server, decided from its configuration at start:
 * - `oidc`: OIDC_ISSUER is set; the console runs the authorization code flow with PKCE
 *   against that provider, whose access tokens the API accepts (oidc.ts).
 * - `development`: no JWT_SECRET, not production, no OIDC_ISSUER; the console offers
 *   the printed development users (devTokens.ts) and POST /auth/dev-sign-in signs for them.
 * - `token`: otherwise (a JWT_SECRET without a provider); a person pastes a token.
 */
export type SignInMode =
  | { mode: 'oidc'; issuer: string; clientId: string; scope: string; audience: string }
  | { mode: 'development' }
  | { mode: 'token' };

/** What the console asks the provider for: the user's id and name; roles come in the access token. */
const oidcScope = 'openid profile';

/** How long a development sign-in lasts: a working day, as the console's session. */
const devSignInSeconds = 12 * 3600;

export const signInModeOf = (config: Pick<Config, 'oidc' | 'jwtSecret' | 'production'>): SignInMode => {
  if (config.oidc) {
    const { issuer, clientId, audience } = config.oidc;
    return { mode: 'oidc', issuer, clientId, scope: oidcScope, audience };
  }
  // The same condition under which the server prints development tokens (server.ts); production never gets here without JWT_SECRET (config.ts).
  if (config.jwtSecret === undefined && !config.production) return { mode: 'development' };
  return { mode: 'token' };
};

const User = z.object({ id: z.string(), name: z.string(), roles: z.array(Role) }).meta({ id: 'SignInUser' });

export const SignInConfig = z
  .discriminatedUnion('mode', [
    z.object({
      mode: z.literal('oidc'),
      issuer: z.string().meta({ description: 'the OpenID provider; its discovery document is at <issuer>/.well-known/openid-configuration' }),
      clientId: z.string().meta({ description: 'the public client the console signs in as (authorization code with PKCE)' }),
      scope: z.string(),
      audience: z.string().meta({ description: 'the resource to ask the access token for (RFC 8707 `resource`)' }),
    }),
    z.object({
      mode: z.literal('development'),
      users: z.array(User).meta({ description: 'one development user per role; POST /auth/dev-sign-in signs in as one' }),
    }),
    z.object({ mode: z.literal('token').meta({ description: 'no sign-in page: paste a bearer token' }) }),
  ])
  .meta({ id: 'SignInConfig' });

const DevSignInBody = z.object({ role: Role });

const DevSignIn = z
  .object({
    token: z.string().meta({ description: 'an HS256 bearer token of this server' }),
    user: User,
    expiresAt: z.string().meta({ description: 'when the token expires (ISO 8601)' }),
  })
  .meta({ id: 'DevSignIn' });

/** The answers carry who may sign in, or a token: no cache keeps them. */
const noStore = { 'Cache-Control': 'no-store' };

const configRoute = (mode: SignInMode) => {
  const body: z.infer<typeof SignInConfig> =
    mode.mode === 'development' ? { mode: 'development', users: Role.options.map((role) => devActor(role)) } : mode;
  return defineRoute({
    method: 'get',
    path: '/auth/config',
    summary: 'How to sign in to this server: through its OpenID provider, as a development user, or with a token',
    tags: ['sign-in'],
    roles: 'public',
    responses: { 200: { description: 'the sign-in mode and what the console needs for it', body: SignInConfig } },
    handler: async () => E.right({ status: 200, body, headers: noStore }),
  });
};

/** Mounted only in development mode: elsewhere the path is unknown (404), like any other. */
const devSignInRoute = (auth: AuthConfig) =>
  defineRoute({
    method: 'post',
    path: '/auth/dev-sign-in',
    summary: 'Development only: a token for the development user of a role',
    description: 'Exists only on a server without JWT_SECRET, OIDC_ISSUER and NODE_ENV=production; elsewhere it is 404.',
    tags: ['sign-in'],
    roles: 'public',
    request: { body: DevSignInBody },
    responses: { 200: { description: 'signed in', body: DevSignIn } },
    handler: async ({ body }) => {
      const user = devActor(body.role);
      const exp = Math.floor(auth.now() / 1000) + devSignInSeconds;
      const token = await signToken(auth, user, exp);
      return E.right({ status: 200, body: { token, user, expiresAt: new Date(exp * 1000).toISOString() }, headers: noStore });
    },
    // A public route has no user to key a retried Idempotency-Key by, so it is never replayed; signing again is harmless.
    replay: () => undefined,
  });

/** GET /auth/config always; POST /auth/dev-sign-in in development mode only. */
export const signInRoutes = (mode: SignInMode, auth: AuthConfig): Route[] =>
  mode.mode === 'development' ? [configRoute(mode), devSignInRoute(auth)] : [configRoute(mode)];
