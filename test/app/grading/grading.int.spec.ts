import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type GradingAppError,
  type GradingDeps,
  overrideScore,
  policyInForce,
  publishPolicy,
  readGradingPeriod,
  recordMonthlyFigures,
  runGrading,
  signOffGradeSummary,
  simulate,
  upgradePlanFor,
} from '../../../src/app/grading/index.js';
import { type CustomerGraded, type GradeSummarySignedOff, defaultGradingPolicy, gradingPeriodStreamId } from '../../../src/domain/grading/index.js';
import { type Actor, type Role, addPeriods } from '../../../src/domain/shared/index.js';
import { type TestStore, storeCases } from '../../support/stores.js';
import { notGradedCounter, streamLoader } from './testLoader.js';

const ok = async <A>(te: TE.TaskEither<GradingAppError, A>): Promise<A> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(`refused: ${JSON.stringify(r.left)}`);
  return r.right;
};
const refused = async <A>(te: TE.TaskEither<GradingAppError, A>): Promise<GradingAppError> => {
  const r = await te();
  if (E.isRight(r)) throw new Error(`accepted: ${JSON.stringify(r.right)}`);
  return r.left;
};

const person = (id: string, ...roles: Role[]): Actor => ({ id, name: `${id}名`, roles });
const clerk = person('clerk', 'archiveClerk');
const board = person('board', 'reviewBoard');
const manager = person('manager', 'salesAdminManager');
const vp = person('vp', 'salesVP');
const ggm = person('ggm', 'groupGM');
const at = '2027-12-05T09:00:00+08:00';
const meta = (actor: Actor, reason: string | undefined = '十月客户等级评估') => ({ actor, at, reason });

