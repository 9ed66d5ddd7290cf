import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import { inject } from 'vitest';
import { freshDataDir } from '../../cli/support/dataDirs.js';
import { runCli, spawnCli } from '../../cli/support/runCli.js';

/** The stores the console runs on in these tests: PGlite always, PostgreSQL when one answers (CI requires it). */
export type ConsoleStore = 'pglite' | 'postgres';
export const consoleStores: ConsoleStore[] = ['pglite', ...(inject('databaseUrl') ? (['postgres'] as const) : [])];

/** `env`: where its store is (DATA_DIR or DATABASE_URL), for a CLI command beside it. */
export type ConsoleServer = { url: string; env: Record<string, string>; stdout(): string; stop(): Promise<void> };

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** A store of its own: a fresh PGlite directory, or a fresh database on the test server (serve uses the `ledger` schema). */
const storeEnv = async (store: ConsoleStore): Promise<{ env: Record<string, string>; drop(): Promise<void> }> => {
  if (store === 'pglite') return { env: { DATA_DIR: await freshDataDir('console') }, drop: async () => undefined };
  const name = `cl_console_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(inject('databaseUrl'));
  url.pathname = `/${name}`;
  return { env: { DATABASE_URL: url.toString() }, drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined) };
};

/**
 * A REAL server process (`customer-ledger serve`, as users run it) in development mode
 * (no JWT_SECRET: the sign-in page offers the role picker), serving the built console.
 * `demo` first fills the store with the demo data set (`customer-ledger demo`); `seed`
 * writes to it through the library before the server opens it.
 */
export const startConsoleServer = async (
  store: ConsoleStore,
  options: { demo?: boolean; seed?: (env: Record<string, string>) => Promise<void>; port?: number; env?: Record<string, string> } = {},
): Promise<ConsoleServer> => {
  const { env, drop } = await storeEnv(store);
  await options.seed?.(env);
  if (options.demo) {
    const demo = await runCli(['demo', '--customers', '300'], env);
    if (demo.code !== 0) throw new Error(`demo failed (${demo.code}): ${demo.stderr}`);
  }
  const port = options.port ?? (await freePort());
  const server = spawnCli(['serve'], { ...env, ...options.env, PORT: String(port), LOG_LEVEL: 'warn' });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ready = await fetch(`${url}/ready`).catch(() => null);
    if (ready?.status === 200) break;
    if (server.child.exitCode !== null || Date.now() > deadline) {
      server.child.kill('SIGKILL');
      await drop();
      throw new Error(`the server did not become ready: ${server.output().stderr}${server.output().stdout}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    env,
    stdout: () => server.output().stdout,
    stop: async () => {
      server.child.kill('SIGTERM');
      await server.done;
      await drop();
    },
  };
};
