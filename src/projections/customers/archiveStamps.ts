import { customerStreamId } from '../../domain/customer/index.js';
import type { LogCursor } from '../../store/eventStore.js';
import type { TableNamer } from '../engine/projection.js';
import { compareCursors } from '../engine/readBatch.js';
import { archiveViews } from './archive.js';
import { noRowsBeforeFirstStart } from '../engine/engineTables.js';
import { type ActiveBuild, type ReadDeps, tablesOfBuilds } from '../shared/query.js';

/**
 * Where each customer's archive stands: two equal stamps of a customer mean the same
 * rows behind its archive, so an archive read under one stamp is the archive under the
 * other (at the same time point). A stamp holds
 * - the builds answering queries (a switch-over names a new build);
 * - the last event of the customer's stream in the log (its version, and the events
 *   behind its version rows and records: every archive and record event of a customer
 *   is in its stream) — streams only grow, in log order;
 * - for `customers` and `customer_records`, "through" when the build's cursor has passed
 *   that event (then it has applied all of the stream, and nothing else changes the
 *   customer's rows), else the cursor itself;
 * - for `standing`, how many events the build has applied (its rows only grow, and
 *   only by the grade summaries and credit approvals it applies: rare events);
 * - for `staff` (the names beside the archive's people), likewise: its rows change only
 *   by the directory events it applies, rarer still.
 */
export type ArchiveStamps = {
  stamps: ReadonlyMap<string, string>;
  /** The active builds' tables (the archive's views and `staff`), as `activeTables` names them. */
  tables: Record<string, TableNamer>;
};

type Row =
  | (ActiveBuild & { kind: 'build'; tx_id: string; position: string | number; events_applied: string | number; stream_id: null })
  | { kind: 'stream'; stream_id: string; tx_id: string | null; position: string | number | null };

const cursorOf = (r: { tx_id: string; position: string | number }): LogCursor => ({ txId: r.tx_id, position: Number(r.position) });

const stampedViews = [...archiveViews, 'staff'];

/** The stamps of the given customers' archives now, in one statement. */
export const archiveStamps = async (deps: ReadDeps, customerIds: readonly string[]): Promise<ArchiveStamps> => {
  const { db, schema } = deps;
  const { rows } = await db
    .query<Row>(
      `select 'build' as kind, a.name, a.build, a.version, b.tx_id::text as tx_id, b.position, b.events_applied, null::text as stream_id
         from ${schema}.projection_active a join ${schema}.projection_builds b on b.name = a.name and b.build = a.build
        where a.name = any($1::text[])
       union all
       select 'stream', null, null, null, h.tx_id::text, h.position, null, s.stream_id
         from unnest($2::text[]) as s(stream_id)
         left join lateral (select e.tx_id, e.position from ${schema}.events e
                             where e.stream_id = s.stream_id order by e.version desc limit 1) h on true`,
      [stampedViews, customerIds.map(customerStreamId)],
    )
    .catch((error: unknown) => noRowsBeforeFirstStart<Row>(error));
  const builds = rows.filter((r) => r.kind === 'build');
  const tables = tablesOfBuilds(schema, builds, stampedViews);
  const build = (name: string) => builds.find((b) => b.name === name)!;
  const buildsPart = stampedViews.map((name) => `${name}:${build(name).build}`).join(' ');
  const appliedPart = ['standing', 'staff'].map((name) => `${name} applied ${build(name).events_applied}`).join(' ');
  const heads = new Map(rows.flatMap((r) => (r.kind === 'stream' ? [[r.stream_id, r] as const] : [])));
  const stamps = new Map<string, string>();
  for (const id of customerIds) {
    const head = heads.get(customerStreamId(id));
    if (!head || head.tx_id === null || head.position === null) continue; // no stream, no archive
    const last = cursorOf({ tx_id: head.tx_id, position: head.position });
    const applied = (name: string) => {
      const cursor = cursorOf(build(name));
      return compareCursors(cursor, last) >= 0 ? `${name} through` : `${name} at ${cursor.txId}:${cursor.position}`;
    };
    stamps.set(id, [buildsPart, `head ${last.txId}:${last.position}`, applied('customers'), applied('customer_records'), appliedPart].join(' | '));
  }
  return { stamps, tables };
};
