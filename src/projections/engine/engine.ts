import { allEventTypes } from '../../domain/eventTypes.js';
import type { EventType } from '../../domain/shared/index.js';
import type { Db } from '../../store/db.js';
import { assertSchemaName } from '../../store/migrate.js';
import { createEventRegistry } from '../../store/registry.js';
import { clearFailure, createBuild, dropRetiredBuilds, loadBuild, nextBuildName, loadBuilds } from './builds.js';
import { eventsChannel, migrateEngine, progressChannel } from './engineTables.js';
import { appendedTypes, appendNotice, type BuildPosition, buildPositions, headPosition, laggingOf, progressNotice, type WaitResult } from './positions.js';
import { assertProjectionName, type Projection } from './projection.js';
import { createRunnerLoop, type Progress, type RunnerLoop, type RunnerState } from './runnerLoop.js';
import { createLeases } from './leases.js';
import { createSignal } from './signal.js';
import { freshBatch } from '../shared/freshBatch.js';

export type { Progress, RunnerState } from './runnerLoop.js';
export type { WaitResult, Lagging } from './positions.js';

export type EngineOptions = {
  db: Db;
  schema: string;
  projections: readonly Projection[];
  /** How stored data of older schema versions is upcast; every context's types by default. */
  eventTypes?: readonly EventType[];
  /** Events read and applied per transaction (default `defaultBatchSize`). */
  batchSize?: number;
  /** Fallback poll when no notification arrives (a commit held back by an older open transaction). */
  pollMs?: number;
  /** How often a runner without the lease asks for it again. */
  leaseRetryMs?: number;
  /** How soon a view moves its cursor past appends it handles none of (default `idleViewWakeMs`). */
  idleViewWakeMs?: number;
  /**
   * How long a retired build's tables stay after a switch-over, for queries that resolved
   * them just before it; then the projection's runner drops them (default 60 s).
   */
  retiredGraceSeconds?: number;
  onProgress?: (progress: Progress) => void;
  /** Errors the engine survives (a lost connection): it backs off and tries again. */
  onError?: (projection: string, error: unknown) => void;
};

export type ProjectionEngine = {
  start(): Promise<void>;
  /** Lets every runner finish its transaction, releases the leases, stops listening. */
  stop(): Promise<void>;
  states(): Record<string, RunnerState>;
  /**
   * Read-your-writes: resolves when the live build of every projection (or the named
   * ones, or those that consume any of `eventTypes`: the others' views are untouched by
   * such events) has passed `position`, or when `timeoutMs` ran out, or at once when one
   * of them is stopped by a failure before it. Works whether or not this engine runs them.
   */
  waitForPosition(
    position: number,
    options?: { timeoutMs?: number; projections?: readonly string[]; eventTypes?: Iterable<string> },
  ): Promise<WaitResult>;
  /** Waits until every projection has passed the log's current head. */
  catchUp(timeoutMs?: number): Promise<WaitResult>;
  /**
   * Builds the projection again from the start of the log beside the live build,
   * which keeps answering (frozen) until the new one has caught up and replaces it.
   */
  rebuild(name: string, options?: { onProgress?: (progress: Progress) => void; timeoutMs?: number }): Promise<void>;
  /** Clears a recorded failure so the projection tries its failing event again. */
  retry(name: string): Promise<void>;
  /** Drops the retired builds of a view retired at least `graceSeconds` ago; their names. */
  dropRetired(name: string, graceSeconds?: number): Promise<string[]>;
};

/**
 * Events per projection transaction. Only a backlog (a rebuild, a catch-up) fills a
 * batch; live batches hold what arrived since the last. Rebuilding 1,036,160 events on
 * PostgreSQL here took 57 s at 2,000, 44.5 s at 5,000 and 39.6 s at 10,000 (bench:projections);
 * 5,000 keeps a batch's events in memory at a few MB per projection.
 */
export const defaultBatchSize = 5000;

