/**
 * `npm run bench:api` — the HTTP API under load beside a bare express 5 app that answers
 * the same bytes, measured in the same run (this machine is shared and noisy: compare
 * ratios). The ledger is seeded first (apiSeed.ts), the real server then runs on it with
 * its projection runners; autocannon drives both from a child process (apiLoad.ts).
 * One JSON line per figure; any answer that is not 2xx makes the run fail (exit code 1).
 * Options: --customers N (default 10,000), --duration S (per measurement, default 10),
 * --connections N (default 10), --postgres (TEST_DATABASE_URL or a local PostgreSQL, in a
 * fresh schema dropped afterwards; else PGlite in memory), --log-level L (default info).
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import * as E from 'fp-ts/Either';
import { authConfig, signToken } from '../src/api/auth.js';
import { createLogger } from '../src/api/logger.js';
import { productEngine } from '../src/api/routes/index.js';
import { startServer } from '../src/api/server.js';
import type { Config } from '../src/config.js';
import { customerStreamId } from '../src/domain/customer/index.js';
import type { Role } from '../src/domain/shared/index.js';
import { type OpenStore, openStore } from '../src/store/index.js';
import { openPostgresDb } from '../src/store/postgres/db.js';
import { type Job, type Measured, startLoad } from './apiLoad.js';
import { seedLedger } from './apiSeed.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const customers = Number(arg('customers') ?? 10_000);
const seconds = Number(arg('duration') ?? 10);
const connections = Number(arg('connections') ?? 10);
const usePostgres = process.argv.includes('--postgres');
const logLevel = (arg('log-level') ?? 'info') as Config['logLevel'];
const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const storeName = usePostgres ? 'postgres' : 'pglite (memory)';

const emit = (figure: Record<string, unknown>) => console.log(JSON.stringify({ bench: 'api', ...figure }));

/** Counts the server's non-2xx answers and errors from its own log lines, and keeps the first few. */
const problemSink = () => {
  const problems = { count: 0, first: [] as string[] };
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of String(chunk).split('\n')) {
        const answered = line.includes('"msg":"request"');
        if ((answered && !/"status":2\d\d/.test(line)) || (!answered && /"level":[56]0/.test(line))) {
          problems.count += 1;
          if (problems.first.length < 5) problems.first.push(line);
        }
      }
      done();
    },
  });
  return { problems, sink };
};

