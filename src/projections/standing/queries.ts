import type { CreditLimitSource } from '../../domain/credit/index.js';
import type { Sql } from '../../store/db.js';
import type { TableNamer } from '../engine/projection.js';
import type { TimePoint } from '../shared/query.js';

export type Standing = {
  grade: string | null;
  vip: boolean;
  score: number | null;
  /** The period whose approved summary gave the grade. */
  gradedIn: string | null;
  creditLimit: string | null;
  creditLimitSource: CreditLimitSource | null;
};

/**
 * SQL of a lateral lookup of a customer's latest source in force at `asOf` and recorded
 * by `knownAt`; `graded`: among the sources that give a grade (approved summaries).
 */
export const latestAtSql = (table: TableNamer, customer: string, columns: string, asOf: string, knownAt: string, graded = false): string =>
  `select ${columns} from ${table('sources')} x
    where x.customer_id = ${customer} and x.in_force_from <= ${asOf}::timestamptz
      and x.recorded_at <= coalesce(${knownAt}::timestamptz, 'infinity')${graded ? ' and x.grade is not null' : ''}
    order by x.effective_at desc, x.position desc limit 1`;

/** The columns `standingColumnsSql` selects, as they come back. */
export type StandingRow = {
  grade: string | null;
  vip: boolean | null;
  score: number | null;
  graded_in: string | null;
  credit_limit: string | null;
  effective_at: Date | string | null;
  request_id: string | null;
  period: string | null;
};

const sourceOf = (r: StandingRow): CreditLimitSource | null => {
  if (r.credit_limit === null || r.effective_at === null) return null;
  const effectiveAt = new Date(r.effective_at).toISOString();
  return r.request_id !== null
    ? { kind: 'changeRequest', requestId: r.request_id, limit: r.credit_limit, effectiveAt }
    : { kind: 'gradeSummary', period: r.period!, limit: r.credit_limit, effectiveAt };
};

/**
 * The select list and lateral joins of a customer's standing at `asOf`/`knownAt`
 * (SQL expressions), for a statement that names the customer by `customer`.
 */
export const standingColumnsSql = (table: TableNamer, customer: string, asOf: string, knownAt: string) => ({
  columns: 'g.grade, g.vip, g.score, g.period as graded_in, l.credit_limit, l.effective_at, l.request_id, l.period',
  joins: `left join lateral (${latestAtSql(table, customer, 'grade, vip, score, period', asOf, knownAt, true)}) g on true
       left join lateral (${latestAtSql(table, customer, 'credit_limit, effective_at, request_id, period', asOf, knownAt)}) l on true`,
});

export const standingOf = (r: StandingRow): Standing => ({
  grade: r.grade,
  vip: r.vip ?? false,
  score: r.score === null ? null : Number(r.score),
  gradedIn: r.graded_in,
  creditLimit: r.credit_limit,
  creditLimitSource: sourceOf(r),
});

/** The standing of each given customer at the time point. */
export const standingsOf = async (sql: Sql, table: TableNamer, customerIds: readonly string[], at: TimePoint): Promise<Map<string, Standing>> => {
  if (customerIds.length === 0) return new Map();
  const standing = standingColumnsSql(table, 'c.customer_id', '$2', '$3');
  const { rows } = await sql.query<StandingRow & { customer_id: string }>(
    `select c.customer_id, ${standing.columns}
       from unnest($1::text[]) as c(customer_id)
       ${standing.joins}`,
    [customerIds, at.asOf, at.knownAt],
  );
  return new Map(rows.map((r) => [r.customer_id, standingOf(r)]));
};
