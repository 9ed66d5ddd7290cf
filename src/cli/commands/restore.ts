import type { Command } from 'commander';
import * as E from 'fp-ts/Either';
import { checkBackup, type RestoreProgress, restoreEventLog } from '../../store/backup/index.js';
import type { OpenStore } from '../../store/index.js';
import { backupProblemError } from '../backupProblems.js';
import { refused } from '../errors.js';
import { userPath } from '../paths.js';
import { type GlobalOptions, withStore } from '../storeAccess.js';
import { runViews } from '../views.js';

type RestoreOptions = { from: string; checkOnly?: boolean };

const progress: RestoreProgress = (phase, segment, index, of) => {
  if (process.stderr.isTTY) process.stderr.write(`\r${phase} ${index}/${of} ${segment.file}${index === of ? '\n' : ''}`);
};

/** Views that saw events (a checkpoint past 0) in a store without any would skip the restored ones. */
const refuseStaleViews = async (opened: OpenStore) => {
  const { rows } = await opened.db.query<{ any: boolean }>(`select exists (select 1 from ${opened.schema}.events) as any`);
  if (rows[0]?.any) return; // restoreEventLog refuses a store with events
  const { projectionStatus } = await import('../../projections/index.js');
  const views = await projectionStatus(opened.db, opened.schema);
  const stale = views.find((v) => v.position > 0);
  if (stale) throw refused(`the store's view ${stale.name} holds events up to position ${stale.position}: restore only into an empty store`);
};

/** Restores a backup into an empty store: checked whole first, written in one transaction, then the views built. */
export const registerRestore = (program: Command) =>
  program
    .command('restore')
    .description('restore a backup into an EMPTY store, after checking every segment checksum and hash chain')
    .requiredOption('--from <dir>', 'backup directory written by `backup --to`')
    .option('--check-only', 'check the backup (checksums, chains, stream heads) and write nothing')
    .addHelpText('after', '\nMoving from the embedded store to PostgreSQL:\n  customer-ledger backup --to /backups/ledger\n  DATABASE_URL=postgres://… customer-ledger restore --from /backups/ledger')
    .action(async (options: RestoreOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const dir = userPath(options.from);
      if (options.checkOnly) {
        const checked = await checkBackup(dir, progress)();
        if (E.isLeft(checked)) throw backupProblemError(checked.left);
        console.log(`backup in ${dir} is intact: ${checked.right.events} events in ${checked.right.streams} streams, ${checked.right.manifest.segments.length} segments`);
        return;
      }
      await withStore(globals, 'restore', async (opened) => {
        await refuseStaleViews(opened);
        const restored = await restoreEventLog(opened.db, opened.schema, dir, progress)();
        if (E.isLeft(restored)) throw backupProblemError(restored.left);
        const r = restored.right;
        console.log(`restored ${r.events} events in ${r.streams} streams from ${dir} into ${opened.location} (schema ${opened.schema}); every hash chain verified`);
        // The store was empty, so were its views: building them is catching up from the start.
        await runViews(opened, async () => console.log('views rebuilt from the restored log'));
      });
    });
