import { z } from 'zod';
import { Instant, Money, Period, Uuid, instantMillis, normalizeMoney } from '../shared/index.js';

/**
 * Where a customer's credit limit (信用额度) came from: its grade in an approved grade
 * summary (客户等级管理汇总表, effective when the summary was approved), or an
 * approved change request (客户信用额度变更申请表, effective at the last approval).
 */
export const CreditLimitSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('gradeSummary'), period: Period, limit: Money, effectiveAt: Instant }),
  z.object({ kind: z.literal('changeRequest'), requestId: Uuid, limit: Money, effectiveAt: Instant }),
]);
export type CreditLimitSource = z.infer<typeof CreditLimitSource>;

export type EffectiveCreditLimit = { limit: Money; source: CreditLimitSource };

/**
 * The sources in force one after another: by effective time; at the same instant the
 * one listed later wins (projections list sources in log order, i.e. commit order).
 */
export const creditLimitTimeline = (sources: readonly CreditLimitSource[]): CreditLimitSource[] =>
  sources
    .map((source, index) => ({ source, index }))
    .sort((a, b) => instantMillis(a.source.effectiveAt) - instantMillis(b.source.effectiveAt) || a.index - b.index)
    .map(({ source }) => source);

/**
 * A customer's effective limit: the latest source in effect at `asOf` (all of them
 * when absent), with the source that set it; null when none has taken effect yet.
 */
export const effectiveCreditLimit = (
  sources: readonly CreditLimitSource[],
  asOf?: Instant,
): EffectiveCreditLimit | null => {
  const inForce = asOf === undefined ? sources : sources.filter((s) => instantMillis(s.effectiveAt) <= instantMillis(asOf));
  const latest = creditLimitTimeline(inForce).at(-1);
  return latest === undefined ? null : { limit: normalizeMoney(latest.limit), source: latest };
};
