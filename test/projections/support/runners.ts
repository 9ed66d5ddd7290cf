import { createEventRegistry } from '../../../src/store/registry.js';
import type { Db } from '../../../src/store/db.js';
import { createBuildRunner, type BuildRunner } from '../../../src/projections/engine/buildRunner.js';
import { migrateEngine } from '../../../src/projections/engine/engineTables.js';
import type { Projection } from '../../../src/projections/engine/projection.js';
import { resolveTarget } from '../../../src/projections/engine/runnerLoop.js';
import { notedV2Types } from '../../support/testEvents.js';
import { allEventTypes } from '../../../src/domain/eventTypes.js';

const registry = createEventRegistry([...allEventTypes, ...notedV2Types]);

/** A runner driven by hand, one batch per step: what a test needs to stop it anywhere. */
export const openRunner = async (db: Db, schema: string, projection: Projection, batchSize: number): Promise<BuildRunner> => {
  await migrateEngine(db, schema);
  const build = await resolveTarget(db, schema, projection);
  if (!build) throw new Error(`no build for ${projection.name}`);
  return createBuildRunner({ db, schema, projection, registry, batchSize }, build);
};

/** Steps until the runner is level with the log (or stopped by a failure). */
export const runToEnd = async (runner: BuildRunner): Promise<void> => {
  for (;;) {
    const r = await runner.step();
    if (r.kind !== 'applied') throw new Error(`runner stopped: ${JSON.stringify(r)}`);
    if (r.caughtUp) return;
  }
};

/** A table's rows in a stable order, JSON-normalised, for comparing two builds. */
export const dumpTable = async (db: Db, table: string, orderBy: string): Promise<unknown[]> =>
  JSON.parse(JSON.stringify((await db.query(`select * from ${table} order by ${orderBy}`)).rows));
