/**
 * `npm run bench:projections` — the projection engine on a realistic history (see
 * projectionsHistory.ts), beside a raw SELECT of the same events in the same run (this
 * machine is shared and noisy: compare ratios). One JSON line per figure.
 * Options: --events N (about, default 1,000,000; 100 per customer), --only postgres|pglite,
 * --batch N (events per projection transaction, default: the engine's own).
 */
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import { allEventTypes } from '../src/domain/eventTypes.js';
import { allProjections, createProjectionEngine, customerArchive, gradeSummary, listCustomers } from '../src/projections/index.js';
import { type Db, migrate } from '../src/store/index.js';
import { storeMigrations } from '../src/store/migrations/index.js';
import { openPgliteDb } from '../src/store/pglite/db.js';
import { openPostgresDb } from '../src/store/postgres/db.js';
import { createEventStore } from '../src/store/sqlEventStore.js';
import { createKeyring } from '../src/store/pii/keyring.js';

const benchMasterKey = Buffer.alloc(32, 1);
import { defaultBatchSize } from '../src/projections/engine/engine.js';
import { migrateEngine } from '../src/projections/engine/engineTables.js';
import { customerIdOf, history, periods, seeded } from './projectionsHistory.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const targetEvents = Number(arg('events') ?? 1_000_000);
const customers = Math.max(50, Math.round(targetEvents / 100));
const batchSize = Number(arg('batch') ?? defaultBatchSize);
const only = arg('only');
const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const metadata = { actor: { id: 'bench', name: '基准', roles: ['archiveClerk' as const] }, reason: 'benchmark' };

const emit = (figure: Record<string, unknown>) => console.log(JSON.stringify({ bench: 'projections', ...figure }));
const seconds = (since: number) => (performance.now() - since) / 1000;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const ms = (x: number) => +x.toFixed(2);

const generate = async (adapter: string, db: Db, schema: string) => {
  const store = createEventStore(db, { schema, eventTypes: allEventTypes, keyring: createKeyring(db, schema, benchMasterKey) });
  const started = performance.now();
  for (const writes of history(customers)) {
    const r = await store.appendMany(writes, { metadata })();
    if (E.isLeft(r)) throw new Error(r.left.message);
  }
  const total = Number((await db.query<{ n: number }>(`select count(*)::int as n from ${schema}.events`)).rows[0]!.n);
  emit({ adapter, figure: 'history generated through the store', customers, months: periods.length, events: total, seconds: +seconds(started).toFixed(1) });
  return total;
};

/** The baseline: every event of the log, all columns, streamed in pages by position and parsed by the driver. */
const rawStream = async (db: Db, schema: string): Promise<number> => {
  const started = performance.now();
  let after = 0;
  for (;;) {
    const { rows } = await db.query<{ position: number }>(
      `select position, stream_id, version, type, schema_version, data, metadata, occurred_at, recorded_at
         from ${schema}.events where position > $1 order by position limit ${batchSize}`,
      [after],
    );
    if (rows.length === 0) break;
    after = Number(rows[rows.length - 1]!.position);
  }
  return seconds(started);
};

const rebuild = async (db: Db, schema: string) => {
  const perProjection = new Map<string, number>();
  const started = performance.now();
  const ended = new Map<string, number>();
  const tracked = createProjectionEngine({
    db, schema, projections: allProjections, batchSize, pollMs: 500,
    onProgress: (p) => {
      perProjection.set(p.name, (perProjection.get(p.name) ?? 0) + p.events);
      if (p.activated) ended.set(p.name, seconds(started));
    },
  });
  await tracked.start();
  const result = await tracked.catchUp(3 * 3600_000);
  const wall = seconds(started);
  if (!result.reached) throw new Error(`rebuild did not finish: ${JSON.stringify(result)}`);
  return { engine: tracked, wall, perProjection, ended };
};

