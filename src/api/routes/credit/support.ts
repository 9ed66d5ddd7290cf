import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { customerNotFound } from '../../../domain/customer/index.js';
import type { Actor } from '../../../domain/shared/index.js';
import type { StoreError } from '../../../store/index.js';
import type { ApiError } from '../../errors.js';
import { canSeeCustomer, seesAllCustomers } from '../../scope.js';

/**
 * Whose customer it is now (业务员): the salesperson id, null when there is no such
 * customer. Read scopes follow the current owner, so a reassigned customer's requests
 * and complaints move with it.
 */
export type CustomerOwner = (customerId: string) => TE.TaskEither<StoreError, string | null>;

/** A record about a customer (a credit request, a complaint) and who made it. */
export type CustomerRecord = { customerId: string; authorId?: string | undefined };

/**
 * 使用范围: a salesperson-only reader sees what concerns their own customers, and what
 * they made themselves; everyone else sees all. Out of scope answers like a missing id.
 */
export const mayRead = (owner: CustomerOwner, actor: Actor, record: CustomerRecord): TE.TaskEither<StoreError, boolean> =>
  seesAllCustomers(actor) || record.authorId === actor.id
    ? TE.right(true)
    : pipe(
        owner(record.customerId),
        TE.map((salespersonId) => salespersonId !== null && canSeeCustomer(actor, salespersonId)),
      );

/** A salesperson acts on their own customers only; another's answers like one that does not exist (404). */
export const ownCustomer = (owner: CustomerOwner, actor: Actor, customerId: string): TE.TaskEither<ApiError, void> =>
  pipe(
    owner(customerId),
    TE.flatMap((salespersonId) =>
      salespersonId !== null && canSeeCustomer(actor, salespersonId) ? TE.right(undefined) : TE.left(customerNotFound(customerId)),
    ),
  );
