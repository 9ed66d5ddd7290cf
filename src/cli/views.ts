import type { Config } from '../config.js';
import type { Lagging, ProjectionEngine, ReadDeps } from '../projections/index.js';
import type { OpenStore } from '../store/index.js';
import { CliError, exitCodes } from './errors.js';
import { type GlobalOptions, withStore } from './storeAccess.js';

export type Views = { opened: OpenStore; views: ReadDeps; engine: ProjectionEngine };
export type ViewOptions = { catchUpMs?: number; catchUp?: boolean };

const describeLag = (l: Lagging): string =>
  l.state === 'failed'
    ? `${l.name} stopped at position ${l.failedPosition}: ${l.error}`
    : `${l.name} is ${l.state}${l.position === null ? '' : ` at position ${l.position}`}`;

/**
 * Runs `fn` with the projection engine running in this process, caught up with the log
 * first. With the embedded store this process is the only one, so it keeps the views
 * itself; on PostgreSQL its runners share the work with the worker (one runner per view
 * holds the lease, the others wait). A view still behind after `catchUpMs` (a long
 * transaction elsewhere on the server holds the log's readable end back) is reported
 * and `fn` reads what the views hold.
 */
export const runViews = async <A>(opened: OpenStore, fn: (v: Views) => Promise<A>, options: ViewOptions = {}): Promise<A> => {
  const { allProjections, createProjectionEngine } = await import('../projections/index.js');
  const engine = createProjectionEngine({ db: opened.db, schema: opened.schema, projections: allProjections });
  await engine.start();
  try {
    if (options.catchUp ?? true) {
      const caught = await engine.catchUp(options.catchUpMs ?? 2 * 60_000);
      if (!caught.reached) {
        const failed = caught.lagging.filter((l) => l.state === 'failed');
        if (failed.length > 0) {
          throw new CliError(`a view is stopped by an event it cannot apply: ${failed.map(describeLag).join('; ')} (see projections status)`, exitCodes.internal);
        }
        console.error(`warning: the views have not caught up with the log: ${caught.lagging.map(describeLag).join('; ')}`);
      }
    }
    return await fn({ opened, views: { db: opened.db, schema: opened.schema, keyring: opened.keyring }, engine });
  } finally {
    await engine.stop();
  }
};

export const withViews = <A>(globals: GlobalOptions, command: string, fn: (v: Views & { config: Config }) => Promise<A>, options: ViewOptions = {}): Promise<A> =>
  withStore(globals, command, (opened, config) => runViews(opened, (v) => fn({ ...v, config }), options));
