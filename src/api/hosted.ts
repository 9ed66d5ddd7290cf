import type { Express } from 'express';
import type { ProjectionEngine } from '../projections/index.js';
import type { OpenStore } from '../store/index.js';
import { createApp as appFromDeps } from './app.js';
import { authConfig, type Identify } from './auth.js';
import { createLogger, type Logger } from './logger.js';
import { productRoutes } from './routes/index.js';

export type HostedAppOptions = {
  /** The store the API writes to and reads from (`openStore`). */
  store: OpenStore;
  /**
   * The engine over `allProjections` on the same store. The host starts and stops it;
   * views answer 503 until it has built them, and commands answer once their views have them.
   */
  engine: ProjectionEngine;
  /**
   * HS256 secret, at least 32 characters: it seals pagination cursors and, without
   * `identify`, verifies the API's bearer tokens (API.md, Authentication).
   */
  secret: string;
  /** The host's own authentication: who calls, or `undefined` for 401. Roles still guard every route. */
  identify?: Identify;
  /** Request log lines (pino); none when absent. */
  logger?: Logger;
  /** Largest request body in bytes (default 256 KiB). */
  bodyLimit?: number;
};

/**
 * The whole HTTP API of API.md as an express application, to mount in another one
 * (`host.use('/ledger', createApp(…))`). Every route but /health, /ready, /openapi.json
 * and /docs is authenticated and authorised by role and scope, as in `serve`.
 */
export const createApp = (options: HostedAppOptions): Express => {
  if (options.secret.length < 32) throw new RangeError('createApp: secret must be at least 32 characters (256 bits for HS256)');
  const { store, db, schema, keyring } = options.store;
  return appFromDeps({
    store,
    db,
    config: { bodyLimit: options.bodyLimit ?? 256 * 1024 },
    logger: options.logger ?? createLogger('silent'),
    auth: authConfig(options.secret),
    identify: options.identify,
    routes: productRoutes({ store, db, schema, keyring, engine: options.engine }),
  });
};
