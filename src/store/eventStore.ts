import type * as TE from 'fp-ts/TaskEither';
import type { Actor } from '../domain/shared/index.js';

/**
 * The event store port. Two adapters implement it over one schema and one set of
 * SQL statements: PostgreSQL (`pg`, pooled) and PGlite (in-process PostgreSQL).
 */

/** `noStream`: the stream must not exist; `streamExists`: it must; a number: its current version. */
export type ExpectedVersion = 'noStream' | 'streamExists' | 'any' | number;

export type EventMetadata = {
  actor: Actor;
  /** The written reason (修改原因). Required for state changes; the few commands that may omit it say so. */
  reason?: string | undefined;
  correlationId?: string | undefined;
  causationId?: string | undefined;
  /** The client's Idempotency-Key, kept with the events it produced. */
  idempotencyKey?: string | undefined;
  /** A digest of the keyed request: a reuse of the key for another request is told apart by it. */
  requestDigest?: string | undefined;
  /**
   * The W3C trace context of the append that wrote the event, when tracing is on: the
   * projection batch that applies it links to that span.
   */
  traceparent?: string | undefined;
};

export type NewEvent = {
  /** Given by the caller to make a retry idempotent; a fresh UUID otherwise. */
  id?: string | undefined;
  type: string;
  data: unknown;
  /** Effective time (when it was true in the business). Defaults to the record time. */
  occurredAt?: string | undefined;
};

export type StreamWrite = {
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: readonly NewEvent[];
};

export type AppendOptions = {
  metadata: EventMetadata;
  /** False only for events the domain lets go without a reason (e.g. an evaluation). */
  reasonRequired?: boolean;
};

export type StoredEvent = {
  id: string;
  streamId: string;
  /** 1 for the first event of a stream. */
  version: number;
  /** Place in the global log: commit order, gap-free for consumers. */
  position: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  occurredAt: string;
  recordedAt: string;
  hash: string;
};

export type AppendResult = {
  streamId: string;
  /** The stream's version after the append. */
  version: number;
  /** Global position of the last event written. */
  position: number;
  events: StoredEvent[];
};

export type ReadStreamOptions = {
  fromVersion?: number;
  toVersion?: number;
  /** Effective-time cut: only events that occurred at or before. */
  asOf?: string;
  /** Record-time cut: only events the store had recorded at or before. */
  knownAt?: string;
};

/** Where a consumer stands in the global log: the last (transaction id, position) it saw. */
export type LogCursor = { txId: string; position: number };
export const logStart: LogCursor = { txId: '0', position: 0 };

export type LogPage = { events: StoredEvent[]; cursor: LogCursor };

export type BrokenLink = { streamId: string; version: number; position: number; expected: string; found: string };
export type VerifyReport = { streams: number; events: number; firstBroken: BrokenLink | null };

export type StoreError =
  | { code: 'VersionConflict'; message: string; streamId: string; expected: ExpectedVersion; actual: number }
  | { code: 'DuplicateEventId'; message: string; eventId: string }
  | { code: 'InvalidEvent'; message: string; path: (string | number)[]; eventType: string }
  | { code: 'UnknownEventType'; message: string; eventType: string }
  | { code: 'InvalidStreamId'; message: string; streamId: string }
  | { code: 'MetadataInvalid'; message: string; path: (string | number)[] }
  | { code: 'StoreUnavailable'; message: string };

export interface EventStore {
  /** Appends to one stream atomically; nothing is written on any error. */
  append(streamId: string, expectedVersion: ExpectedVersion, events: readonly NewEvent[], options: AppendOptions): TE.TaskEither<StoreError, AppendResult>;
  /**
   * Appends to several streams in one transaction: all or nothing. A write without
   * events only holds its stream to its expected version (a precondition of the others)
   * and has no entry in the answer.
   */
  appendMany(writes: readonly StreamWrite[], options: AppendOptions): TE.TaskEither<StoreError, AppendResult[]>;
  readStream(streamId: string, options?: ReadStreamOptions): TE.TaskEither<StoreError, StoredEvent[]>;
  /** Current version of a stream, 0 when it does not exist. */
  streamVersion(streamId: string): TE.TaskEither<StoreError, number>;
  /**
   * The next page of the global log after `cursor`: only committed events, never one
   * skipped because a slower transaction committed it late (see `sql/readLog.ts`).
   */
  readLog(cursor: LogCursor, limit: number): TE.TaskEither<StoreError, LogPage>;
  /** The events one caller's Idempotency-Key produced, in log order (a retried request's first answer). */
  readByIdempotencyKey(actorId: string, key: string): TE.TaskEither<StoreError, StoredEvent[]>;
  /** Recomputes every stream's hash chain and names the first broken link. */
  verify(): TE.TaskEither<StoreError, VerifyReport>;
  close(): Promise<void>;
}