describe.each(storeCases)('grading on $name', ({ open }) => {
  let t: TestStore;
  let deps: GradingDeps;
  const customers: string[] = [];
  // Each test grades its own period, so tests do not see each other's summaries.
  let periodIndex = 0;
  const nextPeriod = () => `2027-${String(++periodIndex).padStart(2, '0')}`;

  const register = async (name: string) => {
    const customerId = randomUUID();
    const data = { customerId, salespersonId: 'sp-1', status: 'active', validUntil: null, contacts: [], archive: { name }, enteredAt: '2026-01-01T00:00:00Z' };
    const r = await t.store.append(`customer-${customerId}`, 'noStream', [{ type: 'CustomerRegistered', data }], { metadata: { actor: clerk, reason: '建档' } })();
    if (E.isLeft(r)) throw new Error(r.left.message);
    customers.push(customerId);
    return customerId;
  };
  const figures = (customerId: string, period: string, sales: string, creditDue = '0', creditPaidOnTime = '0') =>
    ok(recordMonthlyFigures(deps)({ customerId, period, sales, creditDue, creditPaidOnTime, meta: { ...meta(clerk, '财务月结'), at: '2027-12-01T00:00:00+08:00' } }));
  const gradedIn = async (period: string) => {
    const r = await t.store.readStream(gradingPeriodStreamId(period))();
    if (E.isLeft(r)) throw new Error(r.left.message);
    return r.right;
  };

  beforeAll(async () => {
    t = await open();
    deps = { store: t.store, loadGradingInputs: streamLoader(t.store, () => customers), countNotGraded: notGradedCounter(t.store, () => customers) };
  });
  afterAll(() => t.close());

  test('the worked example grades B with a limit of 125400 元, and a re-run changes nothing', async () => {
    const period = nextPeriod();
    const id = await register(`样例客户${period}`);
    const before = (k: number) => addPeriods(period, -k);
    await figures(id, before(3), '100000.00');
    await figures(id, before(2), '120000.00');
    await figures(id, before(1), '110000.00', '100000.00', '95000.00');
    const run = runGrading(deps);
    const first = await ok(run({ period, meta: meta(clerk) }));
    expect(first).toMatchObject({ period, policyVersion: 1, graded: expect.any(Number), signOffsVoided: false });
    const events = await gradedIn(period);
    const mine = events.find((e) => e.type === 'CustomerGraded' && (e.data as CustomerGraded['data']).customerId === id)!;
    expect(mine.data).toMatchObject({ score: 85, grade: 'B', coefficient: '1.2', monthlyAverageSales: '110000.00', fulfilmentRate: 0.95, creditLimit: '125400.00', revision: 1 });
    expect(mine.metadata).toMatchObject({ actor: clerk, reason: '十月客户等级评估' });
    const again = await ok(run({ period, meta: meta(clerk) }));
    expect(again).toMatchObject({ graded: 0, unchanged: first.customers, version: first.version });
    expect(await gradedIn(period)).toHaveLength(events.length);

    // a correction of last month's figures re-grades this customer only, saying what changed
    await figures(id, before(1), '110000.00', '100000.00', '100000.00');
    expect(await ok(run({ period, meta: meta(clerk) }))).toMatchObject({ graded: 1 });
    const regraded = (await gradedIn(period)).at(-1)!.data as CustomerGraded['data'];
    expect(regraded).toMatchObject({ customerId: id, revision: 2, creditLimit: '132000.00' });
    expect(regraded.changes).toContainEqual({ field: 'creditLimit', from: '125400.00', to: '132000.00' });
  });

  test('monthly figures: unknown customer, no-op repeat, refusal', async () => {
    const id = await register(`数据客户${randomUUID()}`);
    const input = { customerId: id, period: '2026-09', sales: '1.5', creditDue: '10', creditPaidOnTime: '5', meta: meta(clerk, '月结') };
    expect(await ok(recordMonthlyFigures(deps)(input))).toEqual({ version: 1, recorded: true });
    expect(await ok(recordMonthlyFigures(deps)({ ...input, sales: '1.50' }))).toEqual({ version: 1, recorded: false });
    expect((await refused(recordMonthlyFigures(deps)({ ...input, creditPaidOnTime: '11' }))).code).toBe('PaidExceedsDue');
    expect((await refused(recordMonthlyFigures(deps)({ ...input, sales: '2', expectedVersion: 0 }))).code).toBe('VersionConflict');
    expect((await refused(recordMonthlyFigures(deps)({ ...input, customerId: randomUUID() }))).code).toBe('CustomerNotFound');
  });

  test('overrides re-grade at once; sign-offs run in order; approval freezes the period and carries the limits', async () => {
    const period = nextPeriod();
    const id = await register(`评审客户${period}`);
    await ok(runGrading(deps)({ period, meta: meta(board) }));
    const overridden = await ok(overrideScore(deps)({ period, customerId: id, score: 92, meta: meta(board, '战略客户') }));
    expect(overridden.evaluation).toMatchObject({ score: 92, grade: 'A', vip: true, scoreSource: 'override' });
    expect((await refused(overrideScore(deps)({ period, customerId: randomUUID(), score: 50, meta: meta(board, 'x') }))).code).toBe('CustomerNotFound');

    const sign = signOffGradeSummary(deps);
    expect((await refused(sign({ period, step: 'reviewed', meta: meta(manager, undefined) }))).code).toBe('StepOutOfOrder');
    await ok(sign({ period, step: 'prepared', meta: meta(clerk, undefined) }));
    expect((await refused(sign({ period, step: 'reviewed', meta: meta(person('clerk', 'salesAdminManager'), undefined) }))).code).toBe('SignerAlreadySigned');
    await ok(sign({ period, step: 'reviewed', meta: meta(manager, '已复核') }));
    expect((await refused(sign({ period, step: 'audited', meta: meta(ggm, undefined) }))).code).toBe('RoleNotAllowed');
    await ok(sign({ period, step: 'audited', meta: meta(vp, undefined) }));
    const approved = await ok(sign({ period, step: 'approved', meta: meta(ggm, undefined) }));
    expect(approved.status).toBe('frozen');

    const approval = (await gradedIn(period)).at(-1)!;
    expect(approval.type).toBe('GradeSummarySignedOff');
    expect((approval.data as GradeSummarySignedOff['data'] & { step: 'approved' }).effective).toContainEqual(
      expect.objectContaining({ customerId: id, grade: 'A', vip: true, score: 92 }),
    );
    expect((await refused(runGrading(deps)({ period, meta: meta(clerk) }))).code).toBe('PeriodIsFrozen');
    expect((await refused(overrideScore(deps)({ period, customerId: id, score: 10, meta: meta(board, 'x') }))).code).toBe('PeriodIsFrozen');
    expect((await ok(readGradingPeriod(deps)(period))).state.status).toBe('frozen');
  });

  // Publishes version 2: the tests above grade under the built-in version 1.
  test('the policy: built-in version 1 before publication, publishing, stale If-Match, invalid policy', async () => {
    expect(await ok(policyInForce(deps)())).toMatchObject({ version: 1, status: 'builtIn', streamVersion: 0 });
    const five = { ...defaultGradingPolicy, upgradePlanSize: 5 };
    const published = await ok(publishPolicy(deps)({ policy: five, meta: meta(manager, '提升计划改为5家'), expectedVersion: 0 }));
    expect(published).toMatchObject({ version: 2, status: 'published', streamVersion: 1, published: true });
    expect(await ok(publishPolicy(deps)({ policy: five, meta: meta(manager, '重复') }))).toMatchObject({ version: 2, published: false });
    expect((await refused(publishPolicy(deps)({ policy: defaultGradingPolicy, meta: meta(manager, 'x'), expectedVersion: 0 }))).code).toBe('VersionConflict');
    const broken = { ...five, grades: { ...five.grades, A: { ...five.grades.A, coefficient: '-1' } } };
    expect((await refused(publishPolicy(deps)({ policy: broken, meta: meta(manager, 'x') }))).code).toBe('CoefficientIsNegative');
    expect((await refused(publishPolicy(deps)({ policy: five, meta: meta(clerk, 'x') }))).code).toBe('RoleNotAllowed');

    const period = nextPeriod();
    expect(await ok(runGrading(deps)({ period, meta: meta(clerk) }))).toMatchObject({ policyVersion: 2 });
    expect((await ok(upgradePlanFor(deps)(period))).length).toBeLessThanOrEqual(5);
    const sim = await ok(simulate(deps)({ period, draft: { ...five, grades: { ...five.grades, E: { ...five.grades.E, coefficient: '0' } } } }));
    expect(sim.currentVersion).toBe(2);
    expect(sim.rows.map((r) => r.customerId).sort()).toEqual([...customers].sort());
    expect(sim.totals.simulated.E.creditLimit).toBe('0.00');
  });

  test('one customer whose data cannot be graded is skipped and named; the run grades the others', async () => {
    const period = nextPeriod();
    const id = await register(`正常客户${period}`);
    await figures(id, addPeriods(period, -1), '110000.00', '100000.00', '95000.00');
    // Figures recorded before money was bounded at entry (issue 12 §4): 999999999999999.99 元 for three months,
    // whose credit limit (× 1.2 or more) no record can hold; and a customer whose inputs are malformed.
    const huge = randomUUID();
    const malformed = randomUUID();
    const legacy = (period: string) => ({ period, sales: '999999999999999.99', creditDue: '0', creditPaidOnTime: '0' });
    const withLegacy: GradingDeps = {
      ...deps,
      loadGradingInputs: async (p, policy) => [
        ...((await deps.loadGradingInputs(p, policy)) as unknown[]),
        { customerId: huge, customerName: '巨额客户', salespersonId: 'sp-1', figures: [1, 2, 3].map((k) => legacy(addPeriods(period, -k))), violations: 0, complaints: 0, cooperationSince: null },
        { customerId: malformed, customerName: '', salespersonId: 'sp-1', figures: [], violations: -1, complaints: 0, cooperationSince: null },
      ] as Awaited<ReturnType<GradingDeps['loadGradingInputs']>>, // what a loader may hand over, unchecked
    };
    const run = await ok(runGrading(withLegacy)({ period, meta: meta(clerk) }));
    expect(run.skipped.map((s) => s.customerId).sort()).toEqual([huge, malformed].sort());
    expect(run.skipped.find((s) => s.customerId === huge)?.reason).toMatch(/^its inputs are not valid at figures\.0\.sales/);
    expect(run.customers).toBe(customers.length + 2);
    const graded = (await gradedIn(period)).map((e) => (e.data as CustomerGraded['data']).customerId);
    expect(graded).toContain(id);
    expect(graded).not.toContain(huge);
  });

  test('a loader that fails is named, not graded', async () => {
    const failing: GradingDeps = { ...deps, loadGradingInputs: () => Promise.reject(new Error('read model down')) };
    expect((await refused(runGrading(failing)({ period: nextPeriod(), meta: meta(clerk) }))).code).toBe('GradingInputsUnavailable');
  });
});
