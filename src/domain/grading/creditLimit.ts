import { type Fen, divRoundHalfUp } from '../shared/index.js';
import type { Rounding } from './policy.js';
import { type Ratio, mul } from './ratio.js';

const unitFen: Record<Rounding['unit'], bigint> = { fen: 1n, yuan: 100n, hundredYuan: 10_000n };

/**
 * 信用额度 = 月均销售额 × 上期按期信用履约率 × 等级系数, multiplied exactly as fractions
 * of fen and rounded once, to the policy's unit (default: whole 元, half up). Never
 * negative: the inputs cannot be, and a negative product would still give 0.
 */
export const creditLimitFen = (
  monthlyAverageSalesFen: Ratio,
  fulfilmentRate: Ratio,
  coefficient: Ratio,
  rounding: Rounding,
): Fen => {
  const exact = mul(mul(monthlyAverageSalesFen, fulfilmentRate), coefficient);
  const unit = unitFen[rounding.unit];
  const units = rounding.mode === 'halfUp' ? divRoundHalfUp(exact.num, exact.den * unit) : exact.num / (exact.den * unit);
  const fen = units * unit;
  return fen < 0n ? 0n : fen;
};
