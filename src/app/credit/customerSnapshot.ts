import type * as TE from 'fp-ts/TaskEither';
import type { CustomerSnapshot } from '../../domain/credit/index.js';
import type { StoreError } from '../../store/index.js';

export { CustomerSnapshot } from '../../domain/credit/index.js';

/** The port a projection implements: null when no customer has that id. */
export type LoadCustomerSnapshot = (customerId: string) => TE.TaskEither<StoreError, CustomerSnapshot | null>;
