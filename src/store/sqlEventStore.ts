import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { Actor, type EventType } from '../domain/shared/index.js';
import type { Db } from './db.js';
import { toStoreError } from './errors.js';
import type { AppendOptions, EventMetadata, EventStore, StoreError, StoredEvent, StreamWrite } from './eventStore.js';
import { createEventRegistry } from './registry.js';
import { groupCommit } from './groupCommit.js';
import { type PreparedWrite, prepareWrites } from './sql/append.js';
import { appendBatchSql } from './sql/appendBatch.js';
import { readLogSql } from './sql/readLog.js';
import { readByIdempotencyKeySql, readStreamSql, streamVersionSql } from './sql/readStream.js';
import { toStoredEvent } from './sql/rows.js';
import { verifySql } from './sql/verify.js';
import { noteAppended } from './appendTracking.js';
import { activeTraceparent, inSpan, tracingEnabled } from '../observability/tracing.js';
import { appendConflictsTotal, appendDuration, appendedEventsTotal, appendsTotal } from '../observability/metrics.js';
import type { Keyring } from './pii/keyring.js';

export type StoreOptions = {
  schema: string;
  eventTypes: readonly EventType[];
  /** Seals personal fields before they are hashed and stored; reveals them on reading streams. */
  keyring: Keyring;
  /** Called after every committed append (the embedded store's optional fsync). */
  afterCommit?: () => Promise<void>;
};

const streamIdPattern = /^[a-z][A-Za-z0-9]*-[A-Za-z0-9._:-]{1,200}$/;

const attempt = <A>(run: () => Promise<A>): TE.TaskEither<StoreError, A> => () =>
  run().then(
    (a) => ({ _tag: 'Right' as const, right: a }),
    (e: unknown) => ({ _tag: 'Left' as const, left: toStoreError(e) }),
  );

const checkWrites = (writes: readonly StreamWrite[], options: AppendOptions): StoreError | null => {
  for (const w of writes) {
    if (!streamIdPattern.test(w.streamId)) {
      return { code: 'InvalidStreamId', message: `stream id "${w.streamId}" is not <category>-<id>`, streamId: w.streamId };
    }
    if (typeof w.expectedVersion === 'number' && !(Number.isInteger(w.expectedVersion) && w.expectedVersion >= 0)) {
      return { code: 'VersionConflict', message: `expected version ${w.expectedVersion} is not a version`, streamId: w.streamId, expected: w.expectedVersion, actual: -1 };
    }
  }
  const actor = Actor.safeParse(options.metadata.actor);
  if (!actor.success) {
    const issue = actor.error.issues[0];
    return { code: 'MetadataInvalid', message: `every event names its actor: ${issue?.message}`, path: ['actor', ...(issue?.path ?? []).map(String)] };
  }
  if ((options.reasonRequired ?? true) && !options.metadata.reason?.trim()) {
    return { code: 'MetadataInvalid', message: 'every change states in writing why it is made (reason is empty)', path: ['reason'] };
  }
  if (JSON.stringify(options.metadata).includes('\\u0000')) {
    return { code: 'MetadataInvalid', message: 'the metadata holds a NUL character (U+0000), which cannot be stored', path: [] };
  }
  if (writes.every((w) => w.events.length === 0)) {
    return { code: 'MetadataInvalid', message: 'an append writes at least one event', path: ['events'] };
  }
  return null;
};

const countAppend = (code: StoreError['code'] | null, started: number) => {
  appendDuration.observe((performance.now() - started) / 1000);
  const outcome = code === null ? 'ok' : code === 'VersionConflict' ? 'conflict' : code === 'StoreUnavailable' ? 'unavailable' : 'refused';
  appendsTotal.inc({ outcome });
  if (outcome === 'conflict') appendConflictsTotal.inc();
};

