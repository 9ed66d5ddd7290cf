import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

/**
 * A lock file naming the process that holds it, taken with O_EXCL. A lock whose process
 * is gone (killed, crashed, or this pid in an earlier life of a container) is taken over,
 * so an interrupted run never blocks the next one.
 */
export type LockHolder = { pid: number; label: string };
export type PidLock = { release(): void } | { heldBy: LockHolder };

const alive = (pid: number): boolean => {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const readHolder = (path: string): LockHolder | null => {
  try {
    const [pid = '', label = ''] = readFileSync(path, 'utf8').split('\n');
    const n = Number(pid);
    return Number.isInteger(n) && n > 0 ? { pid: n, label } : null;
  } catch {
    return null;
  }
};

export const takePidLock = (path: string, label: string): PidLock => {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n${label}\n`);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readHolder(path);
      if (holder && alive(holder.pid)) return { heldBy: holder };
      rmSync(path, { force: true });
    }
  }
  return { heldBy: readHolder(path) ?? { pid: 0, label: 'unknown' } };
};
