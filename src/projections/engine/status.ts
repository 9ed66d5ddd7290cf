import type { Sql } from '../../store/db.js';
import { type BuildState, loadActive, loadBuilds } from './builds.js';
import { engineTablesMissing } from './engineTables.js';
import { headPosition } from './positions.js';

/** Where each build of each projection stands, for operators (CLI, health endpoint); none before the engine's first start. */
export type ProjectionStatus = {
  name: string;
  build: string;
  version: number;
  state: BuildState;
  /** This build answers queries. */
  active: boolean;
  position: number;
  /** Events of the log not yet passed (head − position). */
  lag: number;
  eventsApplied: number;
  updatedAt: string;
  /** The event that stopped the build and why; null while it runs. */
  failure: { position: number; at: string; error: string } | null;
};

export const projectionStatus = async (sql: Sql, schema: string): Promise<ProjectionStatus[]> => {
  let builds: Awaited<ReturnType<typeof loadBuilds>>;
  try {
    builds = await loadBuilds(sql, schema);
  } catch (error) {
    if (engineTablesMissing(error)) return [];
    throw error;
  }
  const [active, head] = [await loadActive(sql, schema), await headPosition(sql, schema)];
  return builds.map((b) => ({
    name: b.name,
    build: b.build,
    version: b.version,
    state: b.state,
    active: active.get(b.name)?.build === b.build,
    position: b.cursor.position,
    lag: Math.max(0, head - b.cursor.position),
    eventsApplied: b.eventsApplied,
    updatedAt: b.updatedAt,
    failure: b.failure,
  }));
};
