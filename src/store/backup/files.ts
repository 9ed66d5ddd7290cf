import { closeSync, fsyncSync, openSync, renameSync, writeFileSync } from 'node:fs';
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

/** Writes `path` whole or not at all: a temporary file, synced, renamed over it. */
export const writeFileAtomic = (path: string, content: string): void => {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, content);
  syncFile(tmp);
  renameSync(tmp, path);
  syncDir(dirname(path));
};
