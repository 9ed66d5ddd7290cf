import type { EventMetadata, StoredEvent } from '../eventStore.js';
import type { EventRegistry } from '../registry.js';

export type EventRow = {
  position: number | string;
  id: string;
  stream_id: string;
  version: number;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  occurred_at: Date | string;
  recorded_at: Date | string;
  tx_id: string;
  hash: string;
};

const iso = (t: Date | string): string => (t instanceof Date ? t : new Date(t)).toISOString();

/** Row → event, upcasting data stored under an older schema version. */
export const toStoredEvent = (registry: EventRegistry) => (row: EventRow): StoredEvent => {
  const { schemaVersion, data } = registry.upcast(row.type, row.schema_version, row.data);
  return {
    id: row.id,
    streamId: row.stream_id,
    version: Number(row.version),
    position: Number(row.position),
    type: row.type,
    schemaVersion,
    data,
    metadata: row.metadata,
    occurredAt: iso(row.occurred_at),
    recordedAt: iso(row.recorded_at),
    hash: row.hash,
  };
};

export const eventColumns =
  'position, id, stream_id, version, type, schema_version, data, metadata, occurred_at, recorded_at, tx_id::text as tx_id, hash';
