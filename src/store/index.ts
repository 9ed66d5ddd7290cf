import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { allEventTypes } from '../domain/eventTypes.js';
import type { Db } from './db.js';
import type { EventStore } from './eventStore.js';
import { assertSchemaName, migrate } from './migrate.js';
import { storeMigrations } from './migrations/index.js';
import { walSyncer } from './pglite/durability.js';
import { openPgliteDb } from './pglite/db.js';
import { openPostgresDb } from './postgres/db.js';
import { createEventStore } from './sqlEventStore.js';

export type { Db, Sql, Row } from './db.js';
export * from './eventStore.js';
export * from './commandHandler.js';
export { type Appended, trackAppends } from './appendTracking.js';
export { migrate } from './migrate.js';
export { grantAppRole } from './appRole.js';
export type { Migration } from './migrations/index.js';

export type StoreConfig = {
  /** A postgres:// URL selects PostgreSQL; absent, the embedded store in `dataDir`. */
  databaseUrl?: string | undefined;
  /** Embedded store directory; absent with no databaseUrl: in memory. */
  dataDir?: string | undefined;
  /** Embedded store only: fsync the WAL after every commit (see pglite/durability.ts). */
  durable?: boolean | undefined;
  schema?: string | undefined;
};

export type OpenStore = { db: Db; store: EventStore; schema: string; location: string; close(): Promise<void> };

export const defaultSchema = 'ledger';

export const openStore = async (config: StoreConfig): Promise<OpenStore> => {
  const schema = assertSchemaName(config.schema ?? defaultSchema);
  let db: Db;
  let location: string;
  let afterCommit: (() => Promise<void>) | undefined;
  if (config.databaseUrl) {
    db = openPostgresDb(config.databaseUrl);
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
  await migrate(db, schema, storeMigrations);
  const store = createEventStore(db, { schema, eventTypes: allEventTypes, ...(afterCommit ? { afterCommit } : {}) });
  return { db, store, schema, location, close: () => db.close() };
};
