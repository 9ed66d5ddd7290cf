import type { Sql } from '../../store/db.js';
import type { EventMetadata } from '../../store/eventStore.js';

/**
 * An event as a projection sees it: the envelope fields a read model needs, its data
 * upcast to the current schema version, and the metadata only when the projection
 * asks for it (parsing the actor and reason of a million events costs time).
 */
export type LogEvent = {
  position: number;
  streamId: string;
  version: number;
  type: string;
  data: unknown;
  metadata?: EventMetadata;
  /** Effective time, ISO 8601 UTC with milliseconds: answers `asOf`. */
  occurredAt: string;
  /** Record time, same spelling: answers `knownAt`. */
  recordedAt: string;
};

/** `table('versions')` → `<schema>.<projection>_<build>_versions`: one build's own table. */
export type TableNamer = (logical: string) => string;

export type ApplyContext = {
  tx: Sql;
  schema: string;
  table: TableNamer;
  /**
   * Events of the given streams up to a position, in log order, upcast like the batch:
   * for the rare refold of an entity when a backdated event arrives.
   */
  readStreams(streamIds: readonly string[], options: { upTo: number; types: readonly string[] }): Promise<LogEvent[]>;
};

/**
 * A read model kept by the engine. Its tables carry the build in their names
 * (`customers_v2_versions`), so a new version is built beside the one serving and
 * replaces it when it has caught up with the log.
 */
export type Projection = {
  /** Lower case and underscores; part of table names, so at most 20 characters. */
  name: string;
  /** Bump it when the tables or what they hold change: the engine rebuilds beside the old. */
  version: number;
  /** The event types `applyBatch` is given; the log read skips the others in SQL. */
  eventTypes: readonly string[];
  needsMetadata?: boolean;
  /** The build's tables and indexes: a script of `create` statements using `table(...)`. */
  createTables(table: TableNamer): string;
  /**
   * Applies a batch of events, in log order, in the transaction that also moves the
   * checkpoint past them. It may be handed the same events again only after the
   * transaction rolled back, so it needs no idempotence of its own.
   */
  applyBatch(context: ApplyContext, events: readonly LogEvent[]): Promise<void>;
};

const namePattern = /^[a-z][a-z0-9_]{0,19}$/;
const logicalPattern = /^[a-z][a-z0-9_]{0,24}$/;

export const assertProjectionName = (name: string): string => {
  if (!namePattern.test(name)) throw new Error(`projection name "${name}" is not lower_snake of at most 20 characters`);
  return name;
};

export const tableNamer = (schema: string, name: string, build: string): TableNamer => (logical) => {
  if (!logicalPattern.test(logical)) throw new Error(`table name "${logical}" is not lower_snake of at most 25 characters`);
  return `${schema}.${name}_${build}_${logical}`;
};
