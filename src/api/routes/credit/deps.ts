import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  type CreditDeps,
  decideCreditLimitChange,
  getCreditRequest,
  publishRouting,
  requestCreditLimitChange,
  routingInForce,
  withdrawCreditLimitChange,
} from '../../../app/credit/index.js';
import { readCustomerArchive } from '../../../app/customer/index.js';
import { creditRequestStreamId } from '../../../domain/credit/index.js';
import { type CreditRequestFilter, type CreditRequestView, listCreditRequests } from '../../../projections/creditRequests/queries.js';
import type { At, Page, PageRequest, ReadDeps } from '../../../projections/shared/query.js';
import type { EventStore, StoreError } from '../../../store/index.js';
import { type CaughtUp, caughtUpWith, type WaitsForViews } from '../../readYourWrites.js';
import type { CustomerOwner } from './support.js';

/** The credit use cases the routes call (src/app/credit), bound to their dependencies. */
export type CreditServices = {
  requestCreditLimitChange: ReturnType<typeof requestCreditLimitChange>;
  decideCreditLimitChange: ReturnType<typeof decideCreditLimitChange>;
  withdrawCreditLimitChange: ReturnType<typeof withdrawCreditLimitChange>;
  /** One request from its own stream (exact version for the ETag), optionally cut at asOf / knownAt. */
  creditRequest: ReturnType<typeof getCreditRequest>;
  /** The request stream's version: what If-Match compares with. */
  requestVersion: (requestId: string) => TE.TaskEither<StoreError, number>;
  customerOwner: CustomerOwner;
  routingInForce: ReturnType<typeof routingInForce>;
  publishRouting: ReturnType<typeof publishRouting>;
};

/** The read model the list answers from (src/projections), at a time point. */
export type CreditQueries = {
  creditRequests: (filter: CreditRequestFilter, at: At, page: PageRequest) => Promise<Page<CreditRequestView>>;
};

export type CreditRouteDeps = {
  services: CreditServices;
  queries: CreditQueries;
  /** Read-your-writes: resolves once the projections applied what a command appended. */
  caughtUp?: CaughtUp;
};

/** The customer's salesperson from the customer's own stream (no projection lag). */
export const customerOwnerFrom =
  (store: EventStore): CustomerOwner =>
  (customerId) =>
    pipe(
      readCustomerArchive({ store })(customerId),
      TE.map((found) => found?.customer.salespersonId ?? null),
    );

/**
 * The usual wiring: the app services over the store and the projections' snapshot
 * loader, the list over the projections' tables, and the engine for read-your-writes.
 */
export const creditRouteDeps = (
  credit: CreditDeps,
  views: ReadDeps,
  engine?: WaitsForViews,
): CreditRouteDeps => ({
  services: {
    requestCreditLimitChange: requestCreditLimitChange(credit),
    decideCreditLimitChange: decideCreditLimitChange(credit),
    withdrawCreditLimitChange: withdrawCreditLimitChange(credit),
    creditRequest: getCreditRequest(credit),
    requestVersion: (requestId) => credit.store.streamVersion(creditRequestStreamId(requestId)),
    customerOwner: customerOwnerFrom(credit.store),
    routingInForce: routingInForce(credit),
    publishRouting: publishRouting(credit),
  },
  queries: {
    creditRequests: (filter, at, page) => listCreditRequests(views, filter, at, page),
  },
  ...(engine ? { caughtUp: caughtUpWith(engine) } : {}),
});
