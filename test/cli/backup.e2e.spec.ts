import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Manifest } from '../../src/store/backup/index.js';
import { operationStatus } from '../../src/store/index.js';
import { freshDataDir, scratchDir, removeTestDirs } from './support/dataDirs.js';
import { e2eTimeout, runCli, spawnCli } from './support/runCli.js';
import { dumpEvents, seedFigures, withOpenStore } from './support/seed.js';
import { postgres } from './support/targets.js';

afterAll(removeTestDirs);

const manifestOf = (dir: string) => (existsSync(join(dir, 'manifest.json')) ? Manifest.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))) : null);
const countEvents = (dataDir: string) => withOpenStore({ dataDir }, async (s) => (await dumpEvents(s)).length);

describe('backup and restore on pglite', { timeout: e2eTimeout }, () => {
  test('a restore into a fresh store gives identical events and chains, and a second restore is refused', async () => {
    const from = await freshDataDir('from');
    const seeded = await withOpenStore({ dataDir: from }, (s) => seedFigures(s, 6, 5));
    const dir = join(scratchDir('backup'), 'ledger-backup');
    // 安全防范: onto the store's own filesystem only when the operator insists.
    const refusedHere = await runCli(['backup', '--to', dir, '--segment-events', '7'], { DATA_DIR: from });
    expect(refusedHere.code).toBe(4);
    const refusedStatus = await withOpenStore({ dataDir: from }, (s) => operationStatus(s.db, s.schema));
    expect(refusedStatus.backup).toBeNull(); // refused before it ran: not a backup that failed
    expect(refusedHere.stderr.trim()).toMatch(/^error: .*ledger-backup is on the same filesystem as the store \(.*\): a backup belongs on another machine \(安全防范\); --allow-same-disk to do it anyway$/);
    expect(existsSync(join(dir, 'manifest.json'))).toBe(false);
    const backup = await runCli(['backup', '--to', dir, '--segment-events', '7', '--allow-same-disk'], { DATA_DIR: from });
    expect(backup.code).toBe(0);
    expect(backup.stderr).toContain('is on the same filesystem as the store');
    expect(backup.stdout).toContain(`${seeded} new events in 5 segments`);
    const again = await runCli(['backup', '--to', dir, '--allow-same-disk'], { DATA_DIR: from });
    expect(again.stdout).toContain(`is up to date: ${seeded} events`);
    // What the console's 系统 screen shows: the backup reached the log's last position.
    const status = await withOpenStore({ dataDir: from }, (s) => operationStatus(s.db, s.schema));
    expect(status.backup).toMatchObject({ passed: true, coveredPosition: status.logPosition, summary: `${dir}: ${seeded} events, up to log position ${status.logPosition}` });

    const into = await freshDataDir('into');
    const restore = await runCli(['restore', '--from', dir], { DATA_DIR: into });
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`restored ${seeded} events in 6 streams`);
    const [original, restored] = [await withOpenStore({ dataDir: from }, dumpEvents), await withOpenStore({ dataDir: into }, dumpEvents)];
    expect(restored).toEqual(original);
    expect((await runCli(['verify'], { DATA_DIR: into })).code).toBe(0);

    const twice = await runCli(['restore', '--from', dir], { DATA_DIR: into });
    expect(twice.code).toBe(4);
    expect(twice.stderr.trim()).toBe('error: the store already holds events: restore only into an empty store');
  });

  test('a backup killed mid-way resumes without copying any event twice', async () => {
    const from = await freshDataDir('killed');
    const seeded = await withOpenStore({ dataDir: from }, (s) => seedFigures(s, 30, 10));
    const dir = scratchDir('interrupted');
    const run = spawnCli(['backup', '--to', dir, '--segment-events', '1', '--allow-same-disk'], { DATA_DIR: from });
    while ((manifestOf(dir)?.segments.length ?? 0) < 3) await new Promise((r) => setTimeout(r, 10));
    run.child.kill('SIGKILL');
    expect((await run.done).signal).toBe('SIGKILL');
    const interrupted = manifestOf(dir)!;
    expect(interrupted.events).toBeLessThan(seeded);

    const resumed = await runCli(['backup', '--to', dir, '--segment-events', '50', '--allow-same-disk'], { DATA_DIR: from });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`${seeded - interrupted.events} new events`);
    const manifest = manifestOf(dir)!;
    expect(manifest.events).toBe(seeded);
    expect(manifest.segments.slice(0, interrupted.segments.length)).toEqual(interrupted.segments);
    const ids = manifest.segments.flatMap((s) => readFileSync(join(dir, s.file), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id));
    expect(new Set(ids).size).toBe(seeded);
    const check = await runCli(['restore', '--from', dir, '--check-only']);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(`${seeded} events in 30 streams`);
  });

  test('a corrupted segment is refused naming it, and nothing is restored', async () => {
    const from = await freshDataDir('corrupt');
    await withOpenStore({ dataDir: from }, (s) => seedFigures(s, 2, 6));
    const dir = scratchDir('corrupt');
    expect((await runCli(['backup', '--to', dir, '--segment-events', '5', '--allow-same-disk'], { DATA_DIR: from })).code).toBe(0);
    const segment = join(dir, 'segments', '000002.ndjson');
    writeFileSync(segment, readFileSync(segment, 'utf8').replace('45000.00', '46000.00'));

    const into = await freshDataDir('corrupt-into');
    const refused = await runCli(['restore', '--from', dir], { DATA_DIR: into });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/^error: backup refused: segment segments\/000002\.ndjson: its SHA-256 [0-9a-f]{64} is not the manifest's/);
    expect(await countEvents(into)).toBe(0);
  });
});

describe.each(postgres)('a backup of the embedded store restored on $name', { timeout: e2eTimeout }, (server) => {
  test('moves to postgres and back with identical events and chains', async () => {
    const embedded = await freshDataDir('to-server');
    const seeded = await withOpenStore({ dataDir: embedded }, (s) => seedFigures(s, 5, 6));
    const onServer = await server.make('from-embedded');
    try {
      const first = scratchDir('to-server');
      expect((await runCli(['backup', '--to', first, '--allow-same-disk'], { DATA_DIR: embedded })).code).toBe(0);
      const restored = await runCli([...onServer.args, 'restore', '--from', first], onServer.env);
      expect(restored.stderr).toBe('');
      expect(restored.stdout).toContain(`restored ${seeded} events`);

      const second = scratchDir('from-server');
      // A backup copies what no older transaction on the server can still precede: other
      // tests' transactions may hold the last events back for a moment, so it runs until complete.
      for (let run = 0; run < 20 && (manifestOf(second)?.events ?? 0) < seeded; run += 1) {
        const backup = await runCli([...onServer.args, 'backup', '--to', second, '--allow-same-disk'], onServer.env);
        expect(backup.code).toBe(0);
        // The test server runs on this machine: its data directory is known (same disk) when the role may read it.
        expect(backup.stderr).toMatch(/is on the same filesystem as the store|the PostgreSQL server's disk is unknown here/);
      }
      expect(manifestOf(second)?.events).toBe(seeded);
      const back = await freshDataDir('back');
      expect((await runCli(['restore', '--from', second], { DATA_DIR: back })).code).toBe(0);

      const original = await withOpenStore({ dataDir: embedded }, dumpEvents);
      expect(await withOpenStore(onServer.at, dumpEvents)).toEqual(original);
      expect(await withOpenStore({ dataDir: back }, dumpEvents)).toEqual(original);
      expect((await runCli(['verify'], { DATA_DIR: back })).code).toBe(0);
    } finally {
      await onServer.drop();
    }
  });
});
