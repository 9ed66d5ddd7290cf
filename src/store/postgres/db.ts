import pg from 'pg';
import { type Db, type ListenOptions, type Row, type Sql, setLocal } from '../db.js';
import { isUnavailable } from '../errors.js';

// int8 (positions, counts) as JS numbers: positions stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type PostgresOptions = {
  /** Connections in the pool (LISTEN and the lease session each hold one). */
  max?: number;
  /** Longest wait for a connection, in the pool's queue and while connecting; 0: no limit. */
  connectTimeoutMs?: number;
  /** Longest a statement may run (the server cancels it; the client gives up shortly after); 0: no limit. */
  statementTimeoutMs?: number;
  /** A connection was lost or could not be made (logged by the caller; the adapter recovers by itself). */
  onConnectionError?: (error: Error, where: 'pool' | 'listen' | 'session' | 'transaction' | 'client') => void;
};

export const defaultConnectTimeoutMs = 5000;
export const defaultStatementTimeoutMs = 30_000;

/** Reconnecting LISTEN waits 100 ms, 200 ms, … up to 5 s between attempts. */
const backoffMs = (attempt: number): number => Math.min(5000, 100 * 2 ** Math.min(attempt, 6));

const asSql = (client: pg.ClientBase): Sql => ({
  query: async <T extends Row>(text: string, params?: readonly unknown[]) => {
    const r = await client.query(text, params as unknown[] | undefined);
    return { rows: r.rows as T[] };
  },
  exec: async (script) => {
    await client.query(script);
  },
});

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/**
 * The PostgreSQL adapter: a `pg` pool; LISTEN and a session hold a connection each.
 * Every client has an 'error' listener (unheard, a lost connection's 'error' event ends
 * the process); a connection that failed is destroyed, never handed out again.
 */
export const postgresDb = (pool: pg.Pool, options: Pick<PostgresOptions, 'onConnectionError'> = {}): Db => {
  const report = options.onConnectionError ?? (() => undefined);
  // An idle pooled connection that dies is dropped by the pool, which then tells us.
  pool.on('error', (e) => report(e, 'pool'));
  // The listens still open: closing ends them, else the pool would wait for their connections forever.
  const listens = new Set<() => Promise<void>>();

  return {
    kind: 'postgres',
    query: async <T extends Row>(text: string, params?: readonly unknown[]) => {
      const r = await pool.query(text, params as unknown[] | undefined);
      return { rows: r.rows as T[] };
    },
    exec: async (script) => {
      await pool.query(script);
    },
    transaction: async (fn, settings) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      const onError = (e: Error) => {
        broken ??= e;
        report(e, 'transaction');
      };
      client.on('error', onError);
      try {
        // One round trip: the settings go with the begin (a script, no parameters).
        await client.query(settings ? `begin; ${setLocal(settings)}` : 'begin');
        const result = await fn(asSql(client));
        await client.query('commit');
        return result;
      } catch (error) {
        // A connection that is gone (or stuck behind a timed-out statement) takes its
        // transaction with it on the server; a rollback would only wait on it.
        if (isUnavailable(error)) broken ??= asError(error);
        else await client.query('rollback').catch((e: unknown) => (broken ??= asError(e)));
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    withSession: async (fn) => {
      const client = await pool.connect();
      const lost = new AbortController();
      const onLost = (e?: Error) => {
        if (lost.signal.aborted) return;
        if (e) report(e, 'session');
        lost.abort(e ?? new Error('the session connection ended'));
      };
      client.on('error', onLost);
      client.on('end', onLost);
      try {
        return await fn(asSql(client), lost.signal);
      } finally {
        client.off('error', onLost);
        client.off('end', onLost);
        // A session ends with its connection: its advisory locks must not outlive `fn`
        // in the pool, so the connection is closed rather than returned.
        client.release(true);
      }
    },
    listen: async (channel, onNotify, listenOptions: ListenOptions = {}) => {
      let client: pg.PoolClient | null = null;
      let onClientLost: ((e?: Error) => void) | null = null;
      let stopped = false;
      let retry: NodeJS.Timeout | undefined;
      const handler = (m: pg.Notification) => {
        if (m.channel === channel) onNotify(m.payload ?? '');
      };

      const connect = async (): Promise<void> => {
        const c = await pool.connect();
        const onLost = (e?: Error) => {
          if (client !== c) return;
          client = null;
          c.off('notification', handler);
          c.release(e ?? true);
          if (e) report(e, 'listen');
          if (!stopped) reconnect(0);
        };
        c.on('error', onLost);
        c.on('end', onLost);
        c.on('notification', handler);
        try {
          await c.query(`listen "${channel}"`);
        } catch (e) {
          c.release(asError(e));
          throw e;
        }
        if (stopped) return void c.release(true);
        client = c;
        onClientLost = onLost;
      };

      // Notifications sent while the connection was away are lost: the listener hears of
      // the reconnection and looks for itself.
      const reconnect = (attempt: number) => {
        retry = setTimeout(() => {
          connect().then(
            () => {
              if (!stopped) listenOptions.onReconnect?.();
            },
            (e: unknown) => {
              report(asError(e), 'listen');
              if (!stopped) reconnect(attempt + 1);
            },
          );
        }, backoffMs(attempt));
        retry.unref();
      };

      await connect();
      const unlisten = async () => {
        listens.delete(unlisten);
        stopped = true;
        clearTimeout(retry);
        const c = client;
        client = null;
        if (!c) return;
        c.off('notification', handler);
        // Back to the pool alive: without its handlers, else every later listen on this
        // connection adds to them (kept while `unlisten` runs, so an error then is handled).
        const release = (e?: Error) => {
          if (onClientLost) c.off('error', onClientLost).off('end', onClientLost);
          c.release(e);
        };
        await c.query(`unlisten "${channel}"`).then(
          () => release(),
          (e: unknown) => release(asError(e)),
        );
      };
      listens.add(unlisten);
      return unlisten;
    },
    close: async () => {
      await Promise.all([...listens].map((unlisten) => unlisten()));
      await pool.end();
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 }),
  };
};

/**
 * Clients that listen for 'error' from birth, whoever holds them: a connection lost
 * between two statements of a borrower that has no listener of its own must not end
 * the process. Its next statement fails instead, and the pool then drops it.
 */
const listeningClient = (report: NonNullable<PostgresOptions['onConnectionError']>): typeof pg.Client =>
  class extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      this.on('error', (e: Error) => {
        if (this.listenerCount('error') === 1) report(e, 'client');
      });
    }
  };

export const openPostgresDb = (connectionString: string, options: PostgresOptions = {}): Db => {
  const statementTimeoutMs = options.statementTimeoutMs ?? defaultStatementTimeoutMs;
  const pool = new pg.Pool({
    Client: listeningClient(options.onConnectionError ?? (() => undefined)),
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? defaultConnectTimeoutMs,
    // A peer that vanished without a word (a failover, a cut network) is noticed.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(statementTimeoutMs > 0
      ? {
          statement_timeout: statementTimeoutMs,
          // The server cancels first; this bounds a server that does not answer at all.
          query_timeout: statementTimeoutMs + 2000,
        }
      : {}),
  });
  return postgresDb(pool, options);
};
