import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  type CustomerNameTaken,
  type CustomerState,
  customerLookalikeStreamId,
  customerNameStreamId,
  nameReservationDecider,
  reservedName,
} from '../../domain/customer/index.js';
import { type EventStore, planOn, type StoreError, type StreamWritePlan } from '../../store/index.js';
import { ensureLookalikeReservations } from './lookalikeBackfill.js';

/** The reservations a name holds: its normalised spelling, and what it looks like (streams.ts). */
const keyings = [customerNameStreamId, customerLookalikeStreamId] as const;

/**
 * The writes that keep live names unique when a customer goes from `before` to
 * `after`: reserve the name it now holds, release the one it held (a rename does
 * both, becoming lost releases, coming back from lost reserves again), under each
 * keying; a reservation both names share is kept. Each write carries the version its
 * stream was read at, so a concurrent holder makes the whole append fail instead of
 * slipping in between check and write. Names held from before look-alike reservations
 * are back-filled first (lookalikeBackfill.ts), so a new name meets every live one.
 */
export const nameReservationPlans = (
  store: EventStore,
  customerId: string,
  before: CustomerState,
  after: CustomerState,
): TE.TaskEither<CustomerNameTaken | StoreError, StreamWritePlan[]> => {
  const held = reservedName(before);
  const wanted = reservedName(after);
  if (held === wanted) return TE.right([]);
  const writes = keyings.flatMap((streamOf) => {
    const keep = wanted === null ? null : streamOf(wanted);
    const drop = held === null ? null : streamOf(held);
    return [
      ...(keep === null ? [] : [{ streamId: keep, command: { type: 'ReserveCustomerName' as const, data: { customerId, name: wanted! } } }]),
      ...(drop === null || drop === keep ? [] : [{ streamId: drop, command: { type: 'ReleaseCustomerName' as const, data: { customerId, name: held! } } }]),
    ];
  });
  return pipe(
    ensureLookalikeReservations(store),
    TE.flatMap(() => TE.sequenceSeqArray(writes.map((w) => planOn(store, w.streamId, nameReservationDecider, w.command)))),
    TE.map((plans) => plans.filter((p) => p.events.length > 0)),
  ) as TE.TaskEither<CustomerNameTaken | StoreError, StreamWritePlan[]>;
};
