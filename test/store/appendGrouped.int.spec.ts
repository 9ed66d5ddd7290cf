import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrate } from '../../src/store/index.js';
import { storeMigrations } from '../../src/store/migrations/index.js';
import { createKeyring } from '../../src/store/pii/keyring.js';
import { createEventStore } from '../../src/store/sqlEventStore.js';
import { storeCases, testMasterKey, type TestStore } from '../support/stores.js';
import { alice, meta, noted, notedV2Types } from '../support/testEvents.js';

type Row = { batch_index: number; error_code: string | null; id: string | null; stream_id: string | null; version: number | null };
type Append = { writes: { streamId: string; expectedVersion: string; events: { id: string; type: string; schemaVersion: number; data: unknown }[] }[]; metadata: unknown };

/** What a batch answered, append by append, without what differs between two stores (positions, times, hashes). */
const answers = (rows: Row[], size: number) =>
  Array.from({ length: size }, (_, i) => {
    const mine = rows.filter((r) => Number(r.batch_index) === i);
    const refused = mine.find((r) => r.error_code);
    return refused ? { refused: refused.error_code } : { stored: mine.map((r) => `${r.stream_id}@${r.version}:${r.id}`) };
  });

/**
 * Migration 007's `append_grouped` decides a whole group commit in memory and writes it
 * with one INSERT. Its oracle is 003's `append_batch` (one subtransaction and one INSERT
 * per append), run on a twin schema from the same state: every batch must get the same
 * answers and leave the same log, whatever mix of expectations, retries, reused ids and
 * appends to the same stream it holds.
 */
describe.each(storeCases)('the set-based group commit on $name', ({ open }) => {
  let grouped: TestStore;
  let oracle: TestStore;
  beforeAll(async () => {
    grouped = await open({ eventTypes: notedV2Types });
    oracle = await open({ eventTypes: notedV2Types });
  });
  afterAll(async () => {
    await grouped.close();
    await oracle.close();
  });

  const log = async (t: TestStore) =>
    (await t.db.query<{ stream_id: string; version: number; id: string }>(`select stream_id, version, id::text from ${t.schema}.events order by position`)).rows;

  test('answers every batch as the per-append function does, and leaves the same log with intact chains', async () => {
    const pool = 12;
    const expectation = fc.constantFrom('noStream', 'streamExists', 'any', '0', '1', '2', '3');
    const write = fc.record({
      stream: fc.integer({ min: 0, max: 2 }),
      expectedVersion: expectation,
      // Ids from a small pool: retries and reuse, within a batch and across batches.
      events: fc.array(fc.oneof(fc.constant(null), fc.integer({ min: 0, max: pool - 1 })), { minLength: 1, maxLength: 3 }),
    });
    const batch = fc.array(fc.array(write, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(fc.array(batch, { minLength: 1, maxLength: 4 }), async (batches) => {
        const run = randomUUID().slice(0, 8);
        const ids = Array.from({ length: pool }, () => randomUUID());
        for (const b of batches) {
          const sent: Append[] = b.map((writes) => {
            // One append never names an id twice (the store gives each event its own): where
            // it did, 003 failed the whole batch or refused it by the first failure met in
            // its order, 007 by its expectations first - both refuse that append.
            const named = new Set<number>();
            const idOf = (k: number | null) => (k === null || named.has(k) ? randomUUID() : (named.add(k), ids[k]!));
            return {
              writes: writes.map((w) => ({
                streamId: `note-${run}-${w.stream}`,
                expectedVersion: w.expectedVersion,
                events: w.events.map((k, n) => ({ id: idOf(k), type: 'Noted', schemaVersion: 2, data: { text: `e${n}`, words: 1 } })),
              })),
              metadata: { actor: alice, reason: 'property' },
            };
          });
          const call = async (t: TestStore, fn: string) => {
            try {
              return answers((await t.db.query<Row>(`select * from ${t.schema}.${fn}($1::jsonb)`, [JSON.stringify(sent)])).rows, sent.length);
            } catch (e) {
              // A batch the database refuses whole (an id twice in one append) is refused by both.
              return { failed: (e as { code?: string }).code };
            }
          };
          expect(await call(grouped, 'append_grouped')).toEqual(await call(oracle, 'append_batch'));
        }
        const prefix = `note-${run}-`;
        const mine = (rows: Awaited<ReturnType<typeof log>>) => rows.filter((r) => r.stream_id.startsWith(prefix));
        expect(mine(await log(grouped))).toEqual(mine(await log(oracle)));
      }),
      { numRuns: 100 },
    );
    const verified = await grouped.store.verify()();
    expect(E.isRight(verified) && verified.right.firstBroken).toBe(null);
  });

  test('concurrent writers through the store: versions without gaps, each expectation honoured, chains intact', async () => {
    const streams = Array.from({ length: 3 }, () => `note-${randomUUID()}`);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => grouped.store.append(streams[i % 3]!, i < 3 ? 'noStream' : 'any', [noted(`w${i}`), noted(`x${i}`)], meta)()),
    );
    expect(results.every(E.isRight)).toBe(true);
    for (const s of streams) {
      const events = E.getOrElseW(() => [])(await grouped.store.readStream(s)());
      expect(events.map((e) => e.version)).toEqual(Array.from({ length: events.length }, (_, k) => k + 1));
      expect(events.map((e) => e.position)).toEqual([...events.map((e) => e.position)].sort((a, b) => a - b));
    }
    // What each writer got back is what the log holds.
    for (const r of results.filter(E.isRight)) {
      const back = E.getOrElseW(() => [])(await grouped.store.readStream(r.right.streamId, { fromVersion: r.right.events[0]!.version, toVersion: r.right.version })());
      expect(back).toEqual(r.right.events);
    }
    const verified = await grouped.store.verify()();
    expect(E.isRight(verified) && verified.right.firstBroken).toBe(null);
  });
});

