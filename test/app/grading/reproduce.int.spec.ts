import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type GradingDeps, publishPolicy, readGradingPeriod, recordMonthlyFigures, runGrading } from '../../../src/app/grading/index.js';
import {
  builtInPolicies,
  defaultGradingPolicy,
  earlierGradingPolicy,
  gradingPeriodStreamId,
  periodDecider,
} from '../../../src/domain/grading/index.js';
import { type Actor, addPeriods } from '../../../src/domain/shared/index.js';
import { handleCommand } from '../../../src/store/index.js';
import { type TestStore, storeCases } from '../../support/stores.js';
import { notGradedCounter, streamLoader } from './testLoader.js';

/**
 * DOMAIN.md §4 (corrected): the default's D and E coefficients changed from 0.8/0.5 to 1
 * as a new policy version. A period graded under the earlier version keeps it: running
 * it again, even after later publications, gives the very same summary.
 */
const ok = async <A>(te: TE.TaskEither<unknown, A>): Promise<A> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(`refused: ${JSON.stringify(r.left)}`);
  return r.right;
};
const clerk: Actor = { id: 'clerk', name: '内勤', roles: ['archiveClerk'] };
const manager: Actor = { id: 'manager', name: '经理', roles: ['salesAdminManager'] };
const at = '2027-12-05T09:00:00+08:00';
const meta = (actor: Actor, reason = '评估') => ({ actor, at, reason });

const yuan = fc.integer({ min: 0, max: 400_000 }).map((n) => `${n}.00`);
const month = fc.record({ sales: yuan, due: fc.integer({ min: 0, max: 200_000 }), paidShare: fc.integer({ min: 0, max: 100 }) });
const customerFigures = fc.array(month, { minLength: 3, maxLength: 3 });

describe.each(storeCases)('a period graded under an earlier policy version on $name', ({ open }) => {
  let t: TestStore;
  let deps: GradingDeps;
  let customers: string[] = [];
  let periodIndex = 0;

  beforeAll(async () => {
    t = await open();
    deps = { store: t.store, loadGradingInputs: streamLoader(t.store, () => customers), countNotGraded: notGradedCounter(t.store, () => customers) };
  });
  afterAll(() => t.close());

  const register = async (name: string) => {
    const customerId = randomUUID();
    const data = { customerId, salespersonId: 'sp-1', status: 'active', validUntil: null, contacts: [], archive: { name }, enteredAt: '2026-01-01T00:00:00Z' };
    const r = await t.store.append(`customer-${customerId}`, 'noStream', [{ type: 'CustomerRegistered', data }], { metadata: { actor: clerk, reason: '建档' } })();
    if (E.isLeft(r)) throw new Error(r.left.message);
    return customerId;
  };

  test('re-running it with its recorded version gives the same summary, whatever the figures', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(customerFigures, { minLength: 1, maxLength: 4 }), async (all) => {
        const period = `2027-${String(++periodIndex).padStart(2, '0')}`;
        customers = [];
        for (const [i, months] of all.entries()) {
          const id = await register(`客户${period}-${i}`);
          customers.push(id);
          for (const [k, m] of months.entries()) {
            const creditDue = `${m.due}.00`;
            const creditPaidOnTime = `${Math.floor((m.due * m.paidShare) / 100)}.00`;
            const input = { customerId: id, period: addPeriods(period, k - 3), sales: m.sales, creditDue, creditPaidOnTime, meta: meta(clerk, '月结') };
            await ok(recordMonthlyFigures(deps)(input));
          }
        }
        // As a deployment before v1.1 graded it: under the built-in version 0.
        const inputs = await deps.loadGradingInputs(period, builtInPolicies[0]!);
        const earlier = { version: 0, policy: earlierGradingPolicy };
        await ok(handleCommand(t.store, { decider: periodDecider, streamId: gradingPeriodStreamId(period), command: { type: 'RunGrading', data: { period, policy: earlier, customers: inputs }, meta: meta(clerk) } }));
        const before = await ok(readGradingPeriod(deps)(period));

        const again = await ok(runGrading(deps)({ period, meta: meta(clerk, '重新评估') }));
        expect(again).toMatchObject({ policyVersion: 0, graded: 0, unchanged: all.length, version: before.version });
        const after = await ok(readGradingPeriod(deps)(period));
        expect(after.state.evaluations).toEqual(before.state.evaluations);
        expect(Object.values(after.state.evaluations).every((e) => e.policyVersion === 0)).toBe(true);
      }),
      { numRuns: 6 },
    );
  });

  test('after later publications it still re-runs under version 0, while a new period uses the version in force', async () => {
    const period = `2027-${String(++periodIndex).padStart(2, '0')}`;
    customers = [await register(`客户${period}`)];
    const inputs = await deps.loadGradingInputs(period, builtInPolicies[0]!);
    const earlier = { version: 0, policy: earlierGradingPolicy };
    await ok(handleCommand(t.store, { decider: periodDecider, streamId: gradingPeriodStreamId(period), command: { type: 'RunGrading', data: { period, policy: earlier, customers: inputs }, meta: meta(clerk) } }));
    const published = await ok(publishPolicy(deps)({ policy: { ...defaultGradingPolicy, upgradePlanSize: 3 }, meta: meta(manager, '提升计划改为3家') }));
    expect(published.version).toBe(2);
    expect(await ok(runGrading(deps)({ period, meta: meta(clerk, '重新评估') }))).toMatchObject({ policyVersion: 0, graded: 0 });
    const next = `2027-${String(++periodIndex).padStart(2, '0')}`;
    expect(await ok(runGrading(deps)({ period: next, meta: meta(clerk) }))).toMatchObject({ policyVersion: 2, graded: 1 });
  });
});
