import type { Command } from 'commander';
import * as E from 'fp-ts/Either';
import { InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import type { Config } from '../../config.js';
import type { Sql } from '../../store/db.js';
import { type OperationRun, recordOperationRun } from '../../store/index.js';
import { backupEventLog, backupLocation, type BackupSummary, followEventLog, pruneErasedKeys, type FollowOptions, type StoreDisk } from '../../store/backup/index.js';
import { backupProblemError } from '../backupProblems.js';
import { refused } from '../errors.js';
import { parsePositiveInt } from '../options.js';
import { userPath } from '../paths.js';
import { type GlobalOptions, storeLocation, withStore } from '../storeAccess.js';

type BackupCommandOptions = { to: string; segmentEvents: number; maxSegments?: number; follow?: boolean; maxDelay: number; allowSameDisk?: boolean };

/** "5s", "500ms", "1m" → milliseconds. */
const parseDelay = (value: string): number => {
  const m = /^(\d{1,7})(ms|s|m)$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError('a delay such as 5s, 500ms or 1m.');
  const ms = Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 's' ? 1000 : 60_000);
  if (ms < 100) throw new InvalidArgumentError('at least 100ms.');
  return ms;
};

const isLocalHost = (url: string): boolean => {
  const u = new URL(url);
  const host = u.searchParams.get('host') ?? u.hostname;
  return host === '' || host.startsWith('/') || ['localhost', '127.0.0.1', '[::1]', '::1'].includes(host);
};

/** The store's disk: DATA_DIR, or a server on this machine that tells its data directory (superusers and pg_read_all_settings may ask). */
const storeDisk = async (db: Sql, config: Config): Promise<StoreDisk> => {
  if (!config.databaseUrl) return { kind: 'pglite', dataDir: resolve(config.dataDir) };
  if (!isLocalHost(config.databaseUrl)) return { kind: 'postgres', dataDir: null };
  const dataDir = await db
    .query<{ d: string | null }>(`select current_setting('data_directory', true) as d`)
    .then((r) => r.rows[0]?.d ?? null)
    .catch(() => null);
  return { kind: 'postgres', dataDir };
};

