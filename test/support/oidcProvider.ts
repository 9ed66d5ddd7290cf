/**
 * A real OpenID provider for tests (`oidc-provider`, in-process): not a mock of one.
 *
 * ```ts
 * const idp = await startOidcProvider({ redirectUris: ['http://127.0.0.1:3000/'] });
 * // the API:     OIDC_ISSUER=idp.issuer  OIDC_CLIENT_ID=idp.clientId  OIDC_AUDIENCE=idp.audience
 * const token = await idp.signIn('zhangwei'); // the code + PKCE flow, run with fetch
 * await idp.stop();
 * ```
 *
 * - Issuer `http://127.0.0.1:<port>` (an ephemeral port unless `port` is given).
 * - One public client, `ledger-console` (`token_endpoint_auth_method: 'none'`, PKCE S256
 *   required, authorization code only), with the caller's redirect URIs (the console's page).
 * - Its own login and consent pages (oidc-provider's devInteractions): a browser signs in
 *   by filling `login` with one of the logins below and `password` with anything not empty
 *   (the development pages check no password), then presses the consent page's button.
 * - Users (`oidcUsers`): login → name and roles, one per role of the product, e.g.
 *   zhangwei 张伟 archiveClerk, lina 李娜 auditor, zhaomin 赵敏 salesAdminManager; the
 *   token's `sub` is the login. Plus sunli 孙丽 (auditor among roles of other systems),
 *   guest 访客 (no role of this product) and nobody (no name, only preferred_username).
 * - Access tokens are JWTs (RFC 9068, `typ: at+jwt`) for the resource `audience`
 *   (default `https://ledger.test/api`), signed RS256 (or `alg`) with a key made for this
 *   instance, carrying `name`, `preferred_username` and the roles at `rolesClaim`
 *   (default `roles`; a dotted path nests them, e.g. `realm_access.roles`). The console
 *   need not send `resource`: the provider defaults to the API's.
 * - The discovery document, keys and token endpoint answer CORS requests from the origins of
 *   the redirect URIs, so a console page on one of them runs the whole flow in the browser.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration, errors } from 'oidc-provider';

export type OidcUser = { login: string; name?: string; roles: string[] };

export const oidcUsers: readonly OidcUser[] = [
  { login: 'zhangwei', name: '张伟', roles: ['archiveClerk'] },
  { login: 'wangfang', name: '王芳', roles: ['serviceClerk'] },
  { login: 'liuyang', name: '刘洋', roles: ['salesperson'] },
  { login: 'chenjing', name: '陈静', roles: ['salesDeptManager'] },
  { login: 'zhaomin', name: '赵敏', roles: ['salesAdminManager'] },
  { login: 'yangfan', name: '杨帆', roles: ['salesVP'] },
  { login: 'huangqiang', name: '黄强', roles: ['salesGM'] },
  { login: 'zhoujie', name: '周杰', roles: ['groupGM'] },
  { login: 'wujun', name: '吴军', roles: ['reviewBoard'] },
  { login: 'lina', name: '李娜', roles: ['auditor'] },
  { login: 'sunli', name: '孙丽', roles: ['offline_access', 'auditor', 'hr-admin'] },
  { login: 'guest', name: '访客', roles: ['uma_authorization'] },
  { login: 'nobody', roles: ['auditor'] },
];

export type OidcProviderOptions = {
  /** The console's redirect URIs (e.g. `http://127.0.0.1:<port>/`); `signIn` uses one of its own besides. */
  redirectUris?: readonly string[];
  /** The resource (API) the access tokens are for: their `aud`. */
  audience?: string;
  /** Where the roles go in the access token: a claim, or a dotted path. */
  rolesClaim?: string;
  /** A port to listen on (to start a provider where one was down); default ephemeral. */
  port?: number;
  /** The access tokens' lifetime in seconds. */
  accessTokenTtl?: number;
  alg?: 'RS256' | 'ES256' | 'PS256';
  users?: readonly OidcUser[];
};

export type OidcProvider = {
  issuer: string;
  clientId: string;
  audience: string;
  users: readonly OidcUser[];
  /** The authorization code flow with PKCE, as a browser runs it (cookies, the login and consent forms): the access token. */
  signIn(login: string, password?: string): Promise<string>;
  stop(): Promise<void>;
};

export const defaultAudience = 'https://ledger.test/api';
const clientId = 'ledger-console';
/** Where `signIn` says it is redirected back to: it reads the code from the redirect and never calls it. */
const ownRedirect = 'http://127.0.0.1/signed-in';

/** A port nobody listens on now (for a provider that is down, then started there). */
export const freePort = async (): Promise<number> => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
};

