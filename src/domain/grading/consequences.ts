import type { Evaluation } from './evaluationResult.js';
import { lowestScoreOf } from './grades.js';
import type { GradingPolicy } from './policy.js';
import { toHundredths } from './score.js';

/** A graded customer as the consequences of grades see it. */
export type GradedCustomer = Pick<Evaluation, 'score' | 'grade' | 'creditLimit'> & {
  customerId: string;
  customerName: string;
  salespersonId: string;
};

export type UpgradeCandidate = GradedCustomer & { pointsToB: number };

/**
 * 提升计划: each month the C customers closest to B are listed for lifting (C类客户
 * 按正常流程操作, 每月列定一定数量的C类客户的提升计划). Closest first; equal distance by
 * customer id so that the plan is the same on every computation. Policy sets how many.
 */
export const upgradePlan = (policy: GradingPolicy, graded: readonly GradedCustomer[]): UpgradeCandidate[] => {
  const toB = lowestScoreOf(policy, 'B');
  if (toB === null) return [];
  return graded
    .filter((g) => g.grade === 'C')
    .map((g) => ({ ...g, pointsToB: Math.max(0, toB - toHundredths(g.score)) / 100 }))
    .sort((a, b) => a.pointsToB - b.pointsToB || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0))
    .slice(0, policy.upgradePlanSize);
};

/** A类客户参照VIP客户管理办法: the grade's VIP flag under the policy (A by default). */
export const isVip = (policy: GradingPolicy, grade: Evaluation['grade']): boolean => policy.grades[grade].vip;
