import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type CreditAppError,
  type CreditDeps,
  type CustomerSnapshot,
  decideCreditLimitChange,
  getCreditRequest,
  requestCreditLimitChange,
  withdrawCreditLimitChange,
} from '../../../src/app/credit/index.js';
import { creditRequestStreamId, customerCreditStreamId } from '../../../src/domain/credit/index.js';
import type { Actor, Role } from '../../../src/domain/shared/index.js';
import { type TestStore, storeCases } from '../../support/stores.js';

const ok = async <A>(te: TE.TaskEither<CreditAppError, A>): Promise<A> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(`refused: ${JSON.stringify(r.left)}`);
  return r.right;
};
const refusal = async <A>(te: TE.TaskEither<CreditAppError, A>): Promise<CreditAppError> => {
  const r = await te();
  if (E.isRight(r)) throw new Error(`accepted: ${JSON.stringify(r.right)}`);
  return r.left;
};

const person = (id: string, ...roles: Role[]): Actor => ({ id, name: `${id}名`, roles });
const seller = person('seller', 'salesperson');
const sam = person('sam', 'salesAdminManager');
const sam2 = person('sam2', 'salesAdminManager');
const vp = person('vp', 'salesVP');
const gm = person('gm', 'salesGM');
const ggm = person('ggm', 'groupGM');
const at = '2026-10-12T10:00:00+08:00';
const meta = (actor: Actor, reason: string | undefined = '客户旺季备货') => ({ actor, at, reason });

const snapshot: CustomerSnapshot = {
  name: '宁波某工厂',
  salespersonId: 'seller',
  grade: 'B',
  address: '宁波市鄞州区',
  primaryContact: { name: '王厂长', mobile: '13900000000' },
  creditLimit: '200000.00',
};

