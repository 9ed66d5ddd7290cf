import type { z } from 'zod';
import { Instant } from '../../domain/shared/index.js';
import type { Sql } from '../../store/db.js';
import type { Keyring } from '../../store/pii/keyring.js';
import { noRowsBeforeFirstStart } from '../engine/engineTables.js';
import { type TableNamer, tableNamer } from '../engine/projection.js';
import type { TimePoint } from '../bitemporal/timelineSql.js';

export type { TimePoint } from '../bitemporal/timelineSql.js';

/** A read asked of the projections, answered with a named refusal the API maps to a status. */
export class ProjectionQueryError extends Error {
  override readonly name = 'ProjectionQueryError';
  constructor(
    readonly code: 'InvalidCursor' | 'InvalidTimePoint' | 'ProjectionNotReady',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Every view answers for a pair of times (API.md "Time travel"): `asOf` the effective
 * time (what was true then), `knownAt` the record time (what had been recorded by
 * then). Both default to now; "known now" is everything recorded, whatever the clock.
 */
export type At = { asOf?: string | undefined; knownAt?: string | undefined };

const toIso = (value: string, name: string): string => {
  if (!Instant.safeParse(value).success) throw new ProjectionQueryError('InvalidTimePoint', `${name} is not an ISO 8601 instant with an offset: ${value}`);
  return new Date(value).toISOString();
};

export const timePoint = (at: At = {}, now: () => Date = () => new Date()): TimePoint => ({
  asOf: at.asOf === undefined ? now().toISOString() : toIso(at.asOf, 'asOf'),
  knownAt: at.knownAt === undefined ? null : toIso(at.knownAt, 'knownAt'),
});

/** Lists (API.md): `limit` 1–500, default 50; `cursor` opaque, from the previous page's `nextCursor`. */
export type PageRequest = { limit?: number | undefined; cursor?: string | null | undefined };
export type Page<T> = { items: T[]; nextCursor: string | null };

export const defaultLimit = 50;
export const maxLimit = 500;

export const pageLimit = (page: PageRequest = {}): number => Math.min(maxLimit, Math.max(1, Math.trunc(page.limit ?? defaultLimit)));

export const encodeCursor = (position: unknown): string => Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');

/** The position a cursor holds, checked against the list's own shape. */
export const decodeCursor = <T extends z.ZodType>(cursor: string | null | undefined, position: T): z.output<T> | null => {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  try {
    const parsed = position.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through: not ours
  }
  throw new ProjectionQueryError('InvalidCursor', 'not a cursor this list gave out');
};

/** From up to `limit + 1` rows: the page, and a cursor when another page follows. */
export const toPage = <T>(rows: readonly T[], limit: number, positionOf: (row: T) => unknown): Page<T> => {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null };
};

/** A projection's build that answers queries, as `projection_active` names it. */
export type ActiveBuild = { name: string; build: string; version: number | string };

/**
 * The tables of the named projections' active builds. `minVersions`: a query that needs
 * what a projection version added (a column) refuses an older live build, which keeps
 * serving the other queries while the new version is built beside it.
 */
export const tablesOfBuilds = (
  schema: string,
  builds: readonly ActiveBuild[],
  names: readonly string[],
  minVersions: Readonly<Record<string, number>> = {},
): Record<string, TableNamer> => {
  const out: Record<string, TableNamer> = {};
  for (const name of names) {
    const row = builds.find((r) => r.name === name);
    if (!row) throw new ProjectionQueryError('ProjectionNotReady', `the ${name} view is still being built`);
    if (Number(row.version) < (minVersions[name] ?? 0)) {
      throw new ProjectionQueryError('ProjectionNotReady', `the ${name} view is being rebuilt for version ${minVersions[name]}, which this query needs`);
    }
    out[name] = tableNamer(schema, name, row.build);
  }
  return out;
};

/** The tables of the builds that answer queries now, by projection name (see `tablesOfBuilds`). */
export const activeTables = async (
  sql: Sql,
  schema: string,
  names: readonly string[],
  minVersions: Readonly<Record<string, number>> = {},
): Promise<Record<string, TableNamer>> => {
  const { rows } = await sql
    .query<ActiveBuild>(`select name, build, version from ${schema}.projection_active where name = any($1::text[])`, [names])
    .catch((error: unknown) => noRowsBeforeFirstStart<ActiveBuild>(error));
  return tablesOfBuilds(schema, rows, names, minVersions);
};

/**
 * A query's reach: the database, the store's schema, and the keyring that reveals the
 * personal fields the views hold sealed (views never hold them in the clear: an erased
 * subject's values must not survive in a view's table, its dead rows or the WAL).
 */
export type ReadDeps = { db: Sql; schema: string; keyring: Keyring };
