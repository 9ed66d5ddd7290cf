import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { authConfig, signToken } from '../../src/api/auth.js';
import { allProjections, createProjectionEngine } from '../../src/projections/index.js';
import { openStore } from '../../src/store/index.js';
import { archiveBody } from '../api/routes/customersFixtures.js';
import { freshDatabase, type OutageDatabase, type Proxy, tcpProxy } from '../support/outage.js';
import { testMasterKey } from './support/masterKey.js';
import { e2eTimeout, spawnCli } from './support/runCli.js';

/**
 * Issue 12 §1: `serve` and `worker` ride through their database going away — every
 * backend terminated (the pool's, the LISTEN connection, the lease session) several
 * times, and the database unreachable for a while — while a bounded stream of writes
 * and reads runs against the real processes.
 */
const testUrl = inject('databaseUrl');
const secret = 'an-outage-test-secret-of-32-chars!!';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// DB_CONNECT_TIMEOUT and DB_STATEMENT_TIMEOUT below, plus the answer's own work.
const answerBoundMs = 12_000;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

type Exchange = { method: string; path: string; status: number; ms: number; body: Record<string, unknown>; retryAfter: string | null; type: string };

const client = (base: string, token: string) => async (method: string, path: string, body?: unknown): Promise<Exchange> => {
  const started = Date.now();
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(answerBoundMs + 10_000),
  });
  const text = await res.text();
  return {
    method,
    path,
    status: res.status,
    ms: Date.now() - started,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    retryAfter: res.headers.get('retry-after'),
    type: res.headers.get('content-type') ?? '',
  };
};

const untilHealthy = async (base: string, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(5000) }).catch(() => null);
    if (res?.status === 200) return;
    await sleep(200);
  }
  throw new Error(`${base} did not become healthy`);
};

const logLines = (stdout: string): Record<string, unknown>[] =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Registrations and reads from `writers` clients until `done()`, each at most `max` rounds. */
const writeStream = async (call: ReturnType<typeof client>, writers: number, done: () => boolean, max = 150) => {
  const exchanges: Exchange[] = [];
  const written: string[] = [];
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < max && !done(); i += 1) {
        const created = await call('POST', '/customers', archiveBody(`断线客户-${w}-${i}-${randomUUID().slice(0, 8)}`));
        exchanges.push(created);
        if (created.status === 201) written.push(created.body.id as string);
        const id = written[Math.floor(Math.random() * written.length)];
        if (id) exchanges.push(await call('GET', `/customers/${id}`));
        exchanges.push(await call('GET', '/customers?limit=5'));
      }
    }),
  );
  return { exchanges, written };
};

/**
 * Every answer was the operation's success or a 503 StoreUnavailable to retry, and none
 * took longer than the bound. One more is expected: while the runners are cut off, a
 * registration is acknowledged once its read-your-writes wait gives up, and a read of
 * it from the lagging view answers 404 until the views catch up (checked afterwards).
 */
const expectOnlySuccessOr503 = (exchanges: Exchange[]) => {
  const lagging = (e: Exchange) => e.method === 'GET' && e.status === 404 && e.body.code === 'CustomerNotFound';
  const unexpected = exchanges.filter((e) => ![200, 201, 503].includes(e.status) && !lagging(e));
  expect(unexpected.map((e) => `${e.method} ${e.path} ${e.status} ${JSON.stringify(e.body)}`)).toEqual([]);
  for (const e of exchanges.filter((x) => x.status === 503)) {
    expect(e.type).toContain('application/problem+json');
    expect(e.body.code).toBe('StoreUnavailable');
    expect(Number(e.retryAfter)).toBeGreaterThan(0);
  }
  expect(Math.max(...exchanges.map((e) => e.ms))).toBeLessThan(answerBoundMs);
};

/** Afterwards: every acknowledged registration is in the log, the chains verify, every view catches up. */
const expectLedgerWhole = async (db: OutageDatabase, written: string[]) => {
  const rows = await db.query<{ stream_id: string }>(`select distinct stream_id from ledger.events where stream_id = any($1)`, [
    written.map((id) => `customer-${id}`),
  ]);
  expect(rows.length).toBe(written.length);
  const opened = await openStore({ databaseUrl: db.url, masterKey: testMasterKey });
  try {
    const report = await opened.store.verify()();
    expect(report).toMatchObject({ _tag: 'Right', right: { firstBroken: null } });
    const engine = createProjectionEngine({ db: opened.db, schema: opened.schema, projections: allProjections });
    expect(await engine.catchUp(30_000)).toEqual({ reached: true });
  } finally {
    await opened.close();
  }
};