describe.each(storeCases)('credit-limit change requests on $name', ({ open }) => {
  let t: TestStore;
  let deps: CreditDeps;
  const customers = new Map<string, CustomerSnapshot>();
  const newCustomer = () => {
    const id = randomUUID();
    customers.set(id, snapshot);
    return id;
  };
  const request = (customerId: string, proposedLimit = '260000', requestId = randomUUID()) =>
    requestCreditLimitChange(deps)({ requestId, customerId, proposedLimit, meta: meta(seller) });
  const decide = (requestId: string, actor: Actor, decision: 'approve' | 'reject' = 'approve', expectedVersion?: number) =>
    decideCreditLimitChange(deps)({ requestId, decision, opinion: `${actor.id}: 同意`, meta: { actor, at }, ...(expectedVersion === undefined ? {} : { expectedVersion }) });
  const read = async (streamId: string) => {
    const r = await t.store.readStream(streamId)();
    if (E.isLeft(r)) throw new Error(r.left.message);
    return r.right;
  };

  beforeAll(async () => {
    t = await open();
    deps = { store: t.store, loadCustomerSnapshot: (id) => TE.right(customers.get(id) ?? null) };
  });
  afterAll(() => t.close());

  describe('when a customer has no pending request', () => {
    test('a request opens with the archive snapshot, and takes the customer’s lock in the same append', async () => {
      const customerId = newCustomer();
      const opened = await ok(request(customerId));
      expect(opened).toMatchObject({ status: 'pending', requiredSteps: ['salesAdminManager', 'salesVP', 'salesGM', 'groupGM'], version: 1 });
      const [requested] = await read(creditRequestStreamId(opened.id));
      expect(requested).toMatchObject({
        type: 'CreditLimitChangeRequested',
        data: { customerId, originalLimit: '200000.00', proposedLimit: '260000.00', customer: { name: '宁波某工厂', salespersonId: 'seller', contact: { name: '王厂长' } } },
        metadata: { actor: seller, reason: '客户旺季备货' },
      });
      const lock = await read(customerCreditStreamId(customerId));
      expect(lock.map((e) => e.type)).toEqual(['CreditRequestOpened']);
      expect(lock[0]!.position).toBe(requested!.position + 1);
    });

    test('an unknown customer is refused', async () => {
      expect((await refusal(request(randomUUID()))).code).toBe('CustomerNotFound');
    });

    test('the same request sent twice is answered once', async () => {
      const customerId = newCustomer();
      const requestId = randomUUID();
      await ok(request(customerId, '260000', requestId));
      expect(await ok(request(customerId, '260000', requestId))).toMatchObject({ id: requestId, status: 'pending', version: 1 });
      expect(await read(customerCreditStreamId(customerId))).toHaveLength(1);
    });

    test('concurrent requests leave exactly one pending', async () => {
      const customerId = newCustomer();
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => request(customerId, String(210000 + i))()));
      const accepted = results.filter(E.isRight);
      expect(accepted).toHaveLength(1);
      results.filter(E.isLeft).forEach((r) => expect(r.left.code).toBe('PendingRequestExists'));
      const lock = await read(customerCreditStreamId(customerId));
      expect(lock.map((e) => [e.type, (e.data as { requestId: string }).requestId])).toEqual([['CreditRequestOpened', accepted[0]!.right.id]]);
    });
  });

  describe('when the customer has a pending request', () => {
    test('a second request is refused and writes nothing', async () => {
      const customerId = newCustomer();
      await ok(request(customerId));
      const second = randomUUID();
      expect((await refusal(request(customerId, '300000', second))).code).toBe('PendingRequestExists');
      expect(await read(creditRequestStreamId(second))).toEqual([]);
    });

    test('the full chain approves it: the new limit takes effect and the lock opens', async () => {
      const customerId = newCustomer();
      const { id } = await ok(request(customerId));
      expect(await ok(decide(id, sam))).toMatchObject({ status: 'pending', nextStep: 'salesVP', version: 2 });
      await ok(decide(id, vp));
      await ok(decide(id, gm));
      expect(await ok(decide(id, ggm))).toEqual({ id, status: 'approved', nextStep: null, version: 6 });
      const events = await read(creditRequestStreamId(id));
      expect(events.at(-1)).toMatchObject({ type: 'CreditLimitChangeApproved', data: { customerId, newLimit: '260000.00', effectiveAt: at } });
      expect(events[1]!.metadata.reason).toBe('sam: 同意'); // the opinion is the decision's written reason
      expect((await read(customerCreditStreamId(customerId))).at(-1)).toMatchObject({ type: 'CreditRequestClosed', data: { requestId: id, outcome: 'approved' } });
      expect((await ok(request(customerId, '1000'))).status).toBe('pending');
    });

    test('a rejection ends it and opens the lock', async () => {
      const customerId = newCustomer();
      const { id } = await ok(request(customerId));
      await ok(decide(id, sam));
      expect(await ok(decide(id, vp, 'reject'))).toMatchObject({ status: 'rejected', nextStep: null });
      expect((await read(customerCreditStreamId(customerId))).at(-1)).toMatchObject({ data: { outcome: 'rejected' } });
      expect((await refusal(decide(id, gm))).code).toBe('RequestNotPending');
      await ok(request(customerId));
    });

    test('its requester withdraws it, which opens the lock', async () => {
      const customerId = newCustomer();
      const { id } = await ok(request(customerId));
      expect(await ok(withdrawCreditLimitChange(deps)({ requestId: id, meta: meta(seller, '客户取消') }))).toMatchObject({ status: 'withdrawn' });
      expect((await read(customerCreditStreamId(customerId))).at(-1)).toMatchObject({ data: { outcome: 'withdrawn' } });
      await ok(request(customerId));
    });

    test('a refused decision writes nothing', async () => {
      const customerId = newCustomer();
      const { id } = await ok(request(customerId));
      expect((await refusal(decide(id, vp))).code).toBe('RoleNotAllowed');
      expect((await refusal(withdrawCreditLimitChange(deps)({ requestId: id, meta: meta(sam, '不需要了') }))).code).toBe('NotTheRequester');
      expect(await read(creditRequestStreamId(id))).toHaveLength(1);
    });

    test('a decision on a stale version is refused', async () => {
      const customerId = newCustomer();
      const { id } = await ok(request(customerId));
      await ok(decide(id, sam, 'approve', 1));
      expect(await refusal(decide(id, vp, 'approve', 1))).toMatchObject({ code: 'VersionConflict', expected: 1, actual: 2 });
      expect(await ok(decide(id, vp, 'approve', 2))).toMatchObject({ version: 3 });
    });

    test('two approvers deciding the same step at once: one signs it, the other is refused', async () => {
      const customerId = newCustomer();
      const { id } = await ok(request(customerId));
      const results = await Promise.all([decide(id, sam)(), decide(id, sam2)()]);
      expect(results.filter(E.isRight)).toHaveLength(1);
      expect(results.filter(E.isLeft).map((r) => r.left.code)).toEqual(['RoleNotAllowed']); // step 2 is the VP's
      expect((await read(creditRequestStreamId(id))).map((e) => e.type)).toEqual(['CreditLimitChangeRequested', 'CreditLimitChangeStepApproved']);
    });

    test('reads back as the form with its decisions', async () => {
      const customerId = newCustomer();
      const { id } = await ok(request(customerId, '150000'));
      await ok(decide(id, sam));
      const view = await ok(getCreditRequest(deps)(id));
      expect(view).toMatchObject({
        id,
        customerId,
        status: 'pending',
        direction: 'decrease',
        requiredSteps: ['salesAdminManager', 'salesVP', 'salesGM', 'groupGM'],
        routingPolicyVersion: 0,
        nextStep: 'salesVP',
        decisions: [{ step: 1, role: 'salesAdminManager', approver: { id: 'sam' }, decision: 'approve', opinion: 'sam: 同意' }],
        version: 2,
      });
      expect(await ok(getCreditRequest(deps)(randomUUID()))).toBeNull();
    });
  });

  describe('with a routing that shortens the chain for small increases', () => {
    test('a small increase needs the first two levels only', async () => {
      const shortDeps: CreditDeps = {
        ...deps,
        routing: {
          rules: [
            { direction: 'increase', maxChangePercent: 10, steps: ['salesAdminManager', 'salesVP'] },
            { direction: 'increase', steps: ['salesAdminManager', 'salesVP', 'salesGM', 'groupGM'] },
            { direction: 'decrease', steps: ['salesAdminManager'] },
          ],
        },
      };
      const customerId = newCustomer();
      const { id, requiredSteps } = await ok(requestCreditLimitChange(shortDeps)({ requestId: randomUUID(), customerId, proposedLimit: '220000', meta: meta(seller) }));
      expect(requiredSteps).toEqual(['salesAdminManager', 'salesVP']);
      await ok(decideCreditLimitChange(shortDeps)({ requestId: id, decision: 'approve', opinion: '同意', meta: { actor: sam, at } }));
      expect(await ok(decideCreditLimitChange(shortDeps)({ requestId: id, decision: 'approve', opinion: '同意', meta: { actor: vp, at } }))).toMatchObject({ status: 'approved' });
    });
  });
});
