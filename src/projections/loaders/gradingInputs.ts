import { type CustomerGradingInput, type VersionedPolicy, figurePeriodsOf, incidentsPeriodOf } from '../../domain/grading/index.js';
import { type Period, periodBounds } from '../../domain/shared/index.js';
import { knownAtSql } from '../bitemporal/timelineSql.js';
import { shanghaiDate } from '../customers/review.js';
import { figuresOf } from '../figures/queries.js';
import { type At, type ReadDeps, activeTables, timePoint } from '../shared/query.js';

type ActiveRow = { customer_id: string; name: string; salesperson_id: string; active_since: string | null };
type CountRow = { customer_id: string; n: number | string };

/** How many customers, by status, a run leaves out (only `active` ones are graded). */
export type NotGraded = { prospect: number; inactive: number; lost: number };

/** The customers registered by the time point that are not active, counted by status. */
export const countNotGraded =
  (deps: ReadDeps, at: At = {}) =>
  async (): Promise<NotGraded> => {
    const point = timePoint(at);
    const { customers: t } = await activeTables(deps.db, deps.schema, ['customers']);
    const archive = t!('archive');
    const { rows } = await deps.db.query<{ status: string; n: number | string }>(
      `select a.status, count(*) as n
         from ${archive}_keys k
         cross join lateral (
           select a.status from ${archive} a
            where a.entity_key = k.entity_key and a.valid_from <= $1::timestamptz and ${knownAtSql('a', '$2')}
            order by a.valid_from desc limit 1) a
        where k.first_valid_from <= $1::timestamptz and a.status <> 'active'
        group by a.status`,
      [point.asOf, point.knownAt],
    );
    const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
    return { prospect: count('prospect'), inactive: count('inactive'), lost: count('lost') };
  };

/**
 * What grading a period needs of every active customer (`LoadGradingInputs` of
 * src/app/grading): the archive header, the figures of the months the policy reads,
 * the violations (违规记录, by when they happened) and complaints (by when received)
 * of the policy's incidents period, and since when the customer has been active
 * (合作起始, its date in Asia/Shanghai). Everything as known now, unless `at` says.
 */
export const loadGradingInputs =
  (deps: ReadDeps, at: At = {}) =>
  async (period: Period, policy: VersionedPolicy): Promise<CustomerGradingInput[]> => {
    const point = timePoint(at);
    const t = await activeTables(deps.db, deps.schema, ['customers', 'customer_records', 'figures', 'complaints']);
    const archive = t.customers!('archive');
    const { rows: active } = await deps.db.query<ActiveRow>(
      `select a.entity_key as customer_id, a.name, a.salesperson_id, a.state->>'activeSince' as active_since
         from ${archive}_keys k
         cross join lateral (
           select a.entity_key, a.name, a.salesperson_id, a.status, a.state from ${archive} a
            where a.entity_key = k.entity_key and a.valid_from <= $1::timestamptz and ${knownAtSql('a', '$2')}
            order by a.valid_from desc limit 1) a
        where k.first_valid_from <= $1::timestamptz and a.status = 'active'`,
      [point.asOf, point.knownAt],
    );
    const ids = active.map((a) => a.customer_id);
    const incidents = periodBounds(incidentsPeriodOf(policy.policy, period));
    const counts = async (sql: string): Promise<Map<string, number>> =>
      new Map(
        (await deps.db.query<CountRow>(sql, [ids, incidents.start, incidents.end, point.asOf, point.knownAt])).rows.map((r) => [r.customer_id, Number(r.n)]),
      );
    const cut = `occurred_at <= $4::timestamptz and recorded_at <= coalesce($5::timestamptz, 'infinity')`;
    const violations = await counts(
      `select customer_id, count(*) as n from ${t.customer_records!('violations')}
        where customer_id = any($1::text[]) and violation_at >= $2::timestamptz and violation_at < $3::timestamptz and ${cut}
        group by customer_id`,
    );
    const complaints = await counts(
      `select data->>'customerId' as customer_id, count(*) as n from ${t.complaints!('events')}
        where type = 'ComplaintReceived' and data->>'customerId' = any($1::text[])
          and received_at >= $2::timestamptz and received_at < $3::timestamptz and ${cut}
        group by data->>'customerId'`,
    );
    const figures = await figuresOf(deps.db, t.figures!, figurePeriodsOf(policy.policy, period), point, ids);
    return active.map((a) => ({
      customerId: a.customer_id,
      customerName: a.name,
      salespersonId: a.salesperson_id,
      figures: (figures.get(a.customer_id) ?? []).sort((x, y) => (x.period < y.period ? -1 : 1)),
      violations: violations.get(a.customer_id) ?? 0,
      complaints: complaints.get(a.customer_id) ?? 0,
      cooperationSince: a.active_since === null ? null : shanghaiDate(a.active_since),
    }));
  };
