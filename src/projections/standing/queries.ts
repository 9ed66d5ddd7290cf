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

export const noStanding: Standing = { grade: null, vip: false, score: null, gradedIn: null, creditLimit: null, creditLimitSource: null };

/** SQL of a lateral lookup of the latest source of `table` for `customer` in force at `asOf` and recorded by `knownAt`. */
export const latestAtSql = (table: string, customer: string, columns: string, asOf: string, knownAt: string): string =>
  `select ${columns} from ${table} x
    where x.customer_id = ${customer} and x.in_force_from <= ${asOf}::timestamptz
      and x.recorded_at <= coalesce(${knownAt}::timestamptz, 'infinity')
    order by x.effective_at desc, x.position desc limit 1`;

type Row = {
  customer_id: string;
  grade: string | null;
  vip: boolean | null;
  score: number | null;
  period: string | null;
  credit_limit: string | null;
  source: CreditLimitSource | null;
};

/** The standing of each given customer at the time point. */
export const standingsOf = async (sql: Sql, table: TableNamer, customerIds: readonly string[], at: TimePoint): Promise<Map<string, Standing>> => {
  if (customerIds.length === 0) return new Map();
  const { rows } = await sql.query<Row>(
    `select c.customer_id, g.grade, g.vip, g.score, g.period, l.credit_limit, l.source
       from unnest($1::text[]) as c(customer_id)
       left join lateral (${latestAtSql(table('grades'), 'c.customer_id', 'grade, vip, score, period', '$2', '$3')}) g on true
       left join lateral (${latestAtSql(table('limits'), 'c.customer_id', 'credit_limit, source', '$2', '$3')}) l on true`,
    [customerIds, at.asOf, at.knownAt],
  );
  return new Map(
    rows.map((r) => [
      r.customer_id,
      {
        grade: r.grade,
        vip: r.vip ?? false,
        score: r.score === null ? null : Number(r.score),
        gradedIn: r.period,
        creditLimit: r.credit_limit,
        creditLimitSource: r.source,
      },
    ]),
  );
};
