import * as E from 'fp-ts/Either';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { allEventTypes } from '../../../src/domain/eventTypes.js';
import { createProjectionEngine, type Progress } from '../../../src/projections/engine/engine.js';
import { leaseKey } from '../../../src/projections/engine/leases.js';
import { postgresCases, type TestStore } from '../../support/stores.js';
import { meta, noted, notedV2Types } from '../../support/testEvents.js';
import { notesProjection } from '../support/notes.js';
import { dumpTable } from '../support/runners.js';

const eventTypes = [...allEventTypes, ...notedV2Types];

/** Two engines stand for two processes: each has its own lock session on the server. */
describe.each(postgresCases)('two runners of one projection on $name', ({ open }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await open({ eventTypes: notedV2Types });
  });
  afterAll(() => t.close());

  const engine = (name: string, onProgress?: (p: Progress) => void) =>
    createProjectionEngine({ db: t.db, schema: t.schema, projections: [notesProjection(name)], eventTypes, batchSize: 2, pollMs: 100, leaseRetryMs: 100, ...(onProgress ? { onProgress } : {}) });
  const appendNotes = async (texts: string[]) => {
    let last = 0;
    for (const [i, text] of texts.entries()) {
      const r = await t.store.append(`note-${randomUUID()}`.slice(0, 12 + (i % 3)), 'any', [noted(text)], meta)();
      if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
      last = r.right.position;
    }
    return last;
  };

  test('one works, the other waits, and takes over without losing or repeating an event', async () => {
    const first = engine('pair_a');
    const second = engine('pair_a');
    await first.start();
    await expect.poll(() => first.states().pair_a, { timeout: 10_000 }).toBe('idle');
    await second.start();
    await expect.poll(() => second.states().pair_a, { timeout: 10_000 }).toBe('waiting');

    const before = await appendNotes(Array.from({ length: 15 }, (_, i) => `first ${i}`));
    expect(await first.waitForPosition(before, { timeoutMs: 20_000 })).toEqual({ reached: true });
    expect(second.states().pair_a).toBe('waiting');

    // The first stops while events keep coming: the second takes the lease and goes on.
    const writing = appendNotes(Array.from({ length: 15 }, (_, i) => `second ${i}`));
    await first.stop();
    const last = await writing;
    await expect.poll(() => second.states().pair_a, { timeout: 10_000 }).not.toBe('waiting');
    expect(await second.waitForPosition(last, { timeoutMs: 20_000 })).toEqual({ reached: true });
    await second.stop();

    const full = engine('pair_b');
    await full.start();
    expect(await full.waitForPosition(last, { timeoutMs: 20_000 })).toEqual({ reached: true });
    await full.stop();
    const order = 'entity_key, valid_from, known_from';
    const rows = await dumpTable(t.db, `${t.schema}.pair_a_v1_notes`, order);
    expect(rows).toEqual(await dumpTable(t.db, `${t.schema}.pair_b_v1_notes`, order));
    const texts = (rows as { known_to: string | null; state: { texts: string[] } }[]).filter((r) => r.known_to === null).flatMap((r) => r.state.texts);
    expect(new Set(texts).size).toBeGreaterThanOrEqual(30);
  });

  /** The backend that holds `name`'s lease (its session-level advisory lock). */
  const leaseHolder = async (name: string): Promise<number | undefined> => {
    const { rows } = await t.db.query<{ pid: number }>(
      `select pid from pg_locks
        where locktype = 'advisory' and granted and objsubid = 1
          and database = (select oid from pg_database where datname = current_database())
          and objid::text::bigint = (hashtext($1)::bigint & 4294967295)`,
      [leaseKey(t.schema, name)],
    );
    return rows[0]?.pid;
  };

  test('a runner whose lease session dies stops working and waits; the other takes over; nothing applied twice', async () => {
    let cut = false;
    let appliedByFirstAfterCut = 0;
    const first = engine('lost_a', (p) => {
      if (cut && p.events > 0) appliedByFirstAfterCut += p.events;
    });
    const second = engine('lost_a');
    await first.start();
    await expect.poll(() => first.states().lost_a, { timeout: 10_000 }).toBe('idle');
    await second.start();
    await expect.poll(() => second.states().lost_a, { timeout: 10_000 }).toBe('waiting');
    const before = await appendNotes(Array.from({ length: 10 }, (_, i) => `before ${i}`));
    expect(await first.waitForPosition(before, { timeoutMs: 20_000 })).toEqual({ reached: true });

    // The first's lease session is cut under it (its process lives on): the lock is gone
    // on the server, the second takes it, and the first must not go on working.
    const holder = await leaseHolder('lost_a');
    expect(holder).toBeDefined();
    await t.db.query('select pg_terminate_backend($1)', [holder]);
    await expect.poll(() => second.states().lost_a, { timeout: 10_000 }).not.toBe('waiting');
    // The server let the lock go, so the first has heard that its session is gone.
    cut = true;
    const last = await appendNotes(Array.from({ length: 10 }, (_, i) => `after ${i}`));
    await expect.poll(() => first.states().lost_a, { timeout: 10_000 }).toBe('waiting');
    expect(await second.waitForPosition(last, { timeoutMs: 20_000 })).toEqual({ reached: true });
    // Only one of them holds the lease from now on, in a session other than the one cut.
    const now = await leaseHolder('lost_a');
    expect(now).toBeDefined();
    expect(now).not.toBe(holder);
    expect(first.states().lost_a).toBe('waiting');
    expect(appliedByFirstAfterCut).toBe(0);
    await Promise.all([first.stop(), second.stop()]);

    const full = engine('lost_b');
    await full.start();
    expect(await full.waitForPosition(last, { timeoutMs: 20_000 })).toEqual({ reached: true });
    await full.stop();
    const order = 'entity_key, valid_from, known_from';
    expect(await dumpTable(t.db, `${t.schema}.lost_a_v1_notes`, order)).toEqual(await dumpTable(t.db, `${t.schema}.lost_b_v1_notes`, order));
  });
});
