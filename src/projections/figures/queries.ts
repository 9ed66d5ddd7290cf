import type { MonthlyFigures } from '../../domain/grading/index.js';
import type { Period } from '../../domain/shared/index.js';
import type { Sql } from '../../store/db.js';
import type { TableNamer } from '../engine/projection.js';
import { type At, type ReadDeps, type TimePoint, activeTables, timePoint } from '../shared/query.js';

type Row = { customer_id: string; period: string; sales: string; credit_due: string; credit_paid_on_time: string };

/** The figures of the given periods (all customers, or the given ones) at the time point, by customer. */
export const figuresOf = async (
  sql: Sql,
  t: TableNamer,
  periods: readonly Period[],
  at: TimePoint,
  customerIds: readonly string[] | null = null,
): Promise<Map<string, MonthlyFigures[]>> => {
  const { rows } = await sql.query<Row>(
    `select distinct on (customer_id, period) customer_id, period, sales, credit_due, credit_paid_on_time
       from ${t('monthly')}
      where period = any($1::text[]) and ($4::text[] is null or customer_id = any($4::text[]))
        and occurred_at <= $2::timestamptz and recorded_at <= coalesce($3::timestamptz, 'infinity')
      order by customer_id, period, occurred_at desc, position desc`,
    [periods, at.asOf, at.knownAt, customerIds],
  );
  const out = new Map<string, MonthlyFigures[]>();
  for (const r of rows) {
    const list = out.get(r.customer_id) ?? [];
    list.push({ period: r.period, sales: r.sales, creditDue: r.credit_due, creditPaidOnTime: r.credit_paid_on_time });
    out.set(r.customer_id, list);
  }
  return out;
};

/** One customer's figures of the given periods at (asOf, knownAt), oldest period first. */
export const customerFigures = async (deps: ReadDeps, customerId: string, periods: readonly Period[], at: At = {}): Promise<MonthlyFigures[]> => {
  const { figures } = await activeTables(deps.db, deps.schema, ['figures']);
  const found = (await figuresOf(deps.db, figures!, periods, timePoint(at), [customerId])).get(customerId) ?? [];
  return found.sort((a, b) => (a.period < b.period ? -1 : 1));
};