/** `{ realm_access: { roles } }` for `realm_access.roles`. */
const nested = (path: string, value: unknown): Record<string, unknown> =>
  path
    .split('.')
    .reverse()
    .reduce<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;

export const startOidcProvider = async (options: OidcProviderOptions = {}): Promise<OidcProvider> => {
  const users = options.users ?? oidcUsers;
  const audience = options.audience ?? defaultAudience;
  const alg = options.alg ?? 'RS256';
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), alg, use: 'sig', kid: randomBytes(8).toString('hex') };

  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const userOf = (login: string) => users.find((u) => u.login === login);

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // The ID token too is signed with the instance's one key.
        id_token_signed_response_alg: alg,
        redirect_uris: [...(options.redirectUris ?? []), ownRedirect],
      },
    ],
    pkce: { required: () => true },
    // The console's page exchanges its code itself: the token endpoint answers CORS requests from the redirect URIs' origins.
    clientBasedCORS: (_ctx, origin, client) => client.redirectUris?.some((uri) => new URL(uri).origin === origin) ?? false,
    ttl: { AccessToken: options.accessTokenTtl ?? 3600, IdToken: 3600, Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600 },
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    findAccount: (_ctx, id) => {
      const user = userOf(id);
      if (!user) return undefined;
      return { accountId: id, claims: () => ({ sub: id, preferred_username: id, ...(user.name ? { name: user.name } : {}) }) };
    },
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== audience) throw new errors.InvalidTarget();
          return { scope: 'ledger', audience, accessTokenFormat: 'jwt', accessTokenTTL: options.accessTokenTtl ?? 3600, jwt: { sign: { alg } } };
        },
      },
    },
    // What the API reads from the access token: who (name) and as what (roles).
    extraTokenClaims: (_ctx, token) => {
      const user = 'accountId' in token && typeof token.accountId === 'string' ? userOf(token.accountId) : undefined;
      if (!user) return undefined;
      return { preferred_username: user.login, ...(user.name ? { name: user.name } : {}), ...nested(options.rolesClaim ?? 'roles', user.roles) };
    },
  };
  const provider = new Provider(issuer, configuration);
  server.on('request', provider.callback());

  const signIn = async (login: string, password = 'any password'): Promise<string> => {
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { authorization_endpoint: string; token_endpoint: string };
    const verifier = randomBytes(32).toString('base64url');
    const authorize = new URL(discovery.authorization_endpoint);
    authorize.search = new URLSearchParams({
      client_id: clientId,
      response_type: 'code',
      redirect_uri: ownRedirect,
      scope: 'openid profile',
      state: randomBytes(8).toString('hex'),
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();

    const cookies = new Map<string, string>();
    const go = async (url: URL, init: RequestInit = {}): Promise<Response> => {
      const res = await fetch(url, {
        ...init,
        redirect: 'manual',
        headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const set of res.headers.getSetCookie()) {
        const [pair = ''] = set.split(';');
        const at = pair.indexOf('=');
        const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
        if (value === '' || /expires=Thu, 01 Jan 1970/i.test(set)) cookies.delete(name);
        else cookies.set(name, value);
      }
      return res;
    };

    let at = authorize;
    let res = await go(at);
    for (let step = 0; step < 12; step++) {
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        const next = new URL(location, at);
        if (next.href.startsWith(ownRedirect)) {
          const code = next.searchParams.get('code');
          if (!code) throw new Error(`sign-in of ${login} refused: ${next.searchParams.get('error')} ${next.searchParams.get('error_description')}`);
          return exchange(discovery.token_endpoint, code, verifier);
        }
        at = next;
        res = await go(at);
        continue;
      }
      const page = await res.text();
      const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(page);
      if (res.status !== 200 || !form) throw new Error(`sign-in of ${login} stopped at ${at.pathname}: ${res.status} ${page.slice(0, 500)}`);
      const fields = new URLSearchParams();
      for (const [, name, value] of form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields.set(name!, value!);
      if (fields.get('prompt') === 'login') {
        fields.set('login', login);
        fields.set('password', password);
      }
      at = new URL(form[1]!.replace(/&amp;/g, '&'), at);
      res = await go(at, { method: 'POST', body: fields, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    }
    throw new Error(`sign-in of ${login} went round in circles at ${at.pathname}`);
  };

  const exchange = async (tokenEndpoint: string, code: string, verifier: string): Promise<string> => {
    const res = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: ownRedirect, client_id: clientId, code_verifier: verifier }),
    });
    const body = (await res.json()) as { access_token?: string; error?: string; error_description?: string };
    if (!res.ok || !body.access_token) throw new Error(`token endpoint: ${res.status} ${body.error} ${body.error_description}`);
    return body.access_token;
  };

  return {
    issuer,
    clientId,
    audience,
    users,
    signIn,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
