import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { customerStreamId } from '../../../src/domain/customer/index.js';
import { checkBackup, pruneErasedKeys, restoreEventLog } from '../../../src/store/backup/index.js';
import { storeCases, type TestStore } from '../../support/stores.js';
import { backupAll, removeTempDirs, right, tempDir } from './backupFixture.js';

afterAll(removeTempDirs);

const clerk = { id: 'clerk-1', name: '王芳', roles: ['archiveClerk' as const] };
const manager = { id: 'manager-1', name: '李经理', roles: ['salesAdminManager' as const] };

/** A customer with one contact whose name is `name`: the registration, straight into the store. */
const register = async (t: TestStore, name: string) => {
  const customerId = randomUUID();
  const contactId = randomUUID();
  right(
    await t.store.append(
      customerStreamId(customerId),
      'noStream',
      [
        {
          type: 'CustomerRegistered',
          data: {
            customerId,
            salespersonId: 'sp-1',
            status: 'active',
            validUntil: null,
            contacts: [{ id: contactId, category: 'primary', name, mobile: '13812345678' }],
            archive: { name: `公司-${randomUUID()}` },
            enteredAt: '2026-01-05T02:00:00.000Z',
          },
        },
      ],
      { metadata: { actor: clerk, reason: '新客户建档' } },
    )(),
  );
  return { customerId, contactId };
};

const erase = async (t: TestStore, customerId: string, contactId: string) =>
  right(await t.store.append(customerStreamId(customerId), 'any', [{ type: 'ContactErased', data: { customerId, contactId } }], { metadata: { actor: manager, reason: '本人要求' } })());

const contactName = async (t: TestStore, customerId: string) =>
  ((right(await t.store.readStream(customerStreamId(customerId))())[0]!.data as { contacts: { name: string }[] }).contacts[0]!.name);

/**
 * Backups carry the personal-data keys in a segment of their own: a restore reads every
 * value back; an erasure after the backup is carried into it by the next run into the
 * same directory, or by `backup prune-erased` into one that is not continued.
 */
describe.each(storeCases)('personal-data keys in backups on $name', ({ open }) => {
  const restored = async (dir: string) => {
    const into = await open();
    right(await restoreEventLog(into.db, into.schema, dir)());
    return into;
  };

  test('a restored store reads every personal value back, and those erased before the backup as 已删除', async () => {
    const from = await open();
    try {
      const kept = await register(from, '张三');
      const gone = await register(from, '李四');
      await erase(from, gone.customerId, gone.contactId);
      const dir = tempDir('keys-restore');
      await backupAll(from, dir, {});
      expect(right(await checkBackup(dir)()).manifest.keys).toMatchObject({ keys: 2, erased: 1 });
      expect(readFileSync(join(dir, 'keys.ndjson'), 'utf8')).not.toContain('张三');
      const into = await restored(dir);
      try {
        expect(await contactName(into, kept.customerId)).toBe('张三');
        expect(await contactName(into, gone.customerId)).toBe('已删除');
      } finally {
        await into.close();
      }
    } finally {
      await from.close();
    }
  });

  test('an erasure after the backup: carried by prune-erased (or the next run), else the restore still reads the value', async () => {
    const from = await open();
    try {
      const later = await register(from, '王五');
      const untouched = tempDir('keys-untouched');
      const pruned = tempDir('keys-pruned');
      const continued = tempDir('keys-continued');
      for (const dir of [untouched, pruned, continued]) await backupAll(from, dir, {});
      await erase(from, later.customerId, later.contactId);

      expect(right(await pruneErasedKeys(from.db, from.schema, pruned)())).toMatchObject({ keys: 1, pruned: 1 });
      expect(right(await pruneErasedKeys(from.db, from.schema, pruned)())).toMatchObject({ pruned: 0 });
      await backupAll(from, continued, {});

      // Before the erasure's event, the backup not pruned still holds the key: an operator must prune it.
      const stale = await restored(untouched);
      const prunedStore = await restored(pruned);
      const continuedStore = await restored(continued);
      try {
        expect(await contactName(stale, later.customerId)).toBe('王五');
        expect(await contactName(prunedStore, later.customerId)).toBe('已删除');
        expect(await contactName(continuedStore, later.customerId)).toBe('已删除');
      } finally {
        await Promise.all([stale.close(), prunedStore.close(), continuedStore.close()]);
      }
    } finally {
      await from.close();
    }
  });
});
