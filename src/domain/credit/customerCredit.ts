import * as E from 'fp-ts/Either';
import { type Decider, assertNever } from '../shared/index.js';
import type { CustomerCreditCommand } from './commands.js';
import type { CustomerCreditError } from './errors.js';
import type { CustomerCreditEvent } from './events.js';
import { type CustomerCreditState, initialCustomerCreditState } from './state.js';

type Result = E.Either<CustomerCreditError, CustomerCreditEvent[]>;

/**
 * One pending request per customer. The app appends this stream in the same
 * transaction as the request stream, at the version it read, so two concurrent
 * requests cannot both open: the loser's append conflicts, and deciding again on the
 * fresh state refuses it.
 */
export const decideCustomerCredit = (command: CustomerCreditCommand, state: CustomerCreditState): Result => {
  const { customerId, requestId } = command.data;
  switch (command.type) {
    case 'OpenCreditRequest':
      if (state.status === 'free') return E.right([{ type: 'CreditRequestOpened', data: { customerId, requestId } }]);
      return state.requestId === requestId
        ? E.right([])
        : E.left({
            code: 'PendingRequestExists',
            message: `credit request ${state.requestId} for this customer is still pending; it must be decided or withdrawn first`,
          });
    case 'CloseCreditRequest':
      // Only the pending request closes the lock; closing any other is a repeat.
      return state.status === 'held' && state.requestId === requestId
        ? E.right([{ type: 'CreditRequestClosed', data: { customerId, requestId, outcome: command.data.outcome } }])
        : E.right([]);
    default:
      return assertNever(command);
  }
};

export const evolveCustomerCredit = (state: CustomerCreditState, event: CustomerCreditEvent): CustomerCreditState => {
  switch (event.type) {
    case 'CreditRequestOpened':
      return { status: 'held', requestId: event.data.requestId };
    case 'CreditRequestClosed':
      return state.status === 'held' && state.requestId === event.data.requestId ? { status: 'free' } : state;
    default:
      return unknownEvent(event, state);
  }
};

/** Exhaustive when compiled; at run time an event of another type changes nothing. */
const unknownEvent = <S>(_event: never, state: S): S => state;

export const customerCreditDecider: Decider<CustomerCreditCommand, CustomerCreditState, CustomerCreditEvent, CustomerCreditError> = {
  decide: decideCustomerCredit,
  evolve: evolveCustomerCredit,
  initialState: initialCustomerCreditState,
};
