import * as E from 'fp-ts/Either';
import { randomUUID } from 'node:crypto';
import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type CustomerDeps,
  addEvaluation,
  changeArchiveFields,
  recordViolation,
  registerCustomer,
  runCustomerCommand,
} from '../../../src/app/customer/index.js';
import { type CustomerCommand, customerStreamId } from '../../../src/domain/customer/index.js';
import { logStart } from '../../../src/store/index.js';
import { customerId as arbitraryCustomerId, customerStepsArb, eventsOf } from '../../arbitraries/customer.js';
import { type TestStore, storeCases } from '../../support/stores.js';
import { clerk, meta, ok, refused, salesperson, serviceClerk, uniqueName } from './support.js';

describe.each(storeCases)('commands against the store on $name', ({ open }) => {
  let t: TestStore;
  let deps: CustomerDeps;
  beforeAll(async () => {
    t = await open();
    deps = { store: t.store };
  });
  afterAll(async () => t.close());

  const registered = async () => {
    const customerId = randomUUID();
    await ok(registerCustomer(deps)({ customerId, name: uniqueName('华美'), salespersonId: 'u-sales', meta: meta(clerk, '建档') }));
    return customerId;
  };

  test('every stored event names the actor of its command and its written reason (evaluations may go without)', async () => {
    let checked = 0;
    await fc.assert(
      // Histories the decider accepts something of, so that every run checks events.
      fc.asyncProperty(customerStepsArb(15).filter((steps) => eventsOf(steps).length > 0), async (steps) => {
        // Fresh ids per run: the histories share one schema.
        const id = randomUUID();
        const suffix = id.slice(0, 8);
        const commands = steps.map(
          (s) => JSON.parse(JSON.stringify(s.command).replaceAll(arbitraryCustomerId, id).replace(/"name":"([^"]+)"/g, `"name":"$1 ${suffix}"`)) as CustomerCommand,
        );
        let version = 0;
        for (const command of commands) {
          const result = await runCustomerCommand(deps)(command, {})();
          if (E.isLeft(result)) continue;
          const written = await ok(t.store.readStream(customerStreamId(id), { fromVersion: version + 1 }));
          for (const event of written) {
            checked += 1;
            expect(event.metadata.actor).toEqual(command.meta.actor);
            if (event.type === 'EvaluationAdded') continue;
            expect(event.metadata.reason).toBe(command.meta.reason?.trim());
            expect(event.metadata.reason).toBeTruthy();
          }
          version = result.right.version;
        }
      }),
      { numRuns: 12 },
    );
    expect(checked).toBeGreaterThanOrEqual(12);
    const log = await ok(t.store.readLog(logStart, 100_000));
    for (const event of log.events) {
      expect(event.metadata.actor.id).toBeTruthy();
      if (event.type !== 'EvaluationAdded') expect(event.metadata.reason?.trim()).toBeTruthy();
    }
  });

  test('an evaluation without a reason is stored, its evaluator the caller', async () => {
    const customerId = await registered();
    expect(await ok(addEvaluation(deps)({ customerId, text: '合作愉快', meta: meta(salesperson, null) }))).toEqual({ id: customerId, version: 2 });
    const [evaluation] = await ok(t.store.readStream(customerStreamId(customerId), { fromVersion: 2 }));
    expect(evaluation).toMatchObject({ type: 'EvaluationAdded', data: { evaluator: { id: 'u-sales', name: '张伟' } } });
    expect(evaluation?.metadata.reason).toBeUndefined();
  });

  test('a change on a stale view of the archive (If-Match) is a version conflict, and a current one goes through', async () => {
    const customerId = await registered();
    const change = (expectedVersion: number, region: string) =>
      changeArchiveFields(deps)({ customerId, changes: { region }, expectedVersion, meta: meta(clerk, '客户来函') });
    expect(await ok(change(1, '浙江'))).toEqual({ id: customerId, version: 2 });
    expect(await refused(change(1, '上海'))).toMatchObject({ code: 'VersionConflict', expected: 1, actual: 2 });
  });

  test('a no-op answers the current version and writes nothing', async () => {
    const customerId = await registered();
    await ok(changeArchiveFields(deps)({ customerId, changes: { region: '浙江' }, meta: meta(clerk, '补录') }));
    expect(await ok(changeArchiveFields(deps)({ customerId, changes: { region: '浙江' }, meta: meta(clerk, '补录') }))).toEqual({ id: customerId, version: 2 });
  });

  test('the idempotency key and deterministic event ids are kept with the events', async () => {
    const customerId = await registered();
    const eventId = randomUUID();
    await ok(
      recordViolation(deps)({
        customerId,
        occurredAt: '2026-10-20T10:00:00+08:00',
        type: '逾期付款',
        description: '9月货款逾期',
        meta: meta(serviceClerk, '财务通报'),
        options: { idempotencyKey: 'key-1', eventIds: () => eventId },
      }),
    );
    const [violation] = await ok(t.store.readStream(customerStreamId(customerId), { fromVersion: 2 }));
    expect(violation).toMatchObject({ id: eventId, metadata: { idempotencyKey: 'key-1' } });
  });

  test('a refusal of the domain comes back as its code', async () => {
    const customerId = await registered();
    const error = await refused(changeArchiveFields(deps)({ customerId, changes: { region: '上海' }, meta: meta(salesperson, '想改') }));
    expect(error).toMatchObject({ code: 'RoleNotAllowed' });
  });
});