/** The baseline: express 5 with the same settings as ours (no x-powered-by, no computed ETag) answering the real bytes. */
const startBare = async (archive: string, summary: string, evaluated: string) => {
  const bare = express();
  bare.disable('x-powered-by');
  bare.set('etag', false);
  bare.get('/customers/:id', (_req, res) => void res.type('application/json').send(archive));
  bare.get('/reports/grade-summary', (_req, res) => void res.type('application/json').send(summary));
  bare.post('/customers/:id/evaluations', express.json(), (_req, res) => void res.status(201).type('application/json').send(evaluated));
  const server = createServer(bare);
  await new Promise<void>((resolve) => server.listen(0, resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}`, stop: () => new Promise((resolve) => server.close(resolve)) };
};

const bench = async (cleanups: (() => Promise<unknown>)[]) => {
  const schema = usePostgres ? `bench_api_${randomUUID().slice(0, 8)}` : 'ledger';
  if (usePostgres) {
    cleanups.push(async () => {
      const admin = openPostgresDb(postgresUrl, { max: 1 });
      await admin.exec(`drop schema if exists ${schema} cascade`);
      await admin.close();
    });
  }
  const opened = await openStore(usePostgres ? { databaseUrl: postgresUrl, schema, masterKey: { kind: 'ephemeral' } } : {});
  const closeStore = () => opened.close();
  cleanups.push(closeStore);
  const seeding = productEngine(opened.db, opened.schema, (projection, err) => console.error(projection, err));
  await seeding.start();
  const seeded = await seedLedger(opened, seeding, customers, new Date());
  await seeding.stop();
  emit({ figure: 'seed', store: storeName, customers, events: seeded.events, period: seeded.period, seconds: seeded.seconds });

  const { problems, sink } = problemSink();
  const secret = randomUUID() + randomUUID();
  const config: Config = {
    port: 0, databaseUrl: usePostgres ? postgresUrl : undefined, dataDir: '', jwtSecret: secret, jwtMaxTtlSeconds: 24 * 3600, logLevel,
    bodyLimit: 256 * 1024, pgliteSync: false, runProjections: true, production: false, readyMaxLag: { seconds: 5 }, metricsPort: null,
    dbConnectTimeoutMs: 5000, dbStatementTimeoutMs: 30_000,
    piiMasterKey: { kind: 'ephemeral' },
  };
  const server = await startServer(config, { store: opened, print: () => undefined, logger: createLogger(logLevel, sink) });
  cleanups.splice(cleanups.indexOf(closeStore), 1, () => server.stop()); // stopping the server closes the store
  const auth = authConfig(secret);
  const bearer = async (role: Role) => ({ authorization: `Bearer ${await signToken(auth, { id: `bench-${role}`, name: `基准${role}`, roles: [role] })}` });

  // The real answers, fetched once (and checked): the bare app answers the same bytes.
  const fetchText = async (path: string, init: RequestInit, expected: number) => {
    const res = await fetch(`${server.url}${path}`, init);
    const text = await res.text();
    if (res.status !== expected) throw new Error(`${init.method ?? 'GET'} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
    return text;
  };
  // Ids are hashes: in string order they are a fixed, well-mixed list.
  const ids = [...seeded.customerIds].sort((a, b) => a.localeCompare(b));
  const archiveHeaders = await bearer('archiveClerk'); // reads the invoicing block too: the largest view
  const summaryHeaders = await bearer('salesAdminManager');
  const evaluationHeaders = { ...(await bearer('serviceClerk')), 'content-type': 'application/json' };
  const evaluation = JSON.stringify({ text: '回款及时，合作良好，建议保持现有信用额度。' });
  const summaryPath = `/reports/grade-summary?period=${seeded.period}`;
  const archiveBody = await fetchText(`/customers/${ids[0]}`, { headers: archiveHeaders }, 200);
  const summaryBody = await fetchText(summaryPath, { headers: summaryHeaders }, 200);
  const summaryRows = (JSON.parse(summaryBody) as { rows: unknown[] }).rows.length;
  if (summaryRows !== customers) throw new Error(`the grade summary has ${summaryRows} rows, not ${customers}`);
  const evaluatedBody = await fetchText(`/customers/${ids[1]}/evaluations`, { method: 'POST', headers: evaluationHeaders, body: evaluation }, 201);

  const bare = await startBare(archiveBody, summaryBody, evaluatedBody);
  cleanups.push(bare.stop);
  const load = startLoad();
  cleanups.push(load.stop);

  /** Each run's non-2xx answers, errors and timeouts, named: "warm-up: 1 errors". */
  const failuresOf = (runs: Record<string, Measured>) =>
    Object.entries(runs).flatMap(([run, m]) =>
      Object.entries({ 'non-2xx': m.non2xx, errors: m.errors, timeouts: m.timeouts }).filter(([, n]) => n > 0).map(([kind, n]) => `${run}: ${n} ${kind}`),
    );
  /**
   * A 1 s warm-up, the measurement, then `alone` requests one at a time (the latency
   * without queueing). `once`: the warm-up reads `warmUpPaths` and the measurement sends
   * each path once instead of running for the duration.
   */
  const side = async (url: string, job: Omit<Job, 'url' | 'connections'>, alone: number, once?: { warmUpPaths: string[] }) => {
    const warm = await load.measure({ ...job, ...(once ? { paths: once.warmUpPaths } : {}), url, connections, seconds: 1 });
    const loaded = await load.measure({ ...job, url, connections, ...(once ? { amount: job.paths.length } : { seconds }) });
    const single = await load.measure({ ...job, url, connections: 1, amount: alone });
    return { loaded, single, failures: failuresOf({ 'warm-up': warm, measured: loaded, 'one at a time': single }) };
  };
  let failed = 0;
  const compare = async (
    figure: string,
    job: Omit<Job, 'url' | 'connections'>,
    alone: number,
    bytes: number,
    goal?: { ratio: number; p99: number },
    once?: { warmUpPaths: string[] },
  ) => {
    const before = problems.count;
    const ours = await side(server.url, job, alone, once);
    const serverNon2xx = problems.count - before;
    const baseline = await side(bare.url, job, alone, once);
    const ratio = +(ours.loaded.rps / baseline.loaded.rps).toFixed(2);
    // Seen by the client (warm-ups and single runs included), and by the server's log.
    const failures = { ours: ours.failures, bare: baseline.failures };
    failed += ours.failures.length + baseline.failures.length + serverNon2xx;
    const pick = ({ loaded: { rps, p50, p99, requests }, single }: typeof ours) => ({ rps, p50, p99, requests, aloneP50: single.p50 });
    emit({
      figure, store: storeName, connections, ...(once ? { requestsEach: 1 } : { seconds }), responseBytes: bytes, ours: pick(ours), bare: pick(baseline), ratio,
      statusCodes: { ours: ours.loaded.statusCodes, bare: baseline.loaded.statusCodes, serverNon2xx, failures },
      ...(goal ? { goal, met: ratio >= goal.ratio && ours.loaded.p99 <= goal.p99 } : {}),
    });
    return ours.loaded.rps;
  };

  const customerPaths = ids.map((id) => `/customers/${id}`);
  // The server keeps archives between reads (projections/customers/currentArchive.ts): the
  // first read of each customer reads the views, the next ones do not. Both are measured:
  // first reads of the customers the warm-up has not touched, each once, then reads of
  // archives read before.
  const coldPaths = customerPaths.slice(Math.min(500, Math.floor(customerPaths.length / 5)));
  const archiveJob = { method: 'GET', headers: archiveHeaders } as const;
  await compare('GET /customers/{id}, first read of each customer', { ...archiveJob, paths: coldPaths }, 100, Buffer.byteLength(archiveBody), undefined, {
    warmUpPaths: customerPaths.slice(0, customerPaths.length - coldPaths.length),
  });
  await compare('GET /customers/{id}', { ...archiveJob, paths: customerPaths }, 100, Buffer.byteLength(archiveBody), { ratio: 0.5, p99: 20 });
  await compare(`GET /reports/grade-summary (${summaryRows} rows)`, { method: 'GET', paths: [summaryPath], headers: summaryHeaders }, 3, Buffer.byteLength(summaryBody));
  const evaluationPaths = customerPaths.map((p) => `${p}/evaluations`);
  const writes = await compare('POST /customers/{id}/evaluations', { method: 'POST', paths: evaluationPaths, headers: evaluationHeaders, body: evaluation }, 30, Buffer.byteLength(evaluatedBody));
  // The write goal (issue 18): those requests beside the same event appended by the store
  // alone from 8 writers in this process, on the same store while the server runs (its
  // projections apply these too), for as long.
  const appended = await storeAppends(opened, ids, 8, seconds);
  const writeRatio = +(writes / appended).toFixed(2);
  emit({
    figure: 'HTTP writes beside the store’s own appends', store: storeName, connections, seconds, httpRps: Math.round(writes), storeWriters: 8,
    storeAppendsPerSecond: Math.round(appended), ratio: writeRatio, goal: { ratio: 0.5 }, met: writeRatio >= 0.5,
  });
  if (failed > 0) {
    emit({ figure: 'refused or failed requests', store: storeName, failures: failed, serverProblems: problems.count, firstServerProblems: problems.first });
    process.exitCode = 1;
  }
};

/** Appends per second of one evaluation each, to the given customers' streams in turn, from `writers` concurrent writers for `seconds`. */
const storeAppends = async (opened: OpenStore, customerIds: readonly string[], writers: number, seconds: number): Promise<number> => {
  const metadata = { actor: { id: 'bench-serviceClerk', name: '基准serviceClerk', roles: ['serviceClerk' as const] }, reason: '客户评价' };
  const until = performance.now() + seconds * 1000;
  let next = 0;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (performance.now() < until) {
        const customerId = customerIds[next++ % customerIds.length]!;
        const data = { customerId, evaluator: metadata.actor, text: '回款及时，合作良好，建议保持现有信用额度。', at: new Date().toISOString() };
        const appended = await opened.store.append(customerStreamId(customerId), 'any', [{ type: 'EvaluationAdded', data }], { metadata })();
        if (E.isLeft(appended)) throw new Error(`the store refused an append: ${JSON.stringify(appended.left)}`);
        done += 1;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
};

// Undone in reverse order whatever happens, so that no schema is left behind in PostgreSQL.
const cleanups: (() => Promise<unknown>)[] = [];
try {
  await bench(cleanups);
} finally {
  for (const undo of cleanups.reverse()) await undo();
}
