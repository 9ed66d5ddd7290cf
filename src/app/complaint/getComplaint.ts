import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  type ComplaintEvent,
  type ComplaintState,
  complaintStreamId,
  evolveComplaint,
  initialComplaintState,
} from '../../domain/complaint/index.js';
import { type AuditEntry, complaintEventTypes } from '../../projections/index.js';
import { type EventStore, type ReadStreamOptions, type StoreError, narrowEvents } from '../../store/index.js';

const complaintEvent = narrowEvents<ComplaintEvent>('complaint stream', complaintEventTypes);

/** One recorded step: who (actor), when (occurredAt, recordedAt), what (type, data) and why (reason) — an audit-trail entry of its stream. */
export type ComplaintStepRecord = Omit<AuditEntry, 'position' | 'streamId'>;

export type ComplaintView = Exclude<ComplaintState, { status: 'notReceived' }> & {
  id: string;
  description: string;
  materials: string[];
  steps: ComplaintStepRecord[];
  version: number;
};

/** The complaint from its own stream (optionally cut at `asOf` / `knownAt`); null when there is none. */
export const getComplaint =
  (deps: { store: EventStore }) =>
  (complaintId: string, cut: Pick<ReadStreamOptions, 'asOf' | 'knownAt'> = {}): TE.TaskEither<StoreError, ComplaintView | null> =>
    pipe(
      deps.store.readStream(complaintStreamId(complaintId), cut),
      TE.map((stored) => {
        const events = stored.map(complaintEvent);
        const state = events.reduce(evolveComplaint, initialComplaintState);
        const receipt = events.find((e) => e.type === 'ComplaintReceived');
        if (state.status === 'notReceived' || receipt?.type !== 'ComplaintReceived') return null;
        return {
          ...state,
          id: complaintId,
          description: receipt.data.description,
          materials: receipt.data.materials,
          steps: stored.map((e) => ({
            version: e.version,
            type: e.type,
            occurredAt: e.occurredAt,
            recordedAt: e.recordedAt,
            actor: e.metadata.actor,
            reason: e.metadata.reason ?? null,
            data: e.data,
          })),
          version: stored.at(-1)?.version ?? 0,
        };
      }),
    );

/** The complaint stream's version: what If-Match on a complaint compares with. */
export const complaintVersion =
  (deps: { store: EventStore }) =>
  (complaintId: string): TE.TaskEither<StoreError, number> =>
    deps.store.streamVersion(complaintStreamId(complaintId));
