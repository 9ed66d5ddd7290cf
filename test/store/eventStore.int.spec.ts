import * as E from 'fp-ts/Either';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppendOptions, StoreError } from '../../src/store/index.js';
import { storeCases, type TestStore } from '../support/stores.js';
import { alice, meta, noted, notedV1Types, notedV2Types } from '../support/testEvents.js';

const ok = <A>(e: E.Either<StoreError, A>): A => {
  if (E.isLeft(e)) throw new Error(`store refused: ${JSON.stringify(e.left)}`);
  return e.right;
};
const refused = <A>(e: E.Either<StoreError, A>): StoreError => {
  if (E.isRight(e)) throw new Error('store accepted what it should refuse');
  return e.left;
};
const stream = () => `note-${randomUUID()}`;

describe.each(storeCases)('the event store on $name', ({ open }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await open({ eventTypes: notedV2Types });
  });
  afterAll(() => t.close());
  const count = async () => Number((await t.db.query<{ n: number }>(`select count(*)::int as n from ${t.schema}.events`)).rows[0]!.n);

  describe('when a stream is new', () => {
    test('appends with the full envelope and reads it back', async () => {
      const s = stream();
      const r = ok(await t.store.append(s, 'noStream', [noted('first note'), { ...noted('second'), occurredAt: '2026-01-01T08:00:00+08:00' }], meta)());
      expect(r.version).toBe(2);
      const events = ok(await t.store.readStream(s)());
      expect(events.map((e) => e.version)).toEqual([1, 2]);
      expect(events[0]).toMatchObject({ streamId: s, type: 'Noted', schemaVersion: 2, data: { text: 'first note', words: 2 } });
      expect(events[0]!.metadata).toMatchObject({ actor: alice, reason: '客户来函更新' });
      expect(events[0]!.occurredAt).toBe(events[0]!.recordedAt);
      expect(events[1]!.occurredAt).toBe('2026-01-01T00:00:00.000Z');
      expect(events[1]!.position).toBeGreaterThan(events[0]!.position);
      expect(events[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(ok(await t.store.streamVersion(s)())).toBe(2);
    });

    test('refuses streamExists and a wrong version, writing nothing', async () => {
      const before = await count();
      expect(refused(await t.store.append(stream(), 'streamExists', [noted('x')], meta)()).code).toBe('VersionConflict');
      expect(refused(await t.store.append(stream(), 3, [noted('x')], meta)()).code).toBe('VersionConflict');
      expect(await count()).toBe(before);
    });
  });

  describe('when a stream exists', () => {
    test('refuses noStream and a stale version, and accepts any', async () => {
      const s = stream();
      ok(await t.store.append(s, 'noStream', [noted('one')], meta)());
      expect(refused(await t.store.append(s, 'noStream', [noted('two')], meta)())).toMatchObject({ code: 'VersionConflict', actual: 1 });
      expect(refused(await t.store.append(s, 0, [noted('two')], meta)()).code).toBe('VersionConflict');
      expect(ok(await t.store.append(s, 'streamExists', [noted('two')], meta)()).version).toBe(2);
      expect(ok(await t.store.append(s, 'any', [noted('three')], meta)()).version).toBe(3);
      expect(ok(await t.store.append(s, 3, [noted('four')], meta)()).version).toBe(4);
    });

    test('lets exactly one of two writers at the same version win', async () => {
      const s = stream();
      ok(await t.store.append(s, 'noStream', [noted('base')], meta)());
      const results = await Promise.all([1, 2, 3, 4].map((i) => t.store.append(s, 1, [noted(`writer ${i}`)], meta)()));
      expect(results.filter(E.isRight)).toHaveLength(1);
      expect(results.filter(E.isLeft).map((r) => (r as E.Left<StoreError>).left.code)).toEqual(['VersionConflict', 'VersionConflict', 'VersionConflict']);
      expect(ok(await t.store.readStream(s)())).toHaveLength(2);
    });
  });

  describe('when a client retries an append', () => {
    test('writes nothing the second time and answers the first result', async () => {
      const s = stream();
      const events = [{ id: randomUUID(), ...noted('once') }, { id: randomUUID(), ...noted('twice') }];
      const first = ok(await t.store.append(s, 'noStream', events, meta)());
      const again = ok(await t.store.append(s, 'noStream', events, meta)());
      expect(again).toEqual(first);
      expect(ok(await t.store.readStream(s)())).toHaveLength(2);
    });

    test('refuses stored ids sent again to another stream', async () => {
      const events = [{ id: randomUUID(), ...noted('once') }];
      ok(await t.store.append(stream(), 'noStream', events, meta)());
      expect(refused(await t.store.append(stream(), 'noStream', events, meta)()).code).toBe('DuplicateEventId');
    });

    test('finds the events of one caller\'s idempotency key', async () => {
      const key = randomUUID();
      const written = ok(await t.store.append(stream(), 'noStream', [noted('keyed')], { metadata: { ...meta.metadata, idempotencyKey: key } })());
      expect(ok(await t.store.readByIdempotencyKey(alice.id, key)()).map((e) => e.id)).toEqual(written.events.map((e) => e.id));
      expect(ok(await t.store.readByIdempotencyKey('someone-else', key)())).toEqual([]);
    });

    test('refuses a batch that repeats only some stored ids', async () => {
      const s = stream();
      const id = randomUUID();
      ok(await t.store.append(s, 'noStream', [{ id, ...noted('a') }], meta)());
      expect(refused(await t.store.append(s, 1, [{ id, ...noted('a') }, noted('b')], meta)()).code).toBe('DuplicateEventId');
    });
  });

  describe('when an append is malformed', () => {
    test.each([
      ['no actor', { metadata: { actor: undefined as never, reason: 'r' } }, noted('x'), 'note-1', 'MetadataInvalid'],
      ['an actor without roles', { metadata: { actor: { ...alice, roles: [] }, reason: 'r' } }, noted('x'), 'note-1', 'MetadataInvalid'],
      ['an empty reason', { metadata: { actor: alice, reason: '  ' } }, noted('x'), 'note-1', 'MetadataInvalid'],
      ['data failing its schema', meta, { type: 'Noted', data: { text: '' } }, 'note-1', 'InvalidEvent'],
      ['an unknown field', meta, { type: 'Noted', data: { text: 'a', words: 1, extra: 1 } }, 'note-1', 'InvalidEvent'],
      ['an unknown type', meta, { type: 'Nope', data: {} }, 'note-1', 'UnknownEventType'],
      ['a malformed stream id', meta, noted('x'), 'no category', 'InvalidStreamId'],
      ['an empty stream id', meta, noted('x'), '', 'InvalidStreamId'],
      ['a NUL character in the data', meta, noted('a\u0000b'), 'note-1', 'InvalidEvent'],
      ['a NUL character in the reason', { metadata: { actor: alice, reason: 'why\u0000' } }, noted('x'), 'note-1', 'MetadataInvalid'],
    ] as const)('refuses %s and writes nothing', async (_, options, event, streamId, code) => {
      const before = await count();
      expect(refused(await t.store.append(streamId, 'any', [event], options as unknown as AppendOptions)()).code).toBe(code);
      expect(await count()).toBe(before);
    });

    test('accepts a change without a reason only when the caller says it may go without one', async () => {
      const r = await t.store.append(stream(), 'noStream', [noted('an evaluation')], { metadata: { actor: alice }, reasonRequired: false })();
      expect(E.isRight(r)).toBe(true);
    });
  });

  describe('when several streams are written together', () => {
    test('writes all or nothing', async () => {
      const [a, b] = [stream(), stream()];
      ok(await t.store.append(b, 'noStream', [noted('b exists')], meta)());
      const before = await count();
      const r = await t.store.appendMany([{ streamId: a, expectedVersion: 'noStream', events: [noted('a')] }, { streamId: b, expectedVersion: 'noStream', events: [noted('b')] }], meta)();
      expect(refused(r)).toMatchObject({ code: 'VersionConflict', streamId: b });
      expect(await count()).toBe(before);
      const both = ok(await t.store.appendMany([{ streamId: a, expectedVersion: 'noStream', events: [noted('a')] }, { streamId: b, expectedVersion: 1, events: [noted('b')] }], meta)());
      expect(both.map((x) => x.version)).toEqual([1, 2]);
    });

    test('a write without events holds its stream to the version expected, and writes nothing there', async () => {
      const [a, b] = [stream(), stream()];
      ok(await t.store.append(b, 'noStream', [noted('b exists')], meta)());
      const before = await count();
      const stale = await t.store.appendMany([{ streamId: a, expectedVersion: 'noStream', events: [noted('a')] }, { streamId: b, expectedVersion: 2, events: [] }], meta)();
      expect(refused(stale)).toMatchObject({ code: 'VersionConflict', streamId: b });
      expect(await count()).toBe(before);
      const held = ok(await t.store.appendMany([{ streamId: a, expectedVersion: 'noStream', events: [noted('a')] }, { streamId: b, expectedVersion: 1, events: [] }], meta)());
      expect(held.map((x) => [x.streamId, x.version])).toEqual([[a, 1]]);
      expect(ok(await t.store.readStream(b)()).map((e) => e.version)).toEqual([1]);
      expect(ok(await t.store.streamVersion(b)())).toBe(1);
    });
  });

  describe('when reading a stream with cuts', () => {
    test('cuts by version, effective time and record time', async () => {
      const s = stream();
      ok(await t.store.append(s, 'noStream', [{ ...noted('jan'), occurredAt: '2026-01-15T00:00:00Z' }], meta)());
      const second = ok(await t.store.append(s, 1, [{ ...noted('mar'), occurredAt: '2026-03-15T00:00:00Z' }], meta)());
      // Record times have the API's millisecond precision: commits within one millisecond
      // share it, and no knownAt can tell them apart. The backdated one comes later.
      await sleep(3);
      const third = ok(await t.store.append(s, 2, [{ ...noted('feb, backdated'), occurredAt: '2026-02-15T00:00:00Z' }], meta)());
      expect(Date.parse(third.events[0]!.recordedAt)).toBeGreaterThan(Date.parse(second.events[0]!.recordedAt));
      const texts = async (o: object) => ok(await t.store.readStream(s, o)()).map((e) => (e.data as { text: string }).text);
      expect(await texts({ fromVersion: 2 })).toEqual(['mar', 'feb, backdated']);
      expect(await texts({ toVersion: 1 })).toEqual(['jan']);
      expect(await texts({ asOf: '2026-02-28T23:59:59+08:00' })).toEqual(['jan', 'feb, backdated']);
      expect(await texts({ knownAt: second.events[0]!.recordedAt })).toEqual(expect.arrayContaining(['jan', 'mar']));
      expect(await texts({ knownAt: '2000-01-01T00:00:00Z' })).toEqual([]);
      expect(await texts({ knownAt: second.events[0]!.recordedAt, asOf: '2026-02-28T00:00:00Z' })).toEqual(['jan']);
    });
  });

  describe('when events were stored under an older schema version', () => {
    test('reads them upcast to the current version', async () => {
      const old = await open({ eventTypes: notedV1Types });
      const s = stream();
      ok(await old.store.append(s, 'noStream', [{ type: 'Noted', data: { text: 'three word note' } }], meta)());
      const { createEventStore } = await import('../../src/store/sqlEventStore.js');
      const current = createEventStore(old.db, { schema: old.schema, eventTypes: notedV2Types, keyring: old.keyring });
      const [e] = ok(await current.readStream(s)());
      expect(e).toMatchObject({ schemaVersion: 2, data: { text: 'three word note', words: 3 } });
      expect(ok(await current.verify()()).firstBroken).toBeNull();
      await old.close();
    });
  });
});
