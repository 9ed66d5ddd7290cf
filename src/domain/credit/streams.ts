/** One credit-limit change request (客户信用额度变更申请表). */
export const creditRequestStreamId = (requestId: string): string => `creditRequest-${requestId}`;

/**
 * A customer's credit requests, opened and closed: the lock that lets only one
 * request per customer be pending. Written in the same transaction as the request.
 */
export const customerCreditStreamId = (customerId: string): string => `customerCredit-${customerId}`;
