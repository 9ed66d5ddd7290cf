import type * as TE from 'fp-ts/TaskEither';
import type { ComplaintStep } from '../../domain/complaint/index.js';
import { type CommandMeta, assertNever } from '../../domain/shared/index.js';
import type { HandleOptions } from '../../store/index.js';
import type { ComplaintDeps } from './receiveComplaint.js';
import { type ComplaintAppError, type ComplaintChanged, runComplaintCommand } from './runComplaintCommand.js';

export type TakeComplaintStepInput = {
  complaintId: string;
  action: ComplaintStep;
  expectedVersion?: number;
  meta: CommandMeta;
  options?: HandleOptions;
};

/** The text a step carries that says why it was taken: its opinion, explanation, plan or notes. */
const writtenWhy = (action: ComplaintStep): string | undefined => {
  switch (action.step) {
    case 'reopen':
      return action.reason;
    case 'signOpinion':
      return action.opinion;
    case 'proposePlan':
      return action.plan;
    case 'assess':
      return action.explanation;
    case 'approve':
      return action.opinion;
    case 'concludeLitigation':
      return action.notes ?? action.outcome;
    case 'negotiate':
    case 'execute':
    case 'litigate':
      return action.notes;
    case 'judge':
      return undefined;
    default:
      return assertNever(action);
  }
};

/**
 * One step of 客户投诉处理流程. API.md makes the reason optional for steps: the event
 * keeps the given reason, else the step's own written text; a step with neither (a
 * bare judgement) is recorded without one.
 */
export const takeComplaintStep =
  (deps: ComplaintDeps) =>
  (input: TakeComplaintStepInput): TE.TaskEither<ComplaintAppError, ComplaintChanged> => {
    const reason = input.meta.reason?.trim() || writtenWhy(input.action)?.trim() || undefined;
    return runComplaintCommand(
      deps.store,
      { type: 'TakeComplaintStep', data: { complaintId: input.complaintId, action: input.action }, meta: { ...input.meta, reason } },
      input.expectedVersion,
      { ...input.options, reasonRequired: reason !== undefined },
    );
  };
