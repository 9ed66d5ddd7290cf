import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { assertNever, requireRole } from '../shared/index.js';
import type { ComplaintCommand, ComplaintStep, ReceiveComplaint, TakeComplaintStep } from './commands.js';
import type { ComplaintError } from './errors.js';
import type { ComplaintEvent } from './events.js';
import { type ComplaintState, allowedSteps, receiverRoles, stepRoles } from './state.js';

type Result = E.Either<ComplaintError, ComplaintEvent[]>;

const receive = (c: ReceiveComplaint, state: ComplaintState): Result => {
  if (state.status !== 'notReceived')
    // The same complaint recorded twice (a client retry) is a repeat; anything else is a clash of ids.
    return state.complaint.customerId === c.data.customerId && state.complaint.receivedAt === c.meta.at
      ? E.right([])
      : E.left({ code: 'ComplaintAlreadyReceived', message: `complaint ${c.data.complaintId} was already recorded` });
  return pipe(
    requireRole(c.meta.actor, receiverRoles, 'recording a complaint (接到客户投诉)'),
    E.map((): ComplaintEvent[] => [
      {
        type: 'ComplaintReceived',
        data: {
          complaintId: c.data.complaintId,
          customerId: c.data.customerId,
          description: c.data.description,
          receivedAt: c.meta.at,
          materials: c.data.materials,
        },
      },
    ]),
  );
};

/** The events one allowed step produces; the steps that end the flow add `ComplaintClosed`. */
const eventsOf = (complaintId: string, action: ComplaintStep): ComplaintEvent[] => {
  switch (action.step) {
    case 'judge':
      return [{ type: 'ComplaintJudged', data: { complaintId, category: action.category } }];
    case 'assess':
      return [
        { type: 'ComplaintAssessed', data: { complaintId, problemFound: action.problemFound, ...optional('explanation', action.explanation) } },
        ...(action.problemFound ? [] : [closed(complaintId, 'noProblem')]),
      ];
    case 'proposePlan':
      return [{ type: 'ComplaintPlanProposed', data: { complaintId, plan: action.plan, departments: action.departments } }];
    case 'signOpinion':
      return [{ type: 'ComplaintOpinionSigned', data: { complaintId, opinion: action.opinion } }];
    case 'approve':
      return [{ type: 'ComplaintPlanApproved', data: { complaintId, ...optional('opinion', action.opinion) } }];
    case 'negotiate':
      return [{ type: 'ComplaintNegotiated', data: { complaintId, outcome: action.outcome, ...optional('notes', action.notes) } }];
    case 'execute':
      return [{ type: 'ComplaintPlanExecuted', data: { complaintId, ...optional('notes', action.notes) } }, closed(complaintId, 'planExecuted')];
    case 'litigate':
      return [{ type: 'ComplaintLitigationStarted', data: { complaintId, ...optional('notes', action.notes) } }];
    case 'concludeLitigation':
      return [
        { type: 'ComplaintLitigationConcluded', data: { complaintId, outcome: action.outcome, ...optional('notes', action.notes) } },
        closed(complaintId, 'litigationConcluded'),
      ];
    case 'reopen':
      return [{ type: 'ComplaintReopened', data: { complaintId, reason: action.reason } }];
    default:
      return assertNever(action);
  }
};

const closed = (complaintId: string, resolution: 'noProblem' | 'planExecuted' | 'litigationConcluded'): ComplaintEvent => ({
  type: 'ComplaintClosed',
  data: { complaintId, resolution },
});

/** Optional texts stay absent rather than `undefined`, so events survive a JSON round trip unchanged. */
const optional = <K extends string>(key: K, value: string | undefined): { [P in K]?: string } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };

/** The step must be one the manual's graph allows from the current state, by a role that takes it. */
const takeStep = (c: TakeComplaintStep, state: ComplaintState): Result => {
  const { complaintId, action } = c.data;
  if (state.status === 'notReceived') return E.left({ code: 'ComplaintNotFound', message: `no complaint ${complaintId}` });
  const allowed = allowedSteps[state.status];
  return pipe(
    requireRole(c.meta.actor, stepRoles[action.step], `the complaint step "${action.step}"`),
    E.flatMap((): Result => {
      if (!allowed.includes(action.step))
        return E.left({
          code: 'StepOutOfOrder',
          message: `the complaint is ${state.status}: "${action.step}" is out of order; allowed now: ${allowed.join(', ')}`,
          status: state.status,
          allowedSteps: allowed,
        });
      if (action.step === 'reopen' && action.reason.trim() === '')
        return E.left({ code: 'ReasonRequired', message: 'reopening a complaint states why (reason is empty)' });
      return E.right(eventsOf(complaintId, action));
    }),
  );
};

export const decideComplaint = (command: ComplaintCommand, state: ComplaintState): Result => {
  switch (command.type) {
    case 'ReceiveComplaint':
      return receive(command, state);
    case 'TakeComplaintStep':
      return takeStep(command, state);
    default:
      return assertNever(command);
  }
};
