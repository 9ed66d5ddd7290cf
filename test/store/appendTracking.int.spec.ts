import * as E from 'fp-ts/Either';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { trackAppends } from '../../src/store/index.js';
import { storeCases, type TestStore } from '../support/stores.js';
import { meta, noted, notedV2Types } from '../support/testEvents.js';

const stream = () => `note-${randomUUID()}`;

describe.each(storeCases)('tracking what a run appended, on $name', ({ open }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await open({ eventTypes: notedV2Types });
  });
  afterAll(() => t.close());

  const append = async (s: string, text: string) => {
    const r = await t.store.append(s, 'any', [noted(text)], meta)();
    if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
    return r.right.position;
  };

  test('names the greatest position and the types appended inside the run, none outside it', async () => {
    const before = await append(stream(), 'outside, before');
    const { result, appended } = await trackAppends(async () => {
      const s = stream();
      const first = await append(s, 'one');
      const many = await t.store.appendMany([{ streamId: stream(), expectedVersion: 'noStream', events: [noted('a'), noted('b')] }, { streamId: s, expectedVersion: 1, events: [noted('c')] }], meta)();
      return { first, many };
    });
    await append(stream(), 'outside, after');
    const last = E.isRight(result.many) ? Math.max(...result.many.right.map((r) => r.position)) : NaN;
    expect(appended).toEqual({ position: last, types: new Set(['Noted']) });
    expect(appended!.position).toBeGreaterThan(Math.max(before, result.first));
  });

  test('a run that appends nothing, or is refused, has appended nothing', async () => {
    expect((await trackAppends(async () => t.store.readStream(stream())())).appended).toBeNull();
    const s = stream();
    await append(s, 'there');
    const conflict = await trackAppends(() => t.store.append(s, 'noStream', [noted('again')], meta)());
    expect(E.isLeft(conflict.result)).toBe(true);
    expect(conflict.appended).toBeNull();
  });

  test('concurrent runs each see only their own appends, whatever the interleaving (and group commits)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.nat(5), { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 5 }), async (runs) => {
        const tracked = await Promise.all(
          runs.map((delays) =>
            trackAppends(async () => {
              const mine: number[] = [];
              for (const delay of delays) {
                await sleep(delay);
                mine.push(await append(stream(), 'concurrent'));
              }
              return mine;
            }),
          ),
        );
        for (const { result, appended } of tracked) expect(appended?.position).toBe(Math.max(...result));
      }),
      { numRuns: 15 },
    );
  });
});
