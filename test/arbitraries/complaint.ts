import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import {
  type ComplaintCommand,
  type ComplaintEvent,
  type ComplaintState,
  type ComplaintStep,
  type TimedComplaintEvent,
  complaintDecider,
} from '../../src/domain/complaint/index.js';
import type { Actor, Role } from '../../src/domain/shared/index.js';

export type StepName = ComplaintStep['step'];

/**
 * The manual's flow chart (客户投诉处理流程) and API.md's roles, written out here
 * independently of the domain's tables: the oracle the properties compare against.
 * `next` gives the state after an allowed step, or undefined when the step is not allowed.
 */
export const manualFlow = {
  next(state: string, action: ComplaintStep): string | undefined {
    switch (`${state}:${action.step}`) {
      case 'received:judge':
      case 'reopened:judge':
        return 'judged';
      case 'judged:assess':
        return action.step === 'assess' && action.problemFound ? 'assessed' : 'closed';
      case 'assessed:proposePlan':
        return 'planProposed';
      case 'planProposed:signOpinion':
        return 'opinionSigned';
      case 'opinionSigned:approve':
        return 'approved';
      case 'approved:negotiate':
      case 'negotiating:negotiate':
        return action.step === 'negotiate' && action.outcome === 'satisfied' ? 'customerSatisfied' : 'negotiating';
      case 'negotiating:litigate':
        return 'inLitigation';
      case 'customerSatisfied:execute':
      case 'inLitigation:concludeLitigation':
        return 'closed';
      case 'closed:reopen':
        return 'reopened';
      default:
        return undefined;
    }
  },
  roles: {
    judge: ['serviceClerk', 'salesAdminManager'],
    assess: ['serviceClerk', 'salesAdminManager'],
    proposePlan: ['serviceClerk'],
    signOpinion: ['salesAdminManager'],
    approve: ['salesGM', 'groupGM'],
    negotiate: ['serviceClerk', 'salesperson'],
    execute: ['serviceClerk'],
    litigate: ['salesGM', 'groupGM'],
    concludeLitigation: ['salesGM', 'groupGM'],
    reopen: ['salesAdminManager'],
  } as Record<StepName, Role[]>,
};

const text = fc.constantFrom('已与客户沟通', '客户提供了照片', '按合同处理', '质检复核');

export const stepArb: fc.Arbitrary<ComplaintStep> = fc.oneof(
  fc.record({ step: fc.constant('judge' as const), category: fc.constantFrom('quality' as const, 'nonQuality' as const) }),
  fc.record({ step: fc.constant('assess' as const), problemFound: fc.boolean(), explanation: text }, { requiredKeys: ['step', 'problemFound'] }),
  fc.record({ step: fc.constant('proposePlan' as const), plan: text, departments: fc.subarray(['质检部', '物流部', '生产部'], { minLength: 1 }) }),
  fc.record({ step: fc.constant('signOpinion' as const), opinion: text }),
  fc.record({ step: fc.constant('approve' as const), opinion: text }, { requiredKeys: ['step'] }),
  fc.record({ step: fc.constant('negotiate' as const), outcome: fc.constantFrom('satisfied' as const, 'notSatisfied' as const), notes: text }, { requiredKeys: ['step', 'outcome'] }),
  fc.record({ step: fc.constant('execute' as const), notes: text }, { requiredKeys: ['step'] }),
  fc.record({ step: fc.constant('litigate' as const), notes: text }, { requiredKeys: ['step'] }),
  fc.record({ step: fc.constant('concludeLitigation' as const), outcome: text, notes: text }, { requiredKeys: ['step', 'outcome'] }),
  fc.record({ step: fc.constant('reopen' as const), reason: text }),
);

const complaintRoles: Role[] = ['serviceClerk', 'salesperson', 'salesAdminManager', 'salesGM', 'groupGM', 'archiveClerk'];

export const actorArb: fc.Arbitrary<Actor> = fc
  .record({ n: fc.nat({ max: 20 }), roles: fc.subarray(complaintRoles, { minLength: 1, maxLength: 2 }) })
  .map(({ n, roles }) => ({ id: `u${n}`, name: `员工${n}`, roles }));

/** Either any step by anyone, or (more often) a step the flow allows by someone who may take it. */
const attemptArb = (guided: boolean, maxGapMinutes: number) =>
  fc.record({ action: stepArb, actor: actorArb, gapMinutes: fc.integer({ min: 1, max: maxGapMinutes }), guided: fc.constant(guided) });
