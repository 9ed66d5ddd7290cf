import { fc, it } from '@fast-check/vitest';
import * as E from 'fp-ts/Either';
import { describe, expect, test } from 'vitest';
import {
  CreditRouting,
  defaultCreditRouting,
  fullApprovalChain,
  routeCreditChange,
} from '../../../src/domain/credit/index.js';
import { fromFen } from '../../../src/domain/shared/index.js';

const steps = (routing: CreditRouting, original: string, proposed: string) =>
  E.getOrElseW(() => 'refused' as const)(E.map((r: { steps: string[] }) => r.steps)(routeCreditChange(routing, original, proposed)));

/** Increases up to 10 000 元 and up to 20 % need only the first two levels; larger ones the full chain. */
const tiered: CreditRouting = {
  rules: [
    { direction: 'increase', maxChangeAmount: '10000', maxChangePercent: 20, steps: ['salesAdminManager', 'salesVP'] },
    { direction: 'increase', steps: ['salesAdminManager', 'salesVP', 'salesGM', 'groupGM'] },
    { direction: 'decrease', maxChangePercent: 12.5, steps: ['salesAdminManager'] },
    { direction: 'decrease', steps: ['salesAdminManager', 'salesVP'] },
  ],
};

describe('the default routing', () => {
  test('is a valid policy', () => expect(CreditRouting.safeParse(defaultCreditRouting).success).toBe(true));
  test('sends any increase through the full chain', () => expect(steps(defaultCreditRouting, '100.00', '100.01')).toEqual([...fullApprovalChain]));
  test('sends any decrease through the manual’s four levels too', () =>
    expect(steps(defaultCreditRouting, '100.00', '0')).toEqual(['salesAdminManager', 'salesVP', 'salesGM', 'groupGM']));
});

describe('a tiered routing', () => {
  test('is a valid policy', () => expect(CreditRouting.safeParse(tiered).success).toBe(true));
  test('a small increase within both bounds takes the short chain', () => expect(steps(tiered, '50000', '60000')).toEqual(['salesAdminManager', 'salesVP']));
  test('an increase over the amount bound takes the full chain', () => expect(steps(tiered, '100000', '110000.01')).toHaveLength(4));
  test('an increase over the percent bound takes the full chain', () => expect(steps(tiered, '40000', '48000.01')).toHaveLength(4));
  test('exactly at both bounds still takes the short chain', () => expect(steps(tiered, '50000', '60000.00')).toHaveLength(2));
  test('from a limit of 0, every increase is beyond any percent', () => expect(steps(tiered, '0', '0.01')).toHaveLength(4));
  test('a decrease of at most 12.5 % needs one level', () => expect(steps(tiered, '80000', '70000')).toEqual(['salesAdminManager']));
  test('a larger decrease needs two', () => expect(steps(tiered, '80000', '69999.99')).toHaveLength(2));

  it.prop([fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 12n })], { numRuns: 200 })(
    'routes every change to a non-empty part of the manual chain, in order',
    (a, b) => {
      fc.pre(a !== b);
      const result = steps(tiered, fromFen(a), fromFen(b));
      expect(result).not.toBe('refused');
      const indexes = (result as string[]).map((r) => fullApprovalChain.indexOf(r as never));
      expect(indexes.every((x, i) => x >= 0 && (i === 0 || x > indexes[i - 1]!))).toBe(true);
    },
  );
});

describe('an invalid routing', () => {
  const refusal = (routing: unknown) => {
    const parsed = CreditRouting.safeParse(routing);
    return parsed.success ? null : parsed.error.issues.map((i) => i.message).join(' | ');
  };
  test('is refused when a direction has no rule without bounds', () =>
    expect(refusal({ rules: [{ direction: 'increase', steps: ['groupGM'] }, { direction: 'decrease', maxChangeAmount: '5', steps: ['salesVP'] }] })).toMatch(/no rule without bounds for a decrease/));
  test('is refused when steps are out of the manual order', () =>
    expect(refusal({ rules: [{ direction: 'increase', steps: ['salesVP', 'salesAdminManager'] }, { direction: 'decrease', steps: ['salesVP'] }] })).toMatch(/must follow the order/));
  test('is refused when a step repeats', () =>
    expect(refusal({ rules: [{ direction: 'increase', steps: ['salesVP', 'salesVP'] }, { direction: 'decrease', steps: ['salesVP'] }] })).toMatch(/each once/));
  test('is refused when a rule hides behind a catch-all', () =>
    expect(refusal({ rules: [...defaultCreditRouting.rules, { direction: 'increase', maxChangeAmount: '1', steps: ['salesVP'] }] })).toMatch(/never applies/));
  test('is refused when a step is not an approver of credit changes', () =>
    expect(refusal({ rules: [{ direction: 'increase', steps: ['archiveClerk'] }, { direction: 'decrease', steps: ['salesVP'] }] })).not.toBeNull());
  test('is refused with an empty chain or a percent of three decimals', () => {
    expect(refusal({ rules: [{ direction: 'increase', steps: [] }, { direction: 'decrease', steps: ['salesVP'] }] })).not.toBeNull();
    expect(refusal({ rules: [{ direction: 'increase', maxChangePercent: 1.005, steps: ['salesVP'] }, ...defaultCreditRouting.rules] })).toMatch(/two decimals/);
  });
});
