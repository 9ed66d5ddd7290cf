import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { customerNotFound, customerStreamId } from '../../../domain/customer/index.js';
import type { Actor } from '../../../domain/shared/index.js';
import type { ExpectedVersion, StoredEvent } from '../../../store/index.js';
import type { JsonReply } from '../../route.js';
import type { ApiError } from '../../errors.js';
import { canSeeCustomer, seesAllCustomers } from '../../scope.js';
import { afterProjections } from '../../readYourWrites.js';
import { expectedVersion } from '../../etag.js';
import type { CustomerRouteDeps } from './deps.js';

/**
 * A salesperson acts on their own customers only; for anyone else, another's customer
 * answers exactly as one that does not exist (CustomerNotFound, 404), so ids do not leak.
 */
export const inScope = (deps: CustomerRouteDeps, actor: Actor, customerId: string): TE.TaskEither<ApiError, void> =>
  seesAllCustomers(actor)
    ? TE.right(undefined)
    : pipe(
        deps.services.readCustomerArchive(customerId),
        TE.flatMap((found) =>
          found !== null && canSeeCustomer(actor, found.customer.salespersonId) ? TE.right(undefined) : TE.left(customerNotFound(customerId)),
        ),
      );

/**
 * A command on one customer: If-Match (a number, or `*`: it must exist) → the use case
 * → read-your-writes (the projections have applied it before the answer goes out).
 */
export const onCustomer = <A>(
  deps: CustomerRouteDeps,
  customerId: string,
  ifMatch: ExpectedVersion | undefined,
  run: (expected: number | undefined) => TE.TaskEither<ApiError, A>,
): TE.TaskEither<ApiError, A> =>
  pipe(
    expectedVersion(ifMatch, () => deps.services.customerVersion(customerId)),
    TE.flatMap(run),
    afterProjections(deps),
  );

/** The customer's new version, as the ETag too. */
export const changedReply = (status: number, version: number): JsonReply => ({ status, body: { version }, etag: version });

/** The one event a keyed command wrote on this customer, if it is of this type (else the key was another request's). */
export const singleEvent = (events: readonly StoredEvent[], customerId: string, type: string): StoredEvent | undefined => {
  const [event] = events;
  return events.length === 1 && event?.streamId === customerStreamId(customerId) && event.type === type ? event : undefined;
};
