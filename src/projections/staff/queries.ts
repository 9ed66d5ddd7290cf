import { z } from 'zod';
import type { StaffDetails } from '../../domain/staff/index.js';
import { knownAtSql, versionAt } from '../bitemporal/timelineSql.js';
import { type At, type Page, type PageRequest, type ReadDeps, activeTables, decodeCursor, pageLimit, timePoint, toPage } from '../shared/query.js';
import type { StaffRecord } from './projection.js';

/** A directory entry as GET /staff shows it: the id (the token's `sub`), the details, the stream version. */
export type StaffEntry = StaffDetails & { id: string; version: number };

const entryOf = (id: string, record: StaffRecord | undefined): StaffEntry | null =>
  record === undefined || record.state.status !== 'listed' ? null : { id, ...record.state.details, version: record.version };

const directory = async (deps: ReadDeps): Promise<string> => {
  const { staff: t } = await activeTables(deps.db, deps.schema, ['staff']);
  return t!('directory');
};

/** One person's entry at the time point; null when not listed then (or not yet recorded). */
export const staffMember = async (deps: ReadDeps, staffId: string, at: At = {}): Promise<StaffEntry | null> =>
  entryOf(staffId, await versionAt<StaffRecord>(deps.db, await directory(deps), staffId, timePoint(at)));

const Position = z.tuple([z.string()]);

/** The directory at the time point, in id order (keyset paging on the id). */
export const listStaff = async (deps: ReadDeps, at: At = {}, page: PageRequest = {}): Promise<Page<StaffEntry>> => {
  const point = timePoint(at);
  const limit = pageLimit(page);
  const after = decodeCursor(page.cursor, Position)?.[0] ?? '';
  const t = await directory(deps);
  const { rows } = await deps.db.query<{ id: string; record: StaffRecord }>(
    `select i.entity_key as id, d.state as record from ${t}_keys i
       cross join lateral (
         select d.state from ${t} d
          where d.entity_key = i.entity_key and d.valid_from <= $1::timestamptz and ${knownAtSql('d', '$2')}
          order by d.valid_from desc, d.known_from desc limit 1) d
      where i.entity_key collate "C" > $3 and i.first_valid_from <= $1::timestamptz
      order by i.entity_key collate "C"
      limit $4`,
    [point.asOf, point.knownAt, after, limit + 1],
  );
  const items = rows.flatMap((r) => entryOf(r.id, r.record) ?? []);
  return toPage(items, limit, (item) => [item.id]);
};

/**
 * 姓名 by staff id at the time point, for the reports that hold people as ids: the
 * directory's entry effective at or before asOf, as known at knownAt. People not
 * listed then are left out (the caller falls back to the name their token carried).
 */
export const staffNamesAt = async (deps: ReadDeps, staffIds: readonly string[], at: At = {}): Promise<Map<string, string>> => {
  const ids = [...new Set(staffIds)];
  if (ids.length === 0) return new Map();
  const point = timePoint(at);
  const t = await directory(deps);
  const { rows } = await deps.db.query<{ id: string; name: string | null }>(
    `select k.id, d.name from unnest($3::text[]) as k(id)
       cross join lateral (
         select d.name from ${t} d
          where d.entity_key = k.id and d.valid_from <= $1::timestamptz and ${knownAtSql('d', '$2')}
          order by d.valid_from desc, d.known_from desc limit 1) d`,
    [point.asOf, point.knownAt, ids],
  );
  return new Map(rows.flatMap((r) => (r.name === null ? [] : [[r.id, r.name] as const])));
};

/** Names that a kept read of "now" holds (see `keptReads`): as of its instant, and until when. */
export type HeldNames = { names: Map<string, string>; until: number };

/**
 * For each lookup in one statement: 姓名 by staff id as of its instant, everything
 * recorded (as `staffNamesAt` with knownAt now), and the first instant after it at
 * which one of those people's directory entries changes (Infinity if none) — a rename
 * recorded ahead of its effective time. `directoryTable`: the active staff build's.
 */
export const staffNamesHeld = async (
  deps: ReadDeps,
  directoryTable: string,
  lookups: readonly { staffIds: readonly string[]; asOf: string }[],
): Promise<HeldNames[]> => {
  const held = lookups.map((): HeldNames => ({ names: new Map(), until: Infinity }));
  const pairs = lookups.flatMap((l, i) => [...new Set(l.staffIds)].map((id) => ({ i, id, asOf: l.asOf })));
  if (pairs.length === 0) return held;
  const { rows } = await deps.db.query<{ ord: number | string; name: string | null; next: Date | null }>(
    `select k.ord, d.name, n.next from unnest($1::text[], $2::timestamptz[]) with ordinality as k(id, as_of, ord)
       left join lateral (
         select d.name from ${directoryTable} d
          where d.entity_key = k.id and d.valid_from <= k.as_of and ${knownAtSql('d', 'null')}
          order by d.valid_from desc, d.known_from desc limit 1) d on true
       left join lateral (
         select min(d.valid_from) as next from ${directoryTable} d
          where d.entity_key = k.id and d.valid_from > k.as_of and ${knownAtSql('d', 'null')}) n on true`,
    [pairs.map((p) => p.id), pairs.map((p) => p.asOf)],
  );
  rows.forEach((r) => {
    const pair = pairs[Number(r.ord) - 1]!;
    const h = held[pair.i]!;
    if (r.name !== null) h.names.set(pair.id, r.name);
    if (r.next !== null) h.until = Math.min(h.until, new Date(r.next).getTime());
  });
  return held;
};
