import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  type CustomerNameTaken,
  type CustomerState,
  type NameReservationCommand,
  customerNameStreamId,
  nameReservationDecider,
  normaliseCustomerName,
  reservedName,
} from '../../domain/customer/index.js';
import { type EventStore, loadStream, type StoreError, type StreamWritePlan } from '../../store/index.js';

const planFor = (
  store: EventStore,
  command: NameReservationCommand,
): TE.TaskEither<CustomerNameTaken | StoreError, StreamWritePlan> => {
  const streamId = customerNameStreamId(command.data.name);
  return pipe(
    loadStream(store, streamId, nameReservationDecider),
    TE.flatMap((loaded) =>
      pipe(
        TE.fromEither(nameReservationDecider.decide(command, loaded.state)),
        TE.map((events): StreamWritePlan => ({ streamId, version: loaded.version, events })),
      ),
    ),
  );
};

/**
 * The writes that keep live names unique when a customer goes from `before` to
 * `after`: reserve the name it now holds, release the one it held (a rename does
 * both, becoming lost releases, coming back from lost reserves again). Each write
 * carries the version its stream was read at, so a concurrent holder makes the
 * whole append fail instead of slipping in between check and write.
 */
export const nameReservationPlans = (
  store: EventStore,
  customerId: string,
  before: CustomerState,
  after: CustomerState,
): TE.TaskEither<CustomerNameTaken | StoreError, StreamWritePlan[]> => {
  const held = reservedName(before);
  const wanted = reservedName(after);
  if (held !== null && wanted !== null && normaliseCustomerName(held) === normaliseCustomerName(wanted)) return TE.right([]);
  const commands: NameReservationCommand[] = [
    ...(wanted === null ? [] : [{ type: 'ReserveCustomerName' as const, data: { customerId, name: wanted } }]),
    ...(held === null ? [] : [{ type: 'ReleaseCustomerName' as const, data: { customerId, name: held } }]),
  ];
  return TE.sequenceSeqArray(commands.map((c) => planFor(store, c))) as TE.TaskEither<CustomerNameTaken | StoreError, StreamWritePlan[]>;
};