export const createEventStore = (db: Db, options: StoreOptions): EventStore => {
  const s = options.schema;
  const registry = createEventRegistry(options.eventTypes);
  const toEvent = toStoredEvent(registry);
  const send = groupCommit(async (batch) => {
    const rows = await appendBatchSql(db, s, batch);
    await options.afterCommit?.();
    return rows;
  }, { linger: db.kind === 'postgres' });

  const sealWrites = async (writes: PreparedWrite[]): Promise<PreparedWrite[]> => {
    const data = await options.keyring.sealAll(writes.flatMap((w) => w.events));
    let i = 0;
    return writes.map((w) => ({ ...w, events: w.events.map((e) => ({ ...e, data: data[i++] })) }));
  };
  const revealed = (events: StoredEvent[]) => options.keyring.reveal(events);

  const appendMany: EventStore['appendMany'] = (writes, appendOptions) => {
    const refused = checkWrites(writes, appendOptions);
    if (refused) return TE.left(refused);
    const prepared = prepareWrites(registry, writes);
    if ('code' in prepared) return TE.left(prepared);
    const metadata = Object.fromEntries(Object.entries(appendOptions.metadata).filter(([, v]) => v !== undefined));
    const started = performance.now();
    return pipe(
      attempt(() =>
        inSpan('ledger.append', async (span) => {
          span.setAttributes({ 'ledger.streams': prepared.length, 'ledger.events': prepared.reduce((n, w) => n + w.events.length, 0) });
          const traceparent = tracingEnabled() ? activeTraceparent() : undefined;
          const sealed = await sealWrites(prepared);
          const sent = { ...(metadata as typeof appendOptions.metadata), ...(traceparent ? { traceparent } : {}) };
          const rows = await send({ writes: sealed, metadata: sent });
          const refused = rows.find((r) => r.error_code);
          if (refused) throw { code: refused.error_code, detail: refused.error_detail };
          // The caller gets back what it wrote; the store holds it sealed. Rows this append
          // wrote come without data and metadata (the store has them here); a retry's
          // rows come whole, with the metadata the first attempt stored.
          const plain = new Map(prepared.flatMap((w) => w.events.map((e) => [e.id, e.data] as const)));
          const storedMetadata = JSON.parse(JSON.stringify(sent)) as EventMetadata;
          const stored = rows
            .map((r) => toEvent({ ...r, data: r.data ?? plain.get(r.id), metadata: r.metadata ?? storedMetadata }))
            .map((e) => ({ ...e, data: plain.get(e.id) ?? e.data }));
          span.setAttribute('ledger.position', stored.at(-1)?.position ?? 0);
          noteAppended(stored);
          return stored;
        }),
      ),
      TE.bimap(
        (error) => {
          countAppend(error.code, started);
          return error;
        },
        (events) => {
          countAppend(null, started);
          appendedEventsTotal.inc(events.length);
          return events;
        },
      ),
      // A write without events only checked its stream's version: it has no result.
      TE.map((events) =>
        prepared.filter((w) => w.events.length > 0).map((w) => {
          const mine = events.filter((e) => e.streamId === w.streamId);
          const last = mine[mine.length - 1]!;
          return { streamId: w.streamId, version: last.version, position: last.position, events: mine };
        }),
      ),
    );
  };

  return {
    appendMany,
    append: (streamId, expectedVersion, events, appendOptions) =>
      pipe(
        appendMany([{ streamId, expectedVersion, events }], appendOptions),
        TE.map((results) => results[0]!),
      ),
    readStream: (streamId, o) =>
      attempt(async () => {
        const rows = await readStreamSql(db, s, streamId, o);
        return options.keyring.revealWith(rows.map(toEvent), Object.assign({}, ...rows.map((r) => r.pii_keys)) as Record<string, string>);
      }),
    streamVersion: (streamId) => attempt(() => streamVersionSql(db, s, streamId)),
    readLog: (cursor, limit) =>
      attempt(async () => {
        const rows = await readLogSql(db, s, cursor, limit);
        const last = rows[rows.length - 1];
        return { events: rows.map(toEvent), cursor: last ? { txId: last.tx_id, position: Number(last.position) } : cursor };
      }),
    readByIdempotencyKey: (actorId, key) => attempt(async () => revealed((await readByIdempotencyKeySql(db, s, actorId, key)).map(toEvent))),
    verify: () => attempt(() => verifySql(db, s)),
    close: () => db.close(),
  };
};
