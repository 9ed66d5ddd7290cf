import { Writable } from 'node:stream';
import type { Express } from 'express';
import { createApp } from '../../../src/api/app.js';
import { authConfig, signToken } from '../../../src/api/auth.js';
import { createLogger } from '../../../src/api/logger.js';
import { productEngine, productRoutes } from '../../../src/api/routes/index.js';
import { signInRoutes } from '../../../src/api/signIn.js';
import type { Actor } from '../../../src/domain/shared/index.js';
import { Role } from '../../../src/domain/shared/index.js';
import type { ProjectionEngine } from '../../../src/projections/index.js';
import type { StoreCase, TestStore } from '../../support/stores.js';
import { startLive } from './liveViews.js';

export type ProductApp = {
  app: Express;
  store: TestStore;
  engine: ProjectionEngine;
  /** A token holding every role, so that a request gets past every guard to its input. */
  everyRole(): Promise<string>;
  /** A token of one person: their id (`sub`), the name it carries, their roles. */
  token(roles: Role[], id: string, name?: string): Promise<string>;
  logLines: Record<string, unknown>[];
  eventCount(): Promise<number>;
  close(): Promise<void>;
};

const secret = 'product-test-secret-of-at-least-32-characters';

/** Every route of the product over a fresh store schema, its views live. */
export const openProductApp = async (open: StoreCase['open']): Promise<ProductApp> => {
  const store = await open();
  const engine = productEngine(store.db, store.schema);
  await startLive(engine);
  const logLines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const auth = authConfig(secret);
  const app = createApp({
    store: store.store,
    db: store.db,
    config: { bodyLimit: 256 * 1024 },
    logger: createLogger('info', sink),
    auth,
    // The development server's sign-in routes too, so that tests walking every route reach them.
    routes: [...signInRoutes({ mode: 'development' }, auth), ...productRoutes({ store: store.store, db: store.db, schema: store.schema, keyring: store.keyring, engine })],
    checkResponses: true,
  });
  return {
    app,
    store,
    engine,
    logLines,
    token: (roles, id, name = `测试 ${id}`) => signToken(auth, { id, name, roles } satisfies Actor),
    everyRole: () => signToken(auth, { id: 'sp-1', name: '全能测试', roles: [...Role.options] } satisfies Actor),
    eventCount: async () => Number((await store.db.query<{ n: string }>(`select count(*) as n from ${store.schema}.events`)).rows[0]!.n),
    close: async () => {
      await engine.stop();
      await store.close();
    },
  };
};
