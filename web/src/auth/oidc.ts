import * as oauth from 'oauth4webapi';
import { type Session, sessionFromToken } from './session.js';

/**
 * Authorization code with PKCE against the company's OpenID provider (oauth4webapi,
 * loaded only in this mode). The browser is a public client: no secret, the code
 * verifier kept in sessionStorage across the redirect, the answer's `state` checked.
 */
type OidcSettings = { issuer: string; clientId: string; scope: string; audience?: string | undefined };

const pendingKey = 'customer-ledger.oidc-pending';
const redirectUri = () => `${window.location.origin}/`;

/**
 * oauth4webapi speaks only HTTPS; plain HTTP is allowed for a provider on this machine's
 * loopback (a developer's or a test's provider), never for another host.
 */
const transport = (issuer: URL) =>
  issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname) ? { [oauth.allowInsecureRequests]: true } : {};

const discover = async (issuerUrl: string) => {
  const issuer = new URL(issuerUrl);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...transport(issuer) }));
};

/** Leaves for the provider's login page. */
export const startOidcSignIn = async (settings: OidcSettings): Promise<void> => {
  const as = await discover(settings.issuer);
  if (!as.authorization_endpoint) throw new Error('the identity provider names no authorization endpoint');
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(pendingKey, JSON.stringify({ verifier, state }));
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', settings.scope);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  // The API is the token's audience (RFC 8707 resource indicator).
  if (settings.audience) url.searchParams.set('resource', settings.audience);
  window.location.assign(url);
};

/** True when the page was opened by the provider's redirect (`/?code=…&state=…`). */
export const isOidcReturn = (): boolean => {
  const params = new URLSearchParams(window.location.search);
  return (params.has('code') || params.has('error')) && sessionStorage.getItem(pendingKey) !== null;
};

/** Exchanges the code for tokens; the API gets the access token. */
export const finishOidcSignIn = async (settings: OidcSettings): Promise<Session> => {
  const pending = JSON.parse(sessionStorage.getItem(pendingKey) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(pendingKey);
  if (!pending) throw new Error('no sign-in was started in this tab');
  const as = await discover(settings.issuer);
  const client: oauth.Client = { client_id: settings.clientId };
  const params = oauth.validateAuthResponse(as, client, new URL(window.location.href), pending.state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri(), pending.verifier, transport(new URL(settings.issuer)));
  const result = await oauth.processAuthorizationCodeResponse(as, client, response);
  // Leave the code out of the address bar and the history.
  window.history.replaceState(null, '', '/');
  const fromAccess = sessionFromToken(result.access_token);
  const claims = oauth.getValidatedIdTokenClaims(result);
  const expiresAt = result.expires_in ? new Date(Date.now() + result.expires_in * 1000).toISOString() : (fromAccess?.expiresAt ?? null);
  const user = fromAccess?.user.roles.length
    ? fromAccess.user
    : {
        id: String(claims?.sub ?? fromAccess?.user.id ?? ''),
        name: String(claims?.['name'] ?? claims?.sub ?? ''),
        roles: Array.isArray(claims?.['roles']) ? (claims['roles'] as unknown[]).map(String) : [],
      };
  return { token: result.access_token, user, expiresAt };
};
