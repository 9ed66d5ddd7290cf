import { allProjections, createProjectionEngine, type ProjectionEngine } from '../../projections/index.js';
import type { Db } from '../../store/db.js';
import type { EventStore } from '../../store/eventStore.js';
import type { Keyring } from '../../store/pii/keyring.js';
import type { Route } from '../route.js';
import { routeDeps } from '../deps.js';
import { complaintRoutes } from './complaints.js';
import { creditRoutes } from './credit.js';
import { customerRoutes } from './customers.js';
import { evidenceRoutes } from './evidence.js';
import { gradingRoutes } from './grading.js';
import { operationRoutes } from './operations.js';
import { staffRoutes } from './staff.js';

export type ProductDeps = { store: EventStore; db: Db; schema: string; keyring: Keyring; engine: ProjectionEngine; checkpointDir?: string | undefined };

/**
 * Every business route of API.md, wired to the app services over the store and to
 * the read models; `engine` gives read-your-writes (a command's answer waits until
 * the views have applied it, bounded).
 */
export const productRoutes = ({ store, db, schema, keyring, engine, checkpointDir }: ProductDeps): Route[] => {
  const views = { db, schema, keyring };
  const deps = routeDeps(store, views, { engine });
  return [...customerRoutes(deps), ...gradingRoutes(deps), ...creditRoutes(deps), ...complaintRoutes(deps), ...staffRoutes(deps), ...evidenceRoutes({ ...views, checkpointDir }), ...operationRoutes(views)];
};

/** The engine over every read model of the product, on the store's schema. */
export const productEngine = (db: Db, schema: string, onError?: (projection: string, error: unknown) => void): ProjectionEngine =>
  createProjectionEngine({ db, schema, projections: allProjections, ...(onError ? { onError } : {}) });
