import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { allEventTypes } from '../../src/domain/eventTypes.js';
import type { EventType } from '../../src/domain/shared/index.js';
import type { Db, EventStore } from '../../src/store/index.js';
import { migrate } from '../../src/store/index.js';
import { storeMigrations } from '../../src/store/migrations/index.js';
import { openPgliteDb } from '../../src/store/pglite/db.js';
import { openPostgresDb } from '../../src/store/postgres/db.js';
import { createEventStore } from '../../src/store/sqlEventStore.js';
import { type Keyring, createKeyring } from '../../src/store/pii/keyring.js';

export type TestStore = { store: EventStore; db: Db; schema: string; keyring: Keyring; close(): Promise<void> };

/** The master key of every test store's personal data. */
export const testMasterKey = Buffer.alloc(32, 7);
export type StoreCase = { name: 'pglite' | 'postgres'; open(options?: { eventTypes?: readonly EventType[] }): Promise<TestStore> };

type Shared = { pglite?: Promise<Db>; postgres?: Db };
// One database per test worker, shared by the files it runs (creating a PGlite costs
// seconds); every `open` gets a schema of its own, dropped again on close.
const shared: Shared = ((globalThis as { __customerLedgerTestDbs?: Shared }).__customerLedgerTestDbs ??= {});

const sharedDb = async (name: StoreCase['name']): Promise<Db> => {
  if (name === 'pglite') return (shared.pglite ??= openPgliteDb());
  return (shared.postgres ??= openPostgresDb(inject('databaseUrl'), { max: 12 }));
};

const openOn = (name: StoreCase['name']): StoreCase['open'] => async (options = {}) => {
  const db = await sharedDb(name);
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await migrate(db, schema, storeMigrations);
  const keyring = createKeyring(db, schema, testMasterKey);
  const store = createEventStore(db, { schema, eventTypes: options.eventTypes ?? allEventTypes, keyring });
  return { store, db, schema, keyring, close: async () => void (await db.exec(`drop schema ${schema} cascade`)) };
};

export const storeCases: StoreCase[] = [
  { name: 'pglite', open: openOn('pglite') },
  ...(inject('databaseUrl') ? [{ name: 'postgres' as const, open: openOn('postgres') }] : []),
];

/** Only the server, for tests that need real concurrency (several connections). */
export const postgresCases = storeCases.filter((c) => c.name === 'postgres');
