import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, test } from 'vitest';
import { backupEventLog, checkBackup, restoreEventLog } from '../../../src/store/backup/index.js';
import { storeCases } from '../../support/stores.js';
import { anything, anythingTypes, backupAll, dumpEvents, meta, right, source, tempDir, removeTempDirs } from './backupFixture.js';

afterAll(removeTempDirs);

describe.each(storeCases)('a backup taken while the service writes on $name', ({ open }) => {
  test('copies every event exactly once, whatever the interleaving', async () => {
    const from = await open({ eventTypes: anythingTypes });
    const into = await open({ eventTypes: anythingTypes });
    try {
      const dir = tempDir('concurrent');
      let writing = true;
      const writers = Promise.all(
        Array.from({ length: 4 }, async (_, w) => {
          for (let i = 0; i < 30; i += 1) {
            right(await from.store.append(`thing-${randomUUID()}`, 'noStream', [anything({ w, i }), anything({ w, i, again: true })], meta())());
          }
        }),
      ).finally(() => (writing = false));
      const seen: number[] = [];
      while (writing) {
        seen.push(right(await backupEventLog(from.db, from.schema, dir, { source: source(from.schema), segmentEvents: 7, pageSize: 3 })()).totalEvents);
      }
      await writers;
      const final = await backupAll(from, dir, { segmentEvents: 7 });
      // Some runs copied part of the log while the writers were still at it.
      expect(seen.some((n) => n > 0 && n < final.totalEvents)).toBe(true);
      const checked = right(await checkBackup(dir)());
      expect(checked.events).toBe((await dumpEvents(from.db, from.schema)).length);
      right(await restoreEventLog(into.db, into.schema, dir)());
      expect(await dumpEvents(into.db, into.schema)).toEqual(await dumpEvents(from.db, from.schema));
    } finally {
      await Promise.all([from.close(), into.close()]);
    }
  });
});
