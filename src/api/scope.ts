import { type Actor, hasRole, type Role } from '../domain/shared/index.js';

/**
 * Read scopes (使用范围: access is divided by permissions, API.md "Read scopes").
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
