import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import * as E from 'fp-ts/Either';
import { decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { type AuthConfig, authConfig, signToken } from '../../src/api/auth.js';
import { createLogger } from '../../src/api/logger.js';
import { oidcVerifier } from '../../src/api/oidc.js';
import { productEngine, productRoutes } from '../../src/api/routes/index.js';
import { type RunningServer, startServer } from '../../src/api/server.js';
import { type OidcConfig, loadConfig } from '../../src/config.js';
import { customerStreamId } from '../../src/domain/customer/streams.js';
import type { ProjectionEngine } from '../../src/projections/index.js';
import { freePort, type OidcProvider, startOidcProvider } from '../support/oidcProvider.js';
import { storeCases, type TestStore } from '../support/stores.js';
import { archiveBody } from './routes/customersFixtures.js';
import { startLive } from './support/liveViews.js';

const secret = 'oidc-test-secret-of-at-least-32-characters!';
let serial = 0;
const uniqueName = (base: string) => `${base}${process.pid}${Date.now()}${serial++}`;

const settingsOf = (idp: OidcProvider, overrides: Partial<OidcConfig> = {}): OidcConfig => ({
  issuer: idp.issuer,
  clientId: idp.clientId,
  audience: idp.audience,
  rolesClaim: 'roles',
  nameClaim: 'name',
  ...overrides,
});

const expectProblem = (res: request.Response, status: number, code: string, detail?: RegExp) => {
  expect(res.status, res.text).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code });
  if (detail) expect(res.body.detail).toMatch(detail);
};

