import * as E from 'fp-ts/Either';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { customerStreamId } from '../../../src/domain/customer/index.js';
import { allEventTypes } from '../../../src/domain/eventTypes.js';
import { checkpointStreamId, personalDataMigrationStreamId } from '../../../src/domain/ledger/index.js';
import type { EventStore } from '../../../src/store/index.js';
import { sealStoredEvents } from '../../../src/store/pii/sealStored.js';
import { createEventStore } from '../../../src/store/sqlEventStore.js';
import { storeCases, type TestStore } from '../../support/stores.js';

const clerk = { id: 'clerk-1', name: '王芳', roles: ['archiveClerk' as const] };
const operator = { id: 'cli:ops', name: 'ops', roles: ['salesAdminManager' as const] };

const must = async <A>(t: () => Promise<E.Either<unknown, A>>): Promise<A> => {
  const r = await t();
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};

/** Events as a store before migration 006 wrote them: personal fields in the clear. */
const writeUnsealed = async (t: TestStore, store: EventStore) => {
  const customerId = randomUUID();
  const contactId = randomUUID();
  const data = {
    customerId,
    salespersonId: 'sp-1',
    status: 'active',
    validUntil: null,
    contacts: [{ id: contactId, category: 'primary', name: '旧联系人甲', mobile: '13811112222' }],
    archive: { name: `公司-${customerId}`, legalRepresentative: '旧法人乙' },
    enteredAt: '2026-01-05T02:00:00.000Z',
  };
  await must(store.append(customerStreamId(customerId), 'noStream', [{ type: 'CustomerRegistered', data }], { metadata: { actor: clerk, reason: '建档' } }));
  await must(
    store.append(customerStreamId(customerId), 1, [{ type: 'ContactChanged', data: { customerId, contactId, changes: [{ field: 'mobile', from: '13811112222', to: '13933334444' }] } }], {
      metadata: { actor: clerk, reason: '换号' },
    }),
  );
  await must(store.append(customerStreamId(customerId), 2, [{ type: 'StatusChanged', data: { customerId, from: 'active', to: 'inactive' } }], { metadata: { actor: clerk, reason: '停用' } }));
  return customerId;
};

const rawLog = async (t: TestStore) => JSON.stringify((await t.db.query(`select data from ${t.schema}.events`)).rows);

/**
 * Migration 006 on a store that already holds events: their personal fields are sealed
 * in place and the chains re-sealed once, recorded with the reason; refused once a
 * checkpoint was signed.
 */
describe.each(storeCases)('sealing the events stored before migration 006 on $name', ({ open }) => {
  let t: TestStore;
  let legacy: EventStore;
  beforeEach(async () => {
    t = await open();
    legacy = createEventStore(t.db, { schema: t.schema, eventTypes: allEventTypes, keyring: { ...t.keyring, sealAll: async (events) => events.map((e) => e.data) } });
  });
  afterEach(() => t.close());

  test('seals every personal value, keeps every chain valid, reads the same, and records why; a second run changes nothing', async () => {
    const customerId = await writeUnsealed(t, legacy);
    const before = await must(t.store.readStream(customerStreamId(customerId)));
    expect(await rawLog(t)).toContain('旧联系人甲');

    const summary = await sealStoredEvents(t.db, t.schema, t.keyring, { actor: operator, reason: '个人信息保护法：历史数据加密' });
    expect(summary).toEqual({ events: 2, streams: 1, alreadyDone: false });
    const raw = await rawLog(t);
    for (const plain of ['旧联系人甲', '13811112222', '13933334444', '旧法人乙']) expect(raw).not.toContain(plain);
    expect((await must(t.store.verify())).firstBroken).toBeNull();
    const after = await must(t.store.readStream(customerStreamId(customerId)));
    expect(after.map((e) => e.data)).toEqual(before.map((e) => e.data));
    expect(after.map((e) => e.hash)).not.toEqual(before.map((e) => e.hash));
    expect(after[2]!.hash).not.toBe(before[2]!.hash); // re-sealed past the changed events too

    const [recorded] = await must(t.store.readStream(personalDataMigrationStreamId));
    expect(recorded).toMatchObject({ type: 'PersonalDataSealed', data: { migration: 6, events: 2, streams: 1 }, metadata: { actor: operator, reason: '个人信息保护法：历史数据加密' } });
    expect(await sealStoredEvents(t.db, t.schema, t.keyring, { actor: operator, reason: 'again' })).toEqual({ events: 0, streams: 0, alreadyDone: true });
  });

  test('is refused, changing nothing, once a checkpoint was signed', async () => {
    await writeUnsealed(t, legacy);
    const checkpoint = { size: 3, root: 'a'.repeat(64), time: '2026-02-01T00:00:00.000Z', keyId: 'b'.repeat(64), signature: `${'A'.repeat(86)}==` };
    await must(t.store.append(checkpointStreamId, 'any', [{ type: 'CheckpointSigned', data: checkpoint }], { metadata: { actor: operator, reason: 'checkpoint' } }));
    const raw = await rawLog(t);
    await expect(sealStoredEvents(t.db, t.schema, t.keyring, { actor: operator, reason: 'x' })).rejects.toThrow(/signed checkpoints/);
    expect(await rawLog(t)).toBe(raw);
  });
});
