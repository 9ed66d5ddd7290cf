import pg from 'pg';
import { describe, expect, inject, test } from 'vitest';
import { postgresDb } from '../../src/store/postgres/db.js';

// PostgreSQL's own: PGlite has no pool. Under CI the server is always there (globalSetup).
const servers = inject('databaseUrl') ? [inject('databaseUrl')] : [];

describe.each(servers)('listening on PostgreSQL', (url) => {
  test('a connection that stopped listening goes back to the pool without its handlers, however often', async () => {
    // One connection, so every listen gets the same one back.
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const db = postgresDb(pool);
    const notifier = new pg.Client({ connectionString: url });
    await notifier.connect();
    try {
      const client = await pool.connect();
      const before = { error: client.listenerCount('error'), end: client.listenerCount('end'), notification: client.listenerCount('notification') };
      client.release();
      const heard: string[] = [];
      for (let i = 0; i < 15; i++) {
        const unlisten = await db.listen('ledger_listen_test', (payload) => heard.push(payload));
        await notifier.query(`select pg_notify('ledger_listen_test', $1)`, [String(i)]);
        await expect.poll(() => heard.length).toBe(i + 1);
        await unlisten();
      }
      expect(heard).toEqual(Array.from({ length: 15 }, (_, i) => String(i)));
      const again = await pool.connect();
      expect(again).toBe(client);
      expect({ error: again.listenerCount('error'), end: again.listenerCount('end'), notification: again.listenerCount('notification') }).toEqual(before);
      again.release();
    } finally {
      await notifier.end();
      await db.close();
    }
  });

  test('closing ends the listens still open: the pool does not wait for their connections', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const db = postgresDb(pool);
    const unlisten = await db.listen('ledger_close_test', () => undefined);
    const closed = await Promise.race([db.close().then(() => 'closed'), new Promise((r) => setTimeout(r, 10_000, 'still open after 10 s'))]);
    expect(closed).toBe('closed');
    expect(pool.totalCount).toBe(0);
    // Whoever held the listen may still end it afterwards.
    await expect(unlisten()).resolves.toBeUndefined();
  });
});
