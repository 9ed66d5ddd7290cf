import { Writable } from 'node:stream';
import type { Express } from 'express';
import { createApp } from '../../../src/api/app.js';
import { authConfig, signToken } from '../../../src/api/auth.js';
import { createLogger } from '../../../src/api/logger.js';
import { routeDeps } from '../../../src/api/deps.js';
import { customerRoutes } from '../../../src/api/routes/customers.js';
import type { Actor, Role } from '../../../src/domain/shared/index.js';
import { customerRecordsProjection, customersProjection } from '../../../src/projections/customers/projection.js';
import { createProjectionEngine, type ProjectionEngine } from '../../../src/projections/engine/engine.js';
import { checkReadiness, type MaxLag } from '../../../src/projections/index.js';
import { standingProjection } from '../../../src/projections/standing/projection.js';
import { staffProjection } from '../../../src/projections/staff/projection.js';
import type { StoreCase, TestStore } from '../../support/stores.js';
import { startLive } from '../support/liveViews.js';

export type CustomersApp = {
  app: Express;
  /** Another API process on the same store: its own routes and kept archives, no projection runners. */
  anotherProcess(): Express;
  store: TestStore;
  engine: ProjectionEngine;
  token(roles: Role[], id?: string): Promise<string>;
  /** Events in the whole log: a refused request leaves it unchanged. */
  eventCount(): Promise<number>;
  close(): Promise<void>;
};

const secret = 'customers-test-secret-of-at-least-32-characters';

/** The customer routes on a fresh store schema, with the customers and standing projections running. */
export const openCustomersApp = async (
  open: StoreCase['open'],
  options: { bodyLimit?: number; readyMaxLag?: MaxLag; /** Every log line, at every level. */ log?: (line: string) => void } = {},
): Promise<CustomersApp> => {
  const store = await open();
  const projections = [customersProjection, customerRecordsProjection, standingProjection, staffProjection];
  const viewNames = projections.map((p) => p.name);
  const engine = createProjectionEngine({
    db: store.db,
    schema: store.schema,
    projections,
    pollMs: 100,
  });
  await startLive(engine);
  const views = { db: store.db, schema: store.schema, keyring: store.keyring };
  const auth = authConfig(secret);
  const quiet = new Writable({
    write: (chunk: Buffer, _enc, done) => {
      options.log?.(chunk.toString('utf8'));
      done();
    },
  });
  const appOver = (routeEngine?: ProjectionEngine) =>
    createApp({
      store: store.store,
      db: store.db,
      config: { bodyLimit: options.bodyLimit ?? 64 * 1024 },
      logger: createLogger(options.log ? 'trace' : 'warn', quiet),
      auth,
      routes: customerRoutes(routeDeps(store.store, views, { engine: routeEngine })),
      checkResponses: true,
      ...(options.readyMaxLag
        ? { readiness: () => checkReadiness({ ...views, views: viewNames, maxLag: options.readyMaxLag! }) }
        : {}),
    });
  return {
    app: appOver(engine),
    anotherProcess: () => appOver(),
    store,
    engine,
    token: (roles, id = `user-${roles.join('-')}`) => signToken(auth, { id, name: `测试 ${id}`, roles } satisfies Actor),
    eventCount: async () => Number((await store.db.query<{ n: string }>(`select count(*) as n from ${store.schema}.events`)).rows[0]!.n),
    close: async () => {
      await engine.stop();
      await store.close();
    },
  };
};


/** A name no other test uses: the tests of a file share one schema. */
export const uniqueName = (base: string): string => `${base}-${Math.random().toString(36).slice(2, 8)}`;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export { client, expectProblem } from './http.js';