export const attemptsArb = (maxLength: number, maxGapMinutes = 6 * 24 * 60, minLength = 0) =>
  fc.array(fc.oneof({ weight: 1, arbitrary: attemptArb(false, maxGapMinutes) }, { weight: 4, arbitrary: attemptArb(true, maxGapMinutes) }), { minLength, maxLength });
export type Attempt = { action: ComplaintStep; actor: Actor; gapMinutes: number; guided: boolean };

/** A guided attempt is bent, independently of the decider, into a step the manual's flow allows now. */
export const guide = (state: string, attempt: Attempt): Attempt => {
  if (!attempt.guided || manualFlow.next(state, attempt.action) !== undefined) return attempt;
  const allowed: ComplaintStep[] = [
    { step: 'judge', category: attempt.gapMinutes % 2 === 0 ? 'quality' : 'nonQuality' },
    { step: 'assess', problemFound: attempt.gapMinutes % 5 !== 0 },
    { step: 'proposePlan', plan: '补发', departments: ['质检部'] },
    { step: 'signOpinion', opinion: '同意' },
    { step: 'approve' },
    { step: 'negotiate', outcome: attempt.gapMinutes % 3 === 0 ? 'notSatisfied' : 'satisfied' },
    { step: 'litigate' },
    { step: 'execute' },
    { step: 'concludeLitigation', outcome: '胜诉' },
    { step: 'reopen', reason: '客户再次投诉' },
  ].filter((a) => manualFlow.next(state, a as ComplaintStep) !== undefined) as ComplaintStep[];
  const action = allowed[attempt.gapMinutes % allowed.length];
  if (action === undefined) return attempt;
  const roles = manualFlow.roles[action.step];
  return { ...attempt, action, actor: { ...attempt.actor, roles: [roles[attempt.gapMinutes % roles.length]!] } };
};

const receiver: Actor = { id: 'u-kf', name: '客服', roles: ['serviceClerk'] };

/** Runs a receipt and the attempts through `decide`, keeping the events with their effective times. */
export const runComplaint = (complaintId: string, customerId: string, receivedAtMs: number, attempts: readonly Attempt[]) => {
  let state: ComplaintState = complaintDecider.initialState;
  let modelState = 'received';
  const events: TimedComplaintEvent[] = [];
  const outcomes: { attempt: Attempt; refused: string | null; modelBefore: string; modelAfter: string; statusAfter: string }[] = [];
  const apply = (command: ComplaintCommand) => {
    const result = complaintDecider.decide(command, state);
    if (E.isRight(result)) {
      events.push(...result.right.map((e: ComplaintEvent) => ({ ...e, occurredAt: command.meta.at }) as TimedComplaintEvent));
      state = result.right.reduce(complaintDecider.evolve, state);
    }
    return result;
  };
  apply({ type: 'ReceiveComplaint', data: { complaintId, customerId, description: '货物破损', materials: [] }, meta: { actor: receiver, at: new Date(receivedAtMs).toISOString() } });
  let at = receivedAtMs;
  for (const raw of attempts) {
    const attempt = guide(modelState, raw);
    at += attempt.gapMinutes * 60_000;
    const modelBefore = modelState;
    const result = apply({ type: 'TakeComplaintStep', data: { complaintId, action: attempt.action }, meta: { actor: attempt.actor, at: new Date(at).toISOString() } });
    if (E.isRight(result)) modelState = manualFlow.next(modelState, attempt.action) ?? modelState;
    outcomes.push({ attempt, refused: E.isLeft(result) ? result.left.code : null, modelBefore, modelAfter: modelState, statusAfter: state.status });
  }
  return { events, state, outcomes };
};

const monthStart = Date.parse('2026-09-30T16:00:00.000Z'); // 2026-10 begins in Asia/Shanghai

/** Complaints received from mid-September to mid-November 2026 (Shanghai), for customers c0–c3. */
export const complaintHistoriesArb = fc.array(
  fc.record({
    complaintId: fc.uuid({ version: 4 }),
    customer: fc.nat({ max: 3 }),
    receivedAtMs: fc.integer({ min: monthStart - 15 * 86_400_000, max: monthStart + 45 * 86_400_000 }),
    attempts: attemptsArb(16, 24 * 60, 4),
  }),
  { maxLength: 10 },
).map((complaints) =>
  complaints.map((c) => runComplaint(c.complaintId, customerIdOf(c.customer), c.receivedAtMs, c.attempts).events),
);

export const customerIdOf = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
