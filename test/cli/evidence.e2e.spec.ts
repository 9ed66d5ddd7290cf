import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { newKeyPem } from '../support/checkpoints.js';
import { removeTestDirs, scratchDir } from './support/dataDirs.js';
import { e2eTimeout, runCli } from './support/runCli.js';
import { seedFigures, withOpenStore } from './support/seed.js';
import { targets } from './support/targets.js';

afterAll(removeTestDirs);

describe.each(targets)('evidence on $name', { timeout: e2eTimeout }, ({ make }) => {
  test('signs a checkpoint, writes a grade summary bundle that verify.mjs passes, and refuses a non-empty --to', async () => {
    const t = await make('evidence');
    try {
      const keys = scratchDir('keys');
      const key = newKeyPem();
      writeFileSync(join(keys, 'checkpoint.pem'), key.privatePem);
      writeFileSync(join(keys, 'checkpoint.pub.pem'), key.publicPem);
      const env = { ...t.env, CHECKPOINT_DIR: join(scratchDir('signed'), 'checkpoints'), CHECKPOINT_KEY_FILE: join(keys, 'checkpoint.pem') };
      await withOpenStore(t.at, (s) => seedFigures(s, 3, 4));
      const to = join(scratchDir('bundle'), 'evidence-2026-02');

      const run = await runCli([...t.args, 'evidence', '--grade-summary', '2026-02', '--to', to], env);
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain('wrote 3 events with inclusion proofs against the signed checkpoint of 12 events');
      expect(JSON.parse(readFileSync(join(to, 'report.json'), 'utf8'))).toMatchObject({ subject: 'period 2026-02', logPosition: 12 });
      const verified = spawnSync(process.execPath, ['verify.mjs', '--public-key', join(keys, 'checkpoint.pub.pem')], { cwd: to, encoding: 'utf8' });
      expect(verified.stdout).toContain('ok    3 events proven to be leaves of the signed tree');
      expect(verified.status).toBe(0);

      const again = await runCli([...t.args, 'evidence', '--grade-summary', '2026-02', '--to', to], env);
      expect(again.code).toBe(4);
      expect(again.stderr).toMatch(/--to .*: the directory is not empty/);
    } finally {
      await t.drop();
    }
  });
});
