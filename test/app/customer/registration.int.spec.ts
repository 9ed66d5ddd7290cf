import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type CustomerDeps,
  changeArchiveFields,
  changeStatus,
  readCustomerArchive,
  registerCustomer,
} from '../../../src/app/customer/index.js';
import { customerNameStreamId, customerStreamId } from '../../../src/domain/customer/index.js';
import { type TestStore, storeCases } from '../../support/stores.js';
import { clerk, meta, ok, refused, uniqueName } from './support.js';

describe.each(storeCases)('registering customers on $name', ({ open }) => {
  let t: TestStore;
  let deps: CustomerDeps;
  beforeAll(async () => {
    t = await open();
    deps = { store: t.store };
  });
  afterAll(async () => t.close());

  const register = (name: string, customerId = randomUUID()) =>
    registerCustomer(deps)({ customerId, name, salespersonId: 'u-sales', meta: meta(clerk, '新客户建档') });
  const streamTypes = async (streamId: string) => (await ok(t.store.readStream(streamId))).map((e) => e.type);

  describe('when the name is free', () => {
    test('the customer is registered as a prospect and its name reserved in the same append', async () => {
      const name = uniqueName('宁波华美工艺品有限公司');
      const customerId = randomUUID();
      expect(await ok(register(name, customerId))).toEqual({ id: customerId, version: 1 });
      const [registered] = await ok(t.store.readStream(customerStreamId(customerId)));
      const [reserved] = await ok(t.store.readStream(customerNameStreamId(name)));
      expect(registered?.data).toMatchObject({ status: 'prospect', archive: { name } });
      expect(reserved).toMatchObject({ type: 'CustomerNameReserved', data: { customerId, name } });
      expect(reserved?.position).toBe(registered!.position + 1);
      expect(registered?.metadata).toMatchObject({ actor: clerk, reason: '新客户建档' });
    });
  });

  describe('when a live customer holds the name', () => {
    test('the same name, written differently, is refused', async () => {
      const name = uniqueName('ACME Trading');
      await ok(register(name));
      const customerId = randomUUID();
      expect((await refused(register(`  ${name.toUpperCase().replace(' ', '   ')} `, customerId))).code).toBe('CustomerNameTaken');
      expect(await ok(t.store.streamVersion(customerStreamId(customerId)))).toBe(0);
    });

    test('of many concurrent registrations of one name, exactly one succeeds', async () => {
      const name = uniqueName('宁波并发测试有限公司');
      const ids = Array.from({ length: 8 }, () => randomUUID());
      const results = await Promise.all(ids.map((id) => register(name, id)()));
      const winners = results.filter((r) => r._tag === 'Right');
      expect(winners).toHaveLength(1);
      for (const r of results) if (r._tag === 'Left') expect(r.left.code).toBe('CustomerNameTaken');
      const versions = await Promise.all(ids.map((id) => ok(t.store.streamVersion(customerStreamId(id)))));
      expect(versions.filter((v) => v > 0)).toHaveLength(1);
      expect(await streamTypes(customerNameStreamId(name))).toEqual(['CustomerNameReserved']);
    });

    test('a rename to it is refused and writes nothing', async () => {
      const taken = uniqueName('华美');
      await ok(register(taken));
      const customerId = randomUUID();
      await ok(register(uniqueName('甬江'), customerId));
      const error = await refused(changeArchiveFields(deps)({ customerId, changes: { name: taken }, meta: meta(clerk) }));
      expect(error.code).toBe('CustomerNameTaken');
      expect(await ok(t.store.streamVersion(customerStreamId(customerId)))).toBe(1);
    });
  });

  describe('when a customer is renamed', () => {
    test('the new name is reserved and the old one released, so another customer may take it', async () => {
      const before = uniqueName('旧名');
      const after = uniqueName('新名');
      const customerId = randomUUID();
      await ok(register(before, customerId));
      expect(await ok(changeArchiveFields(deps)({ customerId, changes: { name: after }, meta: meta(clerk, '工商更名') }))).toEqual({ id: customerId, version: 2 });
      expect(await streamTypes(customerNameStreamId(before))).toEqual(['CustomerNameReserved', 'CustomerNameReleased']);
      expect(await streamTypes(customerNameStreamId(after))).toEqual(['CustomerNameReserved']);
      await ok(register(before));
    });

    test('a change of letter case only keeps the reservation', async () => {
      const name = uniqueName('acme trading');
      const customerId = randomUUID();
      await ok(register(name, customerId));
      await ok(changeArchiveFields(deps)({ customerId, changes: { name: name.toUpperCase() }, meta: meta(clerk, '规范大小写') }));
      expect(await streamTypes(customerNameStreamId(name))).toEqual(['CustomerNameReserved']);
      expect((await ok(readCustomerArchive(deps)(customerId)))?.customer.archive.name).toBe(name.toUpperCase());
    });
  });

  describe('when a customer is lost', () => {
    test('its name is released; coming back is refused while another holds it, and re-reserves once free', async () => {
      const name = uniqueName('流失客户');
      const lostId = randomUUID();
      await ok(register(name, lostId));
      await ok(changeStatus(deps)({ customerId: lostId, status: 'lost', meta: meta(clerk, '客户转向竞争对手') }));
      const newcomer = randomUUID();
      await ok(register(name, newcomer));
      expect((await refused(changeStatus(deps)({ customerId: lostId, status: 'active', meta: meta(clerk, '客户回归') }))).code).toBe('CustomerNameTaken');

      await ok(changeStatus(deps)({ customerId: newcomer, status: 'lost', meta: meta(clerk, '重复建档') }));
      expect(await ok(changeStatus(deps)({ customerId: lostId, status: 'active', meta: meta(clerk, '客户回归') }))).toEqual({ id: lostId, version: 3 });
      expect(await streamTypes(customerNameStreamId(name))).toEqual([
        'CustomerNameReserved',
        'CustomerNameReleased',
        'CustomerNameReserved',
        'CustomerNameReleased',
        'CustomerNameReserved',
      ]);
    });

    test('a customer registered as lost holds no name', async () => {
      const name = uniqueName('历史客户');
      await ok(registerCustomer(deps)({ customerId: randomUUID(), name, salespersonId: 'u-sales', status: 'lost', meta: meta(clerk, '补录历史客户') }));
      await ok(register(name));
    });
  });
});
