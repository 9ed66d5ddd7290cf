import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readBatch, readStreams } from '../../../src/projections/engine/readBatch.js';
import { logStart } from '../../../src/store/eventStore.js';
import { createEventRegistry } from '../../../src/store/registry.js';
import { storeCases, type TestStore } from '../../support/stores.js';
import { meta, noted, notedV2Types } from '../../support/testEvents.js';

const registry = createEventRegistry(notedV2Types);

describe.each(storeCases)('a projection batch’s instants on $name', ({ open }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await open({ eventTypes: notedV2Types });
  });
  afterAll(() => t.close());

  test('are the store’s own, as Date#toISOString writes them, whatever the instant (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.date({ min: new Date('1970-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), { minLength: 1, maxLength: 5 }),
        async (instants) => {
          const stream = `note-${randomUUID()}`;
          const appended = await t.store.append(stream, 'noStream', instants.map((d, i) => ({ ...noted(`at ${i}`), occurredAt: d.toISOString() })), meta)();
          if (E.isLeft(appended)) throw new Error(JSON.stringify(appended.left));
          const stored = appended.right.events;
          const batch = await readBatch(t.db, t.schema, { after: logStart, types: ['Noted'], limit: 100_000, metadata: false, registry });
          const read = batch.events.filter((e) => e.streamId === stream).map((e) => [e.occurredAt, e.recordedAt]);
          expect(read).toEqual(stored.map((e) => [e.occurredAt, e.recordedAt]));
          expect(read.map(([o]) => o)).toEqual(instants.map((d) => d.toISOString()));
          const refold = await readStreams(t.db, t.schema, registry, [stream], { upTo: Number.MAX_SAFE_INTEGER, types: ['Noted'] });
          expect(refold.map((e) => [e.occurredAt, e.recordedAt])).toEqual(read);
        },
      ),
      { numRuns: 25 },
    );
  });
});
