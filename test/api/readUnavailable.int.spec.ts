import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import request from 'supertest';
import { afterAll, describe, expect, test } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { authConfig, signToken } from '../../src/api/auth.js';
import { createLogger } from '../../src/api/logger.js';
import { routeDeps } from '../../src/api/deps.js';
import { customerRoutes } from '../../src/api/routes/customers.js';
import type { Db } from '../../src/store/index.js';
import { openPgliteDb } from '../../src/store/pglite/db.js';
import { openPostgresDb } from '../../src/store/postgres/db.js';
import { storeCases } from '../support/stores.js';

/** A database the read models cannot reach: a closed embedded one, a server that refuses connections. */
const unreachable: Record<'pglite' | 'postgres', () => Promise<Db>> = {
  pglite: async () => {
    const db = await openPgliteDb();
    await db.close();
    return db;
  },
  postgres: async () => openPostgresDb('postgres://postgres@127.0.0.1:1/none'),
};

const secret = 'unavailable-test-secret-of-at-least-32-characters';

describe.each(storeCases)('a read whose database cannot be reached, on $name', ({ name, open }) => {
  const closing: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closing) await close();
  });

  test('answers 503 StoreUnavailable with Retry-After, not 500', async () => {
    const store = await open();
    const dead = await unreachable[name]();
    closing.push(() => store.close(), () => dead.close().catch(() => undefined));
    const auth = authConfig(secret);
    const app = createApp({
      store: store.store,
      db: store.db,
      config: { bodyLimit: 64 * 1024 },
      logger: createLogger('warn', new Writable({ write: (_c, _e, done) => done() })),
      auth,
      routes: customerRoutes(routeDeps(store.store, { db: dead, schema: store.schema, keyring: store.keyring })),
    });
    const token = await signToken(auth, { id: 'clerk-1', name: '建档员', roles: ['archiveClerk'] });
    for (const path of ['/customers', `/customers/${randomUUID()}?asOf=2026-10-01T00:00:00Z`]) {
      const res = await request(app).get(path).set('Authorization', `Bearer ${token}`);
      expect(res.status, `${path}: ${res.text}`).toBe(503);
      expect(res.body).toMatchObject({ code: 'StoreUnavailable' });
      expect(res.headers['retry-after']).toBe('5');
    }
  });
});
