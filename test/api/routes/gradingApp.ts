import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Express } from 'express';
import * as E from 'fp-ts/Either';
import { createApp } from '../../../src/api/app.js';
import { authConfig, signToken } from '../../../src/api/auth.js';
import { createLogger } from '../../../src/api/logger.js';
import { routeDeps } from '../../../src/api/deps.js';
import { gradingRoutes } from '../../../src/api/routes/grading.js';
import type { LoadGradingInputs } from '../../../src/app/grading/index.js';
import type { Actor, Role } from '../../../src/domain/shared/index.js';
import { allProjections, createProjectionEngine, type ProjectionEngine } from '../../../src/projections/index.js';
import type { StoreCase, TestStore } from '../../support/stores.js';
import { startLive } from '../support/liveViews.js';

export type GradingApp = {
  app: Express;
  store: TestStore;
  engine: ProjectionEngine;
  token(roles: Role[], id?: string): Promise<string>;
  /** An active customer since long ago (3+ years of cooperation), owned by `salespersonId`, in the read models. */
  register(name: string, salespersonId?: string, status?: 'active' | 'prospect' | 'inactive' | 'lost'): Promise<string>;
  close(): Promise<void>;
};

const secret = 'grading-test-secret-of-at-least-32-characters';

/** The grading routes on a fresh store schema, with every projection running and the projections' grading-input loader. */
export const openGradingApp = async (open: StoreCase['open'], options: { loader?: LoadGradingInputs } = {}): Promise<GradingApp> => {
  const store = await open();
  const views = { db: store.db, schema: store.schema, keyring: store.keyring };
  const engine = createProjectionEngine({ ...views, projections: allProjections, pollMs: 100 });
  await startLive(engine);
  const auth = authConfig(secret);
  const quiet = new Writable({ write: (_chunk, _enc, done) => done() });
  const deps = routeDeps(store.store, views, { engine, loadGradingInputs: options.loader });
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
    register: async (name, salespersonId = 'sp-1', status = 'active') => {
      const customerId = randomUUID();
      const enteredAt = '2023-05-10T09:00:00+08:00';
      const data = { customerId, salespersonId, status, validUntil: null, contacts: [], archive: { name }, enteredAt };
      const appended = await store.store.append(`customer-${customerId}`, 'noStream', [{ type: 'CustomerRegistered', data, occurredAt: enteredAt }], {
        metadata: { actor: { id: 'clerk-0', name: '建档员', roles: ['archiveClerk'] }, reason: '建档' },
      })();
      if (E.isLeft(appended)) throw new Error(appended.left.message);
      await engine.catchUp(10_000);
      return customerId;
    },
    close: async () => {
      await engine.stop();
      await store.close();
    },
  };
};

export { client, expectProblem } from './http.js';
