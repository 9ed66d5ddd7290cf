import { chmodSync, closeSync, fsyncSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** fsync a directory, so that a rename in it survives a power loss. */
export const syncDir = (dir: string): void => {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};

export const syncFile = (path: string): void => {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};

/**
 * A backup holds every customer's personal data: its files are the owner's alone
 * (0600), and the directories a backup creates too (0700). Directories that already
 * exist keep the mode their owner gave them.
 */
export const ownerOnly = { file: 0o600, dir: 0o700 } as const;

/** Writes `path` whole or not at all: a temporary file (the owner's alone), synced, renamed over it. */
export const writeFileAtomic = (path: string, content: string): void => {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, content, { mode: ownerOnly.file });
  chmodSync(tmp, ownerOnly.file);
  syncFile(tmp);
  renameSync(tmp, path);
  syncDir(dirname(path));
};
