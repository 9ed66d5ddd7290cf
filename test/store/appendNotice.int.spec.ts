import * as E from 'fp-ts/Either';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { eventType } from '../../src/domain/shared/index.js';
import { storeCases, type TestStore } from '../support/stores.js';
import { meta, noted, notedV2Types } from '../support/testEvents.js';

const flagged = eventType('Flagged', z.object({ flag: z.string() }).strict());

describe.each(storeCases)('an append’s notification on $name', ({ open }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await open({ eventTypes: [...notedV2Types, flagged] });
  });
  afterAll(() => t.close());

  test('names the last position the append wrote and the event types it wrote, each once, in order', async () => {
    const heard: string[] = [];
    const unlisten = await t.db.listen(`${t.schema}_events`, (payload) => heard.push(payload));
    try {
      const a = `note-${randomUUID()}`;
      const b = `flag-${randomUUID()}`;
      const appended = await t.store.appendMany(
        [
          { streamId: a, expectedVersion: 'noStream', events: [noted('one'), noted('two')] },
          { streamId: b, expectedVersion: 'noStream', events: [{ type: 'Flagged', data: { flag: 'red' } }] },
        ],
        meta,
      )();
      if (E.isLeft(appended)) throw new Error(JSON.stringify(appended.left));
      const last = Math.max(...appended.right.flatMap((r) => r.events.map((e) => e.position)));
      await expect.poll(() => heard, { timeout: 5000 }).toEqual([`${last}:Flagged,Noted`]);
    } finally {
      await unlisten();
    }
  });
});
