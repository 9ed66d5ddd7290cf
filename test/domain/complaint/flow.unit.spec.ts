import { fc, it } from '@fast-check/vitest';
import { afterAll, describe, expect } from 'vitest';
import {
  ComplaintAssessed,
  ComplaintClosed,
  ComplaintJudged,
  ComplaintLitigationConcluded,
  ComplaintLitigationStarted,
  ComplaintNegotiated,
  ComplaintOpinionSigned,
  ComplaintPlanApproved,
  ComplaintPlanExecuted,
  ComplaintPlanProposed,
  ComplaintReceived,
  ComplaintReopened,
  complaintDecider,
  evolveComplaint,
  initialComplaintState,
} from '../../../src/domain/complaint/index.js';
import { attemptsArb, manualFlow, runComplaint, stepArb, actorArb } from '../../arbitraries/complaint.js';

const complaintId = '7e6d5c4b-3a29-4181-9f0e-d1c2b3a49586';
const customerId = '5d3c2b1a-0f9e-4d8c-8b7a-6a5f4e3d2c1b';
const start = Date.parse('2026-10-01T00:00:00Z');
const reached = new Set<string>();

const schemas = {
  ComplaintReceived,
  ComplaintJudged,
  ComplaintAssessed,
  ComplaintPlanProposed,
  ComplaintOpinionSigned,
  ComplaintPlanApproved,
  ComplaintNegotiated,
  ComplaintPlanExecuted,
  ComplaintLitigationStarted,
  ComplaintLitigationConcluded,
  ComplaintClosed,
  ComplaintReopened,
};

describe('a complaint under any sequence of steps by anyone', () => {
  it.prop([attemptsArb(30)], { numRuns: 300 })('follows the manual’s graph, or refuses the step with the rule it breaks', (attempts) => {
    const { outcomes } = runComplaint(complaintId, customerId, start, attempts);
    for (const { attempt, refused, modelBefore, modelAfter, statusAfter } of outcomes) {
      const mayTake = attempt.actor.roles.some((r) => manualFlow.roles[attempt.action.step].includes(r));
      const next = manualFlow.next(modelBefore, attempt.action);
      expect(refused).toBe(!mayTake ? 'RoleNotAllowed' : next === undefined ? 'StepOutOfOrder' : null);
      expect(statusAfter).toBe(refused === null ? next : modelBefore);
      expect(modelAfter).toBe(statusAfter);
      reached.add(statusAfter);
    }
  });

  it.prop([attemptsArb(20)], { numRuns: 200 })('writes events that are valid and survive a JSON round trip', (attempts) => {
    const { events } = runComplaint(complaintId, customerId, start, attempts);
    for (const { occurredAt: _, ...event } of events) {
      expect(JSON.parse(JSON.stringify(event))).toEqual(event);
      expect(schemas[event.type].parse(event)).toEqual(event);
    }
  });

  it.prop([attemptsArb(20), stepArb, actorArb], { numRuns: 200 })('decides the same step the same way twice', (attempts, action, actor) => {
    const { state } = runComplaint(complaintId, customerId, start, attempts);
    const command = { type: 'TakeComplaintStep' as const, data: { complaintId, action }, meta: { actor, at: '2027-01-01T00:00:00Z' } };
    expect(complaintDecider.decide(command, state)).toEqual(complaintDecider.decide(command, state));
  });

  it.prop([fc.array(attemptsArb(15), { minLength: 1, maxLength: 3 }).chain((runs) =>
    fc.shuffledSubarray(runs.flatMap((a) => runComplaint(complaintId, customerId, start, a).events)),
  )], { numRuns: 200 })('evolves over any events in any order without failing (evolve is total)', (events) => {
    expect(() => events.reduce(evolveComplaint, initialComplaintState)).not.toThrow();
  });

  afterAll(() => {
    // Worth something only if the generated runs visit every state of the flow.
    expect([...reached].sort()).toEqual(
      ['received', 'judged', 'assessed', 'planProposed', 'opinionSigned', 'approved', 'negotiating', 'customerSatisfied', 'inLitigation', 'closed', 'reopened'].sort(),
    );
  });
});
