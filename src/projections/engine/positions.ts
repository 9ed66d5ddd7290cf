import type { Sql } from '../../store/db.js';

export type Lagging = {
  name: string;
  /**
   * behind: catching up; failed: stopped by a handler error; rebuilding: a new build is
   * catching up while the live one waits; missing: no build has caught up yet.
   */
  state: 'behind' | 'failed' | 'rebuilding' | 'missing';
  position: number | null;
  error?: string;
  failedPosition?: number;
};

export type WaitResult = { reached: true } | { reached: false; lagging: Lagging[] };

/** The named projections' builds (not retired), with their positions and failures. */
export type BuildPosition = {
  name: string;
  active: boolean;
  state: string;
  position: number | string;
  error: string | null;
  failed_position: number | string | null;
};

export const buildPositions = async (sql: Sql, schema: string, names: readonly string[]): Promise<BuildPosition[]> =>
  (
    await sql.query<BuildPosition>(
      `select b.name, (a.build is not null) as active, b.state, b.position, b.error, b.failed_position
         from ${schema}.projection_builds b
         left join ${schema}.projection_active a on a.name = b.name and a.build = b.build
        where b.name = any($1::text[]) and b.state <> 'retired'`,
      [names],
    )
  ).rows;

/**
 * Which of the named projections have not yet passed `position`, and why, from their
 * builds. A projection is judged by its live build; a failure of the build that is
 * catching up (a first build, a rebuild or a new version) is reported too, since nothing
 * will move until it is fixed.
 */
export const laggingOf = (rows: readonly BuildPosition[], names: readonly string[], position: number): Lagging[] => {
  const lagging: Lagging[] = [];
  for (const name of names) {
    const mine = rows.filter((r) => r.name === name);
    const live = mine.find((r) => r.active);
    const failed = mine.find((r) => r.error !== null);
    const at = live ? Number(live.position) : null;
    if (at !== null && at >= position) continue;
    if (failed && (failed === live || Number(failed.failed_position) <= position)) {
      lagging.push({ name, state: 'failed', position: at, error: failed.error!, failedPosition: Number(failed.failed_position) });
    } else if (!live) lagging.push({ name, state: 'missing', position: null });
    else lagging.push({ name, state: mine.some((r) => r.state === 'building') ? 'rebuilding' : 'behind', position: at });
  }
  return lagging;
};

export const headPosition = async (sql: Sql, schema: string): Promise<number> =>
  Number((await sql.query<{ p: number | string | null }>(`select max(position) as p from ${schema}.events`)).rows[0]?.p ?? 0);

/**
 * An append's notification: the last position its transaction wrote, and since migration
 * 010 the event types it wrote (`position:TypeA,TypeB`); null when it is not one.
 */
export const appendNotice = (payload: string): { position: number; types?: ReadonlySet<string> } | null => {
  const [head, types] = payload.split(':', 2) as [string, string | undefined];
  const position = Number(head);
  if (head === '' || !Number.isSafeInteger(position)) return null;
  return types === undefined ? { position } : { position, types: new Set(types.split(',').filter((t) => t !== '')) };
};

/**
 * For each notified position, the types of the events its transaction committed (an
 * append, or a group of appends committed together). A position not found is left out.
 */
export const appendedTypes = async (sql: Sql, schema: string, positions: readonly number[]): Promise<Map<number, Set<string>>> => {
  const { rows } = await sql.query<{ position: string | number; types: string[] }>(
    `select p.position, array_agg(distinct e.type) as types
       from unnest($1::bigint[]) as p(position)
       join ${schema}.events n on n.position = p.position
       join ${schema}.events e on e.tx_id = n.tx_id
      group by p.position`,
    [positions],
  );
  return new Map(rows.map((r) => [Number(r.position), new Set(r.types)]));
};

/** A runner's commit notification (`name:position`, builds.ts); null when it is not one. */
export const progressNotice = (payload: string): { name: string; position: number } | null => {
  const colon = payload.lastIndexOf(':');
  const name = payload.slice(0, colon);
  const position = Number(payload.slice(colon + 1));
  if (colon < 1 || payload.length === colon + 1 || !Number.isSafeInteger(position)) return null;
  return { name, position };
};
