import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { afterAll, describe, expect, test } from 'vitest';
import { customersProjection } from '../../src/projections/customers/projection.js';
import { createProjectionEngine, listCustomers } from '../../src/projections/index.js';
import { standingProjection } from '../../src/projections/standing/projection.js';
import { restoreEventLog } from '../../src/store/backup/index.js';
import { type OpenStore, openStore, operationStatus } from '../../src/store/index.js';
import { removeTestDirs, scratchDir } from './support/dataDirs.js';
import { testMasterKey } from './support/masterKey.js';
import { e2eTimeout, root, spawnCli } from './support/runCli.js';
import { postgres } from './support/targets.js';

afterAll(removeTestDirs);

const maxDelayMs = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (lo: number, hi: number) => lo + Math.random() * (hi - lo);

type Manifest = { cursor: { position: number }; segments: { file: string }[] };
const manifestOf = (dir: string): Manifest | null => {
  try {
    return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return null;
  }
};
/** Every position in the backup's committed segments (the manifest's, not leftovers). */
const shippedPositions = (dir: string): Set<number> => {
  const m = manifestOf(dir);
  const positions = new Set<number>();
  for (const s of m?.segments ?? []) {
    for (const line of readFileSync(join(dir, s.file), 'utf8').split('\n').filter(Boolean)) positions.add((JSON.parse(line) as { position: number }).position);
  }
  return positions;
};

/** Every customer, all pages, at (now, knownAt). */
const allCustomers = async (s: Pick<OpenStore, 'db' | 'schema' | 'keyring'>, knownAt?: string) => {
  const items: { id: string; name: string; status: string }[] = [];
  let cursor: string | null = null;
  do {
    const page = await listCustomers({ db: s.db, schema: s.schema, keyring: s.keyring }, {}, knownAt ? { knownAt } : {}, { limit: 500, cursor });
    items.push(...page.items.map((i) => ({ id: i.id, name: i.name, status: i.status })));
    cursor = page.nextCursor;
  } while (cursor);
  return items;
};

const views = [customersProjection, standingProjection];

/** The backup in `dir` restored into a fresh embedded store with its views built: its customer list and last position. */
const restoredReport = async (dir: string) => {
  const into = await openStore({});
  try {
    const restored = await restoreEventLog(into.db, into.schema, dir)();
    if (E.isLeft(restored)) throw new Error(`the backup does not restore: ${restored.left.message}`);
    const engine = createProjectionEngine({ db: into.db, schema: into.schema, projections: views, pollMs: 50 });
    await engine.start();
    const caught = await engine.catchUp(120_000);
    await engine.stop();
    if (!caught.reached) throw new Error('the restored views did not catch up');
    return { position: restored.right.lastPosition, customers: await allCustomers(into) };
  } finally {
    await into.close();
  }
};

