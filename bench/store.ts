/**
 * `npm run bench:store` — the event store beside raw statements on an equivalent
 * table, measured in the same run (this machine is shared and noisy: compare ratios).
 * Prints one JSON line per figure. Options: --events N (log size for the read
 * figure, default 1,000,000), --only postgres|pglite.
 *
 * Signed checkpoints: single-event appends with a checkpointing worker signing every
 * 1,000 events beside the same appends without, and one cold checkpoint (read every
 * leaf, build the tree, sign) over the whole log of the read figure.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { z } from 'zod';
import { eventType } from '../src/domain/shared/index.js';
import { type Db, type EventStore, logStart, migrate } from '../src/store/index.js';
import { storeMigrations } from '../src/store/migrations/index.js';
import { walSyncer } from '../src/store/pglite/durability.js';
import { openPgliteDb } from '../src/store/pglite/db.js';
import { openPostgresDb } from '../src/store/postgres/db.js';
import { createEventStore } from '../src/store/sqlEventStore.js';
import { allEventTypes } from '../src/domain/eventTypes.js';
import { createCheckpointer, readSigningKey, scheduleCheckpoints } from '../src/store/checkpoints/index.js';
import { generateKeyPairSync } from 'node:crypto';
import { createKeyring } from '../src/store/pii/keyring.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const logSize = Number(arg('events') ?? 1_000_000);
const only = arg('only');
/** --checkpoints: only the checkpoint figures (the log still filled to --events for the cold one). */
const checkpointsOnly = process.argv.includes('--checkpoints');
const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const Noted = z.object({ customerId: z.string(), text: z.string(), amount: z.string() });
const types = [eventType('Noted', Noted), ...allEventTypes];
const metadata = { actor: { id: 'bench', name: '基准', roles: ['archiveClerk' as const] }, reason: 'benchmark' };
const event = (i: number) => ({ type: 'Noted', data: { customerId: randomUUID(), text: `客户资料更新 ${i}`, amount: '125000.00' } });

const emit = (figure: Record<string, unknown>) => console.log(JSON.stringify({ bench: 'store', ...figure }));

const rate = async (n: number, run: () => Promise<void>) => {
  const t = performance.now();
  await run();
  return n / ((performance.now() - t) / 1000);
};

const rawTable = (s: string) => `
  create table ${s}.raw_events (
    position bigint generated always as identity primary key, id uuid not null unique, stream_id text not null,
    version integer not null, type text not null, schema_version integer not null, data jsonb not null,
    metadata jsonb not null, occurred_at timestamptz not null, recorded_at timestamptz not null,
    tx_id xid8 not null default pg_current_xact_id(), hash text not null, unique (stream_id, version))`;
const rawInsert = (s: string, rows: number) => {
  const p = (i: number, k: number) => `$${i * 5 + k}`;
  const values = Array.from({ length: rows }, (_, i) => `(${p(i, 1)}, ${p(i, 2)}, ${p(i, 3)}, 'Noted', 1, ${p(i, 4)}, ${p(i, 5)}, now(), now(), '')`);
  return `insert into ${s}.raw_events (id, stream_id, version, type, schema_version, data, metadata, occurred_at, recorded_at, hash) values ${values.join(', ')}`;
};
const rawParams = (i: number, streamId = `note-${randomUUID()}`, version = 1) => [randomUUID(), streamId, version, JSON.stringify(event(i).data), JSON.stringify(metadata)];

const parallel = async (writers: number, total: number, one: (i: number) => Promise<void>) => {
  let next = 0;
  await Promise.all(Array.from({ length: writers }, async () => {
    while (next < total) await one(next++);
  }));
};