const queries = async (adapter: string, db: Db, schema: string) => {
  const deps = { db, schema, keyring: createKeyring(db, schema, benchMasterKey) };
  const rnd = seeded(11);
  const { rows } = await db.query<{ lo: Date; hi: Date }>(`select min(recorded_at) as lo, max(recorded_at) as hi from ${schema}.events`);
  const [lo, hi] = [new Date(rows[0]!.lo).getTime(), new Date(rows[0]!.hi).getTime()];
  const randomAt = () => ({
    asOf: new Date(Date.parse('2024-11-01T00:00:00+08:00') + rnd() * (Date.parse('2026-11-01T00:00:00+08:00') - Date.parse('2024-11-01T00:00:00+08:00'))).toISOString(),
    knownAt: new Date(lo + rnd() * (hi - lo)).toISOString(),
  });
  // A summary at a point after its period was graded (all 10,000 rows there), else it would be empty.
  const summaryTimes: number[] = [];
  const rowsSeen: number[] = [];
  for (let i = 0; i < 7; i += 1) {
    const period = periods[Math.floor(rnd() * (periods.length - 1))]!;
    const graded = (
      await db.query<{ o: Date; r: Date }>(`select max(occurred_at) as o, max(recorded_at) as r from ${schema}.events where stream_id = $1`, [`gradingPeriod-${period}`])
    ).rows[0]!;
    const [o, r] = [new Date(graded.o).getTime(), new Date(graded.r).getTime()];
    const at = i === 0 ? {} : { asOf: new Date(o + rnd() * (Date.parse('2026-12-01T00:00:00Z') - o)).toISOString(), knownAt: new Date(r + rnd() * (hi - r)).toISOString() };
    const t = performance.now();
    const summary = await gradeSummary(deps, period, at);
    summaryTimes.push(performance.now() - t);
    rowsSeen.push(summary.rows.length);
  }
  emit({ adapter, figure: 'grade summary of one period at a random (asOf, knownAt) after its grading', unit: 'ms', samples: summaryTimes.length, rows: Math.min(...rowsSeen), median: ms(quantile(summaryTimes, 0.5)), max: ms(Math.max(...summaryTimes)), goal: 500 });
  const archiveTimes: number[] = [];
  for (let i = 0; i < 300; i += 1) {
    const t = performance.now();
    await customerArchive(deps, customerIdOf(Math.floor(rnd() * customers)), i % 10 === 0 ? {} : randomAt());
    archiveTimes.push(performance.now() - t);
  }
  emit({ adapter, figure: 'one customer archive view at a random (asOf, knownAt)', unit: 'ms', samples: archiveTimes.length, median: ms(quantile(archiveTimes, 0.5)), p95: ms(quantile(archiveTimes, 0.95)), max: ms(Math.max(...archiveTimes)), goal: 20 });
  const listTimes: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const t = performance.now();
    await listCustomers(deps, i % 2 ? { grade: 'A' } : {}, randomAt(), { limit: 50 });
    listTimes.push(performance.now() - t);
  }
  emit({ adapter, figure: 'customer list page (50, half filtered by grade) at a random (asOf, knownAt)', unit: 'ms', samples: listTimes.length, median: ms(quantile(listTimes, 0.5)), max: ms(Math.max(...listTimes)) });
};

/** Read-your-writes with the engine running: an append, then waitForPosition. */
const readYourWrites = async (adapter: string, db: Db, schema: string, engine: Awaited<ReturnType<typeof rebuild>>['engine']) => {
  const store = createEventStore(db, { schema, eventTypes: allEventTypes, keyring: createKeyring(db, schema, benchMasterKey) });
  const times: number[] = [];
  for (let i = 0; i < 30; i += 1) {
    const t = performance.now();
    const r = await store.append(`customer-${customerIdOf(i)}`, 'any', [{ type: 'EvaluationAdded', data: { customerId: customerIdOf(i), evaluator: { id: 'u', name: '员工' }, text: '复核', at: new Date().toISOString() } }], { metadata })();
    if (E.isLeft(r)) throw new Error(r.left.message);
    const waited = await engine.waitForPosition(r.right.position, { timeoutMs: 10_000 });
    if (!waited.reached) throw new Error('read-your-writes timed out');
    times.push(performance.now() - t);
  }
  emit({ adapter, figure: 'append then waitForPosition (all projections)', unit: 'ms', samples: times.length, median: ms(quantile(times, 0.5)), max: ms(Math.max(...times)) });
};

const run = async (adapter: string, db: Db, schema: string) => {
  await migrate(db, schema, storeMigrations);
  const total = await generate(adapter, db, schema);
  const rawSeconds = await rawStream(db, schema);
  // The engine's tables and its index on the events table are set up once, not per rebuild.
  const setup = performance.now();
  await migrateEngine(db, schema);
  emit({ adapter, figure: 'engine setup (its tables, the events-by-type index)', seconds: +seconds(setup).toFixed(1) });
  const built = await rebuild(db, schema);
  const rawRate = total / rawSeconds;
  const rate = total / built.wall;
  emit({
    adapter, figure: 'full rebuild of all read models vs raw SELECT streaming of the same events', unit: 'events/s', events: total,
    rebuild: Math.round(rate), raw: Math.round(rawRate), ratio: +(rate / rawRate).toFixed(3), goal: 0.25, batch: batchSize, seconds: +built.wall.toFixed(1),
    perProjection: Object.fromEntries([...built.perProjection].map(([n, e]) => [n, { events: e, caughtUpAfterSeconds: +(built.ended.get(n) ?? NaN).toFixed(1) }])),
  });
  await queries(adapter, db, schema);
  await readYourWrites(adapter, db, schema, built.engine);
  await built.engine.stop();
};

if (only !== 'pglite') {
  const db = openPostgresDb(postgresUrl, { max: 12 });
  const schema = `bench_proj_${randomUUID().slice(0, 8)}`;
  try {
    await run('postgres', db, schema);
  } finally {
    await db.exec(`drop schema if exists ${schema} cascade`);
    await db.close();
  }
}
if (only !== 'postgres') {
  const db = await openPgliteDb();
  await run('pglite (memory)', db, 'ledger');
  await db.close();
}
