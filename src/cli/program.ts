import { Command } from 'commander';
import { registerBackup } from './commands/backup.js';
import { registerCheckpoint } from './commands/checkpoint.js';
import { registerDemo } from './commands/demo.js';
import { registerEvidence } from './commands/evidence.js';
import { registerImport } from './commands/import.js';
import { registerMigrate } from './commands/migrate.js';
import { registerProjections } from './commands/projections.js';
import { registerReport } from './commands/report.js';
import { registerRestore } from './commands/restore.js';
import { registerServe } from './commands/serve.js';
import { registerToken } from './commands/token.js';
import { registerVerify } from './commands/verify.js';
import { registerWorker } from './commands/worker.js';
import { exitCodes } from './errors.js';

const environment = `
Environment:
  DATABASE_URL   postgres:// URL of the PostgreSQL store; unset: the embedded store in DATA_DIR
  DATA_DIR       directory of the embedded store (default ./data); one process at a time
  JWT_SECRET     HS256 secret of the API's tokens (at least 32 characters)
  PGLITE_SYNC    fsync the embedded store's WAL after each commit (default true)
  CHECKPOINT_DIR, CHECKPOINT_KEY_FILE, CHECKPOINT_EVERY   signed checkpoints (checkpoint, verify, evidence, worker)
  DB_CONNECT_TIMEOUT, DB_STATEMENT_TIMEOUT   PostgreSQL waits (default 5s, 30s; 0: none)
  PORT, LOG_LEVEL, BODY_LIMIT, NODE_ENV   read by serve
  METRICS_PORT   operations port of serve and worker: /metrics, /health, /ready (default 9464; off)
  READY_MAX_LAG  /ready is 503 when a view is further behind the log (default 5s; or a number of events)

Exit codes:
  ${exitCodes.ok} done   ${exitCodes.internal} internal error   ${exitCodes.usage} bad command line or environment
  ${exitCodes.integrity} integrity check failed (hash chain, backup checksum)
  ${exitCodes.refused} refused (invalid input, store not empty)   ${exitCodes.unavailable} store unavailable or in use
  ${exitCodes.io} a file or directory named on the command line cannot be read or written
Every error is one line (an import lists its first 50 problems and counts the rest);
a stack trace only with --debug. Relative paths are the caller's (INIT_CWD under npm run).`;

/** The command tree; every command's help is `customer-ledger <command> --help`. */
export const buildProgram = (): Command => {
  const program = new Command('customer-ledger')
    .description('customer-ledger: the customer management manual (客户管理手册) as an event-sourced ledger')
    .option('--schema <name>', 'database schema holding the ledger', 'ledger')
    .option('--debug', 'on an internal error, print its stack trace too')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', environment);
  registerServe(program);
  registerWorker(program);
  registerMigrate(program);
  registerVerify(program);
  registerCheckpoint(program);
  registerEvidence(program);
  registerProjections(program);
  registerReport(program);
  registerImport(program);
  registerBackup(program);
  registerRestore(program);
  registerToken(program);
  registerDemo(program);
  return program;
};
