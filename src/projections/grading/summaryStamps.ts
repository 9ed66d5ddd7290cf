import { gradingPeriodStreamId } from '../../domain/grading/index.js';
import type { Period } from '../../domain/shared/index.js';
import { noRowsBeforeFirstStart } from '../engine/engineTables.js';
import type { TableNamer } from '../engine/projection.js';
import { type ActiveBuild, type ReadDeps, tablesOfBuilds } from '../shared/query.js';

/**
 * Where each period's summary stands: the grading build answering queries and how many
 * events it has applied (its rows change only by the events it applies: grading runs,
 * sign-offs, policies), and the period stream's version (the summary's ETag, which a
 * period event changes before the view applies it). Equal stamps, equal answers at the
 * same time point.
 */
export type SummaryStamps = {
  stamps: ReadonlyMap<Period, string>;
  /** Each period stream's version now. */
  versions: ReadonlyMap<Period, number>;
  grading: TableNamer;
};

type Row = Partial<ActiveBuild> & { period: Period; stream_version: number | null; events_applied: string | number | null };

/** The stamps of the given periods' summaries now, in one statement. */
export const summaryStamps = async (deps: ReadDeps, periods: readonly Period[]): Promise<SummaryStamps> => {
  const { db, schema } = deps;
  const { rows } = await db
    .query<Row>(
      `select p.period, s.version as stream_version, a.name, a.build, a.version, b.events_applied
         from unnest($1::text[], $2::text[]) as p(period, stream_id)
         left join ${schema}.streams s on s.stream_id = p.stream_id
         left join (${schema}.projection_active a join ${schema}.projection_builds b on b.name = a.name and b.build = a.build)
           on a.name = 'grading'`,
      [periods, periods.map(gradingPeriodStreamId)],
    )
    .catch((error: unknown) => noRowsBeforeFirstStart<Row>(error));
  const live = rows.filter((r): r is Row & ActiveBuild => r.build !== null && r.build !== undefined);
  const { grading } = tablesOfBuilds(schema, live, ['grading']);
  const versions = new Map(rows.map((r) => [r.period, Number(r.stream_version ?? 0)]));
  const stamps = new Map(live.map((r) => [r.period, `grading:${r.build} applied ${r.events_applied} | period version ${versions.get(r.period)}`]));
  return { stamps, versions, grading: grading! };
};
