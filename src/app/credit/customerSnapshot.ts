import type * as TE from 'fp-ts/TaskEither';
import type { z } from 'zod';
import { CreditRequestContact, CreditRequestCustomer } from '../../domain/credit/index.js';
import { Money } from '../../domain/shared/index.js';
import type { StoreError } from '../../store/index.js';

/**
 * What a credit request copies from the customer's archive at the time it is made:
 * the form's customer block, and the limit in effect (原信用额度; null before any).
 */
export const CustomerSnapshot = CreditRequestCustomer.omit({ contact: true }).extend({
  primaryContact: CreditRequestContact.nullable(), // 主要联系人
  creditLimit: Money.nullable(),
});
export type CustomerSnapshot = z.infer<typeof CustomerSnapshot>;

/** The port a projection implements: null when no customer has that id. */
export type LoadCustomerSnapshot = (customerId: string) => TE.TaskEither<StoreError, CustomerSnapshot | null>;
