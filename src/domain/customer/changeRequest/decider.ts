import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { assertNever, type Decider, requireReason, requireRole, type Role, staffRoles } from '../../shared/index.js';
import { diffArchive, withoutEmpty } from '../changes.js';
import type { CustomerCommand } from '../commands.js';
import { leavingConsistent } from '../decide/consistency.js';
import { personOf, registered } from '../decide/guards.js';
import type { ArchiveFieldsChanged, CustomerEvent } from '../events.js';
import { decideCustomer } from '../decider.js';
import { evolveCustomer } from '../evolve.js';
import { sameValue } from '../fields/index.js';
import { type CustomerState, initialCustomerState, type RegisteredCustomer } from '../state.js';
import type { ChangeRequestCommand, DecideChangeRequest, ProposeChange, ProposedDirectChanges } from './commands.js';
import type { ChangeRequestError } from './errors.js';
import type { ChangeRequestEvent, ChangeRequestRejected, ChangeRequested } from './events.js';
import type { ChangeRequest, ChangeRequestState } from './state.js';

/** Everyone on the staff but the archive clerk, who changes the archive directly. */
export const proposerRoles: readonly Role[] = staffRoles.filter((r) => r !== 'archiveClerk');

export type ChangeRequestDeciderEvent = ChangeRequestEvent | CustomerEvent;

const propose = (command: ProposeChange, state: ChangeRequestState): E.Either<ChangeRequestError, ChangeRequested[]> =>
  pipe(
    requireRole(command.meta.actor, proposerRoles, 'proposing an archive change'),
    E.flatMap((): E.Either<ChangeRequestError, unknown> => requireReason(command.meta)),
    E.flatMap((): E.Either<ChangeRequestError, RegisteredCustomer> =>
      state.request.status === 'none'
        ? registered(state.customer, command.data.customerId)
        : E.left({ code: 'ChangeRequestAlreadyExists', message: `change request ${command.data.requestId} already exists` }),
    ),
    E.flatMap((customer): E.Either<ChangeRequestError, ChangeRequested[]> => {
      const { status, salespersonId, validUntil, contacts, ...fields } = command.data.changes;
      const alsoProposed = withoutEmpty({ status, salespersonId, validUntil, contacts });
      const changes = diffArchive(customer.archive, fields);
      if (changes.length === 0 && Object.keys(alsoProposed).length === 0) {
        return E.left({
          code: 'ChangeRequestChangesNothing',
          message: `the archive of ${customer.archive.name} already holds every value this request proposes`,
        });
      }
      const { requestId, customerId } = command.data;
      // A request the archive clerk could never apply is refused now, not at its decision.
      const refused = leavingConsistent(customer, [{ type: 'ArchiveFieldsChanged', data: { customerId, changes } }]);
      if (E.isLeft(refused)) return refused;
      return E.right([
        {
          type: 'ChangeRequested',
          data: {
            requestId,
            customerId,
            changes,
            ...(Object.keys(alsoProposed).length === 0 ? {} : { alsoProposed }),
            requestedBy: personOf(command.meta.actor),
            at: command.meta.at,
          },
        },
      ]);
    }),
  );

/** Fields whose value moved since the request was made. */
const staleFields = (customer: RegisteredCustomer, request: { changes: ArchiveFieldsChanged['data']['changes'] }) =>
  request.changes.filter((c) => !sameValue(customer.archive[c.field] ?? null, c.from)).map((c) => c.field);

/** The clerk's own commands a request's `alsoProposed` stands for, in the order the clerk would give them. */
const directCommands = (customerId: string, proposed: ProposedDirectChanges, meta: DecideChangeRequest['meta']): CustomerCommand[] => [
  ...(proposed.status === undefined ? [] : [{ type: 'ChangeStatus' as const, data: { customerId, status: proposed.status }, meta }]),
  ...(proposed.salespersonId === undefined
    ? []
    : [{ type: 'ReassignSalesperson' as const, data: { customerId, salespersonId: proposed.salespersonId }, meta }]),
  ...(proposed.validUntil === undefined ? [] : [{ type: 'RenewValidity' as const, data: { customerId, validUntil: proposed.validUntil }, meta }]),
  ...(proposed.contacts?.add ?? []).map((contact) => ({ type: 'AddContact' as const, data: { customerId, contact }, meta })),
  ...(proposed.contacts?.change ?? []).map((c) => ({ type: 'ChangeContact' as const, data: { customerId, ...c }, meta })),
  ...(proposed.contacts?.remove ?? []).map((contactId) => ({ type: 'RemoveContact' as const, data: { customerId, contactId }, meta })),
];

/** Each command decided by the customer decider on the archive the previous ones left: the first refusal refuses them all. */
const decideInTurn = (commands: readonly CustomerCommand[], state: CustomerState): E.Either<ChangeRequestError, CustomerEvent[]> =>
  pipe(
    commands.reduce<E.Either<ChangeRequestError, { state: CustomerState; events: CustomerEvent[] }>>(
      (acc, command) =>
        pipe(
          acc,
          E.flatMap((done) =>
            pipe(
              decideCustomer(command, done.state),
              E.map((events) => ({ state: events.reduce(evolveCustomer, done.state), events: [...done.events, ...events] })),
            ),
          ),
        ),
      E.right({ state, events: [] }),
    ),
    E.map(({ events }) => events),
  );

