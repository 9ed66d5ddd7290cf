import { type Link, type Span, SpanStatusCode } from '@opentelemetry/api';
import { projectionBatchEvents as projectionEventsApplied } from '../../observability/metrics.js';
import { linkTo, tracer, tracingEnabled } from '../../observability/tracing.js';
import type { Db, Sql } from '../../store/db.js';
import type { LogCursor } from '../../store/eventStore.js';
import type { EventRegistry } from '../../store/registry.js';
import { activate, advanceCursor, type BuildRow, recordFailure } from './builds.js';
import { type Projection, tableNamer } from './projection.js';
import { type Batch, type CursoredEvent, compareCursors, readBatch, readStreams } from './readBatch.js';

export type StepResult =
  | { kind: 'applied'; events: number; cursor: LogCursor; caughtUp: boolean; activated: boolean; live: boolean }
  | { kind: 'failed'; position: number; error: string }
  | { kind: 'leaseLost' };

export type BuildRunner = { readonly build: string; readonly cursor: LogCursor; step(): Promise<StepResult> };

export type BuildRunnerDeps = {
  db: Db;
  schema: string;
  projection: Projection;
  registry: EventRegistry;
  batchSize: number;
};

/**
 * A batch's transaction, sent with its begin:
 * - the batch read is a few ordered index ranges cut by LIMIT; a bitmap scan would read
 *   each range to its end and sort it (see readBatch.ts);
 * - losing the last commits in a crash loses their cursor move with them (one
 *   transaction): they are applied again, so the commit need not wait for the disk.
 */
const batchSettings = { enable_bitmapscan: 'off', synchronous_commit: 'off' } as const;

/** Another runner moved the cursor: this one no longer holds the projection. */
class LeaseLost extends Error {
  override readonly name = 'LeaseLost';
}

/** One link per append (events of one append share its span), at most 128 (the SDK's default limit). */
const batchLinks = (events: readonly CursoredEvent[]): Link[] => {
  const seen = new Set<string>();
  const links: Link[] = [];
  for (const e of events) {
    if (!e.traceparent || seen.has(e.traceparent) || links.length >= 128) continue;
    seen.add(e.traceparent);
    const link = linkTo(e.traceparent);
    if (link) links.push(link);
  }
  return links;
};

/** Driver and server errors that say "try again later", not "this handler is wrong". */
export const isTransient = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (/^(08|40|53|57)/.test(code) || code === '55P03') return true;
    if (['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'].includes(code)) return true;
  }
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection is closed|Client has encountered a connection error/i.test(message);
};

const describe = (error: unknown): string =>
  error instanceof Error
    ? [`${error.name}: ${error.message}`, ...(error.stack ?? '').split('\n').slice(1, 6).map((l) => l.trim())].join('\n')
    : String(error);

/**
 * Runs one build of one projection, a batch per `step`: read the handled events after
 * the cursor, apply them and move the cursor in one transaction (exactly-once effect),
 * and switch the build live in that same transaction once it is level with the log.
 *
 * A batch that throws is split in halves until the one event that fails is found:
 * everything before it is committed, its position and error are recorded on the
 * build, and the build stops there; other projections go on.
 */
