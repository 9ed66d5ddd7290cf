import { afterAll, describe, expect, test } from 'vitest';
import { rewritingEvents } from '../../src/store/appendOnly.js';
import { operationStatus } from '../../src/store/index.js';
import { removeTestDirs } from './support/dataDirs.js';
import { e2eTimeout, runCli } from './support/runCli.js';
import { seedFigures, withOpenStore } from './support/seed.js';
import { targets } from './support/targets.js';

afterAll(removeTestDirs);

describe.each(targets)('verify on $name', { timeout: e2eTimeout }, ({ make }) => {
  test('exits 0 on an intact log, and 3 naming the stream, version and position of a row altered in SQL; each outcome is left for the console', async () => {
    const t = await make('verify');
    try {
      await withOpenStore(t.at, (s) => seedFigures(s, 3, 4));
      const intact = await runCli([...t.args, 'verify'], t.env);
      expect(intact.stderr).toBe('');
      expect(intact.code).toBe(0);
      expect(intact.stdout).toContain('12 events in 3 streams');
      const passed = await withOpenStore(t.at, (s) => operationStatus(s.db, s.schema));
      expect(passed.backup).toBeNull();
      expect(passed.verify).toMatchObject({ passed: true, coveredPosition: passed.logPosition, lastPassedAt: passed.verify?.lastRunAt });
      expect(passed.verify?.summary).toContain('12 events in 3 streams');

      const altered = await withOpenStore(t.at, async (s) => {
        const { rows } = await rewritingEvents(s.db, s.schema, (tx) => tx.query<{ stream_id: string; version: number; position: number }>(
          `update ${s.schema}.events set data = jsonb_set(data, '{sales}', '"999999.00"')
            where position = (select min(position) + 5 from ${s.schema}.events) returning stream_id, version, position`,
        ));
        return rows[0]!;
      });
      const broken = await runCli([...t.args, 'verify'], t.env);
      expect(broken.code).toBe(3);
      expect(broken.stderr).toContain(`stream ${altered.stream_id} version ${altered.version} position ${Number(altered.position)}`);
      expect(broken.stderr.trim().split('\n')).toHaveLength(1);
      // The failure is what the console shows now; the last pass (when, how far) stays beside it.
      const failed = await withOpenStore(t.at, (s) => operationStatus(s.db, s.schema));
      expect(failed.verify).toMatchObject({ passed: false, lastPassedAt: passed.verify?.lastPassedAt, coveredPosition: passed.logPosition });
      expect(failed.verify?.summary).toContain(`stream ${altered.stream_id} version ${altered.version}`);
      expect(Date.parse(failed.verify!.lastRunAt)).toBeGreaterThanOrEqual(Date.parse(passed.verify!.lastRunAt));
    } finally {
      await t.drop();
    }
  });
});
