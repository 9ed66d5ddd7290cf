import type { Instant } from '../../shared/index.js';
import type { FieldChange, Person } from '../events.js';
import type { CustomerState } from '../state.js';
import type { ProposedDirectChanges } from './commands.js';

type Request = { requestId: string; customerId: string; changes: FieldChange[]; alsoProposed?: ProposedDirectChanges; requestedBy: Person; requestedAt: Instant };

export type ChangeRequest =
  | { status: 'none' }
  | ({ status: 'pending' } & Request)
  | ({ status: 'applied' | 'rejected'; decidedBy: Person; decidedAt: Instant } & Request);

/** A decision on a request reads the request and the archive it targets. */
export type ChangeRequestState = { request: ChangeRequest; customer: CustomerState };
