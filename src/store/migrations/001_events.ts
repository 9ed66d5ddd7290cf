import type { Migration } from './migration.js';

/**
 * The event log. `position` is taken under the append lock (see 002), so it follows
 * commit order; `tx_id` backs the gap-free consumer (see sql/readLog.ts); `hash`
 * chains each stream's events (see sql/digest in 002).
 */
export const events: Migration = {
  version: 1,
  name: 'events',
  up: (s) => `
    create table ${s}.events (
      position       bigint generated always as identity primary key,
      id             uuid not null unique,
      stream_id      text not null,
      version        integer not null check (version > 0),
      type           text not null,
      schema_version integer not null,
      data           jsonb not null,
      metadata       jsonb not null,
      occurred_at    timestamptz not null,
      recorded_at    timestamptz not null,
      tx_id          xid8 not null default pg_current_xact_id(),
      prev_hash      text,
      hash           text not null,
      unique (stream_id, version)
    );
    create index events_tx_position on ${s}.events (tx_id, position);
    create index events_idempotency on ${s}.events ((metadata->'actor'->>'id'), (metadata->>'idempotencyKey'))
      where metadata ? 'idempotencyKey';

    -- One row a stream: its version and last hash, so an append checks its expectation
    -- and links the chain without scanning the stream.
    create table ${s}.streams (
      stream_id text primary key,
      version   integer not null,
      last_hash text not null
    );
  `,
};
