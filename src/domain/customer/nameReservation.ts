import * as E from 'fp-ts/Either';
import { z } from 'zod';
import { assertNever, type Decider, type DomainError, Uuid } from '../shared/index.js';
import { CustomerName } from './fields/index.js';

/**
 * 客户名称 is unique among customers that are not lost. Each normalised name has a
 * stream (`customerNameStreamId`) that says which customer holds it; the app layer
 * appends to it in the same transaction as the customer's own events, with the
 * version it read, so two registrations of one name cannot both succeed.
 *
 * A look-alike stream (`customerLookalikeStreamId`) may have more than one holder: live
 * customers whose names looked alike before look-alike names were compared keep them
 * (issue 12: existing pairs are not touched), and the back-fill records each of them
 * there (`AdoptCustomerName`). A new holder is refused while any other holds it.
 */

export const CustomerNameReserved = z.object({
  type: z.literal('CustomerNameReserved'),
  data: z.object({ customerId: Uuid, name: CustomerName }),
});
export type CustomerNameReserved = z.infer<typeof CustomerNameReserved>;

export const CustomerNameReleased = z.object({
  type: z.literal('CustomerNameReleased'),
  data: z.object({ customerId: Uuid, name: CustomerName }),
});
export type CustomerNameReleased = z.infer<typeof CustomerNameReleased>;

export const NameReservationEvent = z.discriminatedUnion('type', [CustomerNameReserved, CustomerNameReleased]);
export type NameReservationEvent = z.infer<typeof NameReservationEvent>;

export type NameReservationCommand =
  | { type: 'ReserveCustomerName'; data: { customerId: string; name: string } }
  | { type: 'ReleaseCustomerName'; data: { customerId: string; name: string } }
  /** Records a name a live customer already holds, beside any other holders: only the back-fill of names held from before a keying existed. */
  | { type: 'AdoptCustomerName'; data: { customerId: string; name: string } };

export type NameHolder = { customerId: string; name: string };

/** Who holds the name, in the order they reserved it; empty when it is free. */
export type NameReservationState = { holders: readonly NameHolder[] };

export type CustomerNameTaken = DomainError<'CustomerNameTaken'>;

const decide = (
  command: NameReservationCommand,
  state: NameReservationState,
): E.Either<CustomerNameTaken, NameReservationEvent[]> => {
  const { customerId, name } = command.data;
  const holds = state.holders.some((h) => h.customerId === customerId);
  switch (command.type) {
    case 'ReserveCustomerName': {
      const other = state.holders.find((h) => h.customerId !== customerId);
      if (holds) return E.right([]);
      return other === undefined
        ? E.right([{ type: 'CustomerNameReserved', data: { customerId, name } }])
        : E.left({ code: 'CustomerNameTaken', message: `another customer that is not lost is already named ${other.name} (${other.customerId})` });
    }
    case 'AdoptCustomerName':
      return holds ? E.right([]) : E.right([{ type: 'CustomerNameReserved', data: { customerId, name } }]);
    case 'ReleaseCustomerName':
      return holds ? E.right([{ type: 'CustomerNameReleased', data: { customerId, name } }]) : E.right([]);
    default:
      return assertNever(command);
  }
};

// Before look-alike streams a stream had at most one holder at a time (a reservation
// was refused while it was held), so reading every stream as a list of holders folds
// the events stored before it to the same answer.
const evolve = (state: NameReservationState, event: NameReservationEvent): NameReservationState => {
  const others = state.holders.filter((h) => h.customerId !== event.data.customerId);
  switch (event.type) {
    case 'CustomerNameReserved':
      return { holders: [...others, { customerId: event.data.customerId, name: event.data.name }] };
    case 'CustomerNameReleased':
      return { holders: others };
    default:
      return assertNever(event);
  }
};

export const nameReservationDecider: Decider<
  NameReservationCommand,
  NameReservationState,
  NameReservationEvent,
  CustomerNameTaken
> = { decide, evolve, initialState: { holders: [] } };
