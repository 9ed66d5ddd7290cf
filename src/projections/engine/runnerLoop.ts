import type { Db } from '../../store/db.js';
import type { LogCursor } from '../../store/eventStore.js';
import type { EventRegistry } from '../../store/registry.js';
import { type BuildRow, clearFailure, createBuild, dropRetiredBuilds, loadActive, loadBuild, loadBuilds, nextBuildName } from './builds.js';
import { createBuildRunner } from './buildRunner.js';
import { type Lease, type Leases, leaseKey } from './leases.js';
import type { Projection } from './projection.js';
import { createSignal } from './signal.js';

/**
 * waiting: another runner holds the projection; working: applying batches; idle: level
 * with the log, waiting for events; failed: stopped by a handler error; outdated: the
 * live build is of a newer version than this code.
 */
export type RunnerState = 'starting' | 'waiting' | 'working' | 'idle' | 'failed' | 'outdated' | 'stopped';

/** After a batch committed: `live` when the build answers queries (then every view of this projection is at least at `cursor`). */
export type Progress = { name: string; build: string; cursor: LogCursor; events: number; caughtUp: boolean; activated: boolean; live: boolean };

export type RunnerLoop = {
  readonly state: RunnerState;
  /** New work: `position` is an appended event's (from the notification), `resolveAgain` a new build to look for. */
  wake(options?: { position?: number; resolveAgain?: boolean }): void;
  stop(): Promise<void>;
};

export type RunnerLoopDeps = {
  db: Db;
  schema: string;
  projection: Projection;
  registry: EventRegistry;
  leases: Leases;
  batchSize: number;
  pollMs: number;
  leaseRetryMs: number;
  /** Retired builds of the projection are dropped this long after their switch-over. */
  retiredGraceSeconds: number;
  onProgress(progress: Progress): void;
  onError(error: unknown): void;
};

/**
 * The build this code should work on: a rebuild in progress of its version, else its
 * version's live build, else a new build of its version (the first, or a version bump
 * that builds beside the live one). Null when a newer version is already live.
 */
export const resolveTarget = async (db: Db, schema: string, projection: Projection): Promise<BuildRow | null> => {
  const active = (await loadActive(db, schema)).get(projection.name);
  if (active && active.version > projection.version) return null;
  const builds = await loadBuilds(db, schema, projection.name);
  const mine = builds.filter((b) => b.version === projection.version && b.state !== 'retired');
  const found = mine.filter((b) => b.state === 'building').at(-1) ?? mine.find((b) => b.state === 'live');
  if (found) return found;
  const build = nextBuildName(builds, projection.version);
  await createBuild(db, schema, projection, build);
  return loadBuild(db, schema, projection.name, build);
};

/** One projection's background loop: take the lease, then run batches until stopped. */
export const createRunnerLoop = (deps: RunnerLoopDeps): RunnerLoop => {
  const { db, schema, projection } = deps;
  const signal = createSignal();
  let state: RunnerState = 'starting';
  let stopped = false;
  let resolveAgain = false;
  // The highest position a notification announced: a commit the log read cannot see yet
  // (an older transaction, anywhere on the server, still holds the snapshot's xmin back)
  // is looked for again soon, not at the next poll.
  let announced = 0;
  // The current build's cursor: a wake for a position it has passed needs no batch (a
  // command's wait and the notification of its append each wake the view; one batch serves both).
  let consumed = 0;

  const pause = (ms: number) => signal.wait(signal.count, ms);

  /**
   * Runs while the lease is held; returns to give it up (lost, or stopping). A lease
   * lost with its session is noticed before the next batch; a batch already under way
   * cannot commit over another runner's, whose cursor move it would have to match.
   */
  const work = async (lease: Lease): Promise<void> => {
    let target = await resolveTarget(db, schema, projection);
    let fresh = true;
    let resolvedAt = Date.now();
    let prunedAt = 0;
    // Only the lease holder prunes, so one process drops a view's retired tables; at
    // most every half grace period, so a switch-over's tables go within 1.5 of it.
    const pruneRetired = async () => {
      if (Date.now() - prunedAt < Math.max(deps.pollMs, deps.retiredGraceSeconds * 500)) return;
      prunedAt = Date.now();
      await dropRetiredBuilds(db, schema, projection.name, deps.retiredGraceSeconds);
    };
    while (!stopped && !lease.lost) {
      if (target === null) {
        state = 'outdated';
        await pause(deps.pollMs);
        target = await resolveTarget(db, schema, projection);
        continue;
      }
      if (target.failure && fresh) {
        // A runner that takes the projection over tries the failed event again: it may run fixed code.
        await clearFailure(db, schema, projection.name, target.build);
        target = { ...target, failure: null };
      }
      fresh = false;
      if (target.failure) {
        state = 'failed';
        await pause(deps.pollMs);
        target = await resolveTarget(db, schema, projection);
        continue;
      }
      const runner = createBuildRunner(deps, target);
      consumed = runner.cursor.position;
      let retryMs = 5;
      for (;;) {
        if (stopped || lease.lost) return;
        const seen = signal.count;
        const result = await runner.step();
        if (result.kind === 'leaseLost') return;
        if (result.kind === 'failed') {
          target = await loadBuild(db, schema, projection.name, runner.build);
          break;
        }
        consumed = result.cursor.position;
        deps.onProgress({ name: projection.name, build: runner.build, ...result });
        if (!result.caughtUp) {
          state = 'working';
          continue;
        }
        state = 'idle';
        if (result.cursor.position < announced) {
          await pause(retryMs);
          retryMs = Math.min(deps.pollMs, retryMs * 2);
          continue;
        }
        retryMs = 5;
        if (resolveAgain || Date.now() - resolvedAt >= deps.pollMs) {
          resolveAgain = false;
          resolvedAt = Date.now();
          const next = await resolveTarget(db, schema, projection);
          if (next?.build !== runner.build) {
            target = next;
            break;
          }
          await pruneRetired();
        }
        await signal.wait(seen, deps.pollMs);
      }
    }
  };

  const run = async (): Promise<void> => {
    while (!stopped) {
      let lease = null;
      try {
        lease = await deps.leases.tryAcquire(leaseKey(schema, projection.name));
      } catch (error) {
        deps.onError(error);
      }
      if (!lease) {
        state = 'waiting';
        await pause(deps.leaseRetryMs);
        continue;
      }
      try {
        await work(lease);
      } catch (error) {
        // A lost connection or a server restart: give the lease back, wait, try again.
        deps.onError(error);
        await pause(deps.leaseRetryMs);
      } finally {
        await lease.release();
      }
    }
    state = 'stopped';
  };

  const done = run();
  return {
    get state() {
      return state;
    },
    wake: (options = {}) => {
      resolveAgain ||= options.resolveAgain ?? false;
      if (options.position !== undefined && options.position <= consumed && !resolveAgain) return;
      announced = Math.max(announced, options.position ?? 0);
      signal.notify();
    },
    stop: async () => {
      stopped = true;
      signal.notify();
      await done;
    },
  };
};
