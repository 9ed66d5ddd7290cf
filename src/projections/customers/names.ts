import { knownAtSql } from '../bitemporal/timelineSql.js';
import { type At, type ReadDeps, activeTables, timePoint } from '../shared/query.js';

/**
 * Each customer's name and status at the time point: one statement on the archive rows'
 * name column, ordered like `versionAt` (equal effective times by knownFrom).
 */
const namesAt = async (deps: ReadDeps, at: At, where: string, params: unknown[]): Promise<{ id: string; name: string }[]> => {
  const point = timePoint(at);
  const { customers: t } = await activeTables(deps.db, deps.schema, ['customers']);
  const archive = t!('archive');
  const { rows } = await deps.db.query<{ id: string; name: string }>(
    `select i.entity_key as id, a.name from ${archive}_keys i
       cross join lateral (
         select a.name, a.status from ${archive} a
          where a.entity_key = i.entity_key and a.valid_from <= $1::timestamptz and ${knownAtSql('a', '$2')}
          order by a.valid_from desc, a.known_from desc limit 1) a
      where ${where}
      order by i.entity_key`,
    [point.asOf, point.knownAt, ...params],
  );
  return rows;
};

/**
 * 客户名称 by id at the time point, for the reports that name customers the views keep
 * as ids: of the given customers, or of every customer (`null`). Customers that did not
 * exist then are left out.
 */
export const customerNamesAt = async (deps: ReadDeps, customerIds: readonly string[] | null, at: At = {}): Promise<Map<string, string>> => {
  const rows = await namesAt(deps, at, `($3::text[] is null or i.entity_key = any($3::text[])) and a.status <> 'unregistered'`, [
    customerIds === null ? null : [...new Set(customerIds)],
  ]);
  return new Map(rows.map((r) => [r.id, r.name]));
};

/** Every customer that holds its name now (neither unregistered nor lost): id and 客户名称. */
export const liveCustomerNames = (deps: ReadDeps): Promise<{ id: string; name: string }[]> =>
  namesAt(deps, {}, `a.status not in ('unregistered', 'lost')`, []);
