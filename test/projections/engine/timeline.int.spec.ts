import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { replayAt } from '../../../src/projections/bitemporal/timeline.js';
import { versionsAt } from '../../../src/projections/bitemporal/timelineSql.js';
import type { LogEvent } from '../../../src/projections/engine/projection.js';
import type { StoredEvent } from '../../../src/store/index.js';
import { storeCases, type TestStore } from '../../support/stores.js';
import { meta, noted, notedV2Types } from '../../support/testEvents.js';
import { evolveNote, notesProjection } from '../support/notes.js';
import { dumpTable, openRunner, runToEnd } from '../support/runners.js';

const base = Date.parse('2026-01-01T00:00:00.000Z');

/** One append: to note stream `stream`, `texts.length` events, each at its effective minute (backdated when earlier). */
const appendArb = fc.record({
  stream: fc.integer({ min: 0, max: 3 }),
  minutes: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 3 }),
});
type Appended = { stream: number; minutes: number[] };
const historyArb = fc.array(appendArb, { minLength: 1, maxLength: 12 });

const appendAll = async (t: TestStore, history: Appended[][], tag: string): Promise<StoredEvent[]> => {
  const stored: StoredEvent[] = [];
  for (const [i, a] of history.flat().entries()) {
    const events = a.minutes.map((m, j) => ({ ...noted(`${i}.${j} at ${m}`), occurredAt: new Date(base + m * 60_000).toISOString() }));
    const r = await t.store.append(`note-${tag}${a.stream}`, 'any', events, meta)();
    if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
    stored.push(...r.right.events);
  }
  return stored;
};

const asLogEvent = (e: StoredEvent): LogEvent => ({ ...e });

describe.each(storeCases)('a bitemporal timeline on $name', ({ open }) => {
  let t: TestStore;
  let runs = 0;
  beforeAll(async () => {
    t = await open({ eventTypes: notedV2Types });
  });
  afterAll(() => t.close());

  test('applied incrementally, killed and resumed at random batches, equals a rebuild from zero', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(historyArb, { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 8 }),
        async (chunks, batchSizes, kills) => {
          runs += 1;
          const tag = `r${runs}s`;
          const incremental = notesProjection(`inc_${runs}`);
          let runner = await openRunner(t.db, t.schema, incremental, batchSizes[0]!);
          for (const [i, chunk] of chunks.entries()) {
            await appendAll(t, [chunk], tag);
            // Some batches, then a kill: a new runner resumes from the stored checkpoint.
            for (let s = 0; s < (kills[i % kills.length] ?? 0); s += 1) await runner.step();
            runner = await openRunner(t.db, t.schema, incremental, batchSizes[i % batchSizes.length]!);
          }
          await runToEnd(runner);
          const rebuilt = notesProjection(`full_${runs}`);
          await runToEnd(await openRunner(t.db, t.schema, rebuilt, 10_000));
          const order = 'entity_key, valid_from, known_from';
          const mine = (rows: unknown[]) => rows.filter((r) => (r as { entity_key: string }).entity_key.startsWith(`note-${tag}`));
          expect(mine(await dumpTable(t.db, `${t.schema}.${incremental.name}_v1_notes`, order))).toEqual(
            mine(await dumpTable(t.db, `${t.schema}.${rebuilt.name}_v1_notes`, order)),
          );
        },
      ),
      { numRuns: 10 },
    );
  }, 300_000); // ten histories applied and rebuilt: minutes on a busy 2-core machine

  test('answers every (asOf, knownAt) as the replay of the events cut there', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, fc.integer({ min: 1, max: 6 }), fc.infiniteStream(fc.nat()), async (history, batchSize, picks) => {
        runs += 1;
        const tag = `r${runs}s`;
        const stored = await appendAll(t, [history], tag);
        const projection = notesProjection(`bt_${runs}`);
        await runToEnd(await openRunner(t.db, t.schema, projection, batchSize));
        const table = `${t.schema}.${projection.name}_v1_notes`;
        // The instants where answers change, and just before them.
        const asOfs = [...new Set(stored.flatMap((e) => [Date.parse(e.occurredAt), Date.parse(e.occurredAt) - 1]))];
        const knownAts = [...new Set(stored.flatMap((e) => [Date.parse(e.recordedAt), Date.parse(e.recordedAt) - 1]))];
        const pick = <A>(xs: A[]): A => xs[picks.next().value % xs.length]!;
        const lookups = [...new Set(stored.map((e) => e.streamId))].flatMap((key) =>
          Array.from({ length: 24 }, (_, i) => ({ key, asOf: pick(asOfs), knownAt: i % 4 === 0 ? null : pick(knownAts) })),
        );
        const got = await versionsAt(t.db, table, lookups.map((l) => ({ key: l.key, at: { asOf: new Date(l.asOf).toISOString(), knownAt: l.knownAt === null ? null : new Date(l.knownAt).toISOString() } })));
        const expected = lookups.map((l) => replayAt(stored.filter((e) => e.streamId === l.key).map(asLogEvent), evolveNote, l.asOf, l.knownAt ?? Infinity));
        expect(got).toEqual(expected);
      }),
      { numRuns: 10 },
    );
  }, 300_000); // ten histories applied and rebuilt: minutes on a busy 2-core machine
});
