import * as E from 'fp-ts/Either';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { rewritingEvents } from '../../src/store/appendOnly.js';
import { storeCases, type TestStore } from '../support/stores.js';
import { meta, noted, notedV2Types } from '../support/testEvents.js';

const verify = async (t: TestStore) => {
  const r = await t.store.verify()();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

describe.each(storeCases)('verifying hash chains on $name', ({ open }) => {
  let t: TestStore;
  let streamId: string;
  beforeEach(async () => {
    t = await open({ eventTypes: notedV2Types });
    streamId = `note-${randomUUID()}`;
    await t.store.append(streamId, 'noStream', [noted('one'), noted('two'), noted('three')], meta)();
    await t.store.append(`note-${randomUUID()}`, 'noStream', [noted('other stream')], meta)();
  });
  afterEach(() => t.close());
  const positionOf = async (version: number) =>
    Number((await t.db.query<{ p: number }>(`select position as p from ${t.schema}.events where stream_id = $1 and version = $2`, [streamId, version])).rows[0]!.p);

  test('finds intact chains intact', async () => {
    expect(await verify(t)).toEqual({ streams: 2, events: 4, firstBroken: null });
  });

  test('stores instants as hashed, to the millisecond: a sub-millisecond edit cannot hide from verify (issue 12 §5)', async () => {
    const id = `note-${randomUUID()}`;
    const appended = await t.store.append(id, 'noStream', [{ ...noted('precise'), occurredAt: '2026-03-01T08:00:00.123456+08:00' }], meta)();
    if (E.isLeft(appended)) throw new Error(appended.left.message);
    const { rows } = await t.db.query<{ occurred: string; recorded: string }>(
      `select (extract(microseconds from occurred_at)::bigint % 1000)::text as occurred, (extract(microseconds from recorded_at)::bigint % 1000)::text as recorded
         from ${t.schema}.events where stream_id = $1`,
      [id],
    );
    expect(rows).toEqual([{ occurred: '0', recorded: '0' }]);
    expect(await verify(t)).toMatchObject({ firstBroken: null });
    // What the hash does not cover cannot be stored: a microsecond added, even by the table's owner, is refused.
    const edit = rewritingEvents(t.db, t.schema, (tx) =>
      tx.query(`update ${t.schema}.events set occurred_at = occurred_at + interval '1 microsecond' where stream_id = $1`, [id]),
    );
    await expect(edit).rejects.toMatchObject({ code: '23514' });
    expect(await verify(t)).toMatchObject({ firstBroken: null });
  });

  test('locates a row whose data was altered in SQL', async () => {
    await rewritingEvents(t.db, t.schema, (tx) => tx.query(`update ${t.schema}.events set data = jsonb_set(data, '{text}', '"forged"') where stream_id = $1 and version = 2`, [streamId]));
    expect((await verify(t)).firstBroken).toMatchObject({ streamId, version: 2, position: await positionOf(2) });
  });

  test('locates a row whose metadata (the actor) was altered', async () => {
    await rewritingEvents(t.db, t.schema, (tx) => tx.query(`update ${t.schema}.events set metadata = jsonb_set(metadata, '{actor,name}', '"someone else"') where stream_id = $1 and version = 1`, [streamId]));
    expect((await verify(t)).firstBroken).toMatchObject({ streamId, version: 1 });
  });

  // Every column the digest covers (002_append.ts): changing any one of them alone is found at its row.
  test.each([
    ['occurred_at', `occurred_at = occurred_at - interval '1 day'`],
    ['recorded_at', `recorded_at = recorded_at + interval '1 second'`],
    ['type', `type = type || 'Forged'`],
    ['schema_version', 'schema_version = schema_version + 1'],
    ['metadata (the reason)', `metadata = jsonb_set(metadata, '{reason}', '"another reason"')`],
  ])('locates a row whose %s was altered', async (_column, assignment) => {
    await rewritingEvents(t.db, t.schema, (tx) => tx.query(`update ${t.schema}.events set ${assignment} where stream_id = $1 and version = 2`, [streamId]));
    expect((await verify(t)).firstBroken).toMatchObject({ streamId, version: 2, position: await positionOf(2) });
  });

  test('locates a forged hash by the broken link after it', async () => {
    await rewritingEvents(t.db, t.schema, (tx) => tx.query(`update ${t.schema}.events set hash = repeat('0', 64) where stream_id = $1 and version = 2`, [streamId]));
    expect((await verify(t)).firstBroken).toMatchObject({ streamId, version: 2 });
  });

  test('locates a deleted event in the middle of a stream', async () => {
    await rewritingEvents(t.db, t.schema, (tx) => tx.query(`delete from ${t.schema}.events where stream_id = $1 and version = 2`, [streamId]));
    expect((await verify(t)).firstBroken).toMatchObject({ streamId, version: 3 });
  });

  test('locates a deleted tail', async () => {
    await rewritingEvents(t.db, t.schema, (tx) => tx.query(`delete from ${t.schema}.events where stream_id = $1 and version = 3`, [streamId]));
    expect((await verify(t)).firstBroken).toMatchObject({ streamId, version: 3 });
  });
});
