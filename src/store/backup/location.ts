import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

const nearestExisting = (path: string): string => {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
};

/**
 * 安全防范: a backup never stays on the machine it protects. We can tell only the
 * embedded store's case (the same filesystem); a PostgreSQL server's disk is unknown here.
 */
export const backupLocationWarning = (backupDir: string, store: { kind: 'pglite'; dataDir: string } | { kind: 'postgres' }): string | null => {
  if (store.kind === 'postgres') {
    return `the PostgreSQL server's disk is unknown here: make sure ${backupDir} is on another machine than the database`;
  }
  const same = statSync(nearestExisting(backupDir)).dev === statSync(nearestExisting(store.dataDir)).dev;
  return same
    ? `${backupDir} is on the same filesystem as the store (${store.dataDir}): a backup belongs on another machine (安全防范)`
    : null;
};
