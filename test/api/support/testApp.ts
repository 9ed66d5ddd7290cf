import { Writable } from 'node:stream';
import type { Express } from 'express';
import { createApp } from '../../../src/api/app.js';
import { authConfig, signToken } from '../../../src/api/auth.js';
import { createLogger } from '../../../src/api/logger.js';
import type { Route } from '../../../src/api/route.js';
import type { AuthFailureLimit } from '../../../src/api/security.js';
import { allEventTypes } from '../../../src/domain/eventTypes.js';
import type { Actor, Role } from '../../../src/domain/shared/index.js';
import type { EventStore } from '../../../src/store/eventStore.js';
import type { StoreCase, TestStore } from '../../support/stores.js';
import { noteEventTypes, noteRoutes } from './noteRoutes.js';

export type TestApp = {
  app: Express;
  store: TestStore;
  /** Every log line the app wrote, parsed. */
  logLines: Record<string, unknown>[];
  token(roles: Role[], id?: string): Promise<string>;
  close(): Promise<void>;
};

export const testSecret = 'test-secret-of-at-least-32-characters!!';

/** An app on a fresh store schema, with the example note routes and any others. */
export const openTestApp = async (
  open: StoreCase['open'],
  options: { routes?: (store: EventStore) => Route[]; bodyLimit?: number; clock?: () => Date; authFailureLimit?: AuthFailureLimit; consoleDir?: string } = {},
): Promise<TestApp> => {
  const store = await open({ eventTypes: [...allEventTypes, ...noteEventTypes] });
  const logLines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const auth = authConfig(testSecret);
  const app = createApp({
    store: store.store,
    db: store.db,
    config: { bodyLimit: options.bodyLimit ?? 16 * 1024 },
    logger: createLogger('info', sink),
    auth,
    routes: [...noteRoutes(store.store), ...(options.routes?.(store.store) ?? [])],
    checkResponses: true,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.authFailureLimit ? { authFailureLimit: options.authFailureLimit } : {}),
    ...(options.consoleDir ? { consoleDir: options.consoleDir } : {}),
  });
  return {
    app,
    store,
    logLines,
    token: (roles, id = `user-${roles.join('-')}`) => signToken(auth, { id, name: `Test ${id}`, roles } satisfies Actor),
    close: () => store.close(),
  };
};
