import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { authConfig, signToken } from '../../src/api/auth.js';
import { createApp } from '../../src/api/hosted.js';
import { productEngine } from '../../src/api/routes/index.js';
import type { Actor } from '../../src/domain/shared/index.js';
import type { ProjectionEngine } from '../../src/projections/index.js';
import { storeCases, type TestStore } from '../support/stores.js';
import { startLive } from './support/liveViews.js';

const secret = 'hosted-test-secret-of-at-least-32-characters';
const clerk: Actor = { id: 'u-1001', name: '王芳', roles: ['archiveClerk'] };
const sales: Actor = { id: 'sp-1', name: '张伟', roles: ['salesperson'] };
const registration = { name: '华东精密机械有限公司', salespersonId: 'sp-1', status: 'active', region: '华东', reason: '新客户建档' };

describe.each(storeCases)('the API mounted in a host application ($name)', ({ open }) => {
  let store: TestStore;
  let engine: ProjectionEngine;
  let bySession: express.Express;
  beforeAll(async () => {
    store = await open();
    engine = productEngine(store.db, store.schema);
    await startLive(engine);
    bySession = hostWith((req) => sessions[req.get('x-session') ?? '']);
  });
  afterAll(async () => {
    await engine.stop();
    await store.close();
  });

  const hostWith = (identify?: Parameters<typeof createApp>[0]['identify']) => {
    const host = express();
    host.get('/', (_req, res) => void res.send('host'));
    host.use('/ledger', createApp({ store: { ...store, location: 'test' }, engine, secret, ...(identify ? { identify } : {}) }));
    return host;
  };
  const sessions: Record<string, Actor> = { clerk, sales, broken: { id: '', name: 'x', roles: [] } as unknown as Actor };

  describe('when the host identifies its users itself', () => {
    test('writes as the user the host names, and the archive says so', async () => {
      const created = await request(bySession).post('/ledger/customers').set('x-session', 'clerk').send({ ...registration, name: `${registration.name} 1` });
      expect(created.status).toBe(201);
      const history = await request(bySession).get(`/ledger/customers/${created.body.id}/history`).set('x-session', 'clerk');
      expect(history.status).toBe(200);
      expect(JSON.stringify(history.body)).toContain('王芳');
    });

    test('answers 401 when the host knows no user, and ignores bearer tokens', async () => {
      expect((await request(bySession).get('/ledger/customers')).status).toBe(401);
      const token = await signToken(authConfig(secret), clerk);
      expect((await request(bySession).get('/ledger/customers').set('Authorization', `Bearer ${token}`)).status).toBe(401);
    });

    test('still guards every route by role', async () => {
      const refused = await request(bySession).post('/ledger/customers').set('x-session', 'sales').send({ ...registration, name: `${registration.name} 2` });
      expect(refused.status).toBe(403);
    });

    test('refuses a malformed user from the host as its bug (500), writing nothing', async () => {
      const refused = await request(bySession).post('/ledger/customers').set('x-session', 'broken').send({ ...registration, name: `${registration.name} 3` });
      expect(refused.status).toBe(500);
      const { rows } = await store.db.query<{ n: string }>(`select count(*) as n from ${store.schema}.events where data->>'name' = $1`, [`${registration.name} 3`]);
      expect(Number(rows[0]!.n)).toBe(0);
    });

    test('leaves the host’s own routes alone', async () => {
      expect((await request(bySession).get('/')).text).toBe('host');
    });
  });

  describe('without identify', () => {
    test('authenticates by the bearer tokens of its secret', async () => {
      const host = hostWith();
      expect((await request(host).get('/ledger/customers').set('x-session', 'clerk')).status).toBe(401);
      const token = await signToken(authConfig(secret), clerk);
      expect((await request(host).get('/ledger/customers').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    });
  });

  test('refuses a secret shorter than 32 characters', () => {
    expect(() => createApp({ store: { ...store, location: 'test' }, engine, secret: 'short' })).toThrow(/32 characters/);
  });
});
