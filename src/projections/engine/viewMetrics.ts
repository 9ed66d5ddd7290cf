import type { Db } from '../../store/db.js';
import { dbPoolConnections, projectionLagEvents, projectionLagSeconds, projectionReady, rebuildProgress } from '../../observability/metrics.js';
import { projectionStatus } from './status.js';
import { judgeReadiness, type MaxLag, type Readiness, viewLags } from './viewLag.js';

export type ViewsProbe = { db: Db; schema: string; views: readonly string[]; maxLag: MaxLag };

/** What `/ready` answers; it sets the lag gauges on the way, so both always agree. */
export const checkReadiness = async ({ db, schema, views, maxLag }: ViewsProbe): Promise<Readiness> => {
  const readiness = judgeReadiness(await viewLags(db, schema, views), maxLag);
  for (const v of readiness.views) {
    projectionLagEvents.set({ view: v.name }, v.lagEvents);
    projectionLagSeconds.set({ view: v.name }, v.lagSeconds);
    projectionReady.set({ view: v.name }, v.ready ? 1 : 0);
  }
  return readiness;
};

/**
 * Sets the gauges that describe the shared database, before a scrape: every process
 * (API or worker) reports the same view lag and rebuild progress, whoever runs them.
 */
export const refreshStoreGauges = async (probe: ViewsProbe): Promise<void> => {
  await checkReadiness(probe);
  rebuildProgress.reset();
  const builds = await projectionStatus(probe.db, probe.schema);
  for (const b of builds.filter((s) => s.state === 'building')) {
    const head = b.position + b.lag;
    rebuildProgress.set({ view: b.name, build: b.build }, head === 0 ? 1 : b.position / head);
  }
  const pool = probe.db.poolStats?.();
  if (pool) for (const [state, n] of Object.entries(pool)) dbPoolConnections.set({ state }, n);
};
