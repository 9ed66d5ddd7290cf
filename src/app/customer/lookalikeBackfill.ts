import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  type CustomerNameTaken,
  customerLookalikeCategory,
  customerLookalikeStreamId,
  type NameHolder,
  type NameReservationEvent,
  type NameReservationState,
  nameReservationDecider,
} from '../../domain/customer/index.js';
import type { Actor } from '../../domain/shared/index.js';
import { type EventStore, loadStream, logStart, type LogCursor, planOn, type StoreError } from '../../store/index.js';

/**
 * Names registered before look-alike names were compared (issue 12) hold only their
 * customerName reservation, and names registered under the first look-alike keying
 * hold none under the current one (streams.ts), so a look-alike of one of them finds
 * its look-alike stream free. Each such name is recorded on its look-alike stream once, beside any other
 * holder (old look-alike pairs stay as they are: `report name-collisions` lists them),
 * and from then on the event store's reservations alone decide, each append at the
 * versions it read: of two concurrent look-alike registrations one wins.
 *
 * Why not compare a new name with the customers view at command time instead: the view
 * lags the log (a rebuilt or restored view may not yet hold an old name), the check and
 * the append would not be one transaction, and every customer use case — and every
 * library user's wiring — would need the views and a running projection runner.
 *
 * Nothing stored is rewritten: the back-fill appends `CustomerNameReserved` events,
 * by the system and with a reason. It runs before the first name a process reserves
 * (`ensureLookalikeReservations`) and from `migrate`; it is idempotent. Once it has
 * run, no live name lacks its look-alike reservation again: every registration,
 * rename and return from lost reserves both.
 */

/** Who appends the back-filled reservations: no person decided them. */
export const nameReservationsSystemActor: Actor = { id: 'system:name-reservations', name: 'customer-ledger', roles: ['archiveClerk'] };

const backfillReason = 'look-alike reservation of a name held since before look-alike names were compared (issue 12), back-filled';

const pageSize = 1000;

type Reservations = Map<string, NameReservationState>;

/** Every name-reservation stream folded from the log: customerName-…, and the current look-alike keying's. */
const foldReservations = (store: EventStore): TE.TaskEither<StoreError, { names: Reservations; lookalikes: Reservations }> => {
  const names: Reservations = new Map();
  const lookalikes: Reservations = new Map();
  const page = (cursor: LogCursor): TE.TaskEither<StoreError, { names: Reservations; lookalikes: Reservations }> =>
    pipe(
      store.readLog(cursor, pageSize),
      TE.flatMap(({ events, cursor: next }) => {
        for (const e of events) {
          if (e.type !== 'CustomerNameReserved' && e.type !== 'CustomerNameReleased') continue;
          const streams = e.streamId.startsWith('customerName-') ? names : e.streamId.startsWith(customerLookalikeCategory) ? lookalikes : null;
          if (streams === null) continue;
          const state = streams.get(e.streamId) ?? nameReservationDecider.initialState;
          streams.set(e.streamId, nameReservationDecider.evolve(state, { type: e.type, data: e.data } as NameReservationEvent));
        }
        return events.length === 0 ? TE.right({ names, lookalikes }) : page(next);
      }),
    );
  return page(logStart);
};

/**
 * Records one live name on its look-alike stream, if it is not there: read both streams
 * again, and append the look-alike reservation together with a check that the name's
 * own stream is still at the version read (an empty write), so that a rename or a loss
 * in between makes the append fail instead of leaving a holder that no longer holds
 * the name. A conflict is decided again on the fresh streams.
 */
// Adopting is never refused (the decider's error type says only what it could answer).
type BackfillError = StoreError | CustomerNameTaken;

const adoptOne = (store: EventStore, nameStreamId: string, attemptsLeft = 3): TE.TaskEither<BackfillError, NameHolder[]> =>
  pipe(
    loadStream(store, nameStreamId, nameReservationDecider),
    TE.flatMap(({ state, version }) =>
      pipe(
        TE.sequenceSeqArray(
          state.holders.map((h) =>
            pipe(
              planOn(store, customerLookalikeStreamId(h.name), nameReservationDecider, { type: 'AdoptCustomerName', data: h }),
              TE.map((plan) => ({ holder: h, plan })),
            ),
          ),
        ),
        TE.map((planned) => ({ version, planned: planned.filter((p) => p.plan.events.length > 0) })),
      ),
    ),
    TE.flatMap(({ version, planned }) =>
      planned.length === 0
        ? TE.right<BackfillError, NameHolder[]>([])
        : pipe(
            store.appendMany(
              [
                ...planned.map(({ plan }) => ({
                  streamId: plan.streamId,
                  expectedVersion: plan.version === 0 ? ('noStream' as const) : plan.version,
                  events: plan.events.map((e) => ({ type: e.type, data: e.data })),
                })),
                { streamId: nameStreamId, expectedVersion: version, events: [] },
              ],
              { metadata: { actor: nameReservationsSystemActor, reason: backfillReason } },
            ),
            TE.map(() => planned.map((p) => p.holder)),
          ),
    ),
    TE.orElse((error): TE.TaskEither<BackfillError, NameHolder[]> => (error.code === 'VersionConflict' && attemptsLeft > 1 ? adoptOne(store, nameStreamId, attemptsLeft - 1) : TE.left(error))),
  );

export type LookalikeBackfill = { names: number; adopted: NameHolder[] };

/**
 * Records every live name that lacks its look-alike reservation there (see above);
 * `names` is how many live names the log holds. Idempotent: a second run adopts none.
 */
export const backfillLookalikeReservations = (store: EventStore): TE.TaskEither<BackfillError, LookalikeBackfill> =>
  pipe(
    foldReservations(store),
    TE.flatMap(({ names, lookalikes }) => {
      const live = [...names.entries()].filter(([, s]) => s.holders.length > 0);
      const lacking = live.filter(([, s]) =>
        s.holders.some((h) => !(lookalikes.get(customerLookalikeStreamId(h.name))?.holders ?? []).some((l) => l.customerId === h.customerId)),
      );
      return pipe(
        TE.sequenceSeqArray(lacking.map(([streamId]) => adoptOne(store, streamId))),
        TE.map((adopted) => ({ names: live.length, adopted: adopted.flat() })),
      );
    }),
  );

const done = new WeakMap<EventStore, Promise<E.Either<BackfillError, LookalikeBackfill>>>();

/**
 * The back-fill, once per store per process, before the first name it reserves: new
 * names are compared only after every live name holds its look-alike reservation.
 * Concurrent callers share the one run; a failed run is tried again by the next.
 */
export const ensureLookalikeReservations = (store: EventStore): TE.TaskEither<BackfillError, LookalikeBackfill> => () => {
  let run = done.get(store);
  if (run === undefined) {
    run = backfillLookalikeReservations(store)();
    done.set(store, run);
    void run.then((r) => {
      if (E.isLeft(r) && done.get(store) === run) done.delete(store);
    });
  }
  return run;
};