/** The LISTEN connection and one lease per view are held again (by whichever process runs them). */
const expectListeningAndLeased = async (db: OutageDatabase) => {
  await expect
    .poll(async () => (await db.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and query ilike 'listen %'`))[0]!.n, {
      timeout: 20_000,
    })
    .toBeGreaterThan(0);
  await expect
    .poll(async () => (await db.query<{ n: number }>(`select count(*)::int as n from pg_locks where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())`))[0]!.n, { timeout: 20_000 })
    .toBe(allProjections.length);
};

describe.runIf(testUrl)('on PostgreSQL, when the database goes away', { timeout: e2eTimeout }, () => {
  let db: OutageDatabase;
  let proxy: Proxy;
  let token: string;
  beforeAll(async () => {
    db = await freshDatabase(testUrl, 'outage');
    const target = new URL(testUrl);
    proxy = await tcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    token = await signToken(authConfig(secret), { id: 'clerk-outage', name: 'Clerk', roles: ['archiveClerk'] });
  });
  afterAll(async () => {
    await proxy?.close();
    await db?.drop();
  });

  const env = (port: number, extra: Record<string, string> = {}) => ({
    DATABASE_URL: db.via(proxy.port),
    PORT: String(port),
    JWT_SECRET: secret,
    DB_CONNECT_TIMEOUT: '2s',
    DB_STATEMENT_TIMEOUT: '5s',
    ...extra,
  });

  /** Terminates every backend `rounds` times, then cuts the database off for `awayMs`; returns what was killed. */
  const disrupt = async (rounds: number, awayMs: number) => {
    const kills = [];
    for (let r = 0; r < rounds; r += 1) {
      await sleep(700);
      kills.push(await db.terminateAll());
    }
    await sleep(500);
    proxy.down();
    await sleep(awayMs);
    proxy.up();
    return kills;
  };

  test('serve stays up: 2xx writes are kept, others answer 503 in bounded time, and it answers normally again', async () => {
    const port = await freePort();
    const server = spawnCli(['serve'], env(port));
    const base = `http://127.0.0.1:${port}`;
    try {
      await untilHealthy(base);
      const call = client(base, token);
      let disrupted = false;
      const [kills, run] = await Promise.all([
        disrupt(4, 2000).then(async (k) => {
          await sleep(2000);
          disrupted = true;
          return k;
        }),
        writeStream(call, 3, () => disrupted),
      ]);

      // The LISTEN connection and the lease session were among the backends killed.
      expect(kills.reduce((n, k) => n + k.listening, 0)).toBeGreaterThan(0);
      expect(kills.reduce((n, k) => n + k.leasing, 0)).toBeGreaterThan(0);
      expect(server.child.exitCode).toBeNull();
      expectOnlySuccessOr503(run.exchanges);
      expect(run.exchanges.filter((e) => e.status === 503).length).toBeGreaterThan(0);
      expect(run.written.length).toBeGreaterThan(10);

      // Normal again within seconds, without a restart.
      const recovered = Date.now();
      await untilHealthy(base, 10_000);
      const after = await call('POST', '/customers', archiveBody(`恢复后客户-${randomUUID().slice(0, 8)}`));
      expect(after.status, JSON.stringify(after.body)).toBe(201);
      run.written.push(after.body.id as string);
      expect(Date.now() - recovered).toBeLessThan(10_000);

      await expectListeningAndLeased(db);
      await expectLedgerWhole(db, run.written);
      // Once the views have caught up, every acknowledged customer reads back.
      for (const id of run.written) expect((await call('GET', `/customers/${id}`)).status).toBe(200);
      const lines = logLines(server.output().stdout);
      expect(lines.some((l) => l.msg === 'database connection lost or refused; recovering')).toBe(true);
      expect(lines.filter((l) => l.msg === 'unhandled error')).toEqual([]);
    } finally {
      server.child.kill('SIGTERM');
      const ended = await server.done;
      expect(ended.stderr).not.toMatch(/Unhandled 'error' event|uncaught/i);
      expect(ended.code).toBe(0);
    }
  });

  test('worker stays up and keeps the views current while serve leaves them to it', async () => {
    const port = await freePort();
    const server = spawnCli(['serve'], env(port, { RUN_PROJECTIONS: 'false' }));
    const worker = spawnCli(['worker'], env(0));
    const base = `http://127.0.0.1:${port}`;
    try {
      await untilHealthy(base);
      await expectListeningAndLeased(db);
      const call = client(base, token);
      let disrupted = false;
      const [kills, run] = await Promise.all([
        disrupt(3, 1500).then(async (k) => {
          await sleep(1500);
          disrupted = true;
          return k;
        }),
        writeStream(call, 2, () => disrupted),
      ]);
      expect(kills.reduce((n, k) => n + k.listening, 0)).toBeGreaterThan(0);
      expect(kills.reduce((n, k) => n + k.leasing, 0)).toBeGreaterThan(0);
      expect(worker.child.exitCode).toBeNull();
      expect(server.child.exitCode).toBeNull();
      expectOnlySuccessOr503(run.exchanges);

      // Only the worker runs the views: that they catch up is its doing.
      await expectListeningAndLeased(db);
      await expectLedgerWhole(db, run.written);
      for (const id of run.written) expect((await call('GET', `/customers/${id}`)).status).toBe(200);
      const lines = logLines(worker.output().stdout);
      expect(lines.some((l) => l.msg === 'database connection lost or refused; recovering')).toBe(true);
    } finally {
      server.child.kill('SIGTERM');
      worker.child.kill('SIGTERM');
      const [s, w] = await Promise.all([server.done, worker.done]);
      expect(w.stderr).not.toMatch(/Unhandled 'error' event|uncaught/i);
      expect([s.code, w.code]).toEqual([0, 0]);
    }
  });

  test('serve and worker waiting for the database stop at once on SIGTERM, exit 0', async () => {
    proxy.down();
    const server = spawnCli(['serve'], env(await freePort()));
    const worker = spawnCli(['worker'], env(0));
    try {
      for (const p of [server, worker]) {
        await expect.poll(() => p.output().stdout, { timeout: 60_000 }).toContain('database unavailable at start; retrying');
        p.child.kill('SIGTERM');
        const run = await p.done;
        expect(run.code).toBe(0);
        expect(logLines(run.stdout).some((l) => l.msg === 'stopped before the database answered')).toBe(true);
      }
    } finally {
      proxy.up();
      server.child.kill('SIGKILL');
      worker.child.kill('SIGKILL');
    }
  });

  test('serve and worker started while the database is away wait for it, say so in the log, and start when it comes', async () => {
    proxy.down();
    const port = await freePort();
    const server = spawnCli(['serve'], env(port));
    const worker = spawnCli(['worker'], env(0));
    try {
      const retrying = (out: string) => logLines(out).some((l) => l.msg === 'database unavailable at start; retrying');
      await expect.poll(() => retrying(server.output().stdout), { timeout: 60_000 }).toBe(true);
      await expect.poll(() => retrying(worker.output().stdout), { timeout: 60_000 }).toBe(true);
      await sleep(1500);
      expect([server.child.exitCode, worker.child.exitCode]).toEqual([null, null]);
      proxy.up();
      await untilHealthy(`http://127.0.0.1:${port}`, 60_000);
      await expect.poll(() => logLines(worker.output().stdout).some((l) => l.msg === 'projection worker started'), { timeout: 60_000 }).toBe(true);
      for (const out of [server.output(), worker.output()]) {
        // A line per attempt naming why, not a stack trace.
        expect(out.stderr).not.toMatch(/\n\s+at /);
        expect(logLines(out.stdout).find((l) => l.msg === 'database unavailable at start; retrying')).toMatchObject({
          reason: expect.any(String),
          retryInMs: expect.any(Number),
        });
      }
    } finally {
      proxy.up();
      server.child.kill('SIGTERM');
      worker.child.kill('SIGTERM');
      const [s, w] = await Promise.all([server.done, worker.done]);
      expect([s.code, w.code]).toEqual([0, 0]);
    }
  });
});
