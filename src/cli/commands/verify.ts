import type { Command } from 'commander';
import type { ProjectionStatus } from '../../projections/index.js';
import { existsSync, readFileSync } from 'node:fs';
import { type OperationRun, recordOperationRun, type Sql } from '../../store/index.js';
import { CliError, exitCodes, usageError } from '../errors.js';
import { type GlobalOptions, orFail, withStore } from '../storeAccess.js';

/** A view whose checkpoint is past the log's head was built from events the log no longer holds. */
const checkpointProblem = (s: ProjectionStatus, head: number): string | null => {
  if (s.failure) return `view ${s.name} (${s.build}) is stopped at position ${s.failure.position}: ${s.failure.error}`;
  if (s.position > head) return `view ${s.name} (${s.build}) has its checkpoint at position ${s.position}, past the log's last position ${head}`;
  return null;
};

/** The log against the signed checkpoints of `dir`: a line to print, or exit 3 naming the first problem. */
const checkSignedCheckpoints = async (db: Sql, schema: string, dir: string, publicKeyFile?: string): Promise<string> => {
  const { KeyProblem, verifyCheckpoints } = await import('../../store/checkpoints/index.js');
  if (publicKeyFile !== undefined && !existsSync(publicKeyFile)) throw usageError(`--public-key: ${publicKeyFile} does not exist`);
  try {
    const r = await verifyCheckpoints(db, schema, dir, publicKeyFile === undefined ? undefined : readFileSync(publicKeyFile, 'utf8'));
    if (r.problem) throw new CliError(`signed checkpoints: ${r.problem.message}`, exitCodes.integrity);
    return `signed checkpoints: ${r.checkpoints} in ${dir}, every signature valid, the log (${r.logSize} events) extends the last (${r.signedSize} events) and each before it`;
  } catch (e) {
    if (e instanceof KeyProblem) throw usageError(`--public-key: ${e.message}`);
    if (e instanceof Error && e.name === 'CheckpointDirProblem') throw new CliError(`signed checkpoints: ${e.message}`, exitCodes.integrity);
    throw e;
  }
};

/**
 * Runs the checks and leaves their outcome where the console reads it (GET /operations):
 * a pass with the position it reached, or the integrity problem found. A failure to leave
 * it is a warning, not the verification's outcome.
 */
const recordingOutcome = async (db: Sql, schema: string, head: number, check: () => Promise<string[]>): Promise<string[]> => {
  const record = (run: OperationRun) =>
    recordOperationRun(db, schema, run).catch((e: unknown) => console.error(`warning: the outcome was not recorded for the console: ${e instanceof Error ? e.message : String(e)}`));
  try {
    const lines = await check();
    await record({ kind: 'verify', passed: true, summary: lines.join('; '), coveredPosition: head });
    return lines;
  } catch (e) {
    if (e instanceof CliError && e.exitCode === exitCodes.integrity) await record({ kind: 'verify', passed: false, summary: e.message });
    throw e;
  }
};

/**
 * Recomputes every stream's hash chain (the store's verify) and names the first broken
 * link: an edited, inserted or deleted event shows as the stream, version and position
 * where the chain stops matching. Then every view's checkpoint must lie within the log
 * and no view may be stopped by a failure. With --checkpoints, the log must also extend
 * every signed checkpoint: a chain re-sealed in SQL passes the chains but not that.
 */
export const registerVerify = (program: Command) =>
  program
    .command('verify')
    .description('check every hash chain of the event log and every view checkpoint; exit 0 when intact, 3 naming the first problem')
    .option('--checkpoints <dir>', 'also check the log against every signed checkpoint in DIR (signatures, consistency, each event signed)')
    .option('--public-key <file>', "with --checkpoints: the signer's public key (PEM) to trust, instead of DIR/public-key.pem")
    .action(async (options: { checkpoints?: string; publicKey?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { projectionStatus } = await import('../../projections/index.js');
      await withStore(globals, 'verify', async ({ store, db, schema }) => {
        // Read first: positions are commit-ordered, so every event up to it is one the chains below cover.
        const head = Number((await db.query<{ p: number | null }>(`select max(position) as p from ${schema}.events`)).rows[0]?.p ?? 0);
        const lines = await recordingOutcome(db, schema, head, async () => {
          const report = await orFail(store.verify());
          const b = report.firstBroken;
          if (b) {
            throw new CliError(
              `hash chain broken at stream ${b.streamId} version ${b.version} position ${b.position}: expected ${b.expected}, found ${b.found}`,
              exitCodes.integrity,
            );
          }
          const signed = options.checkpoints ? await checkSignedCheckpoints(db, schema, options.checkpoints, options.publicKey) : null;
          const views = await projectionStatus(db, schema);
          const problem = views.filter((s) => s.state !== 'retired').map((s) => checkpointProblem(s, head)).find((p) => p !== null);
          if (problem) throw new CliError(problem, exitCodes.integrity);
          return [
            `event log intact: ${report.events} events in ${report.streams} streams, every hash chain verified`,
            ...(signed ? [signed] : []),
            views.length === 0 ? 'no views built yet' : `views: ${views.filter((s) => s.active).length} serving, every checkpoint within the log`,
          ];
        });
        for (const line of lines) console.log(line);
      });
    });
