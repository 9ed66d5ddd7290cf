import { randomUUID } from 'node:crypto';
import type { Sql } from '../db.js';
import type { EventMetadata, StoreError, StreamWrite } from '../eventStore.js';
import type { EventRegistry } from '../registry.js';
import { type EventRow, eventColumns } from './rows.js';

export type PreparedWrite = {
  streamId: string;
  expectedVersion: string;
  events: { id: string; type: string; schemaVersion: number; data: unknown; occurredAt?: string }[];
};

/** Validates every event against its schema; the first failure refuses the whole append. */
export const prepareWrites = (registry: EventRegistry, writes: readonly StreamWrite[]): PreparedWrite[] | StoreError => {
  const prepared: PreparedWrite[] = [];
  for (const w of writes) {
    const events: PreparedWrite['events'] = [];
    for (const e of w.events) {
      const valid = registry.validate(e.type, e.data);
      if ('code' in valid) return valid;
      // PostgreSQL's text cannot hold NUL. Refused here, alone: in a group commit the
      // database's error would fail every append of the batch.
      if (JSON.stringify(valid.data).includes('\\u0000')) {
        return { code: 'InvalidEvent', message: `${e.type} data holds a NUL character (U+0000), which cannot be stored`, path: [], eventType: e.type };
      }
      events.push({
        id: e.id ?? randomUUID(),
        type: e.type,
        schemaVersion: valid.schemaVersion,
        data: valid.data,
        ...(e.occurredAt ? { occurredAt: new Date(e.occurredAt).toISOString() } : {}),
      });
    }
    prepared.push({ streamId: w.streamId, expectedVersion: String(w.expectedVersion), events });
  }
  return prepared;
};

export const appendSql = async (sql: Sql, schema: string, writes: PreparedWrite[], metadata: EventMetadata) =>
  (
    await sql.query<EventRow>(`select ${eventColumns} from ${schema}.append_events($1::jsonb, $2::jsonb)`, [
      JSON.stringify(writes),
      JSON.stringify(metadata),
    ])
  ).rows;
