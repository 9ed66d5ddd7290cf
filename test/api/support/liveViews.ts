import type { ProjectionEngine } from '../../../src/projections/engine/engine.js';

/**
 * Starts the engine and waits until every view it runs is live: before its first build
 * catches up a view answers 503 (retry), which the route tests do not ask about and
 * would otherwise meet now and then on a busy machine.
 */
export const startLive = async (engine: ProjectionEngine): Promise<void> => {
  await engine.start();
  const ready = await engine.catchUp(20_000);
  if (!ready.reached) throw new Error(`the views did not go live: ${JSON.stringify(ready.lagging)}`);
};