describe.each(storeCases)('migrations 007 and 008 on a store written before them, on $name', ({ open }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await open({ eventTypes: notedV2Types });
  });
  afterAll(() => t.close());

  test('upgrades it: a stream begun by the old function goes on, a retry from before is answered, every chain verifies', async () => {
    const schema = `${t.schema}_old`;
    await migrate(t.db, schema, storeMigrations.filter((m) => m.version < 7));
    try {
      const keyring = createKeyring(t.db, schema, testMasterKey);
      const store = () => createEventStore(t.db, { schema, eventTypes: notedV2Types, keyring });
      // Before 007 there is no append_grouped: the old function writes, as an old process would.
      const stream = `note-${randomUUID()}`;
      const first = [{ id: randomUUID(), ...noted('before') }];
      await t.db.query(`select * from ${schema}.append_batch($1::jsonb)`, [
        JSON.stringify([{ writes: [{ streamId: stream, expectedVersion: 'noStream', events: first.map((e) => ({ ...e, schemaVersion: 2 })) }], metadata: meta.metadata }]),
      ]);
      // 007 and 008 are applied, with whatever later migrations the store has.
      expect(await migrate(t.db, schema, storeMigrations)).toEqual(storeMigrations.map((m) => m.version).filter((v) => v >= 7));

      const after = E.getOrElseW((e) => {
        throw new Error(JSON.stringify(e));
      })(await store().append(stream, 1, [noted('after')], meta)());
      expect(after.version).toBe(2);
      const retried = await store().append(stream, 'noStream', first, meta)();
      expect(E.isRight(retried) && retried.right.events.map((e) => e.id)).toEqual(first.map((e) => e.id));
      const verified = await store().verify()();
      expect(E.isRight(verified) && verified.right).toMatchObject({ streams: 1, events: 2, firstBroken: null });
    } finally {
      await t.db.exec(`drop schema ${schema} cascade`);
    }
  });
});
