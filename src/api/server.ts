import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.js';
import { flushTracing } from '../observability/tracing.js';
import { allProjections, checkReadiness, type ViewsProbe } from '../projections/index.js';
import { type OpenStore, openStoreWaiting } from '../store/index.js';
import { createApp } from './app.js';
import { authConfig } from './auth.js';
import { devTokenBanner } from './devTokens.js';
import { createLogger, type Logger } from './logger.js';
import { oidcVerifier } from './oidc.js';
import { type OpsServer, startOpsServer } from './opsServer.js';
import type { Route } from './route.js';
import { productEngine, productRoutes } from './routes/index.js';
import { signInModeOf, signInRoutes } from './signIn.js';

export type RunningServer = {
  url: string;
  /** The operations port's (/metrics, /health, /ready); null with METRICS_PORT=off. */
  opsUrl: string | null;
  /** Stops accepting, lets requests in flight finish (up to `graceMs`), closes the store. */
  stop(): Promise<void>;
};

export type ServerOptions = {
  logger?: Logger;
  /** Where the human-readable start-up lines go (the banner, the tokens). */
  print?: (line: string) => void;
  /** The routes to serve instead of the product's (tests). */
  routes?: readonly Route[];
  /** A store already open (the benchmark's seeded one); else one is opened from `config`. */
  store?: OpenStore;
  /** Stop on SIGTERM and SIGINT (the `serve` command); off for tests. */
  handleSignals?: boolean;
  graceMs?: number;
};

/**
 * The first SIGTERM or SIGINT. Later ones are ignored: under `npm start`, Ctrl-C reaches
 * the server twice (from the terminal and forwarded by npm), and the second must not
 * cut the graceful stop short (`graceMs` bounds it).
 */
const firstSignal = () =>
  new Promise<NodeJS.Signals>((resolve) => {
    process.on('SIGTERM', resolve);
    process.on('SIGINT', resolve);
  });

const closeServer = (server: Server, graceMs: number): Promise<void> =>
  new Promise((resolve) => {
    // close() stops accepting and resolves once every connection has ended. Keep-alive
    // connections are closed as soon as they are idle (a request in flight finishes
    // first); whatever still hangs on after the grace period is cut.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });

/**
 * The store `serve` and `worker` run on. PostgreSQL that is away at start is waited
 * for (a log line per attempt); its connections are bounded in time and a lost one is
 * logged and replaced, never fatal.
 */
export const openStoreFor = (config: Config, logger: Logger, schema?: string, giveUp?: Promise<unknown>): Promise<OpenStore | null> => {
  if (config.piiMasterKey.kind === 'development') {
    logger.warn(
      { keyFile: config.piiMasterKey.path },
      'PII_MASTER_KEY_FILE is not set: personal information is encrypted with a DEVELOPMENT master key kept beside the data (required in production)',
    );
  }
  return openStoreWaiting(
    {
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      durable: config.pgliteSync,
      schema,
      masterKey: config.piiMasterKey,
      postgres: {
        connectTimeoutMs: config.dbConnectTimeoutMs,
        statementTimeoutMs: config.dbStatementTimeoutMs,
        onConnectionError: (e, where) => logger.warn({ where, reason: e.message }, 'database connection lost or refused; recovering'),
      },
    },
    (reason, retryInMs, attempt) => logger.warn({ reason, retryInMs, attempt }, 'database unavailable at start; retrying'),
    giveUp,
  );
};

/**
 * Opens the store (PostgreSQL with DATABASE_URL, else PGlite in DATA_DIR), serves
 * the API on PORT, and prints where the data lives and, without JWT_SECRET, a
 * development token for each role.
 */
export const startServer = async (config: Config, options: ServerOptions = {}): Promise<RunningServer> => {
  // Listening from the first moment: a SIGTERM while the store opens would otherwise kill
  // the process mid-start, its lock and files left as by a crash; it is answered once up.
  const signalled = options.handleSignals ? firstSignal() : undefined;
  const logger = options.logger ?? createLogger(config.logLevel);
  const print = options.print ?? ((line: string) => console.log(line));
  const opened = options.store ?? (await openStoreFor(config, logger, undefined, signalled));
  if (opened === null) {
    // Stopped while waiting for the database: nothing was opened, nothing to close.
    logger.info('stopped before the database answered');
    process.exit(0);
  }
  const secret = config.jwtSecret ?? randomBytes(32).toString('base64url');
  const oidc = config.oidc
    ? oidcVerifier(config.oidc, (reason) => logger.warn({ issuer: config.oidc?.issuer, reason }, 'the OpenID provider does not answer; its tokens are refused with 503 until it does'))
    : undefined;
  const auth = authConfig(secret, Date.now, config.jwtMaxTtlSeconds, oidc);
  let shuttingDown = false;
  const engine = productEngine(opened.db, opened.schema, (projection, err) =>
    logger.error({ projection, err }, 'projection runner failed; retrying'),
  );
  // Views are kept current here unless a deployment leaves that to `worker` processes;
  // either way the engine answers read-your-writes waits from the shared checkpoints.
  if (config.runProjections) await engine.start();
  const signIn = signInModeOf(config);
  const probe: ViewsProbe = { db: opened.db, schema: opened.schema, views: allProjections.map((p) => p.name), maxLag: config.readyMaxLag };
  const app = createApp({
    readiness: () => checkReadiness(probe),
    store: opened.store,
    db: opened.db,
    config,
    logger,
    auth,
    routes: [
      ...signInRoutes(signIn, auth),
      ...(options.routes ?? productRoutes({ store: opened.store, db: opened.db, schema: opened.schema, keyring: opened.keyring, engine, checkpointDir: config.checkpointDir })),
    ],
    isShuttingDown: () => shuttingDown,
    connectTo: signIn.mode === 'oidc' ? [new URL(signIn.issuer).origin] : [],
  });

  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (e: unknown) => {
    await engine.stop();
    await opened.close();
    throw e;
  });
  let ops: OpsServer | null = null;
  if (config.metricsPort !== null) {
    ops = await startOpsServer(config.metricsPort, probe, logger).catch(async (e: unknown) => {
      await closeServer(server, 0);
      await engine.stop();
      await opened.close();
      throw e;
    });
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;

  print(`customer-ledger API on ${url} (docs: ${url}/docs), process ${process.pid}${ops ? `; metrics on ${ops.url}/metrics` : ''}`);
  print(`data: ${config.databaseUrl ? `PostgreSQL ${opened.location}` : `embedded PostgreSQL (PGlite) in ${opened.location}`}`);
  if (!config.jwtSecret) for (const line of await devTokenBanner(auth, url)) print(line);
  logger.info({ port, store: opened.db.kind }, 'listening');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      shuttingDown = true;
      logger.info('shutting down: finishing requests in flight');
      await closeServer(server, options.graceMs ?? 10_000);
      await ops?.close();
      await engine.stop();
      await opened.close();
      await flushTracing();
      logger.info('stopped');
    })());

  void signalled?.then((signal) => {
    logger.info({ signal }, 'signal received');
    stop().then(
      () => process.exit(0),
      (e: unknown) => {
        logger.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
  return { url, opsUrl: ops?.url ?? null, stop };
};
