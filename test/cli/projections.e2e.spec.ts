import { afterAll, describe, expect, test } from 'vitest';
import { allProjections, projectionStatus } from '../../src/projections/index.js';
import { freshDataDir, removeTestDirs } from './support/dataDirs.js';
import { e2eTimeout, runCli, spawnCli } from './support/runCli.js';
import { seedFigures, withOpenStore } from './support/seed.js';
import { targets } from './support/targets.js';

afterAll(removeTestDirs);

/** Every view the product serves. */
const viewNames = allProjections.map((p) => p.name);

describe('projections status and rebuild on pglite', { timeout: e2eTimeout }, () => {
  test('say when no view is built, rebuild one with a summary, and refuse an unknown name', async () => {
    const dataDir = await freshDataDir('views');
    await withOpenStore({ dataDir }, (s) => seedFigures(s, 3, 4));
    const none = await runCli(['projections', 'status'], { DATA_DIR: dataDir });
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('no view has been built yet');

    const rebuilt = await runCli(['projections', 'rebuild', 'figures'], { DATA_DIR: dataDir });
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/^figures: rebuilt as \S+, 12 events applied, at position \d+, in [\d.]+ s$/m);

    const status = JSON.parse((await runCli(['projections', 'status', '--json'], { DATA_DIR: dataDir })).stdout) as { name: string; active: boolean; lag: number; failure: unknown }[];
    const serving = status.filter((s) => s.active);
    expect(serving.map((s) => s.name).sort()).toEqual([...viewNames].sort());
    expect(serving.every((s) => s.lag === 0 && s.failure === null)).toBe(true);

    // A second rebuild retires the first; prune drops what is retired once past the grace period.
    expect((await runCli(['projections', 'rebuild', 'figures'], { DATA_DIR: dataDir })).code).toBe(0);
    const states = async () =>
      (JSON.parse((await runCli(['projections', 'status', '--json'], { DATA_DIR: dataDir })).stdout) as { name: string; build: string; state: string }[]).filter((b) => b.state === 'retired');
    const retired = await states();
    expect(retired.some((b) => b.name === 'figures')).toBe(true);
    const kept = await runCli(['projections', 'prune'], { DATA_DIR: dataDir }); // default grace: 60 s
    expect(kept.code).toBe(0);
    expect(await states()).toEqual(retired);
    const pruned = await runCli(['projections', 'prune', '--grace', '0'], { DATA_DIR: dataDir });
    expect(pruned.code).toBe(0);
    for (const b of retired) expect(pruned.stdout).toContain(`${b.name}: dropped`);
    expect(await states()).toEqual([]);

    const unknown = await runCli(['projections', 'rebuild', 'nope'], { DATA_DIR: dataDir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe(`error: no view is named nope: the views are ${viewNames.join(', ')}`);
  });
});

/** The views the worker has logged as caught up (LOG_LEVEL=debug). */
const caughtUp = (stdout: string): Set<string> =>
  new Set(
    stdout
      .split('\n')
      .filter((l) => l.includes('"msg":"caught up"'))
      .map((l) => (JSON.parse(l) as { name: string }).name),
  );

describe.each(targets)('the projection worker on $name', { timeout: e2eTimeout }, ({ make }) => {
  test('builds every view, and stops cleanly on SIGTERM', async () => {
    const t = await make('worker');
    try {
      await withOpenStore(t.at, (s) => seedFigures(s, 2, 3));
      const worker = spawnCli([...t.args, 'worker'], { ...t.env, LOG_LEVEL: 'debug' });
      const serving = async () => (await withOpenStore(t.at, (s) => projectionStatus(s.db, s.schema).catch(() => []))).filter((v) => v.active && v.lag === 0).length;
      // On PostgreSQL the views are watched from here; the embedded store belongs to the worker, so its log is read instead
      // (there no other transaction can hold the log back, so "caught up" means at the head).
      const ready = async () => (t.env.DATABASE_URL ? (await serving()) === viewNames.length : caughtUp(worker.output().stdout).size === viewNames.length);
      const deadline = Date.now() + 180_000;
      while (!(await ready()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      // Its operations port: /ready and /metrics say the views are current.
      const opsLine = worker.output().stdout.split('\n').find((l) => l.includes('"msg":"operations port listening"'))!;
      const metricsUrl = (JSON.parse(opsLine) as { url: string }).url;
      const probe = await fetch(metricsUrl.replace(/\/metrics$/, '/ready'));
      expect(probe.status).toBe(200);
      const metrics = await (await fetch(metricsUrl)).text();
      for (const name of viewNames) expect(metrics).toContain(`ledger_projection_lag_events{view="${name}"} 0`);
      expect(metrics).toContain('process_resident_memory_bytes');
      worker.child.kill('SIGTERM');
      const run = await worker.done;
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('"msg":"projection worker started"');
      expect(run.stdout).toContain('"msg":"stopped"');
      const views = await withOpenStore(t.at, (s) => projectionStatus(s.db, s.schema));
      expect(views.filter((v) => v.active && v.lag === 0).map((v) => v.name).sort()).toEqual([...viewNames].sort());
    } finally {
      await t.drop();
    }
  });
});
