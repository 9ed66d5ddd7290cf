import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { testMasterKeyFile } from './masterKey.js';

/** A test that spawns several commands, each starting Node, tsx and an embedded PostgreSQL. */
export const e2eTimeout = 300_000;

export const root = fileURLToPath(new URL('../../..', import.meta.url));

export type CliRun = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/** The environment a command sees: none of the developer's store settings leak in. */
const baseEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'JWT_SECRET', 'PORT', 'NODE_ENV', 'PGLITE_SYNC', 'LOG_LEVEL', 'BODY_LIMIT', 'READY_MAX_LAG', 'PII_MASTER_KEY_FILE']) delete env[name];
  // The operations port on a free port: parallel tests never meet on 9464.
  return { ...env, PGLITE_SYNC: 'false', NO_COLOR: '1', METRICS_PORT: '0', PII_MASTER_KEY_FILE: testMasterKeyFile };
};

/** Spawns `customer-ledger …args` as users run it, and resolves when it exits. */
export const spawnCli = (args: readonly string[], env: Record<string, string> = {}) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, env: { ...baseEnv(), ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done, output: () => ({ stdout, stderr }) };
};

export const runCli = (args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> => spawnCli(args, env).done;
