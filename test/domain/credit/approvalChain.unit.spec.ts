import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import {
  type CreditRequestCommand,
  type CreditRequestEvent,
  type CreditRequestState,
  creditRequestDecider,
} from '../../../src/domain/credit/index.js';
import type { Actor } from '../../../src/domain/shared/index.js';
import { type CreditScenario, actionCommand, creditScenarioArb } from '../../arbitraries/credit.js';

/** The model: what the manual says should have happened so far, kept without the decider. */
type Model = { status: 'none' | 'pending' | 'approved' | 'rejected' | 'withdrawn'; steps: readonly string[]; signers: string[] };

/** The system: the decider's state, the events it emitted, and the customer's limit those events set. */
type Real = { scenario: CreditScenario; state: CreditRequestState; events: CreditRequestEvent[]; limit: string | null };

const apply = (real: Real, command: CreditRequestCommand) => {
  const decider = creditRequestDecider(real.scenario.routing);
  const result = decider.decide(command, real.state);
  if (E.isRight(result)) {
    real.events.push(...result.right);
    real.state = result.right.reduce(decider.evolve, real.state);
    for (const e of result.right) if (e.type === 'CreditLimitChangeApproved') real.limit = e.data.newLimit;
  }
  return result;
};

/** The invariants that hold after any sequence of decisions. */
const checkInvariants = (model: Model, real: Real) => {
  const { scenario, events, limit } = real;
  const approvals = events.filter((e) => e.type === 'CreditLimitChangeStepApproved');
  const ended = events.some((e) => e.type === 'CreditLimitChangeRejected' || e.type === 'CreditLimitChangeWithdrawn');
  if (limit !== null) {
    // The limit changed: every required step was approved, in order, by distinct people
    // holding that step's role, none of them the requester, and nothing ended it before.
    expect(ended).toBe(false);
    expect(approvals.map((a) => a.data.role)).toEqual(model.steps);
    const signers = approvals.map((a) => a.data.approver.id);
    expect(new Set(signers).size).toBe(signers.length);
    expect(signers).not.toContain(scenario.requester.id);
    approvals.forEach((a) => expect(scenario.users.find((u) => u.id === a.data.approver.id)?.roles).toContain(a.data.role));
    expect(events.at(-1)?.type).toBe('CreditLimitChangeApproved');
  }
  if (ended) expect(limit).toBeNull();
  expect(limit !== null).toBe(model.status === 'approved');
  expect(real.state.status).toBe(model.status === 'none' ? 'notRequested' : model.status);
};

class Decide implements fc.Command<Model, Real> {
  constructor(readonly user: number, readonly reject: boolean) {}
  check = () => true;
  run(model: Model, real: Real) {
    const actor: Actor = real.scenario.users[this.user]!;
    const result = apply(real, actionCommand(real.scenario, { kind: 'decide', user: this.user, reject: this.reject }, real.events.length + 1));
    const next = model.steps[model.signers.length];
    const expected =
      model.status !== 'pending' ? 'RequestNotPending'
      : !actor.roles.includes(next as never) ? 'RoleNotAllowed'
      : actor.id === real.scenario.requester.id ? 'ApproverIsRequester'
      : model.signers.includes(actor.id) ? 'ApproverAlreadyDecided'
      : 'accepted';
    expect(E.isLeft(result) ? result.left.code : 'accepted').toBe(expected);
    if (expected === 'accepted') {
      if (this.reject) model.status = 'rejected';
      else {
        model.signers.push(actor.id);
        if (model.signers.length === model.steps.length) model.status = 'approved';
      }
    }
    checkInvariants(model, real);
  }
  toString = () => `${this.reject ? 'reject' : 'approve'} by u${this.user}`;
}

class Withdraw implements fc.Command<Model, Real> {
  constructor(readonly user: number) {}
  check = () => true;
  run(model: Model, real: Real) {
    const actor = real.scenario.users[this.user]!;
    const result = apply(real, actionCommand(real.scenario, { kind: 'withdraw', user: this.user, reject: false }, real.events.length + 1));
    const expected =
      actor.id !== real.scenario.requester.id ? 'NotTheRequester'
      : model.status === 'withdrawn' ? 'accepted'
      : model.status !== 'pending' ? 'RequestNotPending'
      : 'accepted';
    expect(E.isLeft(result) ? result.left.code : 'accepted').toBe(expected);
    if (expected === 'accepted') model.status = 'withdrawn';
    checkInvariants(model, real);
  }
  toString = () => `withdraw by u${this.user}`;
}

const decideArb = (scenario: CreditScenario) =>
  fc
    .record({ user: fc.nat({ max: scenario.users.length - 1 }), reject: fc.nat({ max: 9 }).map((n) => n === 0) })
    .map(({ user, reject }) => new Decide(user, reject));

const outcomes = { approved: 0, rejected: 0, withdrawn: 0, pending: 0 };

describe('an approval chain under any sequence of decisions by anyone', () => {
  test('changes the limit only after every step is approved by distinct people of the right roles, never the requester', () => {
    fc.assert(
      fc.property(
        creditScenarioArb.chain((scenario) =>
          fc.record({
            scenario: fc.constant(scenario),
            // Decisions come four times as often as withdrawals, so that chains complete.
            commands: fc.commands(
              [
                ...Array.from({ length: 4 }, () => decideArb(scenario)),
                fc.nat({ max: scenario.users.length - 1 }).map((user) => new Withdraw(user)),
              ],
              { maxCommands: 25 },
            ),
          }),
        ),
        ({ scenario, commands }) => {
          const real: Real = { scenario, state: { status: 'notRequested' }, events: [], limit: null };
          const opened = apply(real, {
            type: 'RequestCreditLimitChange',
            data: {
              requestId: scenario.requestId,
              customerId: scenario.customerId,
              customer: { name: '测试客户', salespersonId: scenario.requester.id, grade: null, address: null, contact: null },
              currentLimit: scenario.currentLimit,
              proposedLimit: scenario.proposedLimit,
            },
            meta: { actor: scenario.requester, at: '2026-10-01T00:00:00.000Z', reason: '调整' },
          });
          fc.pre(E.isRight(opened)); // an unchanged limit is refused before any chain exists
          const steps = real.state.status === 'pending' ? real.state.request.requiredSteps : [];
          const model: Model = { status: 'pending', steps, signers: [] };
          fc.modelRun(() => ({ model, real }), commands);
          outcomes[real.state.status as keyof typeof outcomes] += 1;
        },
      ),
      { numRuns: 300 },
    );
  });

  afterAll(() => {
    // The property is only worth something if the generated sequences reach every ending.
    expect(outcomes.approved).toBeGreaterThan(5);
    expect(outcomes.rejected).toBeGreaterThan(5);
    expect(outcomes.withdrawn).toBeGreaterThan(5);
  });
});
