import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { freshBatch } from '../../../src/projections/shared/freshBatch.js';

/** A store whose reads take time: each read answers, per key, the write count it saw when it started. */
const slowStore = (scheduler: fc.Scheduler) => {
  const state = { writes: 0, reads: [] as (readonly string[])[] };
  const readMany = (keys: readonly string[]) => {
    state.reads.push(keys);
    const seen = state.writes;
    return scheduler.schedule(Promise.resolve(new Map(keys.map((k) => [k, seen] as const))), `read ${keys.join(',')}`);
  };
  return { state, readMany };
};

describe('a fresh batched read', () => {
  test('answers every call with a read that started after it (it sees every write before the call), and covered its key', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.boolean()), { minLength: 1, maxLength: 30 }), async (s, calls) => {
        const { state, readMany } = slowStore(s);
        const read = freshBatch(readMany);
        const answers = calls.map(([key, writeFirst], i) =>
          s.schedule(Promise.resolve(), `call ${i}`).then(async () => {
            if (writeFirst) state.writes += 1;
            const writesBefore = state.writes;
            const seen = await read(key);
            expect(seen).toBeGreaterThanOrEqual(writesBefore);
          }),
        );
        // A batch starts on setImmediate when no read runs: the timers and the scheduler take turns.
        let done = false;
        const all = Promise.all(answers).finally(() => (done = true));
        while (!done) {
          await new Promise((resolve) => setImmediate(resolve));
          if (s.count() > 0) await s.waitOne();
        }
        await all;
      }),
      { numRuns: 200 },
    );
  });

  test('under load one read serves the calls that waited for it', async () => {
    let release: () => void = () => undefined;
    const reads: (readonly string[])[] = [];
    const read = freshBatch(async (keys: readonly string[]) => {
      reads.push(keys);
      await new Promise<void>((resolve) => (release = resolve));
      return new Map(keys.map((k) => [k, k.toUpperCase()]));
    });
    const first = read('a');
    await new Promise((resolve) => setImmediate(resolve));
    const waiting = ['b', 'c', 'b'].map((k) => read(k));
    release();
    expect(await first).toBe('A');
    await new Promise((resolve) => setImmediate(resolve));
    release();
    expect(await Promise.all(waiting)).toEqual(['B', 'C', 'B']);
    expect(reads).toEqual([['a'], ['b', 'c']]);
  });

  test('a failed read fails the calls it served, and the next calls read again', async () => {
    let fail = true;
    const read = freshBatch(async (keys: readonly string[]) => {
      if (fail) throw new Error('store unavailable');
      return new Map(keys.map((k) => [k, 1]));
    });
    await expect(read('a')).rejects.toThrow('store unavailable');
    fail = false;
    expect(await read('a')).toBe(1);
  });
});
