import pg from 'pg';
import type { Db, Row, Sql } from '../db.js';

// int8 (positions, counts) as JS numbers: positions stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

const asSql = (client: pg.ClientBase): Sql => ({
  query: async <T extends Row>(text: string, params?: readonly unknown[]) => {
    const r = await client.query(text, params as unknown[] | undefined);
    return { rows: r.rows as T[] };
  },
  exec: async (script) => {
    await client.query(script);
  },
});

/** The PostgreSQL adapter: a `pg` pool; LISTEN holds one connection of its own. */
export const postgresDb = (pool: pg.Pool): Db => ({
  kind: 'postgres',
  query: async <T extends Row>(text: string, params?: readonly unknown[]) => {
    const r = await pool.query(text, params as unknown[] | undefined);
    return { rows: r.rows as T[] };
  },
  exec: async (script) => {
    await pool.query(script);
  },
  transaction: async (fn) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const result = await fn(asSql(client));
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  },
  withSession: async (fn) => {
    const client = await pool.connect();
    // A lost connection surfaces through the session's next query; unheard, the
    // client's 'error' event would end the process.
    const onError = () => undefined;
    client.on('error', onError);
    try {
      return await fn(asSql(client));
    } finally {
      client.off('error', onError);
      // A session ends with its connection: its advisory locks must not outlive `fn`
      // in the pool, so the connection is closed rather than returned.
      client.release(true);
    }
  },
  listen: async (channel, onNotify) => {
    const client = await pool.connect();
    const handler = (m: pg.Notification) => {
      if (m.channel === channel) onNotify(m.payload ?? '');
    };
    client.on('notification', handler);
    await client.query(`listen "${channel}"`);
    return async () => {
      client.off('notification', handler);
      await client.query(`unlisten "${channel}"`).catch(() => undefined);
      client.release();
    };
  },
  close: () => pool.end(),
  poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 }),
});

export const openPostgresDb = (connectionString: string, max = 10): Db =>
  postgresDb(new pg.Pool({ connectionString, max }));