/** 安全防范 / 备份每次更新过的文件: copies the event log's new events to another location (see store/backup/format.ts). */
export const registerBackup = (program: Command) => {
  const backup = program
    .command('backup')
    .description('copy the event log incrementally into DIR (NDJSON segments + manifest.json with SHA-256s); resumable; --follow keeps shipping')
    .requiredOption('--to <dir>', 'backup directory, on another machine (a mounted share): each run adds the new events only')
    .option('--segment-events <n>', 'events per segment file', parsePositiveInt, 10_000)
    .option('--max-segments <n>', 'write at most this many segments in this run (the next run continues)', parsePositiveInt)
    .option('--follow', 'keep running: ship every commit within --max-delay, until SIGTERM; resumes after restarts of itself or of the database')
    .option('--max-delay <time>', 'with --follow: the longest a commit waits to be shipped (e.g. 5s, 500ms)', parseDelay, 5000)
    .option('--allow-same-disk', "back up onto the store's own filesystem anyway (refused by default: a backup belongs on another machine)")
    .addHelpText(
      'after',
      '\nExamples:\n  customer-ledger backup --to /mnt/backup-host/customer-ledger\n  customer-ledger backup --to /mnt/backup-host/customer-ledger --follow --max-delay 5s\n  customer-ledger restore --from /mnt/backup-host/customer-ledger   # into an empty store',
    )
    .action(async (options: BackupCommandOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const dir = userPath(options.to);
      await withStore(globals, 'backup', async ({ db, schema }, config) => {
        const location = backupLocation(dir, await storeDisk(db, config));
        if (location.sameDisk === true && !options.allowSameDisk) throw refused(location.message);
        if (location.sameDisk !== false) console.error(`warning: ${location.message}`);
        const backupOptions = {
          source: { kind: db.kind, location: storeLocation(config), schema },
          segmentEvents: options.segmentEvents,
          ...(options.maxSegments ? { maxSegments: options.maxSegments } : {}),
          onSegment: (s: { file: string; events: number; sha256: string }, total: number) =>
            console.log(`${s.file}  ${s.events} events  sha256 ${s.sha256}  (${total} in the backup)`),
        };
        const record = recorder(db, schema, dir);
        if (options.follow) return follow(db, schema, dir, record, { ...backupOptions, maxDelayMs: options.maxDelay });
        const result = await backupEventLog(db, schema, dir, backupOptions)();
        if (E.isLeft(result)) {
          await record.failed(result.left.message);
          throw backupProblemError(result.left);
        }
        const r = result.right;
        await record.passed(r);
        if (r.removedLeftovers.length > 0) console.error(`warning: removed what an interrupted run left: ${r.removedLeftovers.join(', ')}`);
        const added = r.written.reduce((n, s) => n + s.events, 0);
        console.log(
          added === 0
            ? `backup in ${dir} is up to date: ${r.totalEvents} events`
            : `backup in ${dir}: ${added} new events in ${r.written.length} segments, ${r.totalEvents} in all${r.more ? ' (stopped at --max-segments: run again to continue)' : ''}`,
        );
      });
    });

  backup
    .command('prune-erased')
    .description("carry the store's erasures of personal information into a backup not written since (its keys segment)")
    .requiredOption('--dir <dir>', 'the backup directory to prune')
    .addHelpText('after', '\nExample:\n  customer-ledger backup prune-erased --dir /mnt/backup-host/customer-ledger')
    .action(async (options: { dir: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const dir = resolve(options.dir);
      await withStore(globals, 'backup prune-erased', async ({ db, schema }) => {
        const result = await pruneErasedKeys(db, schema, dir)();
        if (E.isLeft(result)) throw backupProblemError(result.left);
        console.log(`backup in ${dir}: ${result.right.pruned} of ${result.right.keys} keys pruned (erased in the store since)`);
      });
    });
};

/**
 * Leaves each run's outcome where the console reads it (GET /operations). A follower
 * records a pass that shipped events, and otherwise at most once a minute, so an idle
 * log does not rewrite the row every few seconds; every failure is recorded. Not being
 * able to record is a warning: the backup's own outcome stands.
 */
const recorder = (db: Sql, schema: string, dir: string) => {
  let lastRecorded = 0;
  const record = async (run: OperationRun) => {
    try {
      await recordOperationRun(db, schema, run);
      lastRecorded = Date.now();
    } catch (e) {
      console.error(`warning: the outcome was not recorded for the console: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return {
    passed: (r: BackupSummary, quiet = false) =>
      quiet && r.written.length === 0 && Date.now() - lastRecorded < 60_000
        ? Promise.resolve()
        : record({ kind: 'backup', passed: true, summary: `${dir}: ${r.totalEvents} events, up to log position ${r.cursor.position}`, coveredPosition: r.cursor.position }),
    failed: (message: string) => record({ kind: 'backup', passed: false, summary: `${dir}: ${message}` }),
  };
};

/** Runs the follower until SIGTERM or SIGINT; each failed pass is one line on stderr, and it goes on. */
const follow = async (db: Sql, schema: string, dir: string, record: ReturnType<typeof recorder>, o: Omit<FollowOptions, 'signal'>) => {
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  console.log(`following the log into ${dir}: every commit within ${o.maxDelayMs} ms (SIGTERM stops)`);
  try {
    const end = await followEventLog(db, schema, dir, {
      ...o,
      signal: stop.signal,
      onPass: async (r) => {
        if (r.removedLeftovers.length > 0) console.error(`warning: removed what an interrupted run left: ${r.removedLeftovers.join(', ')}`);
        await record.passed(r, true);
      },
      onError: async (error, n) => {
        const message = error instanceof Error ? error.message : String(error);
        console.error(`warning: backup pass failed (${n} in a row), retrying: ${message}`);
        await record.failed(message);
      },
    });
    if ('refused' in end) {
      await record.failed(end.refused.message);
      throw backupProblemError(end.refused);
    }
    console.log(`stopped: ${dir} is up to date as of its last pass`);
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
};
