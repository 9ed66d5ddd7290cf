import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket, connect } from 'node:net';
import pg from 'pg';

/**
 * A database of its own on the test server: terminating every backend of it touches
 * no other test (they share the run's database).
 */
export type OutageDatabase = {
  url: string;
  /** The URL with host and port replaced (to go through a proxy). */
  via(port: number): string;
  /** Terminates every other backend of the database; says what the killed ones were doing. */
  terminateAll(): Promise<{ killed: number; listening: number; leasing: number }>;
  /** Runs one statement on the admin connection. */
  query<T extends pg.QueryResultRow>(text: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
};

export const freshDatabase = async (testUrl: string, label: string): Promise<OutageDatabase> => {
  const name = `cl_${label}_${randomBytes(4).toString('hex')}`;
  const creator = new pg.Client({ connectionString: testUrl });
  await creator.connect();
  await creator.query(`create database ${name}`);
  await creator.end();
  const url = new URL(testUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  return {
    url: url.toString(),
    via: (port) => {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    terminateAll: async () => {
      // The LISTEN connection's last statement is its LISTEN; the lease session's one
      // of its advisory-lock calls (or its heartbeat).
      const { rows } = await admin.query<{ listening: boolean; leasing: boolean }>(
        `select query ilike 'listen %' as listening,
                query ~* '(pg_try_advisory_lock|pg_advisory_unlock|select true as ok)' as leasing,
                pg_terminate_backend(pid) as killed
           from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
      );
      return { killed: rows.length, listening: rows.filter((r) => r.listening).length, leasing: rows.filter((r) => r.leasing).length };
    },
    query: async (text, params) => (await admin.query(text, params)).rows,
    drop: async () => {
      await admin.end();
      const dropper = new pg.Client({ connectionString: testUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
};

/**
 * A TCP proxy on loopback in front of the database: `down()` cuts every connection
 * through it and refuses new ones (as a database that went away), `up()` lets them
 * through again. Outages on demand, without touching the server.
 */
export type Proxy = { port: number; up(): void; down(): void; close(): Promise<void> };

export const tcpProxy = async (target: { host: string; port: number }, initiallyUp = true): Promise<Proxy> => {
  let isUp = initiallyUp;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (!isUp) return void client.destroy();
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    up: () => {
      isUp = true;
    },
    down: () => {
      isUp = false;
      for (const s of open) s.destroy();
    },
    close: async () => {
      isUp = false;
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
