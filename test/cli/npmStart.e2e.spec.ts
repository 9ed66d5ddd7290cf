import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { freshDataDir, removeTestDirs } from './support/dataDirs.js';
import { e2eTimeout, root, runCli } from './support/runCli.js';

afterAll(removeTestDirs);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The parent pid and command line of a running process, from /proc. */
const processInfo = (pid: number) => ({
  ppid: Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]),
  argv: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean),
});

/** `npm start` as the README runs it, until it serves; then who runs what. */
const npmStart = async (dataDir: string) => {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), JWT_SECRET: 'a-development-secret-of-32-chars!!', PGLITE_SYNC: 'false', METRICS_PORT: '0' };
  delete env.DATABASE_URL;
  const npm = spawn('npm', ['start'], { cwd: root, env });
  let stdout = '';
  npm.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  npm.stderr.resume();
  const exited = new Promise<number | null>((resolve) => npm.on('close', (code) => resolve(code)));
  const deadline = Date.now() + 240_000;
  let health: Response | null = null;
  while (Date.now() < deadline && health?.status !== 200 && npm.exitCode === null) {
    health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => null);
    if (health?.status !== 200) await new Promise((r) => setTimeout(r, 250));
  }
  expect(health?.status).toBe(200);
  const serverPid = Number(/process (\d+)/.exec(stdout)?.[1]);
  return { npm, npmPid: npm.pid!, serverPid, exited };
};

/** The server is gone, its lock with it, and the next command opens the store. */
const expectDataDirFree = async (dataDir: string, serverPid: number) => {
  expect(alive(serverPid)).toBe(false);
  expect(existsSync(join(dataDir, '.customer-ledger.lock'))).toBe(false);
  expect((await runCli(['verify'], { DATA_DIR: dataDir })).code).toBe(0);
};

describe('npm start', { timeout: e2eTimeout }, () => {
  test('runs the compiled server as npm’s own child (no shell, no tsx), which stops cleanly on SIGTERM to its pid', async () => {
    const dataDir = await freshDataDir('npm-start');
    const { npmPid, serverPid, exited } = await npmStart(dataDir);
    const server = processInfo(serverPid);
    expect(server.ppid).toBe(npmPid);
    expect(server.argv[0]).toMatch(/(^|\/)node$/);
    expect(server.argv.slice(1)).toEqual(['dist/cli/main.js', 'serve']);

    process.kill(serverPid, 'SIGTERM');
    expect(await exited).toBe(0);
    await expectDataDirFree(dataDir, serverPid);
  });

  test('stops the server cleanly on SIGTERM to npm itself', async () => {
    const dataDir = await freshDataDir('npm-start');
    const { npmPid, serverPid, exited } = await npmStart(dataDir);

    process.kill(npmPid, 'SIGTERM');
    expect(await exited).toBe(0);
    await expectDataDirFree(dataDir, serverPid);
  });
});
