import type { Command } from 'commander';
import * as E from 'fp-ts/Either';
import { resolve } from 'node:path';
import { backupEventLog, backupLocationWarning } from '../../store/backup/index.js';
import { backupProblemError } from '../backupProblems.js';
import { parsePositiveInt } from '../options.js';
import { userPath } from '../paths.js';
import { type GlobalOptions, storeLocation, withStore } from '../storeAccess.js';

type BackupCommandOptions = { to: string; segmentEvents: number; maxSegments?: number };

/** 安全防范: copies the event log's new events to another location (see store/backup/format.ts). */
export const registerBackup = (program: Command) =>
  program
    .command('backup')
    .description('copy the event log incrementally into DIR (NDJSON segments + manifest.json with SHA-256s); resumable')
    .requiredOption('--to <dir>', 'backup directory, on another machine (a mounted share): each run adds the new events only')
    .option('--segment-events <n>', 'events per segment file', parsePositiveInt, 10_000)
    .option('--max-segments <n>', 'write at most this many segments in this run (the next run continues)', parsePositiveInt)
    .addHelpText('after', '\nExample:\n  customer-ledger backup --to /mnt/backup-host/customer-ledger\n  customer-ledger restore --from /mnt/backup-host/customer-ledger   # into an empty store')
    .action(async (options: BackupCommandOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const dir = userPath(options.to);
      await withStore(globals, 'backup', async ({ db, schema }, config) => {
        const warning = backupLocationWarning(dir, config.databaseUrl ? { kind: 'postgres' } : { kind: 'pglite', dataDir: resolve(config.dataDir) });
        if (warning) console.error(`warning: ${warning}`);
        const result = await backupEventLog(db, schema, dir, {
          source: { kind: db.kind, location: storeLocation(config), schema },
          segmentEvents: options.segmentEvents,
          ...(options.maxSegments ? { maxSegments: options.maxSegments } : {}),
          onSegment: (s, total) => console.log(`${s.file}  ${s.events} events  sha256 ${s.sha256}  (${total} in the backup)`),
        })();
        if (E.isLeft(result)) throw backupProblemError(result.left);
        const r = result.right;
        if (r.removedLeftovers.length > 0) console.error(`warning: removed what an interrupted run left: ${r.removedLeftovers.join(', ')}`);
        const added = r.written.reduce((n, s) => n + s.events, 0);
        console.log(
          added === 0
            ? `backup in ${dir} is up to date: ${r.totalEvents} events`
            : `backup in ${dir}: ${added} new events in ${r.written.length} segments, ${r.totalEvents} in all${r.more ? ' (stopped at --max-segments: run again to continue)' : ''}`,
        );
      });
    });
