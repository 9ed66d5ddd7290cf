import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type LogCursor, logStart, type StoredEvent } from '../../src/store/index.js';
import { appendSql } from '../../src/store/sql/append.js';
import { storeCases, type TestStore } from '../support/stores.js';
import { alice, noted, notedV2Types } from '../support/testEvents.js';

/**
 * The consumer must see every committed event exactly once, in commit order, and
 * never one whose transaction rolled back — while writers hold their transactions
 * open for random times after appending.
 */
describe.each(storeCases)('the log consumer on $name', ({ name, open }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await open({ eventTypes: notedV2Types });
  });
  afterAll(() => t.close());

  const writer = async (delayMs: number, events: number, rollback: boolean) => {
    const streamId = `note-${randomUUID()}`;
    const batch = [{ streamId, expectedVersion: 'noStream', events: Array.from({ length: events }, (_, i) => ({ id: randomUUID(), schemaVersion: 2, ...noted(`event ${i}`) })) }];
    try {
      await t.db.transaction(async (tx) => {
        await appendSql(tx, t.schema, batch, { actor: alice, reason: 'test' });
        await tx.query('select pg_sleep($1)', [delayMs / 1000]);
        if (rollback) throw new Error('rolled back on purpose');
      });
      return batch[0]!.events.map((e) => e.id);
    } catch {
      return [];
    }
  };

  // Bypasses the append lock, as a writer without it (another store, a future adapter)
  // would: positions are then taken in insert order but commit in any order.
  const unlockedWriter = async (delayMs: number, events: number, rollback: boolean) => {
    const ids = Array.from({ length: events }, () => randomUUID());
    try {
      await t.db.transaction(async (tx) => {
        for (const [i, id] of ids.entries()) {
          await tx.query(
            `insert into ${t.schema}.events (id, stream_id, version, type, schema_version, data, metadata, occurred_at, recorded_at, hash)
             values ($1, $2, $3, 'Noted', 2, $4, $5, now(), now(), 'unchained')`,
            [id, `raw-${id}`, i + 1, JSON.stringify({ text: 'raw', words: 1 }), JSON.stringify({ actor: alice })],
          );
          await tx.query('select pg_sleep($1)', [delayMs / 1000 / events]);
        }
        if (rollback) throw new Error('rolled back on purpose');
      });
      return ids;
    } catch {
      return [];
    }
  };

  /**
   * Reads pages until `until` says it has what it waits for. An empty page does not
   * mean the end: a transaction elsewhere in the cluster (another test worker) holds
   * the snapshot's xmin back, and committed events show once it ends.
   */
  const consume = async (cursor: LogCursor, seen: StoredEvent[], until: () => boolean) => {
    let c = cursor;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const page = await t.store.readLog(c, 7)();
      if (E.isLeft(page)) throw new Error(page.left.message);
      seen.push(...page.right.events);
      c = page.right.cursor;
      if (page.right.events.length === 0) {
        if (until() || Date.now() > deadline) return c;
        await new Promise((r) => setTimeout(r, 2));
      }
    }
  };

  test('orders transaction ids as numbers, not as text (9 before 10), page after page', async () => {
    const own = await open({ eventTypes: notedV2Types });
    try {
      for (const txId of ['10', '9']) {
        await own.db.query(
          `insert into ${own.schema}.events (id, stream_id, version, type, schema_version, data, metadata, occurred_at, recorded_at, tx_id, hash)
           values ($1, $2, 1, 'Noted', 2, $3, $4, now(), now(), $5::xid8, 'unchained')`,
          [randomUUID(), `raw-tx${txId}`, JSON.stringify({ text: `tx ${txId}`, words: 2 }), JSON.stringify({ actor: alice }), txId],
        );
      }
      const seen: string[] = [];
      let cursor: LogCursor = logStart;
      for (let page = 0; page < 4; page++) {
        const r = await own.store.readLog(cursor, 1)();
        if (E.isLeft(r)) throw new Error(r.left.message);
        seen.push(...r.right.events.map((e) => e.streamId));
        cursor = r.right.cursor;
      }
      expect(seen).toEqual(['raw-tx9', 'raw-tx10']);
    } finally {
      await own.close();
    }
  });

  test.each([
    ['through the store', writer],
    ['even when writers bypass the append lock', unlockedWriter],
  ])('sees every committed event exactly once, in commit order, %s', async (_, write) => {
    let cursor: LogCursor = logStart;
    // Skip what earlier tests left in this schema.
    cursor = await consume(cursor, [], () => true);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ delayMs: fc.integer({ min: 0, max: 25 }), events: fc.integer({ min: 1, max: 4 }), rollback: fc.integer({ min: 0, max: 4 }).map((n) => n === 0) }), { minLength: 2, maxLength: name === 'postgres' ? 16 : 6 }),
        async (writers) => {
          const seen: StoredEvent[] = [];
          const writes: { committed?: string[] } = {};
          const consumer = consume(cursor, seen, () => writes.committed !== undefined && seen.length >= writes.committed.length);
          const committed = (writes.committed = (await Promise.all(writers.map((w) => write(w.delayMs, w.events, w.rollback)))).flat());
          cursor = await consumer;
          // One more page: nothing beyond what was committed may show up.
          const after = await t.store.readLog(cursor, 7)();
          expect(E.isRight(after) && after.right.events).toEqual([]);
          const ids = seen.map((e) => e.id);
          expect(new Set(ids).size).toBe(ids.length);
          expect([...ids].sort()).toEqual([...committed].sort());
          if (write === writer) {
            const positions = seen.map((e) => e.position);
            expect(positions).toEqual([...positions].sort((a, b) => a - b));
          }
        },
      ),
      { numRuns: name === 'postgres' ? 15 : 5 },
    );
  });
});
