import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { freshDataDir } from './dataDirs.js';
import { testMasterKeyFile } from './masterKey.js';
import type { StoreAt } from './seed.js';

/** Where a spawned command finds its store: the environment and arguments it gets, and the same store for in-process checks. */
export type Target = { env: Record<string, string>; args: string[]; at: StoreAt; drop(): Promise<void> };
export type TargetCase = { name: 'pglite' | 'postgres'; make(label: string): Promise<Target> };

export { testMasterKeyFile } from './masterKey.js';

const pgliteTarget = async (label: string): Promise<Target> => {
  const dataDir = await freshDataDir(label);
  return { env: { DATA_DIR: dataDir, PII_MASTER_KEY_FILE: testMasterKeyFile }, args: [], at: { dataDir }, drop: async () => undefined };
};

/** A schema of its own on the test server: commands take it with --schema. */
const postgresTarget = async (): Promise<Target> => {
  const databaseUrl = inject('databaseUrl');
  const schema = `cli_${randomBytes(5).toString('hex')}`;
  return {
    env: { DATABASE_URL: databaseUrl, PII_MASTER_KEY_FILE: testMasterKeyFile },
    args: ['--schema', schema],
    at: { databaseUrl, schema },
    drop: async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
};

export const pglite: TargetCase = { name: 'pglite', make: pgliteTarget };
export const postgres: TargetCase[] = inject('databaseUrl') ? [{ name: 'postgres', make: postgresTarget }] : [];
export const targets: TargetCase[] = [pglite, ...postgres];
