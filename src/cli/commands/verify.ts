import type { Command } from 'commander';
import type { ProjectionStatus } from '../../projections/index.js';
import { CliError, exitCodes } from '../errors.js';
import { type GlobalOptions, orFail, withStore } from '../storeAccess.js';

/** A view whose checkpoint is past the log's head was built from events the log no longer holds. */
const checkpointProblem = (s: ProjectionStatus, head: number): string | null => {
  if (s.failure) return `view ${s.name} (${s.build}) is stopped at position ${s.failure.position}: ${s.failure.error}`;
  if (s.position > head) return `view ${s.name} (${s.build}) has its checkpoint at position ${s.position}, past the log's last position ${head}`;
  return null;
};

/**
 * Recomputes every stream's hash chain (the store's verify) and names the first broken
 * link: an edited, inserted or deleted event shows as the stream, version and position
 * where the chain stops matching. Then every view's checkpoint must lie within the log
 * and no view may be stopped by a failure.
 */
export const registerVerify = (program: Command) =>
  program
    .command('verify')
    .description('check every hash chain of the event log and every view checkpoint; exit 0 when intact, 3 naming the first problem')
    .action(async (_options: object, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { projectionStatus } = await import('../../projections/index.js');
      await withStore(globals, 'verify', async ({ store, db, schema }) => {
        const report = await orFail(store.verify());
        const b = report.firstBroken;
        if (b) {
          throw new CliError(
            `hash chain broken at stream ${b.streamId} version ${b.version} position ${b.position}: expected ${b.expected}, found ${b.found}`,
            exitCodes.integrity,
          );
        }
        const head = Number((await db.query<{ p: number | null }>(`select max(position) as p from ${schema}.events`)).rows[0]?.p ?? 0);
        const views = await projectionStatus(db, schema);
        const problem = views.filter((s) => s.state !== 'retired').map((s) => checkpointProblem(s, head)).find((p) => p !== null);
        if (problem) throw new CliError(problem, exitCodes.integrity);
        console.log(`event log intact: ${report.events} events in ${report.streams} streams, every hash chain verified`);
        console.log(views.length === 0 ? 'no views built yet' : `views: ${views.filter((s) => s.active).length} serving, every checkpoint within the log`);
      });
    });
