import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { newKeyPem } from '../support/checkpoints.js';
import { removeTestDirs, scratchDir } from './support/dataDirs.js';
import { e2eTimeout, runCli, spawnCli } from './support/runCli.js';
import { seedFigures, withOpenStore } from './support/seed.js';
import { targets } from './support/targets.js';

afterAll(removeTestDirs);

describe.each(targets)('worker with CHECKPOINT_EVERY on $name', { timeout: e2eTimeout }, ({ make }) => {
  test('signs a checkpoint once the log holds that many events, and verify --checkpoints passes', async () => {
    const t = await make('worker-checkpoints');
    try {
      const keys = scratchDir('keys');
      writeFileSync(join(keys, 'checkpoint.pem'), newKeyPem().privatePem);
      const dir = join(scratchDir('signed'), 'checkpoints');
      await withOpenStore(t.at, (s) => seedFigures(s, 3, 4));
      const env = { ...t.env, CHECKPOINT_DIR: dir, CHECKPOINT_KEY_FILE: join(keys, 'checkpoint.pem'), CHECKPOINT_EVERY: '10', METRICS_PORT: 'off', LOG_LEVEL: 'info' };
      const worker = spawnCli([...t.args, 'worker'], env);
      const file = join(dir, 'checkpoint-000000000012.json');
      for (const end = Date.now() + 120_000; !existsSync(file) && Date.now() < end; ) await new Promise((r) => setTimeout(r, 250));
      worker.child.kill('SIGTERM');
      const stopped = await worker.done;
      expect(existsSync(file), stopped.stdout + stopped.stderr).toBe(true);
      expect(stopped.stdout, stopped.stdout + stopped.stderr).toMatch(/"msg":"signed checkpoint"/);
      const verified = await runCli([...t.args, 'verify', '--checkpoints', dir], env);
      expect(verified.stderr).toBe('');
      expect(verified.code).toBe(0);
    } finally {
      await t.drop();
    }
  });
});
