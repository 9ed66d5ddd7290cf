import type { GradingPolicy, VersionedPolicy } from './policy.js';

const steps = (...pairs: [string, string][]) => pairs.map(([threshold, factor]) => ({ threshold, factor }));

/**
 * DOMAIN.md §4 as the product reads it. The bands are the manual's (60–70 D, 50–60 E)
 * plus its silent part (< 50 is also E); coefficients, windows, rounding and the
 * scorecard are the product's defaults [default], all replaceable by publishing a policy.
 *
 * D and E take coefficient 1: the manual's formula for them has none (DOMAIN.md §4, corrected).
 *
 * With this scorecard, monthly average sales 110000.00, fulfilment 0.95, no violation,
 * no complaint and 3 years of cooperation score 21 + 27 + 15 + 15 + 7 = 85 (grade B).
 */
export const defaultGradingPolicy: GradingPolicy = {
  bands: [
    { from: 0, to: 50, grade: 'E' },
    { from: 50, to: 60, grade: 'E' },
    { from: 60, to: 70, grade: 'D' },
    { from: 70, to: 80, grade: 'C' },
    { from: 80, to: 90, grade: 'B' },
    { from: 90, to: 100, grade: 'A' },
  ],
  grades: {
    A: { label: '核心/VIP客户', coefficient: '1.5', vip: true },
    B: { label: '重点客户', coefficient: '1.2', vip: false },
    C: { label: '普通客户', coefficient: '1.0', vip: false },
    // The manual prints D and E as 月均销售额 × 上期按期信用履约率: coefficient 1.
    D: { label: '关注客户', coefficient: '1', vip: false },
    E: { label: '淘汰客户', coefficient: '1', vip: false },
  },
  scorecard: [
    {
      id: 'salesSize',
      label: '销售规模',
      input: 'monthlyAverageSales',
      weight: 30,
      direction: 'higherIsBetter',
      thresholds: steps(['10000', '0.2'], ['50000', '0.5'], ['100000', '0.7'], ['200000', '0.9'], ['500000', '1']),
    },
    {
      id: 'fulfilment',
      label: '信用履约率',
      input: 'fulfilmentRate',
      weight: 30,
      direction: 'higherIsBetter',
      thresholds: steps(['0.5', '0.2'], ['0.8', '0.5'], ['0.9', '0.7'], ['0.95', '0.9'], ['1', '1']),
    },
    {
      id: 'violations',
      label: '违规记录',
      input: 'violations',
      weight: 15,
      direction: 'lowerIsBetter',
      thresholds: steps(['0', '1'], ['1', '0.5'], ['2', '0.2']),
    },
    {
      id: 'complaints',
      label: '客户投诉',
      input: 'complaints',
      weight: 15,
      direction: 'lowerIsBetter',
      thresholds: steps(['0', '1'], ['1', '0.7'], ['3', '0.3']),
    },
    {
      id: 'cooperation',
      label: '合作年限',
      input: 'yearsOfCooperation',
      weight: 10,
      direction: 'higherIsBetter',
      thresholds: steps(['0', '0.2'], ['1', '0.4'], ['3', '0.7'], ['5', '1']),
    },
  ],
  salesWindow: { periods: 3, missingMonths: 'skip' },
  fulfilmentWhenNothingDue: '1',
  incidentsPeriod: 'previous',
  rounding: { unit: 'yuan', mode: 'halfUp' },
  upgradePlanSize: 10,
};

/**
 * The first reading of DOMAIN.md §4, built in as version 0 until v1.1: it read
 * "× coefficient" into the D and E rows (D 0.8, E 0.5), against the manual's text.
 * Periods graded under it keep it, so it stays here to reproduce them exactly.
 */
export const earlierGradingPolicy: GradingPolicy = {
  ...defaultGradingPolicy,
  grades: {
    ...defaultGradingPolicy.grades,
    D: { ...defaultGradingPolicy.grades.D, coefficient: '0.8' },
    E: { ...defaultGradingPolicy.grades.E, coefficient: '0.5' },
  },
};

/** A built-in version: published by the product itself, with its reason, before any a deployment publishes. */
export type BuiltInPolicy = VersionedPolicy & { author: { id: string; name: string }; reason: string };

const product = { id: 'customer-ledger', name: 'customer-ledger 内置策略' };

/**
 * The built-in versions, oldest first. The corrected default is a version of its own
 * (1), not an edit of 0: a period graded under 0 re-runs under 0 and gives the same
 * summary; periods graded from now on use 1. A deployment's first publication is 2.
 */
export const builtInPolicies: readonly BuiltInPolicy[] = [
  { version: 0, policy: earlierGradingPolicy, author: product, reason: '初版默认策略（DOMAIN.md §4 的第一种读法：D 0.8，E 0.5）' },
  {
    version: 1,
    policy: defaultGradingPolicy,
    author: product,
    reason: '按手册原文更正：D、E 类信用额度 = 月均销售额 × 上期按期信用履约率，等级系数为 1',
  },
];

/** What is in force before any publication: the latest built-in version. */
export const builtInPolicy: VersionedPolicy = { version: builtInPolicies.at(-1)!.version, policy: builtInPolicies.at(-1)!.policy };
