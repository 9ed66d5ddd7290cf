import * as E from 'fp-ts/Either';
import { z } from 'zod';
import { assertNever, type Decider, type DomainError, Uuid } from '../shared/index.js';
import { CustomerName } from './fields/index.js';

/**
 * 客户名称 is unique among customers that are not lost. Each normalised name has a
 * stream (`customerNameStreamId`) that says which customer holds it; the app layer
 * appends to it in the same transaction as the customer's own events, with the
 * version it read, so two registrations of one name cannot both succeed.
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
  | { type: 'ReleaseCustomerName'; data: { customerId: string; name: string } };

export type NameReservationState = { status: 'free' } | { status: 'reserved'; customerId: string; name: string };

export type CustomerNameTaken = DomainError<'CustomerNameTaken'>;

const decide = (
  command: NameReservationCommand,
  state: NameReservationState,
): E.Either<CustomerNameTaken, NameReservationEvent[]> => {
  const { customerId, name } = command.data;
  switch (command.type) {
    case 'ReserveCustomerName':
      if (state.status === 'free') return E.right([{ type: 'CustomerNameReserved', data: { customerId, name } }]);
      return state.customerId === customerId
        ? E.right([])
        : E.left({
            code: 'CustomerNameTaken',
            message: `another customer that is not lost is already named ${state.name} (${state.customerId})`,
          });
    case 'ReleaseCustomerName':
      return state.status === 'reserved' && state.customerId === customerId
        ? E.right([{ type: 'CustomerNameReleased', data: { customerId, name } }])
        : E.right([]);
    default:
      return assertNever(command);
  }
};

const evolve = (state: NameReservationState, event: NameReservationEvent): NameReservationState => {
  switch (event.type) {
    case 'CustomerNameReserved':
      return { status: 'reserved', customerId: event.data.customerId, name: event.data.name };
    case 'CustomerNameReleased':
      return state.status === 'reserved' && state.customerId === event.data.customerId ? { status: 'free' } : state;
    default:
      return assertNever(event);
  }
};

export const nameReservationDecider: Decider<
  NameReservationCommand,
  NameReservationState,
  NameReservationEvent,
  CustomerNameTaken
> = { decide, evolve, initialState: { status: 'free' } };
