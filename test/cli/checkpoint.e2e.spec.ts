import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { newKeyPem, resealAfterEdit } from '../support/checkpoints.js';
import { removeTestDirs, scratchDir } from './support/dataDirs.js';
import { e2eTimeout, runCli } from './support/runCli.js';
import { seedFigures, withOpenStore } from './support/seed.js';
import { targets } from './support/targets.js';

afterAll(removeTestDirs);

describe.each(targets)('checkpoint and verify --checkpoints on $name', { timeout: e2eTimeout }, ({ make }) => {
  test('signs the log, verifies it, and finds a chain re-sealed in SQL at the event edited (exit 3)', async () => {
    const t = await make('checkpoint');
    try {
      const keys = scratchDir('keys');
      const dir = join(scratchDir('signed'), 'checkpoints');
      writeFileSync(join(keys, 'checkpoint.pem'), newKeyPem().privatePem);
      writeFileSync(join(keys, 'other.pub.pem'), newKeyPem().publicPem);
      const env = { ...t.env, CHECKPOINT_DIR: dir, CHECKPOINT_KEY_FILE: join(keys, 'checkpoint.pem') };
      await withOpenStore(t.at, (s) => seedFigures(s, 3, 4));

      const signed = await runCli([...t.args, 'checkpoint'], env);
      expect(signed.stderr).toBe('');
      expect(signed.stdout).toMatch(/^signed checkpoint of 12 events: root [0-9a-f]{64}/);
      const intact = await runCli([...t.args, 'verify', '--checkpoints', dir], env);
      expect(intact.code).toBe(0);
      expect(intact.stdout).toContain('signed checkpoints: 1 in');

      const otherKey = await runCli([...t.args, 'verify', '--checkpoints', dir, '--public-key', join(keys, 'other.pub.pem')], env);
      expect(otherKey.code).toBe(3);
      expect(otherKey.stderr).toContain('the signature does not verify with this public key');

      const edited = await withOpenStore(t.at, async (s) => {
        const { rows } = await s.db.query<{ position: string; data: unknown }>(`select position, data from ${s.schema}.events order by position offset 5 limit 1`);
        await resealAfterEdit(s.db, s.schema, Number(rows[0]!.position), JSON.stringify({ ...(rows[0]!.data as object), sales: '999999.00' }));
        return Number(rows[0]!.position);
      });
      const chainsOnly = await runCli([...t.args, 'verify'], env);
      expect(chainsOnly.code).toBe(0); // the re-sealed chains verify: the reason for checkpoints
      const found = await runCli([...t.args, 'verify', '--checkpoints', dir], env);
      expect(found.code).toBe(3);
      expect(found.stderr).toContain(`the event at position ${edited} `);
      expect(found.stderr.trim().split('\n')).toHaveLength(1);

      const refused = await runCli([...t.args, 'checkpoint'], env);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toMatch(/^error: nothing signed: the log does not extend the checkpoint of 12 events/);
    } finally {
      await t.drop();
    }
  });

  test('names the missing key variable (exit 2)', async () => {
    const t = await make('checkpoint-nokey');
    try {
      const run = await runCli([...t.args, 'checkpoint'], { ...t.env, CHECKPOINT_DIR: scratchDir('signed') });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^error: CHECKPOINT_KEY_FILE is not set/);
    } finally {
      await t.drop();
    }
  });
});
