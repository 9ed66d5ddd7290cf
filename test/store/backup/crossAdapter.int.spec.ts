import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, test } from 'vitest';
import { restoreEventLog } from '../../../src/store/backup/index.js';
import { storeCases } from '../../support/stores.js';
import { anything, anythingTypes, backupAll, dumpEvents, dumpStreams, meta, right, tempDir, removeTempDirs } from './backupFixture.js';

afterAll(removeTempDirs);

const pglite = storeCases.find((c) => c.name === 'pglite')!;
const servers = storeCases.filter((c) => c.name === 'postgres');

describe.each(servers)('a backup of the embedded store restored on $name', (server) => {
  test('moves to postgres and back with identical events, chains and positions', async () => {
    const [embedded, onServer, backAgain] = [await pglite.open({ eventTypes: anythingTypes }), await server.open({ eventTypes: anythingTypes }), await pglite.open({ eventTypes: anythingTypes })];
    try {
      for (let i = 0; i < 30; i += 1) {
        right(await embedded.store.append(`thing-${randomUUID()}`, 'any', [anything({ i, 客户: '杭州西湖机械厂', 金额: '88000.50' }), anything([i, null, true])], meta())());
      }
      const first = tempDir('to-postgres');
      await backupAll(embedded, first, { segmentEvents: 16 });
      right(await restoreEventLog(onServer.db, onServer.schema, first)());
      expect(await dumpEvents(onServer.db, onServer.schema)).toEqual(await dumpEvents(embedded.db, embedded.schema));

      right(await onServer.store.append(`thing-${randomUUID()}`, 'noStream', [anything('written on the server')], meta())());
      const second = tempDir('to-pglite');
      await backupAll(onServer, second, { segmentEvents: 25 });
      right(await restoreEventLog(backAgain.db, backAgain.schema, second)());
      expect(await dumpEvents(backAgain.db, backAgain.schema)).toEqual(await dumpEvents(onServer.db, onServer.schema));
      expect(await dumpStreams(backAgain.db, backAgain.schema)).toEqual(await dumpStreams(onServer.db, onServer.schema));
      expect(right(await backAgain.store.verify()()).firstBroken).toBeNull();
    } finally {
      await Promise.all([embedded.close(), onServer.close(), backAgain.close()]);
    }
  });
});