describe.each(postgres)('backup --follow on $name, while a writer writes and both are killed at random moments', { timeout: e2eTimeout }, ({ make }) => {
  test('the target always restores to the source\'s reports at its last shipped position, and no acknowledged event is missing once the delay has passed', async () => {
    const t = await make('follow');
    const dir = join(scratchDir('follow'), 'backup');
    const source = await openStore({ databaseUrl: t.at.databaseUrl, schema: t.at.schema, masterKey: testMasterKey });
    const engine = createProjectionEngine({ db: source.db, schema: source.schema, projections: views, pollMs: 50 });
    await engine.start();
    const acks: number[] = [];
    const startWriter = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/cli/support/followWriter.ts'], { cwd: root, env: { ...process.env, ...t.env, SCHEMA: t.at.schema! } });
      let buffered = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        buffered += d;
        const lines = buffered.split('\n');
        buffered = lines.pop()!; // a line cut by the kill is no acknowledgement
        for (const line of lines) if (/^ack \d+$/.test(line)) acks.push(Number(line.slice(4)));
      });
      child.stderr.setEncoding('utf8').on('data', (d: string) => (writerErrors += d));
      return child;
    };
    let writerErrors = '';
    /** Until the process is doing its work (tsx starts slowly on a loaded machine): only then is a kill "in the middle". */
    const until = async (working: () => boolean, what: string) => {
      const deadline = Date.now() + 120_000;
      while (!working()) {
        if (Date.now() > deadline) throw new Error(`${what} did not start: ${writerErrors}`);
        await sleep(50);
      }
    };
    const writing = async () => {
      const seen = acks.length;
      await until(() => acks.length > seen, 'the writer');
    };
    const following = (f: ReturnType<typeof spawnCli>) => until(() => f.output().stdout.includes('following the log'), 'the follower');
    const startFollower = () => spawnCli([...t.args, 'backup', '--to', dir, '--follow', '--max-delay', `${maxDelayMs}ms`, '--allow-same-disk'], t.env);
    let writer = startWriter();
    let follower = startFollower();
    const intermediateChecks: number[] = [];
    try {
      await Promise.all([writing(), following(follower)]);
      for (let round = 0; round < 6; round += 1) {
        await sleep(between(300, 3000));
        if (round % 2 === 0 || Math.random() < 0.3) {
          follower.child.kill('SIGKILL');
          await follower.done;
          // Whatever the follower was doing when it died, the target restores, and to the source's report at its position.
          const shipped = manifestOf(dir)?.cursor.position ?? 0;
          if (shipped > 0) {
            const restored = await restoredReport(dir);
            expect(restored.position).toBe(shipped);
            const reached = await engine.waitForPosition(shipped, { timeoutMs: 60_000 });
            expect(reached.reached).toBe(true);
            // The source at the record time of the last shipped event: exact when no later event shares its millisecond.
            const { rows } = await source.db.query<{ at: Date; next_at: Date | null }>(
              `select e.recorded_at as at, (select n.recorded_at from ${source.schema}.events n where n.position > $1 order by n.position limit 1) as next_at
                 from ${source.schema}.events e where e.position = $1`,
              [shipped],
            );
            const knownAt = new Date(rows[0]!.at.getTime() + 1).toISOString();
            if (rows[0]!.next_at === null || rows[0]!.next_at.getTime() >= rows[0]!.at.getTime() + 1) {
              expect(restored.customers).toEqual(await allCustomers(source, knownAt));
              intermediateChecks.push(shipped);
            }
          }
          await sleep(between(0, 1000));
          follower = startFollower();
          await following(follower);
        } else {
          writer.kill('SIGKILL');
          await sleep(between(0, 1000));
          writer = startWriter();
          await writing();
        }
      }
      await sleep(between(500, 2000));
      writer.kill('SIGKILL');
      // The follower is running: once the delay has passed (and a pass on this loaded machine), every acknowledged event is shipped.
      const acked = Math.max(...acks);
      const deadline = Date.now() + maxDelayMs + 10_000;
      while ((manifestOf(dir)?.cursor.position ?? 0) < acked && Date.now() < deadline) await sleep(100);
      const shipped = shippedPositions(dir);
      expect(acks.length).toBeGreaterThan(20);
      expect(acks.filter((p) => !shipped.has(p))).toEqual([]);
      follower.child.kill('SIGTERM');
      const end = await follower.done;
      expect(end.code, end.stderr).toBe(0);
      expect(readdirSync(join(dir, 'segments')).filter((f) => f.endsWith('.tmp'))).toEqual([]);

      // The final target restores to the source's reports: the writer is stopped, so the source's head is the last shipped position.
      const head = Number((await source.db.query<{ p: number }>(`select max(position) as p from ${source.schema}.events`)).rows[0]!.p);
      const restored = await restoredReport(dir);
      expect(restored.position).toBe(head);
      expect((await engine.waitForPosition(head, { timeoutMs: 60_000 })).reached).toBe(true);
      expect(restored.customers).toEqual(await allCustomers(source));
      expect(restored.customers.length).toBeGreaterThan(10);
      // The console's 系统 screen: the follower's passes were recorded, the last one at the head.
      expect((await operationStatus(source.db, source.schema)).backup).toMatchObject({ passed: true, coveredPosition: head });
      console.log(JSON.stringify({ acks: acks.length, head, intermediateChecks }));
    } finally {
      writer.kill('SIGKILL');
      follower.child.kill('SIGKILL');
      await engine.stop();
      await source.close();
      await t.drop();
    }
  });
});