const must = async <A>(t: () => Promise<E.Either<{ message: string }, A>>) => {
  const r = await t();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

const fresh = async (db: Db) => {
  const s = `bench_${randomUUID().slice(0, 8)}`;
  await migrate(db, s, storeMigrations);
  await db.exec(rawTable(s));
  return { s, store: createEventStore(db, { schema: s, eventTypes: types, keyring: createKeyring(db, s, randomBytes(32)) }) };
};

const appends = async (adapter: string, db: Db, store: EventStore, s: string, n: number) => {
  const seqOurs = await rate(n, async () => {
    for (let i = 0; i < n; i++) await must(store.append(`note-${randomUUID()}`, 'noStream', [event(i)], { metadata }));
  });
  const seqRaw = await rate(n, async () => {
    for (let i = 0; i < n; i++) await db.query(rawInsert(s, 1), rawParams(i));
  });
  emit({ adapter, figure: 'single-event appends, sequential', unit: 'events/s', n, ours: Math.round(seqOurs), raw: Math.round(seqRaw), ratio: +(seqOurs / seqRaw).toFixed(2) });

  const conOurs = await rate(n, () => parallel(8, n, async (i) => void (await must(store.append(`note-${randomUUID()}`, 'noStream', [event(i)], { metadata })))));
  const conRaw = await rate(n, () => parallel(8, n, async (i) => void (await db.query(rawInsert(s, 1), rawParams(i)))));
  emit({ adapter, figure: 'single-event appends, 8 concurrent writers', unit: 'events/s', n, ours: Math.round(conOurs), raw: Math.round(conRaw), ratio: +(conOurs / conRaw).toFixed(2) });

  const batches = Math.max(10, Math.round(n / 20));
  const batchOurs = await rate(batches * 100, async () => {
    for (let b = 0; b < batches; b++) await must(store.append(`note-${randomUUID()}`, 'noStream', Array.from({ length: 100 }, (_, i) => event(i)), { metadata }));
  });
  const batchRaw = await rate(batches * 100, async () => {
    for (let b = 0; b < batches; b++) {
      const streamId = `note-${randomUUID()}`;
      await db.query(rawInsert(s, 100), Array.from({ length: 100 }, (_, i) => rawParams(i, streamId, i + 1)).flat());
    }
  });
  emit({ adapter, figure: '100-event appends', unit: 'events/s', n: batches * 100, ours: Math.round(batchOurs), raw: Math.round(batchRaw), ratio: +(batchOurs / batchRaw).toFixed(2) });
};

const fill = async (db: Db, s: string, total: number) => {
  // The read figure needs a big log fast: generated in SQL, 10 events a stream.
  for (let from = 0; from < total; from += 100_000) {
    const to = Math.min(total, from + 100_000);
    await db.exec(`
      insert into ${s}.events (id, stream_id, version, type, schema_version, data, metadata, occurred_at, recorded_at, hash)
      select gen_random_uuid(), 'note-' || (g / 10), g % 10 + 1, 'Noted', 1,
             jsonb_build_object('customerId', md5(g::text), 'text', '客户资料更新 ' || g, 'amount', '125000.00'),
             '${JSON.stringify(metadata)}'::jsonb, now(), now(), encode(sha256(g::text::bytea), 'hex')
        from generate_series(${from}, ${to - 1}) g;
      insert into ${s}.raw_events (id, stream_id, version, type, schema_version, data, metadata, occurred_at, recorded_at, hash)
      select id, stream_id, version, type, schema_version, data, metadata, occurred_at, recorded_at, hash from ${s}.events
       where position > (select coalesce(max(position), 0) from ${s}.raw_events);`);
  }
};

const reads = async (adapter: string, db: Db, store: EventStore, s: string) => {
  await fill(db, s, logSize);
  const total = Number((await db.query<{ n: number }>(`select count(*)::int as n from ${s}.events`)).rows[0]!.n);
  const ours = await rate(total, async () => {
    let cursor = logStart;
    for (;;) {
      const page = await must(store.readLog(cursor, 5000));
      if (page.events.length === 0) break;
      cursor = page.cursor;
    }
  });
  const raw = await rate(total, () =>
    db.transaction(async (tx) => {
      await tx.query(`declare raw_read no scroll cursor for select * from ${s}.raw_events order by position`);
      for (;;) {
        const { rows } = await tx.query(`fetch 5000 from raw_read`);
        if (rows.length === 0) break;
      }
    }),
  );
  emit({ adapter, figure: 'reading the log through the consumer API', unit: 'events/s', n: total, ours: Math.round(ours), raw: Math.round(raw), ratio: +(ours / raw).toFixed(2) });
};

const signingKey = () => readSigningKey(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());

/** Sequential single-event appends without, then with, a worker signing every 1,000 events (same process, as a worker beside would be on PGlite). */
const appendsWhileCheckpointing = async (adapter: string, db: Db, store: EventStore, s: string, n: number) => {
  const run = () => rate(n, async () => {
    for (let i = 0; i < n; i++) await must(store.append(`note-${randomUUID()}`, 'noStream', [event(i)], { metadata }));
  });
  const without = await run();
  const dir = mkdtempSync(join(tmpdir(), 'cl-bench-checkpoints-'));
  let signed = 0;
  const schedule = scheduleCheckpoints(createCheckpointer({ db, store, schema: s, key: signingKey(), dir }), { events: 1000 }, {
    onCheckpoint: () => void (signed += 1),
    onError: (e) => console.error(e),
    pollMs: 100,
  });
  const withWorker = await run();
  await schedule.stop();
  rmSync(dir, { recursive: true, force: true });
  emit({ adapter, figure: 'single-event appends, sequential, with a worker checkpointing every 1,000 events vs without', unit: 'events/s', n, checkpoints: signed, ours: Math.round(withWorker), raw: Math.round(without), ratio: +(withWorker / without).toFixed(2) });
};

/** One checkpoint from cold over the whole log: read every event's hash, build the tree, sign, write. */
const checkpointCost = async (adapter: string, db: Db, store: EventStore, s: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-bench-checkpoints-'));
  const t = performance.now();
  const { checkpoint } = await createCheckpointer({ db, store, schema: s, key: signingKey(), dir }).take(new Date().toISOString());
  const seconds = (performance.now() - t) / 1000;
  rmSync(dir, { recursive: true, force: true });
  emit({ adapter, figure: 'one checkpoint from cold over the whole log', unit: 's', n: checkpoint.size, seconds: +seconds.toFixed(2), heapMB: Math.round(process.memoryUsage().heapUsed / 1e6) });
};

const durability = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-bench-'));
  try {
    const db = await openPgliteDb(dir);
    const { s } = await fresh(db);
    const plain = createEventStore(db, { schema: s, eventTypes: types, keyring: createKeyring(db, s, randomBytes(32)) });
    const durable = createEventStore(db, { schema: s, eventTypes: types, keyring: createKeyring(db, s, randomBytes(32)), afterCommit: walSyncer(dir) });
    const n = 300;
    const run = (store: EventStore) => rate(n, async () => {
      for (let i = 0; i < n; i++) await must(store.append(`note-${randomUUID()}`, 'noStream', [event(i)], { metadata }));
    });
    const without = await run(plain);
    const withSync = await run(durable);
    emit({ adapter: 'pglite (files)', figure: 'single-event appends, durable (WAL fsync per commit) vs not', unit: 'events/s', n, ours: Math.round(withSync), raw: Math.round(without), ratio: +(withSync / without).toFixed(2) });
    await db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const main = async () => {
  if (only !== 'pglite') {
    const db = openPostgresDb(postgresUrl, { max: 10 });
    const { s, store } = await fresh(db);
    if (!checkpointsOnly) await appends('postgres', db, store, s, 2000);
    await appendsWhileCheckpointing('postgres', db, store, s, 3000);
    if (!checkpointsOnly) await reads('postgres', db, store, s);
    else await fill(db, s, logSize);
    await checkpointCost('postgres', db, store, s);
    await db.exec(`drop schema ${s} cascade`);
    await db.close();
  }
  if (only !== 'postgres') {
    const db = await openPgliteDb();
    const { s, store } = await fresh(db);
    if (!checkpointsOnly) await appends('pglite (memory)', db, store, s, 1000);
    await appendsWhileCheckpointing('pglite (memory)', db, store, s, 3000);
    if (!checkpointsOnly) await reads('pglite (memory)', db, store, s);
    else await fill(db, s, logSize);
    await checkpointCost('pglite (memory)', db, store, s);
    await db.close();
    if (!checkpointsOnly) await durability();
  }
};

await main();
