import type { Command } from 'commander';
import type { ProjectionStatus } from '../../projections/index.js';
import { usageError } from '../errors.js';
import type { GlobalOptions } from '../storeAccess.js';
import { withStore } from '../storeAccess.js';
import { withViews } from '../views.js';

const statusTable = async (rows: readonly ProjectionStatus[]): Promise<string> => {
  const { sheetToTable } = await import('../../exports/index.js');
  return sheetToTable({
    name: 'projections',
    title: 'projections (views of the event log)',
    meta: [],
    sections: [
      {
        columns: [
          { header: 'name', kind: 'text' },
          { header: 'build', kind: 'text' },
          { header: 'state', kind: 'text' },
          { header: 'position', kind: 'integer' },
          { header: 'lag', kind: 'integer' },
          { header: 'applied', kind: 'integer' },
          { header: 'updated', kind: 'instant' },
          { header: 'failure', kind: 'text' },
        ],
        rows: rows.map((r) => [
          r.name,
          r.build,
          `${r.state}${r.active ? ' (serving)' : ''}`,
          r.position,
          r.lag,
          r.eventsApplied,
          r.updatedAt,
          r.failure ? `at position ${r.failure.position}: ${r.failure.error}` : '',
        ]),
      },
    ],
    footer: [],
  });
};

/** Operators' view of the projection engine: where each view stands, and rebuilding one. */
export const registerProjections = (program: Command) => {
  const projections = program.command('projections').description('the views (read models): status and rebuild');

  projections
    .command('status')
    .description('each view build: state, checkpoint position, lag behind the log, failure; exit 3 when one is stopped by a failure')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }, command: Command) => {
      const { projectionStatus } = await import('../../projections/index.js');
      await withStore(command.optsWithGlobals<GlobalOptions>(), 'projections status', async ({ db, schema }) => {
        const rows = await projectionStatus(db, schema);
        process.stdout.write(o.json ? `${JSON.stringify(rows, null, 2)}\n` : rows.length === 0 ? 'no view has been built yet (they build on the first serve, worker or report)\n' : await statusTable(rows));
        const failed = rows.filter((r) => r.failure);
        if (failed.length > 0) {
          const { CliError, exitCodes } = await import('../errors.js');
          throw new CliError(`${failed.map((r) => `${r.name} (${r.build}) is stopped at position ${r.failure!.position}`).join('; ')}`, exitCodes.integrity);
        }
      });
    });

  projections
    .command('rebuild')
    .description('build views again from the start of the log, beside the serving ones, which they replace once caught up')
    .argument('[name]', 'one view (default: every view)')
    .action(async (name: string | undefined, _o: object, command: Command) => {
      const { allProjections } = await import('../../projections/index.js');
      const names = allProjections.map((p) => p.name);
      if (name !== undefined && !names.includes(name)) throw usageError(`no view is named ${name}: the views are ${names.join(', ')}`);
      const { rebuildWithProgress } = await import('../rebuild.js');
      await withViews(command.optsWithGlobals<GlobalOptions>(), 'projections rebuild', (v) => rebuildWithProgress(v, name ? [name] : names), { catchUp: false });
    });

  projections
    .command('prune')
    .description('drop the tables of view builds a rebuild replaced, once no query can still be reading them')
    .option('--grace <seconds>', 'only builds retired at least this long ago (queries that began before a switch finish within it)', (v) => {
      if (!/^\d{1,7}$/.test(v)) throw usageError(`--grace ${v} is not a number of seconds`);
      return Number(v);
    }, 60)
    .action(async (o: { grace: number }, command: Command) => {
      const { allProjections } = await import('../../projections/index.js');
      await withViews(
        command.optsWithGlobals<GlobalOptions>(),
        'projections prune',
        async ({ engine }) => {
          for (const { name } of allProjections) {
            const dropped = await engine.dropRetired(name, o.grace);
            if (dropped.length > 0) console.log(`${name}: dropped ${dropped.join(', ')}`);
          }
        },
        { catchUp: false },
      );
    });
};
