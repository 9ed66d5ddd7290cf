import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { authConfig } from '../../src/api/auth.js';
import { createLogger } from '../../src/api/logger.js';
import { type RunningServer, startServer } from '../../src/api/server.js';
import { signInModeOf, signInRoutes } from '../../src/api/signIn.js';
import { loadConfig } from '../../src/config.js';
import { Role } from '../../src/domain/shared/index.js';
import { storeCases, type TestStore } from '../support/stores.js';
import { noteEventTypes, noteRoutes } from './support/noteRoutes.js';
import { allEventTypes } from '../../src/domain/eventTypes.js';

const secret = 'sign-in-test-secret-of-at-least-32-characters';

/** An app as `serve` builds it for the environment `env`: the sign-in routes of its mode beside the note routes. */
const appFor = (store: TestStore, env: Record<string, string>) => {
  const config = loadConfig(env);
  const auth = authConfig(config.jwtSecret ?? secret);
  const mode = signInModeOf(config);
  return createApp({
    store: store.store,
    db: store.db,
    config: { bodyLimit: 16 * 1024 },
    logger: createLogger('silent'),
    auth,
    routes: [...signInRoutes(mode, auth), ...noteRoutes(store.store)],
    checkResponses: true,
    connectTo: mode.mode === 'oidc' ? [new URL(mode.issuer).origin] : [],
  });
};

describe.each(storeCases)('sign-in routes on $name', ({ open }) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await open({ eventTypes: [...allEventTypes, ...noteEventTypes] });
  });
  afterAll(() => store.close());

  describe('in development (no JWT_SECRET, not production)', () => {
    const app = () => appFor(store, {});

    test('/auth/config offers one development user per role, without a token', async () => {
      const res = await request(app()).get('/auth/config').expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body.mode).toBe('development');
      expect(res.body.users).toHaveLength(Role.options.length);
      expect(res.body.users.map((u: { roles: string[] }) => u.roles)).toEqual(Role.options.map((r) => [r]));
      expect(res.body.users[0]).toEqual({ id: 'dev-archiveClerk', name: 'Dev 销售内勤(客户管理)', roles: ['archiveClerk'] });
    });

    test('POST /auth/dev-sign-in gives a 12 h token of that user, which the API accepts and records as the actor', async () => {
      const a = app();
      const before = Date.now();
      const res = await request(a).post('/auth/dev-sign-in').send({ role: 'archiveClerk' }).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body.user).toEqual({ id: 'dev-archiveClerk', name: 'Dev 销售内勤(客户管理)', roles: ['archiveClerk'] });
      const lifetime = Date.parse(res.body.expiresAt) - before;
      expect(lifetime).toBeGreaterThan(12 * 3600_000 - 5000);
      expect(lifetime).toBeLessThanOrEqual(12 * 3600_000 + 1000);
      const created = await request(a).post('/notes').set('Authorization', `Bearer ${res.body.token}`).send({ text: 'signed in', reason: 'trying the console' });
      expect(created.status).toBe(201);
      const events = await store.store.readStream(`note-${created.body.id}`)();
      expect(events).toMatchObject({ right: [{ metadata: { actor: { id: 'dev-archiveClerk', roles: ['archiveClerk'] } } }] });
    });

    test('a development auditor may read but not write', async () => {
      const a = app();
      const { body } = await request(a).post('/auth/dev-sign-in').send({ role: 'auditor' }).expect(200);
      const refused = await request(a).post('/notes').set('Authorization', `Bearer ${body.token}`).send({ text: 'x', reason: 'r' });
      expect(refused.status).toBe(403);
    });

    test.each([
      ['an unknown role', { role: 'admin' }],
      ['no role', {}],
      ['a role that is not text', { role: 'a\u0000b' }],
      ['a number', { role: 7 }],
    ])('%s is a 400 naming body.role, and no token', async (_name, body) => {
      const res = await request(app()).post('/auth/dev-sign-in').send(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('body.role');
      expect(res.body.token).toBeUndefined();
    });

    test('an unknown field is a 400 naming it', async () => {
      const res = await request(app()).post('/auth/dev-sign-in').send({ role: 'auditor', roles: ['groupGM'] });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.roles']);
    });

    test('both routes are in the OpenAPI document, public, and the document is valid', async () => {
      const doc = (await request(app()).get('/openapi.json').expect(200)).body;
      expect(doc.paths['/auth/config'].get.security).toEqual([]);
      expect(doc.paths['/auth/dev-sign-in'].post.security).toEqual([]);
      expect(doc.paths['/auth/config'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SignInConfig' });
      expect(doc.components.schemas.SignInConfig.oneOf).toHaveLength(3);
      await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
    });
  });

  describe('with JWT_SECRET set', () => {
    const app = () => appFor(store, { JWT_SECRET: secret });

    test('/auth/config says a token is pasted', async () => {
      expect((await request(app()).get('/auth/config').expect(200)).body).toEqual({ mode: 'token' });
    });

    test('POST /auth/dev-sign-in is 404 exactly as a path that never existed', async () => {
      const a = app();
      const res = await request(a).post('/auth/dev-sign-in').send({ role: 'groupGM' });
      const unknown = await request(a).post('/auth/never-existed').send({ role: 'groupGM' });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'RouteNotFound', type: unknown.body.type, title: unknown.body.title });
      expect(res.body.token).toBeUndefined();
      const doc = (await request(a).get('/openapi.json').expect(200)).body;
      expect(doc.paths['/auth/dev-sign-in']).toBeUndefined();
    });
  });

  describe('with an OpenID provider', () => {
    const env = { OIDC_ISSUER: 'https://id.example.com/realms/ledger', OIDC_CLIENT_ID: 'ledger-console' };

    test('/auth/config names the provider, the client, the scope and the audience (the client id by default)', async () => {
      const res = await request(appFor(store, env)).get('/auth/config').expect(200);
      expect(res.body).toEqual({ mode: 'oidc', issuer: env.OIDC_ISSUER, clientId: 'ledger-console', scope: 'openid profile', audience: 'ledger-console' });
      const withAudience = await request(appFor(store, { ...env, OIDC_AUDIENCE: 'https://ledger.example.com/api' })).get('/auth/config');
      expect(withAudience.body.audience).toBe('https://ledger.example.com/api');
    });

    test('no development sign-in beside a provider, even without JWT_SECRET', async () => {
      expect((await request(appFor(store, env)).post('/auth/dev-sign-in').send({ role: 'auditor' })).status).toBe(404);
    });

    test('pages may fetch from the provider’s origin (its token endpoint), and nowhere else', async () => {
      const res = await request(appFor(store, env)).get('/auth/config');
      const connect = /connect-src ([^;]+)/.exec(String(res.headers['content-security-policy']))?.[1]?.split(' ');
      expect(connect).toEqual(["'self'", 'https://id.example.com']);
    });
  });
});

