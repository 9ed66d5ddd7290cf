import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { ComplaintView } from '../app/complaint/index.js';
import { type CustomerDeps, readCustomerArchive } from '../app/customer/index.js';
import type { CreditRequestView } from '../projections/index.js';
import { customerNotFound } from '../domain/customer/index.js';
import { type Actor, hasRole, type Role } from '../domain/shared/index.js';
import type { StoreError } from '../store/index.js';
import type { ApiError } from './errors.js';

/**
 * Row-level scopes (使用范围: access is divided by permissions, API.md "Read scopes"),
 * every one of them: the routes ask here.
 *
 * Every role but `salesperson` works with all customers (the clerks, the managers,
 * the review board, the auditor). A user holding only `salesperson` sees the
 * customers they own (业务员) and nothing else; out of scope answers 404, the same as
 * a customer that does not exist, so ids of other people's customers do not leak.
 */
export const seesAllCustomers = (actor: Actor): boolean => actor.roles.some((r) => r !== 'salesperson');

export const canSeeCustomer = (actor: Actor, salespersonId: string): boolean =>
  seesAllCustomers(actor) || actor.id === salespersonId;

/**
 * The salesperson filter a list query must apply for this reader: their own id, or
 * none. Lists filter in the query rather than after paging, so pages stay full.
 */
export const salespersonScope = (actor: Actor): string | undefined => (seesAllCustomers(actor) ? undefined : actor.id);

/** 财务开票信息 is confidential: only these roles read the invoicing block. */
export const invoicingReaders: readonly Role[] = ['archiveClerk', 'salesAdminManager', 'groupGM', 'auditor'];

export const canSeeInvoicing = (actor: Actor): boolean => hasRole(actor, ...invoicingReaders);

/** The view as this reader may see it: without `invoicing` for everyone else. */
export const redactForReader = <V extends { invoicing?: unknown }>(view: V, actor: Actor): V | Omit<V, 'invoicing'> => {
  if (canSeeInvoicing(actor) || !('invoicing' in view)) return view;
  const { invoicing: _hidden, ...rest } = view;
  return rest;
};

/** Whose customer it is now (业务员), from its own stream (no projection lag); null when there is none. */
const ownerOf = (deps: CustomerDeps, customerId: string): TE.TaskEither<StoreError, string | null> =>
  pipe(
    readCustomerArchive(deps)(customerId),
    TE.map((found) => found?.customer.salespersonId ?? null),
  );

/** The customer exists and is the caller's to act on; otherwise it answers as one that does not exist (404). */
export const ownCustomer = (deps: CustomerDeps, actor: Actor, customerId: string): TE.TaskEither<ApiError, void> =>
  pipe(
    ownerOf(deps, customerId),
    TE.flatMap((salespersonId) =>
      salespersonId !== null && canSeeCustomer(actor, salespersonId) ? TE.right(undefined) : TE.left(customerNotFound(customerId)),
    ),
  );

/** A salesperson acts on their own customers only; everyone else passes (the use case answers a missing customer). */
export const customerInScope = (deps: CustomerDeps, actor: Actor, customerId: string): TE.TaskEither<ApiError, void> =>
  seesAllCustomers(actor) ? TE.right(undefined) : ownCustomer(deps, actor, customerId);

/** A record about a customer (a credit request, a complaint) and who made it. */
export type CustomerRecord = { customerId: string; authorId?: string | undefined };

/**
 * A record as this reader may see it: a salesperson-only reader sees what concerns
 * their own customers (whoever owns the customer now, so records move with a
 * reassigned customer) and what they made themselves. A missing record and one out of
 * scope both answer `missing` (404).
 */
export const readableRecord = <R>(
  deps: CustomerDeps,
  actor: Actor,
  record: R | null,
  about: (record: R) => CustomerRecord,
  missing: ApiError,
): TE.TaskEither<ApiError, R> => {
  if (record === null) return TE.left(missing);
  const { customerId, authorId } = about(record);
  if (seesAllCustomers(actor) || authorId === actor.id) return TE.right(record);
  return pipe(
    ownerOf(deps, customerId),
    TE.flatMap((salespersonId) => (salespersonId !== null && canSeeCustomer(actor, salespersonId) ? TE.right(record) : TE.left(missing))),
  );
};

/** A credit request is about its customer, and made by its requester. */
export const scopeOfRequest = (r: CreditRequestView): CustomerRecord => ({ customerId: r.customerId, authorId: r.requester.id });

/** A complaint is about its customer; who recorded it (①) sees it even when the customer has moved to another salesperson since. */
export const scopeOfComplaint = (c: ComplaintView): CustomerRecord => ({ customerId: c.complaint.customerId, authorId: c.steps[0]?.actor.id });
