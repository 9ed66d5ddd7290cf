import * as E from 'fp-ts/Either';
import { z } from 'zod';
import { type DomainError, type Fen, Money, toFen } from '../shared/index.js';

/** The approvers of a credit-limit change, in the manual's order (审核意见). */
export const CreditApproverRole = z.enum(['salesAdminManager', 'salesVP', 'salesGM', 'groupGM']);
export type CreditApproverRole = z.infer<typeof CreditApproverRole>;

export const fullApprovalChain: readonly CreditApproverRole[] = CreditApproverRole.options;

export const ChangeDirection = z.enum(['increase', 'decrease']);
export type ChangeDirection = z.infer<typeof ChangeDirection>;

const hasAtMostTwoDecimals = (n: number) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6;

/**
 * One routing rule: a change in `direction` whose size is within every bound given
 * (both bounds when both are set; none: any size) goes through `steps`.
 */
export const CreditRoutingRule = z.object({
  direction: ChangeDirection,
  /** The change |proposed − original| is at most this amount (元). */
  maxChangeAmount: Money.optional(),
  /** The change is at most this percent of the original limit (two decimals at most). */
  maxChangePercent: z.number().min(0).max(1_000_000).refine(hasAtMostTwoDecimals, 'a percent has at most two decimals').optional(),
  steps: z.array(CreditApproverRole).min(1),
});
export type CreditRoutingRule = z.infer<typeof CreditRoutingRule>;

const isCatchAll = (rule: CreditRoutingRule) => rule.maxChangeAmount === undefined && rule.maxChangePercent === undefined;

const followsManualOrder = (steps: readonly CreditApproverRole[]) =>
  steps.every((role, i) => i === 0 || fullApprovalChain.indexOf(role) > fullApprovalChain.indexOf(steps[i - 1]!));

/**
 * The routing policy (DOMAIN.md §5 [default]: rules may shorten the chain). The first
 * rule that matches a change's direction and size decides its steps. A valid policy
 * routes every change: each direction ends with a rule without bounds, no rule hides
 * behind such a catch-all, and every chain is part of the manual's chain in its order
 * (a rule may skip levels, never reorder or repeat them).
 */
export const CreditRouting = z
  .object({ rules: z.array(CreditRoutingRule).min(1) })
  .superRefine(({ rules }, ctx) => {
    rules.forEach((rule, i) => {
      if (!followsManualOrder(rule.steps))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'steps'], message: `steps must follow the order ${fullApprovalChain.join(' → ')}, each once` });
      if (rules.slice(0, i).some((earlier) => earlier.direction === rule.direction && isCatchAll(earlier)))
        ctx.addIssue({ code: 'custom', path: ['rules', i], message: `an earlier rule already takes every ${rule.direction}: this one never applies` });
    });
    for (const direction of ChangeDirection.options)
      if (!rules.some((r) => r.direction === direction && isCatchAll(r)))
        ctx.addIssue({ code: 'custom', path: ['rules'], message: `no rule without bounds for a ${direction}: some changes would have no approvers` });
  });
export type CreditRouting = z.infer<typeof CreditRouting>;

/**
 * DOMAIN.md §5 (corrected): the manual shows one four-level chain for every change, so
 * increases and decreases alike go 销售管理部经理 → 销售副总 → 销售总经理 → 集团总经理.
 * Shorter chains come only from a published routing policy (routingPolicy.ts).
 */
export const defaultCreditRouting: CreditRouting = {
  rules: [
    { direction: 'increase', steps: ['salesAdminManager', 'salesVP', 'salesGM', 'groupGM'] },
    { direction: 'decrease', steps: ['salesAdminManager', 'salesVP', 'salesGM', 'groupGM'] },
  ],
};

export type NoRoutingRule = DomainError<'NoRoutingRule'>;

const percentToBasisPoints = (percent: number): bigint => BigInt(Math.round(percent * 100));

/** |change| ≤ percent × original, in integers: |Δ| × 10000 ≤ basis points × original. */
const matches = (rule: CreditRoutingRule, direction: ChangeDirection, change: Fen, original: Fen): boolean =>
  rule.direction === direction &&
  (rule.maxChangeAmount === undefined || change <= toFen(rule.maxChangeAmount)) &&
  (rule.maxChangePercent === undefined || change * 10_000n <= percentToBasisPoints(rule.maxChangePercent) * original);

/**
 * The approvers a change needs. `original` and `proposed` differ (an unchanged limit
 * is refused before routing). From an original limit of 0 every increase is
 * unboundedly large in percent, so only rules without a percent bound take it.
 */
export const routeCreditChange = (
  routing: CreditRouting,
  original: Money,
  proposed: Money,
): E.Either<NoRoutingRule, { direction: ChangeDirection; steps: CreditApproverRole[] }> => {
  const from = toFen(original);
  const to = toFen(proposed);
  const direction: ChangeDirection = to > from ? 'increase' : 'decrease';
  const change = to > from ? to - from : from - to;
  const rule = routing.rules.find((r) => matches(r, direction, change, from));
  return rule === undefined
    ? E.left({ code: 'NoRoutingRule', message: `the credit routing policy has no rule for a ${direction} of this size` })
    : E.right({ direction, steps: [...rule.steps] });
};
