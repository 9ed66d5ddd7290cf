import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, exitCodes } from './errors.js';

/**
 * The embedded store (PGlite) is PostgreSQL inside this process: two processes opening
 * the same directory would both write its files and corrupt it, and PGlite takes no lock
 * of its own. Every command that opens DATA_DIR takes this one first.
 */
const lockName = '.customer-ledger.lock';

const alive = (pid: number): boolean => {
  if (pid === process.pid) return false; // a lock left by an earlier life of this pid (container restart)
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const holder = (path: string): { pid: number; command: string } | null => {
  try {
    const [pid = '', command = ''] = readFileSync(path, 'utf8').split('\n');
    return Number.isInteger(Number(pid)) && Number(pid) > 0 ? { pid: Number(pid), command } : null;
  } catch {
    return null;
  }
};

/** Takes the data directory's lock, or refuses naming the process that holds it; returns the release. */
export const lockDataDir = (dataDir: string, command: string): (() => void) => {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, lockName);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n${command}\n`);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const h = holder(path);
      if (h && alive(h.pid)) {
        throw new CliError(
          `DATA_DIR ${dataDir} is in use by process ${h.pid} (customer-ledger ${h.command}); the embedded store allows one process at a time: stop it, or run the service on PostgreSQL (DATABASE_URL)`,
          exitCodes.unavailable,
        );
      }
      rmSync(path, { force: true }); // left by a process that died
    }
  }
  throw new CliError(`could not take the lock ${path}`, exitCodes.unavailable);
};
