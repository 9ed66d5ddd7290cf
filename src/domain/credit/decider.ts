import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import {
  type Actor,
  type Decider,
  type Role,
  assertNever,
  managerRoles,
  normalizeMoney,
  requireReason,
  requireRole,
  roleLabels,
} from '../shared/index.js';
import type {
  CreditRequestCommand,
  DecideCreditLimitChange,
  RequestCreditLimitChange,
  WithdrawCreditLimitChange,
} from './commands.js';
import type { CreditRequestError } from './errors.js';
import type { CreditRequestEvent, Person } from './events.js';
import { type CreditRouting, routeCreditChange } from './routing.js';
import { type CreditRequestState, initialCreditRequestState } from './state.js';

/** API.md: who may fill in a 客户信用额度变更申请表. */
export const creditRequesterRoles: readonly Role[] = ['salesperson', 'archiveClerk', ...managerRoles];

type Result = E.Either<CreditRequestError, CreditRequestEvent[]>;

const person = (actor: Actor): Person => ({ id: actor.id, name: actor.name });

const isSameRequest = (state: Exclude<CreditRequestState, { status: 'notRequested' }>, c: RequestCreditLimitChange) =>
  state.request.requestId === c.data.requestId &&
  state.request.customerId === c.data.customerId &&
  state.request.proposedLimit === normalizeMoney(c.data.proposedLimit) &&
  state.request.requester.id === c.meta.actor.id;

const request = (routing: CreditRouting, routingPolicyVersion: number, c: RequestCreditLimitChange, state: CreditRequestState): Result => {
  if (state.status !== 'notRequested')
    return isSameRequest(state, c)
      ? E.right([])
      : E.left({ code: 'RequestAlreadyExists', message: `credit request ${c.data.requestId} already exists` });
  const originalLimit = normalizeMoney(c.data.currentLimit ?? '0');
  const proposedLimit = normalizeMoney(c.data.proposedLimit);
  return pipe(
    E.Do,
    E.bindW('actor', () => requireRole(c.meta.actor, creditRequesterRoles, 'requesting a credit-limit change (信用额度变更申请)')),
    E.bindW('reason', () => requireReason(c.meta)),
    E.tap(() =>
      originalLimit === proposedLimit
        ? E.left<CreditRequestError>({ code: 'LimitUnchanged', message: `the proposed limit equals the current one (${originalLimit} 元)` })
        : E.right(undefined),
    ),
    E.bindW('route', () => routeCreditChange(routing, originalLimit, proposedLimit)),
    E.map(({ actor, reason, route }): CreditRequestEvent[] => [
      {
        type: 'CreditLimitChangeRequested',
        data: {
          requestId: c.data.requestId,
          customerId: c.data.customerId,
          customer: c.data.customer,
          originalLimit,
          proposedLimit,
          direction: route.direction,
          reason,
          requester: person(actor),
          requiredSteps: route.steps,
          routingPolicyVersion,
          requestedAt: c.meta.at,
        },
      },
    ]),
  );
};

const notFound = (requestId: string): Result => E.left({ code: 'RequestNotFound', message: `no credit request ${requestId}` });

const notPending = (status: string): Result =>
  E.left({ code: 'RequestNotPending', message: `the request is ${status}: it takes no more decisions` });

/**
 * Segregation of duties (DOMAIN.md §1 [default]): only the next step's role decides,
 * never the requester, and nobody decides two steps of one request.
 */
