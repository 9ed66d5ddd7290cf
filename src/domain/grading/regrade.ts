import type { Period } from '../shared/index.js';
import { sameJson } from './canonical.js';
import { evaluateCustomer } from './evaluation.js';
import type { CustomerGraded, GradeChange } from './events.js';
import type { CustomerGradingInput } from './inputs.js';
import type { VersionedPolicy } from './policy.js';
import type { PeriodState } from './periodState.js';

type Graded = CustomerGraded['data'];

/** The fields a summary row is made of; `revision` and `changes` describe the row, they are not part of it. */
const resultOf = ({ revision: _r, changes: _c, ...result }: Graded) => result;

const changesBetween = (before: Graded, after: Graded): GradeChange[] => {
  const a = resultOf(before) as Record<string, unknown>;
  const b = resultOf(after) as Record<string, unknown>;
  return Object.keys(b)
    .filter((field) => !sameJson(a[field], b[field]))
    .map((field) => ({ field, from: a[field] as GradeChange['from'], to: b[field] as GradeChange['to'] }));
};

/**
 * Evaluate a customer and compare with its last evaluation in the period: a new
 * CustomerGraded (listing what changed) when the result differs, nothing when it is the
 * same — which is what makes re-running a period idempotent.
 */
export const regrade = (
  state: PeriodState,
  policy: VersionedPolicy,
  period: Period,
  input: CustomerGradingInput,
): CustomerGraded | null => {
  const evaluation = evaluateCustomer(policy, period, input, state.overrides[input.customerId]);
  const previous = state.evaluations[input.customerId];
  const next: Graded = {
    period,
    customerId: input.customerId,
    customerName: input.customerName,
    salespersonId: input.salespersonId,
    ...evaluation,
    revision: (previous?.revision ?? 0) + 1,
    changes: [],
  };
  if (previous === undefined) return { type: 'CustomerGraded', data: next };
  const changes = changesBetween(previous, next);
  return changes.length === 0 ? null : { type: 'CustomerGraded', data: { ...next, changes } };
};
