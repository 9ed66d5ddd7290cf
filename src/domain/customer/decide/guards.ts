import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { type Actor, type CommandMeta, type Role, requireReason, requireRole } from '../../shared/index.js';
import { type CustomerError, type CustomerNotFound, customerNotFound } from '../errors.js';
import type { Person } from '../events.js';
import type { CustomerState, RegisteredCustomer } from '../state.js';

/** 专人负责: only the archive clerk (销售内勤(客户管理)) modifies an archive directly. */
export const archiveClerk: readonly Role[] = ['archiveClerk'];

/** The acting user may do it, and (unless `reasonOptional`) says in writing why. */
export const authorised = (
  meta: CommandMeta,
  roles: readonly Role[],
  action: string,
  reasonOptional = false,
): E.Either<CustomerError, void> =>
  pipe(
    requireRole(meta.actor, roles, action),
    E.flatMap((): E.Either<CustomerError, unknown> => (reasonOptional ? E.right(undefined) : requireReason(meta))),
    E.map(() => undefined),
  );

export const registered = (state: CustomerState, customerId: string): E.Either<CustomerNotFound, RegisteredCustomer> =>
  state.status === 'unregistered' ? E.left(customerNotFound(customerId)) : E.right(state);

/** Authorised, then the customer exists: the two checks every command on an archive makes. */
export const authorisedOn = (
  state: CustomerState,
  meta: CommandMeta,
  customerId: string,
  roles: readonly Role[],
  action: string,
  reasonOptional = false,
): E.Either<CustomerError, RegisteredCustomer> =>
  pipe(
    authorised(meta, roles, action, reasonOptional),
    E.flatMap((): E.Either<CustomerError, RegisteredCustomer> => registered(state, customerId)),
  );

export const personOf = (actor: Actor): Person => ({ id: actor.id, name: actor.name });
