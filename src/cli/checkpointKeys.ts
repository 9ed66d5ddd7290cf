import { existsSync, readFileSync } from 'node:fs';
import type { Config } from '../config.js';
import type { OpenStore } from '../store/index.js';
import type { SigningKey } from '../store/checkpoints/index.js';
import { CliError, exitCodes, usageError } from './errors.js';

/** CHECKPOINT_DIR (or the option given instead): where signed checkpoints are kept. */
export const checkpointDirOf = (config: Config, option: string | undefined): string => {
  const dir = option ?? config.checkpointDir;
  if (!dir) throw usageError('CHECKPOINT_DIR is not set (or give --dir): where the signed checkpoints are kept');
  return dir;
};

/** The signing key of CHECKPOINT_KEY_FILE (or the option given instead); read here, never stored. */
export const signingKeyOf = async (config: Config, option: string | undefined): Promise<SigningKey> => {
  const file = option ?? config.checkpointKeyFile;
  if (!file) throw usageError('CHECKPOINT_KEY_FILE is not set (or give --key): the Ed25519 private key (PKCS#8 PEM) that signs checkpoints');
  if (!existsSync(file)) throw usageError(`CHECKPOINT_KEY_FILE: ${file} does not exist`);
  const { KeyProblem, readSigningKey } = await import('../store/checkpoints/index.js');
  try {
    return readSigningKey(readFileSync(file, 'utf8'));
  } catch (e) {
    if (e instanceof KeyProblem) throw usageError(`CHECKPOINT_KEY_FILE: ${file}: ${e.message}`);
    throw e;
  }
};

/** A log that no longer extends what was signed: exit 3, as any broken record. */
export const integrityFailure = (message: string) => new CliError(message, exitCodes.integrity);

type Log = { info(o: object, msg: string): void; error(o: object, msg: string): void };

/**
 * The worker signs a checkpoint every CHECKPOINT_EVERY events or minutes when it is set
 * (CHECKPOINT_DIR and CHECKPOINT_KEY_FILE are then required, checked here at once); null
 * when it is not. Signing starts with `start()`, once the worker is up.
 */
export const workerCheckpoints = async (opened: OpenStore, config: Config, logger: Log) => {
  const every = config.checkpointEvery;
  if (!every) return null;
  const dir = checkpointDirOf(config, undefined);
  const key = await signingKeyOf(config, undefined);
  const { createCheckpointer, scheduleCheckpoints } = await import('../store/checkpoints/index.js');
  const checkpointer = createCheckpointer({ db: opened.db, store: opened.store, schema: opened.schema, key, dir });
  return {
    start: () => {
      logger.info({ every, dir, keyId: key.keyId }, 'signing checkpoints');
      return scheduleCheckpoints(checkpointer, every, {
        onCheckpoint: ({ checkpoint: c }, ms) => logger.info({ size: c.size, root: c.root, ms: Math.round(ms) }, 'signed checkpoint'),
        onError: (err) => logger.error({ err }, 'checkpoint not signed; retrying at the next turn'),
      });
    },
  };
};
