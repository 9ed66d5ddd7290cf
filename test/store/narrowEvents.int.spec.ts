import * as E from 'fp-ts/Either';
import { randomUUID } from 'node:crypto';
import { fc, test as fcTest } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { narrowEvents } from '../../src/store/index.js';
import { storeCases, type TestStore } from '../support/stores.js';
import { meta, noted, notedV2Types } from '../support/testEvents.js';

type Noted = { type: 'Noted'; data: { text: string; words: number } };

describe.each(storeCases)('a typed read of a stream, on $name', ({ open }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await open({ eventTypes: notedV2Types });
  });
  afterAll(() => t.close());

  const read = async (texts: readonly string[]) => {
    const s = `note-${randomUUID()}`;
    const appended = await t.store.append(s, 'noStream', texts.map((text) => noted(text)), meta)();
    if (E.isLeft(appended)) throw new Error(JSON.stringify(appended.left));
    const stored = await t.store.readStream(s)();
    if (E.isLeft(stored)) throw new Error(JSON.stringify(stored.left));
    return stored.right;
  };

  test('gives the stored events as the context union, type and data as stored, in order', async () => {
    const stored = await read(['one', 'two words']);
    const events = stored.map(narrowEvents<Noted>('notes', ['Noted']));
    expect(events).toEqual([
      { type: 'Noted', data: { text: 'one', words: 1 } },
      { type: 'Noted', data: { text: 'two words', words: 2 } },
    ]);
  });

  test('throws, naming the context and the type, on an event outside the context (a store bug)', async () => {
    const [event] = await read(['one']);
    const other = narrowEvents<{ type: 'Other'; data: unknown }>('others', ['Other']);
    expect(() => other(event!)).toThrow('others: Noted is not one of its events');
  });
});

describe('narrowEvents', () => {
  const types = ['A', 'B', 'C'] as const;
  const narrow = narrowEvents<{ type: (typeof types)[number]; data: unknown }>('abc', types);

  fcTest.prop([fc.constantFrom(...types), fc.jsonValue()])('keeps an event of a listed type as it is, without its other fields', (type, data) => {
    expect(narrow({ type, data, version: 3 } as { type: string; data: unknown })).toEqual({ type, data });
  });

  fcTest.prop([fc.string().filter((s) => !(types as readonly string[]).includes(s)), fc.jsonValue()])('throws on every unlisted type', (type, data) => {
    expect(() => narrow({ type, data })).toThrow(`abc: ${type} is not one of its events`);
  });
});
