import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Express } from 'express';
import * as E from 'fp-ts/Either';
import request from 'supertest';
import { expect } from 'vitest';
import { createApp } from '../../../src/api/app.js';
import { authConfig, signToken } from '../../../src/api/auth.js';
import { createLogger } from '../../../src/api/logger.js';
import { gradingRouteDeps, gradingRoutes } from '../../../src/api/routes/grading.js';
import type { LoadGradingInputs } from '../../../src/app/grading/index.js';
import {
  type CustomerGradingInput,
  type MonthlyFigures,
  customerFiguresStreamId,
  figurePeriodsOf,
  incidentsPeriodOf,
  latestByPeriod,
} from '../../../src/domain/grading/index.js';
import { type Actor, type Role, periodOf } from '../../../src/domain/shared/index.js';
import { customersProjection } from '../../../src/projections/customers/projection.js';
import { createProjectionEngine, type ProjectionEngine } from '../../../src/projections/engine/engine.js';
import { gradingProjection } from '../../../src/projections/grading/projection.js';
import { standingProjection } from '../../../src/projections/standing/projection.js';
import type { EventStore } from '../../../src/store/index.js';
import type { StoreCase, TestStore } from '../../support/stores.js';

const read = async (store: EventStore, streamId: string) => {
  const r = await store.readStream(streamId)();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

/**
 * A stand-in for the projections' `loadGradingInputs` (not written yet): it folds, for
 * the customers the test registered, their header, status, figures and violations
 * straight from the streams. Cooperation counts from the registration's `enteredAt`.
 */
const streamLoader =
  (store: EventStore, customerIds: () => readonly string[]): LoadGradingInputs =>
  async (period, { policy }) => {
    const inputs: CustomerGradingInput[] = [];
    for (const customerId of customerIds()) {
      const archive = await read(store, `customer-${customerId}`);
      const registered = archive[0]?.data as { salespersonId: string; status: string; enteredAt: string; archive: { name: string } };
      const status = archive.reduce((s, e) => (e.type === 'StatusChanged' ? (e.data as { to: string }).to : s), registered.status);
      if (status !== 'active') continue;
      const recorded = (await read(store, customerFiguresStreamId(customerId))).map((e) => e.data as MonthlyFigures & { customerId: string });
      const wanted = new Set(figurePeriodsOf(policy, period));
      const incidents = incidentsPeriodOf(policy, period);
      inputs.push({
        customerId,
        customerName: registered.archive.name,
        salespersonId: registered.salespersonId,
        figures: [...latestByPeriod(recorded.map(({ customerId: _c, ...f }) => f)).values()].filter((f) => wanted.has(f.period)),
        violations: archive.filter((e) => e.type === 'ViolationRecorded' && periodOf((e.data as { occurredAt: string }).occurredAt) === incidents).length,
        complaints: 0,
        cooperationSince: registered.enteredAt.slice(0, 10),
      });
    }
    return inputs;
  };

export type GradingApp = {
  app: Express;
  store: TestStore;
  engine: ProjectionEngine;
  token(roles: Role[], id?: string): Promise<string>;
  /** An active customer registered long ago (3+ years of cooperation), owned by `salespersonId`. */
  register(name: string, salespersonId?: string): Promise<string>;
  close(): Promise<void>;
};

const secret = 'grading-test-secret-of-at-least-32-characters';

/** The grading routes on a fresh store schema, with the projections running. */
export const openGradingApp = async (open: StoreCase['open']): Promise<GradingApp> => {
  const store = await open();
  const customers: string[] = [];
  const engine = createProjectionEngine({
    db: store.db,
    schema: store.schema,
    projections: [customersProjection, standingProjection, gradingProjection],
    pollMs: 100,
  });
  await engine.start();
  const auth = authConfig(secret);
  const quiet = new Writable({ write: (_chunk, _enc, done) => done() });
  const deps = gradingRouteDeps(
    { store: store.store, loadGradingInputs: streamLoader(store.store, () => customers) },
    { db: store.db, schema: store.schema },
    engine,
  );
  const app = createApp({
    store: store.store,
    db: store.db,
    config: { bodyLimit: 64 * 1024 },
    logger: createLogger('warn', quiet),
    auth,
    routes: gradingRoutes(deps),
    checkResponses: true,
  });
  return {
    app,
    store,
    engine,
    token: (roles, id = `user-${roles.join('-')}`) => signToken(auth, { id, name: `测试 ${id}`, roles } satisfies Actor),
    register: async (name, salespersonId = 'sp-1') => {
      const customerId = randomUUID();
      const enteredAt = '2023-05-10T09:00:00+08:00';
      const data = { customerId, salespersonId, status: 'active', validUntil: null, contacts: [], archive: { name }, enteredAt };
      const appended = await store.store.append(`customer-${customerId}`, 'noStream', [{ type: 'CustomerRegistered', data, occurredAt: enteredAt }], {
        metadata: { actor: { id: 'clerk-0', name: '建档员', roles: ['archiveClerk'] }, reason: '建档' },
      })();
      if (E.isLeft(appended)) throw new Error(appended.left.message);
      customers.push(customerId);
      return customerId;
    },
    close: async () => {
      await engine.stop();
      await store.close();
    },
  };
};

/** An RFC 9457 answer with this status and code. */
export const expectProblem = (res: request.Response, status: number, code: string) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code });
};

/** A client for one token: `as(token).post(path).send(body)`. */
export const client = (app: Express) => (token?: string) => {
  const auth = (r: request.Test) => (token === undefined ? r : r.set('Authorization', `Bearer ${token}`));
  return {
    get: (path: string) => auth(request(app).get(path)),
    post: (path: string) => auth(request(app).post(path)),
    put: (path: string) => auth(request(app).put(path)),
  };
};