describe.each(storeCases)('the OpenID provider’s access tokens on $name', ({ open }) => {
  let idp: OidcProvider;
  let nested: OidcProvider;
  let stranger: OidcProvider;
  let store: TestStore;
  let engine: ProjectionEngine;
  const apps: Record<string, Express> = {};
  let auth: AuthConfig;

  /** The product's routes, verifying tokens with `settings`'s provider (and HS256 tokens of `secret`). */
  const appWith = (settings: OidcConfig, now: () => number = Date.now) => {
    const a = authConfig(secret, now, 24 * 3600, oidcVerifier(settings));
    return {
      auth: a,
      app: createApp({
        store: store.store,
        db: store.db,
        config: { bodyLimit: 256 * 1024 },
        logger: createLogger('silent'),
        auth: a,
        routes: productRoutes({ store: store.store, db: store.db, schema: store.schema, keyring: store.keyring, engine }),
        checkResponses: true,
      }),
    };
  };

  beforeAll(async () => {
    [idp, nested, stranger] = await Promise.all([
      startOidcProvider(),
      startOidcProvider({ rolesClaim: 'realm_access.roles', alg: 'ES256' }),
      startOidcProvider(),
    ]);
    store = await open();
    engine = productEngine(store.db, store.schema);
    await startLive(engine);
    ({ app: apps.main!, auth } = appWith(settingsOf(idp)));
    apps.nested = appWith(settingsOf(nested, { rolesClaim: 'realm_access.roles' })).app;
  }, 60_000);
  afterAll(async () => {
    await Promise.all([idp?.stop(), nested?.stop(), stranger?.stop()]);
    await engine?.stop();
    await store?.close();
  });

  const as = (token: string, app = apps.main!) => ({
    get: (path: string) => request(app).get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string) => request(app).post(path).set('Authorization', `Bearer ${token}`),
  });

  test('a token from the code + PKCE flow reads the customers, and a write records the provider’s user as its actor', async () => {
    const clerk = await idp.signIn('zhangwei');
    expect((await as(clerk).get('/customers')).status).toBe(200);
    const created = await as(clerk).post('/customers').send(archiveBody(uniqueName('统一身份客户')));
    expect(created.status, created.text).toBe(201);
    const events = await store.store.readStream(customerStreamId(created.body.id))();
    expect(E.isRight(events)).toBe(true);
    const first = E.isRight(events) ? events.right[0] : undefined;
    expect(first?.metadata.actor).toEqual({ id: 'zhangwei', name: '张伟', roles: ['archiveClerk'] });
    expect(first?.metadata.reason).toBe('新客户建档');
  });

  test('roles still guard every route: the provider’s auditor reads and may not write', async () => {
    const auditor = await idp.signIn('lina');
    expect((await as(auditor).get('/customers')).status).toBe(200);
    expectProblem(await as(auditor).post('/customers').send(archiveBody(uniqueName('审计不可写'))), 403, 'RoleNotAllowed', /李娜/);
  });

  test('roles of other systems are ignored; a token with none of this product’s is a 403 saying where roles are looked for', async () => {
    const sunli = await idp.signIn('sunli');
    expect((await as(sunli).get('/customers')).status).toBe(200);
    expectProblem(await as(sunli).post('/customers').send(archiveBody(uniqueName('孙丽'))), 403, 'RoleNotAllowed', /holds auditor$/);
    const guest = await idp.signIn('guest');
    expectProblem(await as(guest).get('/customers'), 403, 'RoleNotAllowed', /访客 holds no role of this product in the token's roles claim \(OIDC_ROLES_CLAIM\)/);
  });

  test('without a name claim the user is named by preferred_username', async () => {
    const nobody = await idp.signIn('nobody');
    const res = await as(nobody).get('/customers');
    expect(res.status).toBe(200);
    expect(auth.verified.get(nobody)).toEqual({ id: 'nobody', name: 'nobody', roles: ['auditor'] });
  });

  test('roles at a dotted path (realm_access.roles), signed ES256', async () => {
    const clerk = await nested.signIn('zhangwei');
    expect((await as(clerk, apps.nested).get('/customers')).status).toBe(200);
    expect((await as(clerk, apps.nested).post('/customers').send(archiveBody(uniqueName('嵌套角色')))).status).toBe(201);
    // The same token read with the roles claim at the top: no roles there, so nobody in this product.
    const flat = appWith(settingsOf(nested)).app;
    expectProblem(await as(clerk, flat).get('/customers'), 403, 'RoleNotAllowed', /roles claim/);
  });

  test('a token for another audience is 401', async () => {
    const clerk = await idp.signIn('zhangwei');
    const other = appWith(settingsOf(idp, { audience: 'https://another.test/api' })).app;
    const res = await as(clerk, other).get('/customers');
    expectProblem(res, 401, 'Unauthenticated', /audience \(aud\) is not https:\/\/another\.test\/api/);
    expect(res.headers['www-authenticate']).toMatch(/error="invalid_token"/);
  });

  test('a token of another provider, or signed by another key in this provider’s name, is 401', async () => {
    const foreign = await stranger.signIn('zhangwei');
    expectProblem(await as(foreign).get('/customers'), 401, 'Unauthenticated', /issuer \(iss\) is not this server's OpenID provider/);
    // Everything as the provider writes it (even its key's id), but signed with a key of someone else.
    const { kid } = decodeProtectedHeader(await idp.signIn('zhangwei'));
    const { privateKey } = await generateKeyPair('RS256');
    for (const header of [{ alg: 'RS256', typ: 'at+jwt', kid }, { alg: 'RS256', typ: 'at+jwt', kid: 'a-key-nobody-published' }]) {
      const forged = await new SignJWT({ name: '张伟', roles: ['groupGM'], client_id: idp.clientId })
        .setProtectedHeader(header)
        .setIssuer(idp.issuer)
        .setAudience(idp.audience)
        .setSubject('zhangwei')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey);
      expectProblem(await as(forged).get('/customers'), 401, 'Unauthenticated', /not signed with a key of the OpenID provider/);
    }
  });

  test('an expired token is 401, and so is one that lives longer than JWT_MAX_TTL', async () => {
    const clerk = await idp.signIn('zhangwei');
    const later = appWith(settingsOf(idp), () => Date.now() + 2 * 3600_000).app;
    expectProblem(await as(clerk, later).get('/customers'), 401, 'Unauthenticated', /expired/);
    const strict = createApp({
      store: store.store,
      db: store.db,
      config: { bodyLimit: 256 * 1024 },
      logger: createLogger('silent'),
      auth: authConfig(secret, Date.now, 1800, oidcVerifier(settingsOf(idp))),
      routes: productRoutes({ store: store.store, db: store.db, schema: store.schema, keyring: store.keyring, engine }),
    });
    expectProblem(await as(clerk, strict).get('/customers'), 401, 'Unauthenticated', /JWT_MAX_TTL/);
  });

  test('HS256 tokens of JWT_SECRET still work beside the provider’s', async () => {
    const own = await signToken(auth, { id: 'sp-9', name: '内部令牌', roles: ['auditor'] });
    expect((await as(own).get('/customers')).status).toBe(200);
    const provider = await idp.signIn('lina');
    expect((await as(provider).get('/customers')).status).toBe(200);
  });

  test('tokens are routed by their alg, never tried against both verifiers', async () => {
    // An HS256 token carrying the provider's issuer is still only an HS256 token: refused by the secret, the provider never asked.
    const forged = await new SignJWT({ name: '张伟', roles: ['archiveClerk'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(idp.issuer)
      .setAudience(idp.audience)
      .setSubject('zhangwei')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('the-provider-does-not-have-a-shared-secret'));
    expectProblem(await as(forged).get('/customers'), 401, 'Unauthenticated', /not signed with the secret of this server/);
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', iss: idp.issuer })).toString('base64url')}.`;
    expectProblem(await as(none).get('/customers'), 401, 'Unauthenticated', /signed neither with HS256 nor/);
  });

  test('a verified token is kept: verified once, whatever the number of requests', async () => {
    const verifier = oidcVerifier(settingsOf(idp));
    let verified = 0;
    const counting = { ...verifier, verify: (token: string, now: Date) => (verified++, verifier.verify(token, now)) };
    const app = createApp({
      store: store.store,
      db: store.db,
      config: { bodyLimit: 256 * 1024 },
      logger: createLogger('silent'),
      auth: authConfig(secret, Date.now, 24 * 3600, counting),
      routes: productRoutes({ store: store.store, db: store.db, schema: store.schema, keyring: store.keyring, engine }),
    });
    const clerk = await idp.signIn('zhangwei');
    for (let i = 0; i < 3; i++) expect((await as(clerk, app).get('/customers')).status).toBe(200);
    expect(verified).toBe(1);
  });
});

describe('the test provider, for a console in a browser', () => {
  test('lets a page on a redirect URI’s origin exchange its code (CORS), and no other origin', async () => {
    const idp = await startOidcProvider({ redirectUris: ['http://127.0.0.1:5173/'] });
    try {
      const preflight = (origin: string) =>
        fetch(`${idp.issuer}/token`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
      expect((await preflight('http://127.0.0.1:5173')).headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
      const exchange = (origin: string) =>
        fetch(`${idp.issuer}/token`, {
          method: 'POST',
          headers: { Origin: origin, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'authorization_code', code: 'x', client_id: idp.clientId, code_verifier: 'v'.repeat(43), redirect_uri: 'http://127.0.0.1:5173/' }),
        });
      expect((await exchange('http://127.0.0.1:5173')).headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
      expect((await exchange('http://evil.test')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await idp.stop();
    }
  });
});

describe('a server whose OpenID provider is down when it starts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-oidc-'));
  let port: number;
  let server: RunningServer;
  let idp: OidcProvider | undefined;
  let token: string;

  beforeAll(async () => {
    // A token of a provider, which then goes away and comes back on the same port (its keys new).
    port = await freePort();
    const before = await startOidcProvider({ port });
    token = await before.signIn('lina');
    await before.stop();
    const config = loadConfig({
      PORT: '0',
      DATA_DIR: dir,
      PGLITE_SYNC: 'false',
      METRICS_PORT: 'off',
      JWT_SECRET: secret,
      OIDC_ISSUER: before.issuer,
      OIDC_CLIENT_ID: before.clientId,
      OIDC_AUDIENCE: before.audience,
    });
    server = await startServer(config, { logger: createLogger('silent'), print: () => undefined });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await idp?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const customers = (bearer: string) => fetch(`${server.url}/customers`, { headers: { Authorization: `Bearer ${bearer}` } });

  test('starts, says it signs in through the provider, and answers HS256 tokens', async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const signIn = (await (await fetch(`${server.url}/auth/config`)).json()) as { mode: string; issuer: string };
    expect(signIn).toMatchObject({ mode: 'oidc', issuer: `http://127.0.0.1:${port}` });
    const own = await signToken(authConfig(secret), { id: 'a-1', name: '审计', roles: ['auditor'] });
    expect((await customers(own)).status).toBe(200);
  });

  test('a provider token is a 503 saying the provider does not answer, with Retry-After; once it is up, tokens are accepted', async () => {
    const res = await customers(token);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const problem = (await res.json()) as { code: string; detail: string };
    expect(problem.code).toBe('IdentityProviderUnavailable');
    expect(problem.detail).toMatch(/OpenID provider \(OIDC_ISSUER\) does not answer/);

    idp = await startOidcProvider({ port });
    expect(idp.issuer).toBe(`http://127.0.0.1:${port}`);
    const fresh = await idp.signIn('lina');
    expect((await customers(fresh)).status).toBe(200);
    // The token of the provider's previous life names a key it no longer has.
    const old = await customers(token);
    expect(old.status).toBe(401);
    expect(((await old.json()) as { detail: string }).detail).toMatch(/not signed with a key of the OpenID provider/);
  });

  test('the page may fetch from the provider (CSP connect-src)', async () => {
    const res = await fetch(`${server.url}/auth/config`);
    expect(res.headers.get('content-security-policy')).toMatch(new RegExp(`connect-src 'self' http://127\\.0\\.0\\.1:${port}(;|$)`));
  });
});
