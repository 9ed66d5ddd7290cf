import type { SignOffStep } from '../../domain/grading/index.js';
import { type Actor, addPeriods, type Instant, type Period } from '../../domain/shared/index.js';
import { staff } from './people.js';
import type { PlannedCustomer } from './planCustomers.js';
import type { Random } from './random.js';
import { inPeriod, later } from './timeline.js';

export type PlannedGrading = {
  period: Period;
  runAt: Instant;
  overrides: { customerId: string; score: number; at: Instant; reason: string }[];
  signOffs: { step: SignOffStep; actor: Actor; at: Instant }[];
};

/** Where a credit request ends: approved, rejected at a step, withdrawn, or waiting at a step (1 = the first approver). */
export type CreditOutcome = { kind: 'approved' } | { kind: 'rejected'; atStep: number } | { kind: 'withdrawn' } | { kind: 'pending'; atStep: number };

export type PlannedCreditRequest = {
  requestId: string;
  customerId: string;
  requester: Actor;
  requestedAt: Instant;
  /** Proposed limit = the limit in effect × factor (or the customer's monthly scale when it has none), to the thousand. */
  factor: number;
  outcome: CreditOutcome;
};

const signers: [SignOffStep, Actor][] = [
  ['prepared', staff.archiveClerk], // 编制
  ['reviewed', staff.salesAdminManager], // 复核
  ['audited', staff.salesVP], // 审核
  ['approved', staff.groupGM], // 审批
];

/**
 * The monthly grading (客户等级评估) of the last `count` periods: run on the 2nd of the next
 * month and signed off over the following days. The latest period is still being signed
 * (prepared and reviewed), after the review board overrode three scores.
 */
export const planGradings = (rng: Random, customers: readonly PlannedCustomer[], until: Period, count: number): PlannedGrading[] =>
  Array.from({ length: count }, (_, i): PlannedGrading => {
    const period = addPeriods(until, i - count + 1);
    const latest = i === count - 1;
    const runAt = inPeriod(addPeriods(period, 1), 1.375);
    const graded = customers.filter((c) => c.figures.some((f) => f.period === addPeriods(period, -1)));
    const overrides = latest
      ? Array.from({ length: Math.min(3, graded.length) }, (_, k) => ({
          customerId: graded[rng.int(0, graded.length - 1)]!.id,
          score: rng.int(55, 95),
          at: later(runAt, 20 + k),
          reason: rng.pick(['客户评审小组评议：结合合作前景与履约情况调整评分', '客户评审小组评议：综合近期客诉与违规情况调整评分', '客户评审小组评议：按年度战略客户名单调整评分']),
        }))
      : [];
    const steps = latest ? signers.slice(0, 2) : signers;
    return { period, runAt, overrides: overrides.filter((o, k) => overrides.findIndex((x) => x.customerId === o.customerId) === k), signOffs: steps.map(([step, actor], k) => ({ step, actor, at: later(runAt, 48 + 24 * k) })) };
  });

const outcomes: CreditOutcome[] = [
  { kind: 'approved' },
  { kind: 'approved' },
  { kind: 'approved' },
  { kind: 'rejected', atStep: 1 },
  { kind: 'rejected', atStep: 2 },
  { kind: 'rejected', atStep: 4 },
  { kind: 'withdrawn' },
  { kind: 'withdrawn' },
  ...[1, 2, 3, 4].flatMap((atStep) => [{ kind: 'pending' as const, atStep }, { kind: 'pending' as const, atStep }]),
];

/**
 * 客户信用额度变更申请 in every state, made by the customers' salespeople a week into the
 * month after the last, each for a different customer (one pending request per customer).
 */
export const planCreditRequests = (rng: Random, customers: readonly PlannedCustomer[], until: Period): PlannedCreditRequest[] => {
  const candidates = customers.filter((c) => c.figures.some((f) => f.period === until));
  const chosen = new Set<string>();
  return outcomes.slice(0, candidates.length).map((outcome, i) => {
    let customer = rng.pick(candidates);
    while (chosen.has(customer.id)) customer = rng.pick(candidates);
    chosen.add(customer.id);
    return {
      requestId: rng.uuid(),
      customerId: customer.id,
      requester: customer.salesperson,
      requestedAt: inPeriod(addPeriods(until, 1), 6 + i * 0.1),
      factor: outcome.kind === 'rejected' && outcome.atStep === 1 ? 0.8 : rng.pick([1.2, 1.3, 1.5, 2]),
      outcome,
    };
  });
};
