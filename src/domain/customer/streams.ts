import { createHash } from 'node:crypto';

/** `customer-<uuid>`: one customer's archive. */
export const customerStreamId = (customerId: string): string => `customer-${customerId}`;

/** `changeRequest-<uuid>`: one 修改申请, loadable by its id alone. */
export const changeRequestStreamId = (requestId: string): string => `changeRequest-${requestId}`;

/**
 * Names that people read as the same are the same name: full-width and half-width
 * forms (NFKC), surrounding and repeated inner spaces, letter case.
 */
export const normaliseCustomerName = (name: string): string =>
  name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * `customerName-<sha256 hex of the normalised name>`: the reservation that keeps
 * live names unique. Hashing is deterministic, so the domain stays pure.
 */
export const customerNameStreamId = (name: string): string =>
  `customerName-${createHash('sha256').update(normaliseCustomerName(name), 'utf8').digest('hex')}`;
