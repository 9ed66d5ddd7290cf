import type * as TE from 'fp-ts/TaskEither';
import type { CreditDecision } from '../../domain/credit/index.js';
import type { CommandMeta } from '../../domain/shared/index.js';
import type { HandleOptions } from '../../store/index.js';
import { type CreditRequestChanged, changeCreditRequest } from './changeCreditRequest.js';
import type { CreditAppError, CreditDeps } from './requestCreditLimitChange.js';

export type DecideCreditLimitChangeInput = {
  requestId: string;
  decision: CreditDecision;
  /** 审核意见: also the written reason of the decision when `meta.reason` is absent. */
  opinion: string;
  expectedVersion?: number;
  meta: CommandMeta;
  options?: HandleOptions;
};

/** The next step's approver approves or rejects; the last approval makes the new limit take effect. */
export const decideCreditLimitChange =
  (deps: CreditDeps) =>
  (input: DecideCreditLimitChangeInput): TE.TaskEither<CreditAppError, CreditRequestChanged> =>
    changeCreditRequest(deps)({
      command: {
        type: 'DecideCreditLimitChange',
        data: { requestId: input.requestId, decision: input.decision, opinion: input.opinion },
        meta: { ...input.meta, reason: input.meta.reason?.trim() || input.opinion },
      },
      expectedVersion: input.expectedVersion,
      options: input.options,
    });