/** A query resolves its tables, then reads them within its statement timeout (30 s by default). */
export const defaultRetiredGraceSeconds = 60;

/** A wait on views run elsewhere polls their positions this often once it hears their announcements. */
const announcedPollMs = 1000;
/** A listen to the announcements that could not connect is tried again, at a later wait, after this long. */
const relistenMs = 5000;

/** How soon, by default, a view moves its cursor past appends it handles none of (see the engine's listener). */
export const idleViewWakeMs = 100;

export const createProjectionEngine = (options: EngineOptions): ProjectionEngine => {
  const { db } = options;
  const schema = assertSchemaName(options.schema);
  const projections = new Map(options.projections.map((p) => [assertProjectionName(p.name), p]));
  const registry = createEventRegistry(options.eventTypes ?? allEventTypes);
  const progressListeners = new Set<(p: Progress) => void>();
  const progressSignal = createSignal();
  const loops = new Map<string, RunnerLoop>();
  let leases = createLeases(db);
  let unlisten: (() => Promise<void>) | null = null;
  let migrated: Promise<unknown> | null = null;
  const ensureTables = () => (migrated ??= migrateEngine(db, schema));

  // The position each view's live build has passed, from this process's runners: a build
  // live at a position stays at or past it, and so does any build that replaces it
  // (a switch-over waits until the new build is level with the log).
  const liveAt = new Map<string, number>();
  const onProgress = (p: Progress) => {
    if (p.live) liveAt.set(p.name, Math.max(p.cursor.position, liveAt.get(p.name) ?? 0));
    progressSignal.notify();
    options.onProgress?.(p);
    for (const l of progressListeners) l(p);
  };

  const projectionOf = (name: string): Projection => {
    const p = projections.get(name);
    if (!p) throw new Error(`no projection is named ${name}`);
    return p;
  };

  // The commands waiting at a moment share one read of the builds' positions, started
  // after each asked (freshBatch): at 10 concurrent writes, one statement per wake-up
  // instead of one per waiting command.
  const positionsOf = freshBatch(async (names: readonly string[]) => {
    const rows = await buildPositions(db, schema, names);
    return new Map(names.map((name) => [name, rows.filter((r) => r.name === name)]));
  });
  const lagging = async (names: readonly string[], position: number) => {
    const rows: BuildPosition[] = (await Promise.all(names.map(positionsOf))).flatMap((r) => r ?? []);
    return laggingOf(rows, names, position);
  };

  // The event types of the appends that notified a position (every event its
  // transaction committed), the notifications of a moment read together.
  const typesAt = freshBatch((positions: readonly number[]) => appendedTypes(db, schema, positions));
  const handles = (name: string, types: ReadonlySet<string>) => projectionOf(name).eventTypes.some((t) => types.has(t));
  const soon = { positions: new Map<string, number>(), timer: null as NodeJS.Timeout | null };
  const wakeSoon = (name: string, position: number) => {
    soon.positions.set(name, Math.max(position, soon.positions.get(name) ?? 0));
    soon.timer ??= setTimeout(() => {
      soon.timer = null;
      for (const [n, p] of soon.positions) loops.get(n)?.wake({ position: p });
      soon.positions.clear();
    }, options.idleViewWakeMs ?? idleViewWakeMs);
  };

  // The commits of views run by other processes, as their runners announce them
  // (advanceCursor): listened to from the first wait on such a view, in the background —
  // the wait polls until the listen stands, and a listen that cannot connect (the
  // database is away) is tried again at a later wait, not sooner than `relistenMs`.
  const heard = {
    at: new Map<string, number>(),
    listen: null as Promise<void> | null,
    unlisten: null as (() => Promise<void>) | null,
    failedAt: -Infinity,
    /** Bumped when the listen starts or reconnects: what was sent before went unheard. */
    epoch: 0,
    /** Bumped by stop(): a listen that connects after it is closed at once. */
    generation: 0,
  };
  const hearProgress = () => {
    if (heard.listen !== null || Date.now() - heard.failedAt < relistenMs) return;
    const generation = heard.generation;
    const heardAgain = () => {
      heard.epoch += 1;
      progressSignal.notify();
    };
    heard.listen = db
      .listen(
        progressChannel(schema),
        (payload) => {
          const notice = progressNotice(payload);
          if (notice === null) return;
          heard.at.set(notice.name, Math.max(notice.position, heard.at.get(notice.name) ?? 0));
          progressSignal.notify();
        },
        { onReconnect: heardAgain },
      )
      .then(
        (unlisten) => {
          if (generation !== heard.generation) return void unlisten().catch(() => undefined);
          heard.unlisten = unlisten;
          heardAgain();
        },
        (error: unknown) => {
          if (generation !== heard.generation) return;
          heard.listen = null;
          heard.failedAt = Date.now();
          options.onError?.('engine', error);
        },
      );
  };
  const stopHearing = async () => {
    heard.generation += 1;
    const unlisten = heard.unlisten;
    heard.listen = null;
    heard.unlisten = null;
    heard.at.clear();
    heard.failedAt = -Infinity;
    await unlisten?.();
  };
  const runsHere = (name: string) => liveAt.has(name) && ['idle', 'working'].includes(loops.get(name)?.state ?? '');

  const waitForPosition: ProjectionEngine['waitForPosition'] = async (position, o = {}) => {
    await ensureTables();
    const types = o.eventTypes === undefined ? null : new Set(o.eventTypes);
    const names = (o.projections ?? [...projections.keys()]).filter(
      (name) => types === null || projectionOf(name).eventTypes.some((t) => types.has(t)),
    );
    const deadline = Date.now() + (o.timeoutMs ?? 5000);
    let woken = false;
    let readAt: number | null = null;
    let pollAt = 0;
    let behind: Awaited<ReturnType<typeof lagging>> = [];
    for (;;) {
      const seen = progressSignal.count;
      const pending = names.filter((name) => (liveAt.get(name) ?? -1) < position);
      if (pending.length === 0) return { reached: true };
      // Views this process runs live report their commits here (onProgress): those are
      // waited for without asking the database. Any other (run elsewhere, failed, being
      // rebuilt, not yet seen live) is read from the builds, which also says why it lags:
      // at first, then whenever their runners' announcements say they passed the
      // position (a rebuild's may not be the live build's: read again), and each poll.
      const elsewhere = pending.filter((name) => !runsHere(name));
      if (elsewhere.length > 0) hearProgress();
      const listening = heard.unlisten !== null;
      const mustRead =
        elsewhere.length > 0 &&
        (!listening || readAt !== heard.epoch || Date.now() >= pollAt || elsewhere.every((name) => (heard.at.get(name) ?? -1) >= position));
      if (mustRead) {
        readAt = heard.epoch;
        pollAt = Date.now() + announcedPollMs;
        behind = await lagging(pending, position);
        if (behind.length === 0) return { reached: true };
      }
      // A view of this process is woken for the position at once, not when the append's
      // notification reaches it (or, if it handles none of the types, at its next poll).
      if (!woken) for (const name of pending) loops.get(name)?.wake({ position });
      woken = true;
      const left = deadline - Date.now();
      if (behind.some((l) => l.state === 'failed')) return { reached: false, lagging: behind };
      if (left <= 0) {
        const lagged = elsewhere.length === 0 || !mustRead ? await lagging(pending, position) : behind;
        return lagged.length === 0 ? { reached: true } : { reached: false, lagging: lagged };
      }
      // Runners of this process wake us, and so do the announcements of the others' once
      // heard; until then (or should one be lost) they are polled.
      await progressSignal.wait(seen, Math.min(left, listening ? announcedPollMs : 25));
    }
  };

  return {
    start: async () => {
      await ensureTables();
      if (loops.size > 0) return;
      leases = createLeases(db);
      for (const p of projections.values()) {
        loops.set(
          p.name,
          createRunnerLoop({
            db,
            schema,
            projection: p,
            registry,
            leases,
            batchSize: options.batchSize ?? defaultBatchSize,
            pollMs: options.pollMs ?? 1000,
            leaseRetryMs: options.leaseRetryMs ?? 1000,
            retiredGraceSeconds: options.retiredGraceSeconds ?? defaultRetiredGraceSeconds,
            onProgress,
            onError: (e) => options.onError?.(p.name, e),
          }),
        );
      }
      unlisten = await db.listen(
        eventsChannel(schema),
        (payload) => {
          const notice = appendNotice(payload);
          if (notice === null) return loops.forEach((l) => l.wake());
          const { position } = notice;
          // At once only the views that handle the append's event types; the others move
          // their cursor past it a little later, once for the appends of that while —
          // else each spends a transaction per append while the writer waits for the
          // views it needs (half of a write's wait, measured). Types unknown (the read
          // failed): every view at once.
          const wakeFor = (types: ReadonlySet<string> | undefined) =>
            loops.forEach((l, name) => (types === undefined || handles(name, types) ? l.wake({ position }) : wakeSoon(name, position)));
          // Named by the notification (migration 010), else read from the log.
          if (notice.types) return wakeFor(notice.types);
          void typesAt(position).then(wakeFor, () => loops.forEach((l) => l.wake({ position })));
        },
        // Appends made while the connection was away went unheard: look at once.
        { onReconnect: () => loops.forEach((l) => l.wake()) },
      );
    },
    stop: async () => {
      await stopHearing();
      await unlisten?.();
      unlisten = null;
      if (soon.timer) clearTimeout(soon.timer);
      soon.timer = null;
      soon.positions.clear();
      await Promise.all([...loops.values()].map((l) => l.stop()));
      loops.clear();
      liveAt.clear();
      await leases.close();
    },
    states: () => Object.fromEntries([...projections.keys()].map((n) => [n, loops.get(n)?.state ?? 'stopped'])),
    waitForPosition,
    catchUp: async (timeoutMs = 60_000) => {
      await ensureTables();
      return waitForPosition(await headPosition(db, schema), { timeoutMs });
    },
    rebuild: async (name, o = {}) => {
      await ensureTables();
      const projection = projectionOf(name);
      const build = nextBuildName(await loadBuilds(db, schema, name), projection.version);
      await createBuild(db, schema, projection, build);
      loops.get(name)?.wake({ resolveAgain: true });
      const listener = (p: Progress) => {
        if (p.name === name && p.build === build) o.onProgress?.(p);
      };
      progressListeners.add(listener);
      const deadline = Date.now() + (o.timeoutMs ?? 24 * 3600_000);
      try {
        for (;;) {
          const seen = progressSignal.count;
          const row = await loadBuild(db, schema, name, build);
          if (row?.state === 'live') return;
          if (!row || row.state === 'retired') throw new Error(`the rebuild ${name} ${build} was replaced by a newer one`);
          if (row.failure) throw new Error(`the rebuild ${name} ${build} stopped at position ${row.failure.position}: ${row.failure.error}`);
          if (Date.now() > deadline) throw new Error(`the rebuild ${name} ${build} did not finish in time`);
          await progressSignal.wait(seen, 250);
        }
      } finally {
        progressListeners.delete(listener);
      }
    },
    retry: async (name) => {
      await ensureTables();
      for (const b of await loadBuilds(db, schema, name)) if (b.failure) await clearFailure(db, schema, name, b.build);
      loops.get(name)?.wake({ resolveAgain: true });
    },
    dropRetired: async (name, graceSeconds = 0) => {
      await ensureTables();
      return dropRetiredBuilds(db, schema, name, graceSeconds);
    },
  };
};
