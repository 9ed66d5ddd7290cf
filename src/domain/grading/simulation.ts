import * as E from 'fp-ts/Either';
import { z } from 'zod';
import { Money, Period, fromFen, toFen } from '../shared/index.js';
import { evaluateCustomer } from './evaluation.js';
import type { CustomerGradingInput, ScoreOverride } from './inputs.js';
import { Grade, type GradingPolicy, type VersionedPolicy } from './policy.js';
import { type PolicyProblem, validatePolicy } from './policyValidation.js';
import { Score } from './score.js';

const Outcome = z.object({ score: Score, grade: Grade, creditLimit: Money });

const GradeTotals = z.record(Grade, z.object({ customers: z.number().int(), creditLimit: Money }));
export type GradeTotals = z.infer<typeof GradeTotals>;

/** A draft policy tried on a period's inputs: per customer the policy in force's result beside the draft's. */
export const PolicySimulation = z.object({
  period: Period,
  currentVersion: z.number().int(),
  rows: z.array(
    z.object({
      customerId: z.string(),
      customerName: z.string(),
      salespersonId: z.string(),
      current: Outcome,
      simulated: Outcome,
    }),
  ),
  totals: z.object({ current: GradeTotals, simulated: GradeTotals }),
});
export type PolicySimulation = z.infer<typeof PolicySimulation>;

type Outcome = z.infer<typeof Outcome>;

const totalsOf = (outcomes: readonly Outcome[]): GradeTotals =>
  Object.fromEntries(
    Grade.options.map((g) => {
      const of = outcomes.filter((o) => o.grade === g);
      return [g, { customers: of.length, creditLimit: fromFen(of.reduce((s, o) => s + toFen(o.creditLimit), 0n)) }];
    }),
  ) as GradeTotals;

/**
 * Evaluate `draft` over the same customers and overrides as the policy in force, without
 * publishing anything. A draft may read other months or another incidents period, so
 * its inputs may be gathered apart (`draftInputs`, matched by customer id; the current
 * inputs when absent). A draft that could not be published is refused with the same rule.
 */
export const simulatePolicy = (
  current: VersionedPolicy,
  draft: GradingPolicy,
  period: Period,
  customers: readonly CustomerGradingInput[],
  overrides: Readonly<Record<string, ScoreOverride>>,
  draftInputs: readonly CustomerGradingInput[] = customers,
): E.Either<PolicyProblem, PolicySimulation> =>
  E.map((valid: GradingPolicy) => {
    const trial: VersionedPolicy = { version: current.version + 1, policy: valid };
    const outcome = (p: VersionedPolicy, c: CustomerGradingInput): Outcome => {
      const e = evaluateCustomer(p, period, c, overrides[c.customerId]);
      return { score: e.score, grade: e.grade, creditLimit: e.creditLimit };
    };
    const rows = [...customers]
      .sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0))
      .map((c) => ({
        customerId: c.customerId,
        customerName: c.customerName,
        salespersonId: c.salespersonId,
        current: outcome(current, c),
        simulated: outcome(trial, draftInputs.find((d) => d.customerId === c.customerId) ?? c),
      }));
    return {
      period,
      currentVersion: current.version,
      rows,
      totals: { current: totalsOf(rows.map((r) => r.current)), simulated: totalsOf(rows.map((r) => r.simulated)) },
    };
  })(validatePolicy(draft));
