import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { takePidLock } from '../store/backup/index.js';
import { CliError, exitCodes } from './errors.js';

/**
 * The embedded store (PGlite) is PostgreSQL inside this process: two processes opening
 * the same directory would both write its files and corrupt it, and PGlite takes no lock
 * of its own. Every command that opens DATA_DIR takes this one first.
 */
export const lockDataDir = (dataDir: string, command: string): (() => void) => {
  mkdirSync(dataDir, { recursive: true });
  const lock = takePidLock(join(dataDir, '.customer-ledger.lock'), command);
  if ('heldBy' in lock) {
    throw new CliError(
      `DATA_DIR ${dataDir} is in use by process ${lock.heldBy.pid} (customer-ledger ${lock.heldBy.label}); the embedded store allows one process at a time: stop it, or run the service on PostgreSQL (DATABASE_URL)`,
      exitCodes.unavailable,
    );
  }
  return lock.release;
};
