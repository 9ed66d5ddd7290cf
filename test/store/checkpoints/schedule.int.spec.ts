import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { allEventTypes } from '../../../src/domain/eventTypes.js';
import { type CheckpointFile, createCheckpointer, readSigningKey, scheduleCheckpoints, verifyCheckpoints } from '../../../src/store/checkpoints/index.js';
import { newKeyPem, tempDir } from '../../support/checkpoints.js';
import { storeCases, type TestStore } from '../../support/stores.js';
import { meta, noted, notedV2Types } from '../../support/testEvents.js';

const until = async (check: () => boolean, ms = 10_000) => {
  for (const end = Date.now() + ms; !check(); ) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each(storeCases)("the worker's checkpoints on $name", ({ open }) => {
  let t: TestStore;
  let dir: string;
  beforeEach(async () => {
    t = await open({ eventTypes: [...notedV2Types, ...allEventTypes] });
    dir = tempDir('schedule');
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  test('signs once every 10 events appended, each extending the one before', async () => {
    const signed: CheckpointFile[] = [];
    const errors: unknown[] = [];
    const checkpointer = createCheckpointer({ db: t.db, store: t.store, schema: t.schema, key: readSigningKey(newKeyPem().privatePem), dir });
    const schedule = scheduleCheckpoints(checkpointer, { events: 10 }, { onCheckpoint: (f) => signed.push(f), onError: (e) => errors.push(e), pollMs: 10 });
    try {
      const stream = `note-${randomUUID()}`;
      for (let i = 0; i < 9; i += 1) await t.store.append(stream, 'any', [noted(`n ${i}`)], meta)();
      await new Promise((r) => setTimeout(r, 100));
      expect(signed).toHaveLength(0);
      await t.store.append(stream, 'any', [noted('tenth')], meta)();
      await until(() => signed.length === 1);
      for (let i = 0; i < 10; i += 1) await t.store.append(stream, 'any', [noted(`m ${i}`)], meta)();
      await until(() => signed.length === 2);
    } finally {
      await schedule.stop();
    }
    expect(errors).toEqual([]);
    expect(signed[0]!.checkpoint.size).toBe(10);
    expect(signed[1]!.checkpoint.size).toBeGreaterThanOrEqual(20);
    expect(signed[1]!.previous).toEqual({ size: 10, root: signed[0]!.checkpoint.root });
    expect((await verifyCheckpoints(t.db, t.schema, dir)).problem).toBeNull();
  });
});
