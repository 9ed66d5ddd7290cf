import type { Db, Sql } from '../../store/db.js';
import type { LogCursor } from '../../store/eventStore.js';
import { type Projection, tableNamer } from './projection.js';
import { progressChannel } from './engineTables.js';

export type BuildState = 'building' | 'live' | 'retired';

export type BuildRow = {
  name: string;
  build: string;
  version: number;
  state: BuildState;
  cursor: LogCursor;
  eventsApplied: number;
  updatedAt: string;
  failure: { position: number; at: string; error: string } | null;
};

type Raw = {
  name: string;
  build: string;
  version: number;
  state: BuildState;
  tx_id: string;
  position: number | string;
  events_applied: number | string;
  updated_at: Date | string;
  failed_position: number | string | null;
  failed_at: Date | string | null;
  error: string | null;
};

const iso = (t: Date | string): string => (t instanceof Date ? t : new Date(t)).toISOString();

const toBuild = (r: Raw): BuildRow => ({
  name: r.name,
  build: r.build,
  version: Number(r.version),
  state: r.state,
  cursor: { txId: r.tx_id, position: Number(r.position) },
  eventsApplied: Number(r.events_applied),
  updatedAt: iso(r.updated_at),
  failure:
    r.error === null ? null : { position: Number(r.failed_position), at: iso(r.failed_at ?? r.updated_at), error: r.error },
});

const columns = `name, build, version, state, tx_id::text as tx_id, position, events_applied, updated_at, failed_position, failed_at, error`;

export const loadBuilds = async (sql: Sql, schema: string, name?: string): Promise<BuildRow[]> =>
  (
    await sql.query<Raw>(
      `select ${columns} from ${schema}.projection_builds ${name ? 'where name = $1' : ''} order by name, created_at, build`,
      name ? [name] : [],
    )
  ).rows.map(toBuild);

export const loadBuild = async (sql: Sql, schema: string, name: string, build: string): Promise<BuildRow | null> => {
  const { rows } = await sql.query<Raw>(`select ${columns} from ${schema}.projection_builds where name = $1 and build = $2`, [name, build]);
  return rows[0] ? toBuild(rows[0]) : null;
};

export type ActiveRow = { name: string; build: string; version: number };

export const loadActive = async (sql: Sql, schema: string): Promise<Map<string, ActiveRow>> => {
  const { rows } = await sql.query<ActiveRow>(`select name, build, version from ${schema}.projection_active`);
  return new Map(rows.map((r) => [r.name, { ...r, version: Number(r.version) }]));
};

/** The next free build name of a version: `v3`, then `v3r1`, `v3r2` for rebuilds of it. */
export const nextBuildName = (existing: readonly BuildRow[], version: number): string => {
  const taken = new Set(existing.map((b) => b.build));
  if (!taken.has(`v${version}`)) return `v${version}`;
  let n = 1;
  while (taken.has(`v${version}r${n}`)) n += 1;
  return `v${version}r${n}`;
};

/**
 * Creates a build's tables and its row, at the start of the log, in one transaction.
 * Any earlier unfinished build of the projection is retired: only the newest builds.
 */
export const createBuild = async (db: Db, schema: string, projection: Projection, build: string): Promise<void> =>
  db.transaction(async (tx) => {
    await tx.exec(projection.createTables(tableNamer(schema, projection.name, build)));
    await tx.query(
      `update ${schema}.projection_builds set state = 'retired', updated_at = now() where name = $1 and state = 'building'`,
      [projection.name],
    );
    await tx.query(`insert into ${schema}.projection_builds (name, build, version, state) values ($1, $2, $3, 'building')`, [
      projection.name,
      build,
      projection.version,
    ]);
  });

/**
 * Moves a build's cursor, only if it still stands where this runner left it: a runner
 * that lost its lease to another (its lock session died) finds the row moved and rolls
 * its batch back instead of applying it twice.
 */
export const advanceCursor = async (
  tx: Sql,
  schema: string,
  at: { name: string; build: string; from: LogCursor; to: LogCursor; applied: number },
): Promise<boolean> => {
  // The commit is announced in the same statement (sent when it commits): a command
  // waiting in another process hears it instead of polling the builds.
  const { rows } = await tx.query(
    `with moved as (
       update ${schema}.projection_builds
          set tx_id = $5::xid8, position = $6, events_applied = events_applied + $7, updated_at = now(),
              error = null, failed_position = null, failed_at = null
        where name = $1 and build = $2 and tx_id = $3::xid8 and position = $4
        returning 1)
     select 1 as moved, pg_notify($8, $1 || ':' || $6) from moved`,
    [at.name, at.build, at.from.txId, at.from.position, at.to.txId, at.to.position, at.applied, progressChannel(schema)],
  );
  return rows.length === 1;
};

/** The build answers queries from now on; the one it replaces is retired (its tables stay until dropped). */
export const activate = async (tx: Sql, schema: string, name: string, build: string, version: number): Promise<void> => {
  await tx.query(
    `update ${schema}.projection_builds set state = 'retired', updated_at = now() where name = $1 and state = 'live' and build <> $2`,
    [name, build],
  );
  await tx.query(`update ${schema}.projection_builds set state = 'live', updated_at = now() where name = $1 and build = $2`, [name, build]);
  await tx.query(
    `insert into ${schema}.projection_active (name, build, version) values ($1, $2, $3)
       on conflict (name) do update set build = excluded.build, version = excluded.version, switched_at = now()`,
    [name, build, version],
  );
};

export const recordFailure = async (sql: Sql, schema: string, name: string, build: string, position: number, error: string): Promise<void> => {
  await sql.query(
    `update ${schema}.projection_builds set failed_position = $3, failed_at = now(), error = $4, updated_at = now()
      where name = $1 and build = $2`,
    [name, build, position, error],
  );
};

export const clearFailure = async (sql: Sql, schema: string, name: string, build: string): Promise<void> => {
  await sql.query(
    `update ${schema}.projection_builds set failed_position = null, failed_at = null, error = null where name = $1 and build = $2`,
    [name, build],
  );
};

/**
 * Drops the tables of builds retired at least `graceSeconds` ago: kept that long after a
 * switch for queries that resolved the old tables just before it and still run on them.
 */
export const dropRetiredBuilds = async (db: Db, schema: string, name: string, graceSeconds = 0): Promise<string[]> =>
  db.transaction(async (tx) => {
    const { rows } = await tx.query<{ build: string }>(
      `delete from ${schema}.projection_builds
        where name = $1 and state = 'retired' and updated_at <= now() - make_interval(secs => $2)
        returning build`,
      [name, graceSeconds],
    );
    for (const { build } of rows) await dropBuildTables(tx, schema, name, build);
    return rows.map((r) => r.build);
  });

export const dropBuildTables = async (tx: Sql, schema: string, name: string, build: string): Promise<void> => {
  const prefix = `${name}_${build}_`;
  const { rows } = await tx.query<{ tablename: string }>(
    `select tablename from pg_tables where schemaname = $1 and left(tablename, length($2)) = $2`,
    [schema, prefix],
  );
  for (const { tablename } of rows) await tx.query(`drop table if exists ${schema}.${tablename} cascade`);
};
