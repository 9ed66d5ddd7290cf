import { z } from 'zod';

/**
 * Money in yuan (元) as a decimal string with at most two decimals, e.g. "125000.00".
 * Never a binary float: arithmetic happens in integer fen (分) as bigint.
 */
const moneyPattern = /^\d{1,15}(\.\d{1,2})?$/;

export const Money = z.string().regex(moneyPattern, 'money is yuan with at most two decimals, e.g. "125000.00"');
export type Money = z.infer<typeof Money>;

/** Whether a computed amount can be recorded as Money (at most 15 digits of 元). */
export const isMoney = (amount: string): boolean => moneyPattern.test(amount);

/**
 * An amount a person enters that later amounts are derived from (monthly figures, a
 * proposed credit limit): below one trillion 元, so that every amount derived from it —
 * a monthly average, a credit limit of up to 100 × that average (the largest grade
 * coefficient a policy may set), a sum over 240 months — still fits Money's 15 digits.
 */
export const maxEnteredMoney = '999999999999.99';
export const EnteredMoney = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, `money is yuan with at most two decimals, at most ${maxEnteredMoney}, e.g. "125000.00"`)
  .meta({ description: `元 with at most two decimals, from 0 to ${maxEnteredMoney} (so that every amount derived from it fits)` });

export type Fen = bigint;

export const toFen = (money: Money): Fen => {
  const [whole, frac = ''] = money.split('.');
  return BigInt(whole ?? '0') * 100n + BigInt(frac.padEnd(2, '0'));
};

export const fromFen = (fen: Fen): Money => {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};

/** The canonical spelling of an amount: "1200" and "1200.0" are both "1200.00". */
export const normalizeMoney = (money: Money): Money => fromFen(toFen(money));

/** Integer division rounding half away from zero: the rounding of 元 the manual's forms use. */
export const divRoundHalfUp = (numerator: bigint, denominator: bigint): bigint => {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
};
