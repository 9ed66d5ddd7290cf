import { type StaffDetails, type StaffEvent, type StaffState, evolveStaff, initialStaffState, staffStreamId } from '../../domain/staff/index.js';
import { applyTimeline, timelineTableSql, type TimelineSpec } from '../bitemporal/timelineSql.js';
import { narrowEvents } from '../../store/index.js';
import type { LogEvent, Projection } from '../engine/projection.js';

/** A directory entry as kept: the staff context's own state (its `evolveStaff`) and the stream version. */
export type StaffRecord = { state: StaffState; version: number };

export const staffEventTypes = ['StaffMemberRegistered', 'StaffMemberChanged'] as const satisfies readonly StaffEvent['type'][];

const staffEvent = narrowEvents<StaffEvent>('staff projection', staffEventTypes);

const evolve = (record: StaffRecord | undefined, event: LogEvent): StaffRecord => ({
  state: evolveStaff(record?.state ?? initialStaffState, staffEvent(event)),
  version: Math.max(record?.version ?? 0, event.version),
});

const detailsOf = (r: StaffRecord): StaffDetails | null => (r.state.status === 'listed' ? r.state.details : null);

/**
 * The staff directory as bitemporal version rows: a name is the person's from the
 * effective time it was recorded for, so a report as of a past time prints the name
 * the person had then, and one as known at a past time what the directory said then.
 */
export const staffTimeline: TimelineSpec<StaffRecord> = {
  table: 'directory',
  eventTypes: staffEventTypes,
  keyOf: (e) => (e.data as { staffId?: string }).staffId ?? null,
  streamOf: staffStreamId,
  evolve,
  columns: [{ name: 'name', type: 'text', of: (r) => detailsOf(r)?.name ?? null }],
};

/** The staff directory (业务员 and signers by name, API.md v1.1). */
export const staffProjection: Projection = {
  name: 'staff',
  version: 1,
  eventTypes: staffEventTypes,
  createTables: (t) => timelineTableSql(staffTimeline, t),
  applyBatch: (context, events) => applyTimeline(context, staffTimeline, events),
};