const apply = (
  command: DecideChangeRequest,
  request: Extract<ChangeRequest, { status: 'pending' }>,
  customer: RegisteredCustomer,
): E.Either<ChangeRequestError, ChangeRequestDeciderEvent[]> => {
  if (request.requestedBy.id === command.meta.actor.id) {
    return E.left({
      code: 'ApproverIsRequester',
      message: `${command.meta.actor.name} asked for this change and cannot also apply it`,
    });
  }
  const stale = staleFields(customer, request);
  if (stale.length > 0) {
    return E.left({
      code: 'ChangeRequestIsStale',
      message: `${stale.join(', ')} changed after the request was made; ask for a new request on the current archive`,
    });
  }
  const { requestId, customerId, changes } = request;
  const changed: ArchiveFieldsChanged[] =
    changes.length === 0 ? [] : [{ type: 'ArchiveFieldsChanged', data: { customerId, changes, changeRequestId: requestId } }];
  return pipe(
    leavingConsistent(customer, changed),
    E.flatMap(() => decideInTurn(directCommands(customerId, request.alsoProposed ?? {}, command.meta), changed.reduce(evolveCustomer, customer))),
    E.map((direct): ChangeRequestDeciderEvent[] => [
      { type: 'ChangeRequestApplied', data: { requestId, customerId, decidedBy: personOf(command.meta.actor), at: command.meta.at } },
      ...changed,
      ...direct,
    ]),
  );
};

const reject = (command: DecideChangeRequest, request: Extract<ChangeRequest, { status: 'pending' }>): ChangeRequestRejected[] => [
  {
    type: 'ChangeRequestRejected',
    data: {
      requestId: request.requestId,
      customerId: request.customerId,
      decidedBy: personOf(command.meta.actor),
      at: command.meta.at,
    },
  },
];

/** The archive clerk applies the request (it becomes the change) or rejects it, in writing. */
const decideOn = (command: DecideChangeRequest, state: ChangeRequestState): E.Either<ChangeRequestError, ChangeRequestDeciderEvent[]> =>
  pipe(
    requireRole(command.meta.actor, ['archiveClerk'], 'deciding on a change request'),
    E.flatMap((): E.Either<ChangeRequestError, unknown> => requireReason(command.meta)),
    E.flatMap((): E.Either<ChangeRequestError, ChangeRequestDeciderEvent[]> => {
      const request = state.request;
      const decided = { apply: 'applied', reject: 'rejected' } as const;
      switch (request.status) {
        case 'none':
          return E.left({ code: 'ChangeRequestNotFound', message: `there is no change request ${command.data.requestId}` });
        case 'applied':
        case 'rejected':
          return request.status === decided[command.data.decision]
            ? E.right([])
            : E.left({ code: 'ChangeRequestAlreadyDecided', message: `change request ${request.requestId} was already ${request.status}` });
        case 'pending':
          return command.data.decision === 'reject'
            ? E.right(reject(command, request))
            : pipe(
                registered(state.customer, request.customerId),
                E.flatMap((customer) => apply(command, request, customer)),
              );
        default:
          return assertNever(request);
      }
    }),
  );

const evolveRequest = (request: ChangeRequest, event: ChangeRequestEvent): ChangeRequest => {
  switch (event.type) {
    case 'ChangeRequested': {
      const { at, ...data } = event.data;
      return request.status === 'none' ? { status: 'pending', ...data, requestedAt: at } : request;
    }
    case 'ChangeRequestApplied':
    case 'ChangeRequestRejected': {
      if (request.status !== 'pending') return request;
      const status = event.type === 'ChangeRequestApplied' ? 'applied' : 'rejected';
      return { ...request, status, decidedBy: event.data.decidedBy, decidedAt: event.data.at };
    }
    default:
      return assertNever(event);
  }
};

export const isChangeRequestEvent = (event: ChangeRequestDeciderEvent): event is ChangeRequestEvent =>
  event.type === 'ChangeRequested' || event.type === 'ChangeRequestApplied' || event.type === 'ChangeRequestRejected';

const evolve = (state: ChangeRequestState, event: ChangeRequestDeciderEvent): ChangeRequestState =>
  isChangeRequestEvent(event)
    ? { ...state, request: evolveRequest(state.request, event) }
    : { ...state, customer: evolveCustomer(state.customer, event) };

const decide = (command: ChangeRequestCommand, state: ChangeRequestState): E.Either<ChangeRequestError, ChangeRequestDeciderEvent[]> => {
  switch (command.type) {
    case 'ProposeChange':
      return propose(command, state);
    case 'DecideChangeRequest':
      return decideOn(command, state);
    default:
      return assertNever(command);
  }
};

/**
 * 修改申请 over two streams: the request's own (`changeRequest-<uuid>`) and the
 * customer's, folded together; an applied request's ArchiveFieldsChanged goes to
 * the customer's stream in the same atomic append.
 */
export const changeRequestDecider: Decider<ChangeRequestCommand, ChangeRequestState, ChangeRequestDeciderEvent, ChangeRequestError> = {
  decide,
  evolve,
  initialState: { request: { status: 'none' }, customer: initialCustomerState },
};
