import * as TE from 'fp-ts/TaskEither';
import { allEventTypes } from '../domain/eventTypes.js';
import type { Db } from '../store/db.js';
import { toStoreError } from '../store/errors.js';
import { createEventRegistry } from '../store/registry.js';
import { type EventRow, eventColumns, toStoredEvent } from '../store/sql/rows.js';
import type { IdempotencyLookup } from './idempotency.js';

/**
 * The events a caller's Idempotency-Key produced, through the store's index on
 * (metadata actor id, metadata idempotencyKey) (migration 001).
 *
 * This belongs in the store port (`EventStore.readByIdempotencyKey`); it lives here
 * until the port has it, reusing the store's row mapping so events read the same.
 */
export const sqlIdempotencyLookup = (db: Db, schema: string): IdempotencyLookup => {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a schema name: ${schema}`);
  const toEvent = toStoredEvent(createEventRegistry(allEventTypes));
  return (actorId, key) =>
    TE.tryCatch(
      async () => {
        const { rows } = await db.query<EventRow>(
          `select ${eventColumns} from ${schema}.events
            where metadata ? 'idempotencyKey'
              and metadata->'actor'->>'id' = $1 and metadata->>'idempotencyKey' = $2
            order by position`,
          [actorId, key],
        );
        return rows.map(toEvent);
      },
      (e) => toStoreError(e),
    );
};
