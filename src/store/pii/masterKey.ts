import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The master key that encrypts the data subjects' keys (envelope encryption): 32 bytes,
 * in a file of 64 hex or 44 base64 characters (`openssl rand -hex 32`). A KMS can take
 * its place later: only this module knows where the key comes from.
 */
export type MasterKeySource =
  | { kind: 'file'; path: string }
  /** Development only: a key file generated on first use beside the data. */
  | { kind: 'development'; path: string }
  /** A store in memory: a key for the life of the process. */
  | { kind: 'ephemeral' };

export const developmentKeyFile = (dataDir: string): string => join(resolve(dataDir), 'pii-master.key');

const parseKey = (text: string, path: string): Buffer => {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new Error(`${path}: a master key is 32 bytes, written as 64 hex or 44 base64 characters`);
  return key;
};

export const loadMasterKey = (source: MasterKeySource): Buffer => {
  if (source.kind === 'ephemeral') return randomBytes(32);
  if (source.kind === 'development' && !existsSync(source.path)) {
    mkdirSync(dirname(source.path), { recursive: true });
    writeFileSync(source.path, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(source.path, 0o600);
  }
  return parseKey(readFileSync(source.path, 'utf8'), source.path);
};
