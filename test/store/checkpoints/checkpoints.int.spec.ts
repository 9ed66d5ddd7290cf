import * as E from 'fp-ts/Either';
import { randomUUID } from 'node:crypto';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { allEventTypes } from '../../../src/domain/eventTypes.js';
import { createCheckpointer, readSigningKey, verifyCheckpoints } from '../../../src/store/checkpoints/index.js';
import { newKeyPem, resealAfterEdit, tempDir, truncateTail } from '../../support/checkpoints.js';
import { storeCases, type TestStore } from '../../support/stores.js';
import { meta, noted, notedV2Types } from '../../support/testEvents.js';

const verifyChains = async (t: TestStore) => {
  const r = await t.store.verify()();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

describe.each(storeCases)('signed checkpoints on $name', ({ open }) => {
  let t: TestStore;
  let dir: string;
  const key = newKeyPem();
  const streams = [`note-${randomUUID()}`, `note-${randomUUID()}`];
  const appendNotes = async (n: number) => {
    for (let i = 0; i < n; i += 1) await t.store.append(streams[i % 2]!, 'any', [noted(`note ${i}`)], meta)();
  };
  const checkpointer = () => createCheckpointer({ db: t.db, store: t.store, schema: t.schema, key: readSigningKey(key.privatePem), dir });
  const positionAt = async (index: number) =>
    Number((await t.db.query<{ p: string }>(`select position as p from ${t.schema}.events order by position offset $1 limit 1`, [index])).rows[0]!.p);

  beforeEach(async () => {
    t = await open({ eventTypes: [...notedV2Types, ...allEventTypes] });
    dir = tempDir('checkpoints');
    await appendNotes(10);
    const c = checkpointer();
    await c.take('2026-12-01T10:00:00.000Z');
    await appendNotes(7);
    await c.take('2026-12-01T11:00:00.000Z');
    await appendNotes(3);
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  test('each checkpoint is written to the directory and into the log, and the log verifies against them', async () => {
    expect(readdirSync(dir).sort()).toEqual(['checkpoint-000000000010.json', 'checkpoint-000000000018.json', 'leaves-000000000010.bin', 'leaves-000000000018.bin', 'public-key.pem']);
    const logged = await t.store.readStream('ledgerCheckpoints-log')();
    expect(E.isRight(logged) && logged.right.map((e) => (e.data as { size: number }).size)).toEqual([10, 18]);
    expect(await verifyCheckpoints(t.db, t.schema, dir)).toEqual({ checkpoints: 2, signedSize: 18, logSize: 22, problem: null });
  });

  test('a chain re-sealed in SQL passes the chains but is found by the checkpoints, at the event edited', async () => {
    const edited = await positionAt(4);
    await resealAfterEdit(t.db, t.schema, edited, '{"text":"forged","words":1}');
    expect((await verifyChains(t)).firstBroken).toBeNull();
    const { problem } = await verifyCheckpoints(t.db, t.schema, dir);
    expect(problem).toMatchObject({ code: 'LogRewritten', size: 10, index: 4, position: edited, streamId: streams[0], version: 3 });
  });

  test('an edit after the first checkpoint is found by the second', async () => {
    const edited = await positionAt(13);
    await resealAfterEdit(t.db, t.schema, edited, '{"text":"forged","words":1}');
    expect((await verifyCheckpoints(t.db, t.schema, dir)).problem).toMatchObject({ code: 'LogRewritten', size: 18, index: 13, position: edited });
  });

  test('a truncated log fails the consistency with the checkpoints it no longer reaches', async () => {
    await truncateTail(t.db, t.schema, 6);
    expect((await verifyChains(t)).firstBroken).toBeNull();
    expect((await verifyCheckpoints(t.db, t.schema, dir)).problem).toMatchObject({ code: 'LogTruncated', size: 18, logSize: 16 });
  });

  test('a truncated and re-grown log (another history past the cut) fails consistency where it differs', async () => {
    await truncateTail(t.db, t.schema, 12);
    await appendNotes(12);
    const { problem } = await verifyCheckpoints(t.db, t.schema, dir);
    expect(problem).toMatchObject({ code: 'LogRewritten', size: 18, index: 10 });
  });

  test('a checkpoint is not signed over a rewritten log', async () => {
    await resealAfterEdit(t.db, t.schema, await positionAt(2), '{"text":"forged","words":1}');
    await expect(checkpointer().take('2026-12-01T12:00:00.000Z')).rejects.toThrow(/does not extend the checkpoint of 18 events .*position/);
  });

  test('another public key, a forged signature or a damaged leaf file are each named', async () => {
    expect((await verifyCheckpoints(t.db, t.schema, dir, newKeyPem().publicPem)).problem).toMatchObject({ code: 'SignatureInvalid', size: 10 });
    const file = join(dir, 'leaves-000000000018.bin');
    const { readFileSync } = await import('node:fs');
    const leaves = readFileSync(file);
    leaves[40] = leaves[40]! ^ 1;
    writeFileSync(file, leaves);
    expect((await verifyCheckpoints(t.db, t.schema, dir)).problem).toMatchObject({ code: 'DirectoryDamaged', size: 18 });
    leaves[40] = leaves[40]! ^ 1;
    writeFileSync(file, leaves);
    const cp = join(dir, 'checkpoint-000000000018.json');
    const json = JSON.parse(readFileSync(cp, 'utf8')) as { checkpoint: { time: string } };
    json.checkpoint.time = '2026-12-01T11:00:00.001Z';
    writeFileSync(cp, JSON.stringify(json));
    expect((await verifyCheckpoints(t.db, t.schema, dir)).problem).toMatchObject({ code: 'SignatureInvalid', size: 18 });
  });
});
