import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type CustomerDeps,
  changeArchiveFields,
  decideChangeRequest,
  proposeChange,
  readChangeRequest,
  readCustomerArchive,
  registerCustomer,
} from '../../../src/app/customer/index.js';
import { changeRequestStreamId, customerNameStreamId, customerStreamId } from '../../../src/domain/customer/index.js';
import { type TestStore, storeCases } from '../../support/stores.js';
import { clerk, meta, ok, refused, salesperson, uniqueName } from './support.js';

describe.each(storeCases)('change requests (修改申请) on $name', ({ open }) => {
  let t: TestStore;
  let deps: CustomerDeps;
  beforeAll(async () => {
    t = await open();
    deps = { store: t.store };
  });
  afterAll(async () => t.close());

  const customerWithRequest = async (changes: Record<string, unknown> = { region: '浙江宁波' }) => {
    const customerId = randomUUID();
    const requestId = randomUUID();
    await ok(registerCustomer(deps)({ customerId, name: uniqueName('华美'), salespersonId: 'u-sales', region: '浙江', meta: meta(clerk, '建档') }));
    expect(await ok(proposeChange(deps)({ requestId, customerId, changes, meta: meta(salesperson, '客户搬迁到宁波') }))).toEqual({ id: requestId, version: 1 });
    return { customerId, requestId };
  };

  test('a proposal leaves the archive untouched until the archive clerk applies it', async () => {
    const { customerId, requestId } = await customerWithRequest();
    expect((await ok(readCustomerArchive(deps)(customerId)))?.customer.archive.region).toBe('浙江');
    expect(await ok(decideChangeRequest(deps)({ requestId, decision: 'apply', meta: meta(clerk, '已电话核实') }))).toEqual({
      id: requestId,
      version: 2,
      customerId,
      customerVersion: 2,
    });
    const [change] = await ok(t.store.readStream(customerStreamId(customerId), { fromVersion: 2 }));
    const [applied] = await ok(t.store.readStream(changeRequestStreamId(requestId), { fromVersion: 2 }));
    expect(change).toMatchObject({
      type: 'ArchiveFieldsChanged',
      data: { changes: [{ field: 'region', from: '浙江', to: '浙江宁波' }], changeRequestId: requestId },
      metadata: { actor: clerk, reason: '已电话核实' },
    });
    expect(applied?.type).toBe('ChangeRequestApplied');
    expect(Math.abs(applied!.position - change!.position)).toBe(1);
    expect((await ok(readChangeRequest(deps)(requestId)))?.request.status).toBe('applied');
  });

  test('a request whose field changed meanwhile is refused as stale, and nothing is written', async () => {
    const { customerId, requestId } = await customerWithRequest();
    await ok(changeArchiveFields(deps)({ customerId, changes: { region: '上海' }, meta: meta(clerk, '客户来函') }));
    expect((await refused(decideChangeRequest(deps)({ requestId, decision: 'apply', meta: meta(clerk, '核实') }))).code).toBe('ChangeRequestIsStale');
    expect(await ok(t.store.streamVersion(changeRequestStreamId(requestId)))).toBe(1);
    expect(await ok(t.store.streamVersion(customerStreamId(customerId)))).toBe(2);
  });

  test('a rejection is recorded on the request only, with its reason', async () => {
    const { customerId, requestId } = await customerWithRequest();
    await ok(decideChangeRequest(deps)({ requestId, decision: 'reject', meta: meta(clerk, '地址未核实') }));
    const [rejected] = await ok(t.store.readStream(changeRequestStreamId(requestId), { fromVersion: 2 }));
    expect(rejected).toMatchObject({ type: 'ChangeRequestRejected', metadata: { reason: '地址未核实' } });
    expect(await ok(t.store.streamVersion(customerStreamId(customerId)))).toBe(1);
  });

  test('an applied rename moves the name reservation in the same append', async () => {
    const newName = uniqueName('华美集团');
    const { customerId, requestId } = await customerWithRequest({ name: newName });
    await ok(decideChangeRequest(deps)({ requestId, decision: 'apply', meta: meta(clerk, '工商变更') }));
    const [reserved] = await ok(t.store.readStream(customerNameStreamId(newName)));
    expect(reserved).toMatchObject({ type: 'CustomerNameReserved', data: { customerId } });
  });

  test('a decision on a stale view of the request (If-Match) is a version conflict', async () => {
    const { requestId } = await customerWithRequest();
    const error = await refused(decideChangeRequest(deps)({ requestId, decision: 'reject', expectedVersion: 2, meta: meta(clerk, '驳回') }));
    expect(error.code).toBe('VersionConflict');
  });

  test('a decision on an unknown request is refused', async () => {
    const error = await refused(decideChangeRequest(deps)({ requestId: randomUUID(), decision: 'apply', meta: meta(clerk, '核实') }));
    expect(error.code).toBe('ChangeRequestNotFound');
  });

  test('the archive clerk cannot propose', async () => {
    const { customerId } = await customerWithRequest();
    const error = await refused(proposeChange(deps)({ requestId: randomUUID(), customerId, changes: { remarks: 'x' }, meta: meta(clerk, '自提') }));
    expect(error.code).toBe('RoleNotAllowed');
  });
});
