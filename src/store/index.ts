import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { allEventTypes } from '../domain/eventTypes.js';
import type { Db } from './db.js';
import type { EventStore } from './eventStore.js';
import { assertSchemaName, migrate } from './migrate.js';
import { storeMigrations } from './migrations/index.js';
import { isUnavailable } from './errors.js';
import { walSyncer } from './pglite/durability.js';
import { openPgliteDb } from './pglite/db.js';
import { openPostgresDb, type PostgresOptions } from './postgres/db.js';
import { createEventStore } from './sqlEventStore.js';
import { type Keyring, createKeyring } from './pii/keyring.js';
import { type MasterKeySource, loadMasterKey } from './pii/masterKey.js';

export type { Db, Sql, Row } from './db.js';
export * from './eventStore.js';
export * from './commandHandler.js';
export { narrowEvents } from './narrowEvents.js';
export { type Appended, trackAppends } from './appendTracking.js';
export { isUnavailable } from './errors.js';
export { migrate } from './migrate.js';
export { grantAppRole } from './appRole.js';
export { recordOperationRun, operationStatus, type OperationKind, type OperationRun, type OperationState, type OperationStatus } from './operationStatus.js';
export type { Migration } from './migrations/index.js';
export type { Keyring } from './pii/keyring.js';
export { type MasterKeySource, developmentKeyFile } from './pii/masterKey.js';

export type StoreConfig = {
  /** A postgres:// URL selects PostgreSQL; absent, the embedded store in `dataDir`. */
  databaseUrl?: string | undefined;
  /** Embedded store directory; absent with no databaseUrl: in memory. */
  dataDir?: string | undefined;
  /** Embedded store only: fsync the WAL after every commit (see pglite/durability.ts). */
  durable?: boolean | undefined;
  schema?: string | undefined;
  /** PostgreSQL only: timeouts and the report of lost connections. */
  postgres?: PostgresOptions | undefined;
  /** The master key of the personal-data keys; absent: a key for the process (only right for a store in memory). */
  masterKey?: MasterKeySource | undefined;
};

export type OpenStore = { db: Db; store: EventStore; keyring: Keyring; schema: string; location: string; close(): Promise<void> };

export const defaultSchema = 'ledger';

export const openStore = async (config: StoreConfig): Promise<OpenStore> => {
  const schema = assertSchemaName(config.schema ?? defaultSchema);
  let db: Db;
  let location: string;
  let afterCommit: (() => Promise<void>) | undefined;
  if (config.databaseUrl) {
    db = openPostgresDb(config.databaseUrl, config.postgres);
    location = config.databaseUrl.replace(/\/\/[^@/]*@/, '//');
  } else if (config.dataDir) {
    const dir = resolve(config.dataDir);
    mkdirSync(dir, { recursive: true });
    db = await openPgliteDb(dir);
    location = dir;
    if (config.durable) afterCommit = walSyncer(dir);
  } else {
    db = await openPgliteDb();
    location = 'memory';
  }
  if (config.masterKey === undefined && location !== 'memory') {
    await db.close();
    throw new Error('a persistent store needs the master key of its personal data (PII_MASTER_KEY_FILE)');
  }
  const keyring = createKeyring(db, schema, loadMasterKey(config.masterKey ?? { kind: 'ephemeral' }));
  try {
    await migrate(db, schema, storeMigrations);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  const store = createEventStore(db, { schema, eventTypes: allEventTypes, keyring, ...(afterCommit ? { afterCommit } : {}) });
  return { db, store, keyring, schema, location, close: () => db.close() };
};

/** A database that is away, or not created yet (it may be being provisioned): worth waiting for. */
const worthWaitingFor = (error: unknown): boolean => isUnavailable(error) || (error as { code?: unknown } | null)?.code === '3D000';

/**
 * `openStore` for long-running processes (`serve`, `worker`): while PostgreSQL is
 * away at start, tries again with backoff (1 s doubling to 30 s), telling `onRetry`
 * each time, instead of failing. Other errors (a bad schema name, a failed
 * migration, refused credentials) fail at once.
 */
export const openStoreWaiting = async (
  config: StoreConfig,
  onRetry: (reason: string, retryInMs: number, attempt: number) => void,
  /** Stops waiting (a SIGTERM): resolves to null instead of a store. */
  giveUp: Promise<unknown> = new Promise(() => undefined),
): Promise<OpenStore | null> => {
  let gaveUp = false;
  void giveUp.then(() => (gaveUp = true));
  for (let attempt = 1; !gaveUp; attempt += 1) {
    try {
      return await openStore(config);
    } catch (error) {
      if (!config.databaseUrl || !worthWaitingFor(error)) throw error;
      const retryInMs = Math.min(30_000, 1000 * 2 ** Math.min(attempt - 1, 5));
      onRetry(error instanceof Error ? error.message : String(error), retryInMs, attempt);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([new Promise((r) => (timer = setTimeout(r, retryInMs))), giveUp]);
      clearTimeout(timer);
    }
  }
  return null;
};
