import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  CreditLimitChangeApproved,
  CreditLimitChangeRejected,
  CreditLimitChangeRequested,
  CreditLimitChangeStepApproved,
  CreditLimitChangeWithdrawn,
  creditEventTypes,
  creditRequestDecider,
  evolveCreditRequest,
  initialCreditRequestState,
} from '../../../src/domain/credit/index.js';
import { actionCommand, actionArb, creditHistoryArb } from '../../arbitraries/credit.js';

const schemas = {
  CreditLimitChangeRequested,
  CreditLimitChangeStepApproved,
  CreditLimitChangeRejected,
  CreditLimitChangeApproved,
  CreditLimitChangeWithdrawn,
};

describe('any reachable credit request', () => {
  it.prop([creditHistoryArb], { numRuns: 200 })('has events that are valid and survive a JSON round trip', ({ events }) => {
    for (const event of events) {
      expect(JSON.parse(JSON.stringify(event))).toEqual(event);
      expect(schemas[event.type].parse(event)).toEqual(event);
      expect(creditEventTypes.find((t) => t.type === event.type)?.data.parse(event.data)).toEqual(event.data);
    }
  });

  it.prop([creditHistoryArb], { numRuns: 200 })('keeps its invariants in every state it passes through', ({ events, scenario }) => {
    let state = initialCreditRequestState;
    for (const [i, event] of events.entries()) {
      state = evolveCreditRequest(state, event);
      if (state.status === 'notRequested') continue;
      const { requiredSteps, requester } = state.request;
      const signers = state.approvals.map((a) => a.approver.id);
      expect(state.approvals.map((a) => a.role)).toEqual(requiredSteps.slice(0, state.approvals.length));
      expect(new Set(signers).size).toBe(signers.length);
      expect(signers).not.toContain(requester.id);
      expect(requester.id).toBe(scenario.requester.id);
      // The last step's approval and the change taking effect are one decision, two events.
      if (state.status === 'pending' && state.approvals.length === requiredSteps.length) expect(events[i + 1]?.type).toBe('CreditLimitChangeApproved');
      if (state.status === 'approved') expect(state.approvals).toHaveLength(requiredSteps.length);
    }
  });

  it.prop([creditHistoryArb.chain((h) => fc.tuple(fc.constant(h), actionArb(h.scenario.users)))], { numRuns: 200 })(
    'decides the same command the same way twice',
    ([{ scenario, state }, action]) => {
      const decider = creditRequestDecider(scenario.routing);
      const command = actionCommand(scenario, action, 99);
      expect(decider.decide(command, state)).toEqual(decider.decide(command, state));
    },
  );

  it.prop([fc.array(creditHistoryArb, { minLength: 1, maxLength: 3 }).chain((hs) => fc.shuffledSubarray(hs.flatMap((h) => h.events)))], { numRuns: 200 })(
    'evolves over any events in any order without failing (evolve is total)',
    (events) => {
      expect(() => events.reduce(evolveCreditRequest, initialCreditRequestState)).not.toThrow();
      expect(evolveCreditRequest(initialCreditRequestState, { type: 'SomethingElse', data: {} } as never)).toBe(initialCreditRequestState);
    },
  );
});
