import type { Sql } from '../../store/db.js';
import { engineTablesMissing } from './engineTables.js';

/**
 * How far each view's live build is behind the log: in events, and in seconds since
 * the oldest event it has not applied was recorded (0 when it has applied them all).
 * Seconds come from the database's clock, the same clock that stamped `recorded_at`.
 */
export type ViewLag = {
  name: string;
  /** missing: no build has caught up yet; failed: the live build is stopped by an event it cannot apply. */
  state: 'live' | 'missing' | 'failed';
  lagEvents: number;
  lagSeconds: number;
};

type Row = { name: string; position: number | string | null; failed: boolean | null; head: number | string; oldest_age: number | string | null };

export const viewLags = async (sql: Sql, schema: string, names: readonly string[]): Promise<ViewLag[]> => {
  let rows: Row[];
  try {
    ({ rows } = await sql.query<Row>(
      `with head as (select coalesce(max(position), 0) as head from ${schema}.events)
       select n.name, b.position, b.error is not null as failed, head.head,
              extract(epoch from now() - (select e.recorded_at from ${schema}.events e
                                           where e.position > coalesce(b.position, 0) order by e.position limit 1)) as oldest_age
         from unnest($1::text[]) as n(name)
         cross join head
         left join ${schema}.projection_active a on a.name = n.name
         left join ${schema}.projection_builds b on b.name = a.name and b.build = a.build`,
      [names],
    ));
  } catch (error) {
    // Before the engine's first start there are no builds: every view is missing.
    if (!engineTablesMissing(error)) throw error;
    return names.map((name) => ({ name, state: 'missing', lagEvents: 0, lagSeconds: 0 }));
  }
  return rows.map((r) => {
    const position = r.position === null ? null : Number(r.position);
    return {
      name: r.name,
      state: position === null ? 'missing' : r.failed ? 'failed' : 'live',
      lagEvents: Math.max(0, Number(r.head) - (position ?? 0)),
      lagSeconds: Math.max(0, Number(r.oldest_age ?? 0)),
    };
  });
};

/** READY_MAX_LAG: a view is current when it is at most this far behind the log. */
export type MaxLag = { seconds: number } | { events: number };

export type Readiness = { ready: boolean; views: (ViewLag & { ready: boolean; reason?: string })[] };

export const judgeReadiness = (lags: readonly ViewLag[], max: MaxLag): Readiness => {
  const views = lags.map((v) => {
    const reason =
      v.state === 'missing'
        ? 'no build of this view has caught up yet'
        : v.state === 'failed'
          ? 'stopped by an event it cannot apply (see `projections status`)'
          : 'seconds' in max && v.lagSeconds > max.seconds
            ? `${v.lagEvents} events behind, the oldest recorded ${v.lagSeconds.toFixed(1)} s ago (allowed ${max.seconds} s)`
            : 'events' in max && v.lagEvents > max.events
              ? `${v.lagEvents} events behind (allowed ${max.events})`
              : undefined;
    return reason === undefined ? { ...v, ready: true } : { ...v, ready: false, reason };
  });
  return { ready: views.every((v) => v.ready), views };
};