describe('a real server in production', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-signin-'));
  const keyFile = join(dir, 'pii.key');
  let server: RunningServer;
  beforeAll(async () => {
    writeFileSync(keyFile, `${'ab'.repeat(32)}\n`, { mode: 0o600 });
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: secret,
      PII_MASTER_KEY_FILE: keyFile,
      PORT: '0',
      DATA_DIR: join(dir, 'data'),
      PGLITE_SYNC: 'false',
      METRICS_PORT: 'off',
    });
    server = await startServer(config, { logger: createLogger('silent'), print: () => undefined, routes: [] });
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('has no development sign-in: /auth/config says token, POST /auth/dev-sign-in is 404', async () => {
    const config = await fetch(`${server.url}/auth/config`);
    expect(await config.json()).toEqual({ mode: 'token' });
    for (const role of Role.options) {
      const res = await fetch(`${server.url}/auth/dev-sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ role }) });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'RouteNotFound' });
    }
  });

  test('production without JWT_SECRET does not start at all', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PII_MASTER_KEY_FILE: keyFile })).toThrow(/JWT_SECRET/);
  });
});

describe('a real development server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-signin-dev-'));
  let server: RunningServer;
  beforeAll(async () => {
    const config = loadConfig({ PORT: '0', DATA_DIR: dir, PGLITE_SYNC: 'false', METRICS_PORT: 'off' });
    server = await startServer(config, { logger: createLogger('silent'), print: () => undefined });
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('signs in a development user whose token reads the customers', async () => {
    expect(((await (await fetch(`${server.url}/auth/config`)).json()) as { mode: string }).mode).toBe('development');
    const res = await fetch(`${server.url}/auth/dev-sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ role: 'auditor' }) });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    const customers = await fetch(`${server.url}/customers`, { headers: { Authorization: `Bearer ${token}` } });
    expect(customers.status).toBe(200);
  });
});
