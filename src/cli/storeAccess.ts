import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { resolve } from 'node:path';
import { type Config, ConfigError, loadConfig } from '../config.js';
import type { OpenStore, StoreError } from '../store/index.js';
import { lockDataDir } from './dataDirLock.js';
import { CliError, exitCodes } from './errors.js';

/** Options every command accepts (`customer-ledger --schema x verify`). */
export type GlobalOptions = { schema: string };

/** The validated environment; a bad variable is a usage error naming it. */
export const readConfig = (): Config => {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(`configuration: ${e.message}`, exitCodes.usage);
    throw e;
  }
};

const unreachable = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|28P01|28000|3D000/;

/** Where the store lives, for messages: the URL without its credentials, or the directory. */
export const storeLocation = (config: Config): string =>
  config.databaseUrl ? config.databaseUrl.replace(/\/\/[^@/]*@/, '//') : resolve(config.dataDir);

/**
 * Opens (and migrates) the store the environment names, runs `fn`, closes it. The
 * embedded store's directory is locked for the duration (see dataDirLock.ts).
 */
export const withStore = async <A>(
  globals: GlobalOptions,
  command: string,
  fn: (s: OpenStore, config: Config) => Promise<A>,
  options: { durable?: boolean; open?: (config: Config, schema: string) => Promise<OpenStore> } = {},
): Promise<A> => {
  const config = readConfig();
  const release = config.databaseUrl ? () => undefined : lockDataDir(resolve(config.dataDir), command);
  // Loaded here, not at start: `--help` and `token` need no database driver.
  const { openStore } = await import('../store/index.js');
  let opened: OpenStore;
  try {
    opened = options.open
      ? await options.open(config, globals.schema)
      : await openStore({
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
          durable: options.durable ?? config.pgliteSync,
          schema: globals.schema,
          masterKey: config.piiMasterKey,
          // A one-shot command (a verify, a backup) may run long statements on purpose.
          postgres: { connectTimeoutMs: config.dbConnectTimeoutMs, statementTimeoutMs: 0 },
        });
    if (!options.open && config.piiMasterKey.kind === 'development') {
      process.stderr.write(`warning: PII_MASTER_KEY_FILE is not set; personal information uses the DEVELOPMENT master key ${config.piiMasterKey.path} (required in production)\n`);
    }
  } catch (e) {
    release();
    const code = (e as { code?: string }).code ?? '';
    if (unreachable.test(code) || unreachable.test(String((e as Error).message))) {
      throw new CliError(`cannot open the store at ${storeLocation(config)}: ${(e as Error).message}`, exitCodes.unavailable);
    }
    if (/invalid schema name/.test(String((e as Error).message))) {
      throw new CliError(`--schema: ${(e as Error).message} (lowercase letters, digits and _)`, exitCodes.usage);
    }
    throw e;
  }
  try {
    return await fn(opened, config);
  } finally {
    await opened.close();
    release();
  }
};

/** Runs a store task; a refusal becomes a one-line error (unavailable → exit 5). */
export const orFail = async <A>(task: TE.TaskEither<StoreError, A>): Promise<A> => {
  const result = await task();
  if (E.isRight(result)) return result.right;
  const error = result.left;
  throw new CliError(error.message, error.code === 'StoreUnavailable' ? exitCodes.unavailable : exitCodes.refused);
};
