import type * as TE from 'fp-ts/TaskEither';
import type { CommandMeta } from '../../domain/shared/index.js';
import type { HandleOptions } from '../../store/index.js';
import { type CreditRequestChanged, changeCreditRequest } from './changeCreditRequest.js';
import type { CreditAppError, CreditDeps } from './requestCreditLimitChange.js';

export type WithdrawCreditLimitChangeInput = {
  requestId: string;
  expectedVersion?: number;
  /** `meta.reason` says why it is withdrawn. */
  meta: CommandMeta;
  options?: HandleOptions;
};

/** The requester takes back a pending request; the customer may then have a new one. */
export const withdrawCreditLimitChange =
  (deps: CreditDeps) =>
  (input: WithdrawCreditLimitChangeInput): TE.TaskEither<CreditAppError, CreditRequestChanged> =>
    changeCreditRequest(deps)({
      command: { type: 'WithdrawCreditLimitChange', data: { requestId: input.requestId }, meta: input.meta },
      expectedVersion: input.expectedVersion,
      options: input.options,
    });
