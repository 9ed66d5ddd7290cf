import {
  type ComplaintEvent,
  type ComplaintReceived,
  type ComplaintState,
  complaintStreamId,
  evolveComplaint,
  initialComplaintState,
} from '../../domain/complaint/index.js';
import { applyTimeline, timelineTableSql, type TimelineSpec } from '../bitemporal/timelineSql.js';
import { narrowEvents } from '../../store/index.js';
import type { LogEvent, Projection } from '../engine/projection.js';

/**
 * A complaint as kept: the complaint context's state, what the customer said and gave,
 * who recorded it (the user id of the receipt's actor, from the event's metadata: a
 * salesperson sees the complaints they recorded, whoever owns the customer now), the
 * stream version.
 */
export type ComplaintRecord = { state: ComplaintState; description: string | null; materials: string[]; receivedBy: string | null; version: number };

export const complaintEventTypes = [
  'ComplaintReceived',
  'ComplaintJudged',
  'ComplaintAssessed',
  'ComplaintPlanProposed',
  'ComplaintOpinionSigned',
  'ComplaintPlanApproved',
  'ComplaintNegotiated',
  'ComplaintPlanExecuted',
  'ComplaintLitigationStarted',
  'ComplaintLitigationConcluded',
  'ComplaintClosed',
  'ComplaintReopened',
] as const satisfies readonly ComplaintEvent['type'][];

/** The receipt's actor: the projection asks for metadata, so a receipt without it is a bug of the reader, not a complaint without receiver. */
const receiverOf = (event: LogEvent): string => {
  const id = event.metadata?.actor.id;
  if (id === undefined) throw new Error(`complaints: ${event.type} at position ${event.position} was read without its metadata`);
  return id;
};

const complaintEvent = narrowEvents<ComplaintEvent>('complaints projection', complaintEventTypes);

const evolve = (record: ComplaintRecord | undefined, event: LogEvent): ComplaintRecord => {
  const received = event.type === 'ComplaintReceived' ? (event.data as ComplaintReceived['data']) : null;
  return {
    state: evolveComplaint(record?.state ?? initialComplaintState, complaintEvent(event)),
    description: record?.description ?? received?.description ?? null,
    materials: record?.materials.length ? record.materials : (received?.materials ?? []),
    receivedBy: record?.receivedBy ?? (received ? receiverOf(event) : null),
    version: Math.max(record?.version ?? 0, event.version),
  };
};

const fileOf = (s: ComplaintState) => (s.status === 'notReceived' ? null : s.complaint);

export const complaintTimeline: TimelineSpec<ComplaintRecord> = {
  table: 'complaints',
  eventTypes: complaintEventTypes,
  keyOf: (e) => (e.data as { complaintId?: string }).complaintId ?? null,
  streamOf: complaintStreamId,
  evolve,
  columns: [
    { name: 'customer_id', type: 'text', of: (r) => fileOf(r.state)?.customerId ?? null },
    { name: 'status', type: 'text', of: (r) => r.state.status },
    { name: 'received_at', type: 'timestamptz', of: (r) => fileOf(r.state)?.receivedAt ?? null },
    { name: 'received_by', type: 'text', of: (r) => r.receivedBy },
  ],
};

/**
 * Complaints (客诉): each as bitemporal version rows, and every complaint event as a
 * row for the monthly statistics (月度客诉统计), which read whole histories.
 */
export const complaintsProjection: Projection = {
  name: 'complaints',
  // 2: the version rows keep who recorded the complaint (`receivedBy`, column
  // `received_by`, from the receipt's metadata) so that a salesperson's list shows the
  // complaints they recorded, as GET /complaints/{id} does. Rebuilt beside version 1.
  version: 2,
  eventTypes: complaintEventTypes,
  needsMetadata: true,
  createTables: (t) => `
    ${timelineTableSql(complaintTimeline, t)}
    create table ${t('events')} (
      position     bigint primary key,
      complaint_id text not null,
      occurred_at  timestamptz not null,
      recorded_at  timestamptz not null,
      received_at  timestamptz,
      type         text not null,
      data         jsonb not null
    );
    create index on ${t('events')} (complaint_id, position);
    create index on ${t('events')} (received_at) where type = 'ComplaintReceived';
  `,
  applyBatch: async (context, events) => {
    await applyTimeline(context, complaintTimeline, events);
    const rows = events.map((e) => ({
      p: e.position,
      c: (e.data as { complaintId: string }).complaintId,
      o: e.occurredAt,
      r: e.recordedAt,
      rc: e.type === 'ComplaintReceived' ? (e.data as ComplaintReceived['data']).receivedAt : null,
      t: e.type,
      d: e.data,
    }));
    if (rows.length === 0) return;
    await context.tx.query(
      `insert into ${context.table('events')} (position, complaint_id, occurred_at, recorded_at, received_at, type, data)
       select p, c, o, r, rc, t, d from jsonb_to_recordset($1::jsonb)
         as x(p bigint, c text, o timestamptz, r timestamptz, rc timestamptz, t text, d jsonb)`,
      [JSON.stringify(rows)],
    );
  },
};