export const createBuildRunner = (deps: BuildRunnerDeps, start: BuildRow): BuildRunner => {
  const { db, schema, projection, registry } = deps;
  const table = tableNamer(schema, projection.name, start.build);
  let cursor = start.cursor;
  let live = start.state === 'live';

  /** Applies `events`, moves the cursor to `to` and, once level with the log, goes live — all in `tx`. */
  const applyIn = async (tx: Sql, events: readonly CursoredEvent[], to: LogCursor, caughtUp: boolean): Promise<boolean> => {
    if (events.length > 0) {
      const readStreamsIn = (ids: readonly string[], o: { upTo: number; types: readonly string[] }) => readStreams(tx, schema, registry, ids, o);
      await projection.applyBatch({ tx, schema, table, readStreams: readStreamsIn }, events);
    }
    const moved = await advanceCursor(tx, schema, { name: projection.name, build: start.build, from: cursor, to, applied: events.length });
    if (!moved) throw new LeaseLost(`${projection.name} ${start.build} was moved by another runner`);
    const activating = caughtUp && !live;
    if (activating) await activate(tx, schema, projection.name, start.build, projection.version);
    return activating;
  };

  const commit = (events: readonly CursoredEvent[], to: LogCursor, caughtUp: boolean): Promise<boolean> =>
    db.transaction((tx) => applyIn(tx, events, to, caughtUp));

  /** Commits `events` (a prefix of the batch), halving on failure; returns the failing event. */
  const applySplitting = async (events: readonly CursoredEvent[]): Promise<{ event: CursoredEvent; error: unknown } | null> => {
    const last = events[events.length - 1];
    if (!last) return null;
    try {
      await commit(events, last.cursor, false);
      cursor = last.cursor;
      return null;
    } catch (error) {
      if (error instanceof LeaseLost || isTransient(error)) throw error;
      if (events.length === 1) return { event: last, error };
      const half = Math.ceil(events.length / 2);
      return (await applySplitting(events.slice(0, half))) ?? (await applySplitting(events.slice(half)));
    }
  };

  /** After a batch failed as a whole: commit what goes through, and record the event that does not. */
  const isolateFailure = async (batch: Batch): Promise<StepResult> => {
    const failed = await applySplitting(batch.events);
    if (failed) {
      const text = describe(failed.error);
      await recordFailure(db, schema, projection.name, start.build, failed.event.position, text);
      return { kind: 'failed', position: failed.event.position, error: text };
    }
    // Every event went through on its own (the failure did not repeat): finish the batch.
    const activated = await commit([], batch.cursor, batch.caughtUp);
    cursor = batch.cursor;
    live ||= activated;
    return { kind: 'applied', events: batch.events.length, cursor, caughtUp: batch.caughtUp, activated, live };
  };

  /**
   * One transaction: read the batch, apply it, move the cursor. A batch that applies
   * events is traced as a span linked to the append spans that wrote them (their trace
   * context is in the metadata); empty polls are not traced.
   */
  const step = async (): Promise<StepResult> => {
    const traced: { span: Span | null } = { span: null };
    try {
      const result = await stepIn(traced);
      if (result.kind === 'applied' && result.events > 0) {
        projectionEventsApplied.inc({ view: projection.name }, result.events);
        traced.span?.setAttribute('ledger.position', result.cursor.position);
      }
      if (result.kind === 'failed') traced.span?.setStatus({ code: SpanStatusCode.ERROR, message: `stopped at position ${result.position}` });
      return result;
    } catch (error) {
      traced.span?.recordException(error as Error);
      traced.span?.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      traced.span?.end();
    }
  };

  const stepIn = async (traced: { span: Span | null }): Promise<StepResult> => {
    // What the transaction read, kept for the failure path after it rolled back.
    const seen: { batch: Batch | null } = { batch: null };
    try {
      const activated = await db.transaction(async (tx) => {
        const traceLinks = tracingEnabled();
        const batch = await readBatch(tx, schema, { after: cursor, types: projection.eventTypes, limit: deps.batchSize, metadata: projection.needsMetadata ?? false, registry, traceLinks });
        seen.batch = batch;
        if (traceLinks && batch.events.length > 0) {
          traced.span = tracer().startSpan('ledger.projection.batch', {
            links: batchLinks(batch.events),
            attributes: { 'ledger.view': projection.name, 'ledger.build': start.build, 'ledger.events': batch.events.length },
          });
        }
        const unchanged = batch.events.length === 0 && compareCursors(batch.cursor, cursor) === 0;
        if (unchanged && (live || !batch.caughtUp)) return null;
        return applyIn(tx, batch.events, batch.cursor, batch.caughtUp);
      }, batchSettings);
      const batch = seen.batch!;
      if (activated === null) return { kind: 'applied', events: 0, cursor, caughtUp: batch.caughtUp, activated: false, live };
      cursor = batch.cursor;
      live ||= activated;
      return { kind: 'applied', events: batch.events.length, cursor, caughtUp: batch.caughtUp, activated, live };
    } catch (error) {
      if (error instanceof LeaseLost) return { kind: 'leaseLost' };
      if (isTransient(error) || seen.batch === null) throw error;
      try {
        return await isolateFailure(seen.batch);
      } catch (again) {
        if (again instanceof LeaseLost) return { kind: 'leaseLost' };
        throw again;
      }
    }
  };

  return {
    build: start.build,
    get cursor() {
      return cursor;
    },
    step,
  };
};
