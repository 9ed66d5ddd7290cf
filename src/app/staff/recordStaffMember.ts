import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { CommandMeta } from '../../domain/shared/index.js';
import { type StaffDetails, type StaffError, type StaffId, staffDecider, staffStreamId } from '../../domain/staff/index.js';
import { type EventStore, type HandleOptions, type StoreError, handleCommand, loadStream } from '../../store/index.js';

export type StaffDeps = { store: EventStore };

export type RecordStaffMemberInput = StaffDetails & {
  staffId: StaffId;
  meta: CommandMeta;
  expectedVersion?: number | undefined;
  options?: HandleOptions;
};

/** What PUT /staff/{id} did: `created` for a new entry (201), else changed or repeated (200); the stream's version after. */
export type StaffRecorded = { created: boolean; changed: boolean; version: number; details: StaffDetails };

/** The directory entry as it should read from now on, with the author (the actor) and reason; the same entry again changes nothing. */
export const recordStaffMember =
  (deps: StaffDeps) =>
  ({ staffId, meta, expectedVersion, options, ...details }: RecordStaffMemberInput): TE.TaskEither<StaffError | StoreError, StaffRecorded> =>
    pipe(
      handleCommand(
        deps.store,
        { decider: staffDecider, streamId: staffStreamId(staffId), command: { type: 'RecordStaffMember', data: { staffId, ...details }, meta } },
        { ...options, expectedVersion },
      ),
      TE.map(({ loaded, events, version, state }) => ({
        created: loaded.state.status === 'unknown' && events.length > 0,
        changed: events.length > 0,
        version,
        details: state.status === 'listed' ? state.details : details,
      })),
    );

/** The version of a staff member's stream (0 when never listed): what If-Match names. */
export const staffVersion =
  (deps: StaffDeps) =>
  (staffId: StaffId): TE.TaskEither<StoreError, number> =>
    pipe(
      loadStream(deps.store, staffStreamId(staffId), staffDecider),
      TE.map((l) => l.version),
    );
