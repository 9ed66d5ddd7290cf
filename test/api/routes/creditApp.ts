import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Express } from 'express';
import * as E from 'fp-ts/Either';
import request from 'supertest';
import { expect } from 'vitest';
import { createApp } from '../../../src/api/app.js';
import { authConfig, signToken } from '../../../src/api/auth.js';
import { createLogger } from '../../../src/api/logger.js';
import { routeDeps } from '../../../src/api/deps.js';
import { complaintRoutes } from '../../../src/api/routes/complaints.js';
import { creditRoutes } from '../../../src/api/routes/credit.js';
import { reassignSalesperson, registerCustomer } from '../../../src/app/customer/index.js';
import type { Actor, Role } from '../../../src/domain/shared/index.js';
import { complaintsProjection } from '../../../src/projections/complaints/projection.js';
import { creditRequestsProjection } from '../../../src/projections/creditRequests/projection.js';
import { customerArchive } from '../../../src/projections/customers/archive.js';
import { customerRecordsProjection, customersProjection } from '../../../src/projections/customers/projection.js';
import { createProjectionEngine, type ProjectionEngine } from '../../../src/projections/engine/engine.js';
import type { ReadDeps } from '../../../src/projections/shared/query.js';
import { standingProjection } from '../../../src/projections/standing/projection.js';
import { staffProjection } from '../../../src/projections/staff/projection.js';
import type { StoreCase, TestStore } from '../../support/stores.js';
import { startLive } from '../support/liveViews.js';

export type CreditApp = {
  app: Express;
  store: TestStore;
  engine: ProjectionEngine;
  views: ReadDeps;
  token(roles: Role[], id?: string): Promise<string>;
  /** An active customer owned by `salespersonId`, with an address and a primary contact, seen by the projections. */
  register(name: string, salespersonId?: string): Promise<string>;
  reassign(customerId: string, salespersonId: string): Promise<void>;
  /** The customer's limit in force, as the archive view shows it. */
  creditLimit(customerId: string): Promise<string | null>;
  /** The API's clock (meta.at, time-travel defaults); the real one when unset. */
  setNow(iso: string | undefined): void;
  eventCount(): Promise<number>;
  close(): Promise<void>;
};

const secret = 'credit-test-secret-of-at-least-32-characters';
const clerk: Actor = { id: 'clerk-0', name: '建档员', roles: ['archiveClerk'] };

const ok = async <A>(run: () => Promise<E.Either<{ message: string }, A>>): Promise<A> => {
  const r = await run();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

/** The credit and complaint routes on a fresh store schema, with the projections they read running. */
export const openCreditApp = async (open: StoreCase['open']): Promise<CreditApp> => {
  const store = await open();
  const views: ReadDeps = { db: store.db, schema: store.schema, keyring: store.keyring };
  const engine = createProjectionEngine({
    db: store.db,
    schema: store.schema,
    projections: [customersProjection, customerRecordsProjection, standingProjection, creditRequestsProjection, complaintsProjection, staffProjection],
    pollMs: 100,
  });
  await startLive(engine);
  let now: Date | undefined;
  const auth = authConfig(secret);
  const quiet = new Writable({ write: (_chunk, _enc, done) => done() });
  const deps = routeDeps(store.store, views, { engine });
  const app = createApp({
    store: store.store,
    db: store.db,
    config: { bodyLimit: 64 * 1024 },
    logger: createLogger('warn', quiet),
    auth,
    routes: [...creditRoutes(deps), ...complaintRoutes(deps)],
    checkResponses: true,
    clock: () => now ?? new Date(),
  });
  // Customers exist from before the months the tests play in (the complaint tests set the API's clock back to October 2026).
  const meta = (reason: string, at = '2026-01-05T09:00:00+08:00') => ({ actor: clerk, at, reason });
  return {
    app,
    store,
    engine,
    views,
    token: (roles, id = `user-${roles.join('-')}`) => signToken(auth, { id, name: `测试 ${id}`, roles } satisfies Actor),
    register: async (name, salespersonId = 'sp-1') => {
      const customerId = randomUUID();
      await ok(
        registerCustomer({ store: store.store })({
          customerId,
          name,
          salespersonId,
          status: 'active',
          address: '浙江省宁波市鄞州区',
          contacts: [{ id: randomUUID(), category: 'primary', name: '王厂长', mobile: '13900000000' }],
          meta: meta('建档'),
        }),
      );
      await engine.catchUp(5000);
      return customerId;
    },
    reassign: async (customerId, salespersonId) => {
      await ok(reassignSalesperson({ store: store.store })({ customerId, salespersonId, meta: meta('业务员调整', new Date().toISOString()) }));
      await engine.catchUp(5000);
    },
    creditLimit: async (customerId) => (await customerArchive(views, customerId))?.creditLimit ?? null,
    setNow: (iso) => {
      now = iso === undefined ? undefined : new Date(iso);
    },
    eventCount: async () => Number((await store.db.query<{ n: string }>(`select count(*) as n from ${store.schema}.events`)).rows[0]!.n),
    close: async () => {
      await engine.stop();
      await store.close();
    },
  };
};


/** Reads a file answer as bytes. */
export const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** One request a fuzzer made up: whatever it sends, the answer is below 500 and a refusal writes nothing. */
export type FuzzedRequest = {
  method: 'get' | 'post';
  path: string;
  token: string | undefined;
  body?: string | undefined;
  contentType: string;
  ifMatch?: string | undefined;
  idempotencyKey?: string | undefined;
};

export const expectHandled = async (c: CreditApp, r: FuzzedRequest) => {
  const before = await c.eventCount();
  let req = request(c.app)[r.method](r.path);
  if (r.token !== undefined) req = req.set('Authorization', `Bearer ${r.token}`);
  if (r.ifMatch !== undefined) req = req.set('If-Match', r.ifMatch);
  if (r.idempotencyKey !== undefined) req = req.set('Idempotency-Key', r.idempotencyKey);
  if (r.body !== undefined) req = req.set('Content-Type', r.contentType).send(r.body);
  const res = await req;
  expect(res.status, `${r.method} ${r.path} ${r.body ?? ''} → ${res.status} ${res.text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: res.status, type: expect.any(String), title: expect.any(String), detail: expect.any(String), code: expect.any(String) });
    expect(await c.eventCount()).toBe(before);
  }
  return res;
};

export { client, expectProblem } from './http.js';
