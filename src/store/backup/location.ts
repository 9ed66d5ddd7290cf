import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

const nearestExisting = (path: string): string => {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
};

/** Whether two paths (or their nearest existing parents) are on one filesystem; null when that cannot be told. */
export const sameFilesystem = (a: string, b: string): boolean | null => {
  try {
    return statSync(nearestExisting(a)).dev === statSync(nearestExisting(b)).dev;
  } catch {
    return null;
  }
};

/**
 * Where the store keeps its files, as far as this process can tell: the embedded store's
 * directory, or a local PostgreSQL server's data directory (when the server says and this
 * machine can see it); null for a server elsewhere.
 */
export type StoreDisk = { kind: 'pglite' | 'postgres'; dataDir: string | null };

export type BackupLocation = { sameDisk: true; message: string } | { sameDisk: false } | { sameDisk: null; message: string };

/**
 * 安全防范: a backup never stays on the machine it protects. A target on the store's own
 * filesystem is refused (unless the operator insists); where the store's disk is
 * unknown (a PostgreSQL server elsewhere) the operator is reminded.
 */
export const backupLocation = (backupDir: string, store: StoreDisk): BackupLocation => {
  const same = store.dataDir === null ? null : sameFilesystem(backupDir, store.dataDir);
  if (same === true) {
    return { sameDisk: true, message: `${backupDir} is on the same filesystem as the store (${store.dataDir}): a backup belongs on another machine (安全防范); --allow-same-disk to do it anyway` };
  }
  if (same === false) return { sameDisk: false };
  return { sameDisk: null, message: `the PostgreSQL server's disk is unknown here: make sure ${backupDir} is on another machine than the database` };
};
