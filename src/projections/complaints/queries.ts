import { z } from 'zod';
import {
  type ComplaintEvent,
  type ComplaintState,
  type MonthlyComplaintStatistics,
  type TimedComplaintEvent,
  monthlyComplaintStatistics,
} from '../../domain/complaint/index.js';
import { type Period, periodBounds, Uuid } from '../../domain/shared/index.js';
import { knownAtSql, versionAt } from '../bitemporal/timelineSql.js';
import { type At, type Page, type PageRequest, type ReadDeps, activeTables, decodeCursor, pageLimit, timePoint, toPage } from '../shared/query.js';
import { standingsOf } from '../standing/queries.js';
import { narrowEvents } from '../../store/index.js';
import { type ComplaintRecord, complaintEventTypes } from './projection.js';
import { currentOwnerSql } from '../customers/owner.js';

const complaintEvent = narrowEvents<ComplaintEvent>('complaints events table', complaintEventTypes);

export type ComplaintView = Exclude<ComplaintState, { status: 'notReceived' }> & {
  id: string;
  customerId: string;
  receivedAt: string;
  description: string | null;
  materials: string[];
  version: number;
};

const toView = (id: string, r: ComplaintRecord): ComplaintView | null =>
  r.state.status === 'notReceived'
    ? null
    : { ...r.state, id, customerId: r.state.complaint.customerId, receivedAt: r.state.complaint.receivedAt, description: r.description, materials: r.materials, version: r.version };

export const complaint = async (deps: ReadDeps, complaintId: string, at: At = {}): Promise<ComplaintView | null> => {
  const { complaints: t } = await activeTables(deps.db, deps.schema, ['complaints']);
  const record = await versionAt<ComplaintRecord>(deps.db, t!('complaints'), complaintId, timePoint(at));
  return record ? toView(complaintId, record) : null;
};

export type ComplaintFilter = {
  customerId?: string | undefined;
  status?: ComplaintState['status'] | undefined;
  /** Received at or after. */
  from?: string | undefined;
  /** Received before. */
  to?: string | undefined;
  /**
   * 使用范围 of a salesperson-only reader (their user id): the complaints of the
   * customers they own now (the archive effective and known now, whatever the list's
   * time point: scopes follow the current owner), and those they recorded themselves
   * (the rule of GET /complaints/{id}).
   */
  visibleTo?: string | undefined;
};

const Position = z.tuple([Uuid]);

/** Complaints at (asOf, knownAt), filtered, in id order (keyset paging). */
export const listComplaints = async (deps: ReadDeps, filter: ComplaintFilter = {}, at: At = {}, page: PageRequest = {}): Promise<Page<ComplaintView>> => {
  const point = timePoint(at);
  const limit = pageLimit(page);
  const after = decodeCursor(page.cursor, Position)?.[0] ?? '';
  const params: unknown[] = [point.asOf, point.knownAt, after, filter.customerId ?? null, filter.status ?? null, filter.from ?? null, filter.to ?? null, limit + 1];
  const scoped = filter.visibleTo !== undefined;
  // The receiver column came with version 2 of the complaints view.
  const t = await activeTables(deps.db, deps.schema, scoped ? ['complaints', 'customers'] : ['complaints'], scoped ? { complaints: 2 } : {});
  const table = t.complaints!('complaints');
  const scope = scoped ? `and (v.received_by = $9 or ${currentOwnerSql(t.customers!('archive'), 'v.customer_id', '$10')} = $9)` : '';
  if (scoped) params.push(filter.visibleTo, timePoint().asOf);
  const { rows } = await deps.db.query<{ id: string; state: ComplaintRecord }>(
    `select k.entity_key as id, v.state from ${table}_keys k
       cross join lateral (
         select v.state, v.customer_id, v.status, v.received_at${scoped ? ', v.received_by' : ''} from ${table} v
          where v.entity_key = k.entity_key and v.valid_from <= $1::timestamptz and ${knownAtSql('v', '$2')}
          order by v.valid_from desc limit 1) v
      where k.entity_key > $3 and k.first_valid_from <= $1::timestamptz
        and ($4::text is null or v.customer_id = $4)
        and ($5::text is null or v.status = $5)
        and ($6::timestamptz is null or v.received_at >= $6)
        and ($7::timestamptz is null or v.received_at < $7)
        ${scope}
      order by k.entity_key
      limit $8`,
    params,
  );
  return toPage(rows.flatMap((r) => toView(r.id, r.state) ?? []), limit, (v) => [v.id]);
};

/**
 * 月度客诉统计 of `month` as it stood at (asOf, knownAt): the complaint context's own
 * `monthlyComplaintStatistics` over the histories of the complaints received by the
 * month's end, each cut at the time point; grades are those in force at month end.
 */
export const complaintStatistics = async (deps: ReadDeps, month: Period, at: At = {}): Promise<MonthlyComplaintStatistics> => {
  const point = timePoint(at);
  const t = await activeTables(deps.db, deps.schema, ['complaints', 'standing']);
  const events = t.complaints!('events');
  const { end } = periodBounds(month);
  const { rows } = await deps.db.query<{ complaint_id: string; type: string; data: unknown; occurred_at: Date | string }>(
    `select e.complaint_id, e.type, e.data, e.occurred_at from ${events} e
      where e.complaint_id in (select r.complaint_id from ${events} r where r.type = 'ComplaintReceived' and r.received_at < $3::timestamptz)
        and e.occurred_at <= $1::timestamptz and e.recorded_at <= coalesce($2::timestamptz, 'infinity')
      order by e.complaint_id, e.occurred_at, e.position`,
    [point.asOf, point.knownAt, end],
  );
  const histories = new Map<string, TimedComplaintEvent[]>();
  const customers = new Set<string>();
  for (const r of rows) {
    const event: TimedComplaintEvent = { ...complaintEvent(r), occurredAt: new Date(r.occurred_at).toISOString() };
    if (event.type === 'ComplaintReceived') customers.add(event.data.customerId);
    const history = histories.get(r.complaint_id) ?? [];
    history.push(event);
    histories.set(r.complaint_id, history);
  }
  const gradeAt = { asOf: new Date(Math.min(Date.parse(point.asOf), Date.parse(end) - 1)).toISOString(), knownAt: point.knownAt };
  const grades = await standingsOf(deps.db, t.standing!, [...customers], gradeAt);
  return monthlyComplaintStatistics([...histories.values()], month, (id) => grades.get(id)?.grade ?? null);
};
