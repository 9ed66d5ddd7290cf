import type { Command } from 'commander';
import { resolve } from 'node:path';
import { lockDataDir } from '../dataDirLock.js';
import { usageError } from '../errors.js';
import { readConfig } from '../storeAccess.js';

/** The HTTP API (`npm start`); stops gracefully on SIGTERM/SIGINT. */
export const registerServe = (program: Command) =>
  program
    .command('serve')
    .description('serve the HTTP API on PORT (docs at /docs); stops gracefully on SIGTERM')
    .action(async () => {
      const config = readConfig();
      // The embedded store belongs to this process while it serves: other commands refuse to open it.
      if (!config.databaseUrl) lockDataDir(resolve(config.dataDir), 'serve');
      const { startServer } = await import('../../api/server.js');
      await startServer(config, { handleSignals: true }).catch((e: unknown) => {
        if ((e as { code?: string }).code === 'EADDRINUSE') throw usageError(`PORT ${config.port} is in use by another program: stop it or set another PORT`);
        throw e;
      });
    });
