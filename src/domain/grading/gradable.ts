import { isMoney, type Period } from '../shared/index.js';
import { evaluateCustomer } from './evaluation.js';
import type { CustomerGradingInput } from './inputs.js';
import type { VersionedPolicy } from './policy.js';

const amounts = ['monthlyAverageSales', 'creditDue', 'creditPaidOnTime', 'creditLimit'] as const;

/**
 * Why one customer cannot be graded under the policy, or `undefined` when it can: an
 * amount its evaluation derives that no record can hold. Money entered is bounded so
 * that this does not happen (money.ts); figures recorded before that bound, or a policy
 * published before its coefficients were bounded, still can — and then that customer is
 * left out of the run and named in its answer, instead of the run failing for everyone.
 */
export const ungradable = (policy: VersionedPolicy, period: Period, input: CustomerGradingInput): string | undefined => {
  const evaluation = evaluateCustomer(policy, period, input);
  const over = amounts.find((field) => !isMoney(evaluation[field]));
  return over === undefined ? undefined : `its ${over} would be ${evaluation[over]} 元, more than a record holds (15 digits of 元)`;
};
