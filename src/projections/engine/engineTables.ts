import type { Db } from '../../store/db.js';
import { migrate } from '../../store/migrate.js';
import type { Migration } from '../../store/migrations/index.js';

/**
 * The engine's own tables, beside the events in the store's schema.
 *
 * `projection_builds`: one row per build of a projection (a version, or a rebuild of
 * one): where it stands in the log — the `(tx_id, position)` cursor of the gap-free
 * read — its state, and the failure that stopped it. The cursor moves in the same
 * transaction as the build's writes, so after a crash it is exactly where they are.
 *
 * `projection_active`: which build answers queries. Switched in the transaction of
 * the batch that brought a new build level with the log.
 */
const builds: Migration = {
  version: 1,
  name: 'projection builds',
  up: (s) => `
    create table ${s}.projection_builds (
      name            text not null,
      build           text not null,
      version         integer not null,
      state           text not null check (state in ('building', 'live', 'retired')),
      tx_id           xid8 not null default '0',
      position        bigint not null default 0,
      events_applied  bigint not null default 0,
      created_at      timestamptz not null default now(),
      updated_at      timestamptz not null default now(),
      failed_position bigint,
      failed_at       timestamptz,
      error           text,
      primary key (name, build)
    );
    create table ${s}.projection_active (
      name        text primary key,
      build       text not null,
      version     integer not null,
      switched_at timestamptz not null default now()
    );
  `,
};

/**
 * Lets each projection read only its own event types, in log order: one ordered range
 * of this index per type, merged. Without it every projection walks the whole log.
 * Added to the store's events table by the engine (the store itself never needs it).
 */
const typeIndex: Migration = {
  version: 2,
  name: 'events by type in log order',
  up: (s) => `create index if not exists events_type_tx_position on ${s}.events (type, tx_id, position);`,
};

export const engineMigrations: readonly Migration[] = [builds, typeIndex];

export const migrateEngine = (db: Db, schema: string): Promise<number[]> =>
  migrate(db, schema, engineMigrations, 'projection_migrations');

/** Before the engine's first start its tables do not exist (undefined_table): no view has been built yet. */
export const engineTablesMissing = (error: unknown): boolean => (error as { code?: string }).code === '42P01';

/** A query of the engine's tables answers no rows before its first start; any other error stands. */
export const noRowsBeforeFirstStart = <T>(error: unknown): { rows: T[] } => {
  if (engineTablesMissing(error)) return { rows: [] };
  throw error;
};

export const eventsChannel = (schema: string): string => `${schema}_events`;

/** Where runners announce their commits (`name:position`), for the waits of other processes. */
export const progressChannel = (schema: string): string => `${schema}_progress`;
