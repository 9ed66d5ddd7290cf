import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { freshDataDir, removeTestDirs } from './support/dataDirs.js';
import { e2eTimeout, runCli, spawnCli } from './support/runCli.js';

afterAll(removeTestDirs);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('serve on the embedded store', { timeout: e2eTimeout }, () => {
  test('answers /health, keeps DATA_DIR to itself while it runs, and stops on SIGTERM releasing it', async () => {
    const dataDir = await freshDataDir('serve');
    const port = await freePort();
    const server = spawnCli(['serve'], { DATA_DIR: dataDir, PORT: String(port), JWT_SECRET: 'a-development-secret-of-32-chars!!' });
    const deadline = Date.now() + 120_000;
    let health: Response | null = null;
    while (Date.now() < deadline && health === null) {
      health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => null);
      if (health === null) await new Promise((r) => setTimeout(r, 250));
    }
    expect(health?.status).toBe(200);

    const blocked = await runCli(['verify'], { DATA_DIR: dataDir });
    expect(blocked.code).toBe(5);
    expect(blocked.stderr).toContain(`is in use by process ${server.child.pid} (customer-ledger serve)`);

    server.child.kill('SIGTERM');
    const run = await server.done;
    expect(run.code).toBe(0);
    expect(existsSync(join(dataDir, '.customer-ledger.lock'))).toBe(false);
    expect((await runCli(['verify'], { DATA_DIR: dataDir })).code).toBe(0);
  });
});
