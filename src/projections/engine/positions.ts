import type { Sql } from '../../store/db.js';

export type Lagging = {
  name: string;
  /** missing: never built; failed: stopped by a handler error; rebuilding: a new build is catching up while the live one waits. */
  state: 'behind' | 'failed' | 'rebuilding' | 'missing';
  position: number | null;
  error?: string;
  failedPosition?: number;
};

export type WaitResult = { reached: true } | { reached: false; lagging: Lagging[] };

type Row = { name: string; position: number | string; error: string | null; failed_position: number | string | null; rebuilding: boolean };

/** Which of the named projections' live builds have not yet passed `position`, and why. */
export const laggingProjections = async (sql: Sql, schema: string, names: readonly string[], position: number): Promise<Lagging[]> => {
  const { rows } = await sql.query<Row>(
    `select a.name, b.position, b.error, b.failed_position,
            exists (select 1 from ${schema}.projection_builds x where x.name = a.name and x.state = 'building') as rebuilding
       from ${schema}.projection_active a
       join ${schema}.projection_builds b on b.name = a.name and b.build = a.build
      where a.name = any($1::text[])`,
    [names],
  );
  const byName = new Map(rows.map((r) => [r.name, r]));
  const lagging: Lagging[] = [];
  for (const name of names) {
    const r = byName.get(name);
    if (!r) {
      lagging.push({ name, state: 'missing', position: null });
      continue;
    }
    const at = Number(r.position);
    if (at >= position) continue;
    if (r.error !== null) lagging.push({ name, state: 'failed', position: at, error: r.error, failedPosition: Number(r.failed_position) });
    else lagging.push({ name, state: r.rebuilding ? 'rebuilding' : 'behind', position: at });
  }
  return lagging;
};

export const headPosition = async (sql: Sql, schema: string): Promise<number> =>
  Number((await sql.query<{ p: number | string | null }>(`select max(position) as p from ${schema}.events`)).rows[0]?.p ?? 0);