const decideStep = (c: DecideCreditLimitChange, state: CreditRequestState): Result => {
  if (state.status === 'notRequested') return notFound(c.data.requestId);
  if (state.status !== 'pending') return notPending(state.status);
  const { request: req, approvals } = state;
  const step = approvals.length + 1;
  const role = req.requiredSteps[approvals.length]!;
  const actor = c.meta.actor;
  return pipe(
    requireRole(actor, [role], `step ${step} of this request (${roleLabels[role]}审核意见)`),
    E.flatMap((): Result => {
      if (actor.id === req.requester.id)
        return E.left({ code: 'ApproverIsRequester', message: `${actor.name} requested this change and may not decide it` });
      if (approvals.some((a) => a.approver.id === actor.id))
        return E.left({ code: 'ApproverAlreadyDecided', message: `${actor.name} already decided a step of this request; another person must decide step ${step}` });
      const decision = { requestId: req.requestId, step, role, approver: person(actor), opinion: c.data.opinion, decidedAt: c.meta.at };
      if (c.data.decision === 'reject')
        return E.right([{ type: 'CreditLimitChangeRejected', data: { ...decision, customerId: req.customerId } }]);
      const isLast = step === req.requiredSteps.length;
      return E.right([
        { type: 'CreditLimitChangeStepApproved', data: decision },
        ...(isLast
          ? [{
              type: 'CreditLimitChangeApproved' as const,
              data: { requestId: req.requestId, customerId: req.customerId, originalLimit: req.originalLimit, newLimit: req.proposedLimit, effectiveAt: c.meta.at },
            }]
          : []),
      ]);
    }),
  );
};

/** The requester may take back a pending request; withdrawing it again changes nothing. */
const withdraw = (c: WithdrawCreditLimitChange, state: CreditRequestState): Result => {
  if (state.status === 'notRequested') return notFound(c.data.requestId);
  if (c.meta.actor.id !== state.request.requester.id)
    return E.left({ code: 'NotTheRequester', message: `only ${state.request.requester.name}, who requested it, may withdraw this request` });
  if (state.status === 'withdrawn') return E.right([]);
  if (state.status !== 'pending') return notPending(state.status);
  return pipe(
    requireReason(c.meta),
    E.map((): CreditRequestEvent[] => [
      {
        type: 'CreditLimitChangeWithdrawn',
        data: { requestId: state.request.requestId, customerId: state.request.customerId, withdrawnBy: person(c.meta.actor), withdrawnAt: c.meta.at },
      },
    ]),
  );
};

export const decideCreditRequest =
  (routing: CreditRouting, routingPolicyVersion = 0) =>
  (command: CreditRequestCommand, state: CreditRequestState): Result => {
    switch (command.type) {
      case 'RequestCreditLimitChange':
        return request(routing, routingPolicyVersion, command, state);
      case 'DecideCreditLimitChange':
        return decideStep(command, state);
      case 'WithdrawCreditLimitChange':
        return withdraw(command, state);
      default:
        return assertNever(command);
    }
  };

/** Exhaustive when compiled; at run time an event of another type changes nothing. */
const unknownEvent = <S>(_event: never, state: S): S => state;

/** Total: an event that does not fit the state (it cannot come from `decide`) leaves it unchanged. */
export const evolveCreditRequest = (state: CreditRequestState, event: CreditRequestEvent): CreditRequestState => {
  switch (event.type) {
    case 'CreditLimitChangeRequested':
      return state.status === 'notRequested' ? { status: 'pending', request: event.data, approvals: [] } : state;
    case 'CreditLimitChangeStepApproved':
      return state.status === 'pending' ? { ...state, approvals: [...state.approvals, event.data] } : state;
    case 'CreditLimitChangeRejected':
      return state.status === 'pending' ? { ...state, status: 'rejected', rejection: event.data } : state;
    case 'CreditLimitChangeApproved':
      return state.status === 'pending' ? { ...state, status: 'approved', effectiveAt: event.data.effectiveAt } : state;
    case 'CreditLimitChangeWithdrawn':
      return state.status === 'pending'
        ? { ...state, status: 'withdrawn', withdrawnBy: event.data.withdrawnBy, withdrawnAt: event.data.withdrawnAt }
        : state;
    default:
      return unknownEvent(event, state);
  }
};

/** Requests routed by `routing`, recorded as the routing policy's version `routingPolicyVersion`. */
export const creditRequestDecider = (
  routing: CreditRouting,
  routingPolicyVersion = 0,
): Decider<CreditRequestCommand, CreditRequestState, CreditRequestEvent, CreditRequestError> => ({
  decide: decideCreditRequest(routing, routingPolicyVersion),
  evolve: evolveCreditRequest,
  initialState: initialCreditRequestState,
});
