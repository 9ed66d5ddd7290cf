import type { Command } from 'commander';
import { workerCheckpoints } from '../checkpointKeys.js';
import type { Config } from '../../config.js';
import { type GlobalOptions, withStore } from '../storeAccess.js';

const untilSignal = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });

/**
 * The projection worker: keeps every view up to date with the log and serves nothing.
 * Beside `serve` on PostgreSQL (docker-compose's `worker`); the runners hold a lease per
 * view, so any number of workers and servers share the work without doing it twice.
 * With CHECKPOINT_EVERY it also signs checkpoints of the log (see checkpointKeys.ts).
 */
export const registerWorker = (program: Command) =>
  program
    .command('worker')
    .description('run the projection engine only (keeps the views current) until SIGTERM; beside serve on PostgreSQL')
    .action(async (_options: object, command: Command) => {
      const { createLogger } = await import('../../api/logger.js');
      const { startOpsServer } = await import('../../api/opsServer.js');
      const { flushTracing } = await import('../../observability/tracing.js');
      const { openStoreFor } = await import('../../api/server.js');
      const { allProjections, createProjectionEngine } = await import('../../projections/index.js');
      let logger: ReturnType<typeof createLogger> | undefined;
      const loggerFor = (config: Config) => (logger ??= createLogger(config.logLevel));
      // Heard from the first moment: it also ends the wait for a database away at start.
      const stopping = untilSignal();
      // PostgreSQL away at start is waited for, as `serve` does.
      const open = async (config: Config, schema: string) => {
        const opened = await openStoreFor(config, loggerFor(config), schema, stopping);
        if (opened === null) {
          loggerFor(config).info('stopped before the database answered');
          process.exit(0);
        }
        return opened;
      };
      await withStore(command.optsWithGlobals<GlobalOptions>(), 'worker', async (opened, config) => {
        const logger = loggerFor(config);
        const signing = await workerCheckpoints(opened, config, logger);
        const engine = createProjectionEngine({
          db: opened.db,
          schema: opened.schema,
          projections: allProjections,
          onProgress: (p) => (p.caughtUp ? logger.debug(p, 'caught up') : logger.trace(p, 'applied')),
          onError: (name, err) => logger.error({ projection: name, err }, 'projection runner failed; retrying'),
        });
        await engine.start();
        const views = allProjections.map((p) => p.name);
        const ops =
          config.metricsPort === null
            ? null
            : await startOpsServer(config.metricsPort, { db: opened.db, schema: opened.schema, views, maxLag: config.readyMaxLag }, logger);
        logger.info({ store: opened.db.kind, schema: opened.schema, projections: views, metrics: ops && `${ops.url}/metrics` }, 'projection worker started');
        const checkpoints = signing?.start();
        const signal = await stopping;
        await checkpoints?.stop();
        logger.info({ signal }, 'stopping: letting every runner finish its batch');
        await ops?.close();
        await engine.stop();
        await flushTracing();
        logger.info('stopped');
      }, { open });
    });
