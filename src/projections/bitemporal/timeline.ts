import type { LogEvent } from '../engine/projection.js';

/**
 * Bitemporal history of one kind of entity, kept as version rows.
 *
 * Semantics. The state of an entity as of `asOf` A, as known at `knownAt` K, is the
 * fold of its events with recordedAt ≤ K and occurredAt ≤ A, in effective order
 * (occurredAt, then position). Since recordedAt follows the log (the store's append
 * lock), "recordedAt ≤ K" is a prefix of the log: K cuts in commit order.
 *
 * Storage. A row `(key, validFrom, knownFrom, knownTo, state)` says: from record time
 * knownFrom until knownTo (open when null), the entity's state from effective time
 * validFrom on (until the next row's validFrom) was `state`. There is no stored
 * validTo: the answer at (A, K) is the row with the greatest validFrom ≤ A among the
 * rows whose known range holds K (knownFrom ≤ K < knownTo) — one indexed lookup.
 *
 * Maintenance, per event e (occurredAt o, recordedAt r), in log order:
 * - o after the entity's latest validFrom (the common case): one new row (o, r).
 * - o equal to it: that row is superseded (knownTo = r) and replaced by its state
 *   evolved by e — e comes last among the events of that instant.
 * - o before it (a backdated event): every current row with validFrom ≥ o is
 *   superseded at r, and the timeline from o on is re-derived by folding the entity's
 *   events known so far (read back from the log) in effective order.
 * A row superseded at the instant it was written (knownFrom = knownTo) is never
 * visible, so it is not kept: the rows depend on the events only, not on batching.
 */
export type Evolve<S> = (state: S | undefined, event: LogEvent) => S;

export type Version<S> = { validFrom: number; state: S };
export type VersionRow<S> = { key: string; validFrom: number; knownFrom: number; knownTo: number | null; state: S };

/** The rows of `key` whose validFrom is in [from, until) stop being known at `at`. */
export type Supersede = { key: string; from: number; until: number | null; at: number };

export type Plan<S> = { inserts: VersionRow<S>[]; supersede: Supersede[] };

export type Keyed = { key: string; event: LogEvent };

const ms = (iso: string): number => Date.parse(iso);

export const effectiveOrder = (a: LogEvent, b: LogEvent): number => ms(a.occurredAt) - ms(b.occurredAt) || a.position - b.position;

/** The versions from effective time `from` on: one per distinct occurredAt, the state after its last event. */
export const foldVersions = <S>(events: readonly LogEvent[], evolve: Evolve<S>, from = -Infinity): Version<S>[] => {
  const sorted = [...events].sort(effectiveOrder);
  const out: Version<S>[] = [];
  let state: S | undefined;
  sorted.forEach((e, i) => {
    state = evolve(state, e);
    const next = sorted[i + 1];
    const at = ms(e.occurredAt);
    if ((!next || ms(next.occurredAt) !== at) && at >= from) out.push({ validFrom: at, state });
  });
  return out;
};

/** The replay the rows must agree with: the fold of the events known at K that occurred by A. */
export const replayAt = <S>(events: readonly LogEvent[], evolve: Evolve<S>, asOf: number, knownAt: number): S | undefined =>
  [...events]
    .filter((e) => ms(e.recordedAt) <= knownAt && ms(e.occurredAt) <= asOf)
    .sort(effectiveOrder)
    .reduce<S | undefined>((s, e) => evolve(s, e), undefined);

/** The entities of the batch that receive a backdated event, given their latest validFrom. */
export const entitiesToRefold = (events: readonly Keyed[], latestValidFrom: ReadonlyMap<string, number>): Set<string> => {
  const latest = new Map(latestValidFrom);
  const refold = new Set<string>();
  for (const { key, event } of events) {
    const o = ms(event.occurredAt);
    const top = latest.get(key);
    if (top !== undefined && o < top) refold.add(key);
    else latest.set(key, o);
  }
  return refold;
};

type Entity<S> = {
  latest: Version<S> | undefined;
  /** The greatest validFrom of the entity's current rows in the table, before this batch. */
  storedTop: number;
  /** Stored rows with validFrom at or after this are already superseded by this batch. */
  storedCut: number;
  pending: VersionRow<S>[];
};

/**
 * Plans one batch: the rows to insert and the stored rows to supersede. `latest` holds
 * each entity's current latest stored version; `history` the events of each entity
 * in `entitiesToRefold`, up to the batch's last position.
 */
export const planBatch = <S>(
  events: readonly Keyed[],
  latest: ReadonlyMap<string, Version<S>>,
  history: ReadonlyMap<string, readonly LogEvent[]>,
  evolve: Evolve<S>,
): Plan<S> => {
  const entities = new Map<string, Entity<S>>();
  const supersede: Supersede[] = [];

  const entityOf = (key: string): Entity<S> => {
    let e = entities.get(key);
    if (!e) {
      const stored = latest.get(key);
      e = { latest: stored, storedTop: stored?.validFrom ?? -Infinity, storedCut: Infinity, pending: [] };
      entities.set(key, e);
    }
    return e;
  };

  const supersedeFrom = (key: string, entity: Entity<S>, from: number, at: number) => {
    entity.pending = entity.pending.filter((row) => !(row.knownTo === null && row.validFrom >= from && row.knownFrom === at));
    for (const row of entity.pending) if (row.knownTo === null && row.validFrom >= from) row.knownTo = at;
    if (from <= entity.storedTop && from < entity.storedCut) {
      supersede.push({ key, from, until: Number.isFinite(entity.storedCut) ? entity.storedCut : null, at });
      entity.storedCut = from;
    }
  };

  for (const { key, event } of events) {
    const entity = entityOf(key);
    const o = ms(event.occurredAt);
    const r = ms(event.recordedAt);
    const top = entity.latest;
    if (top === undefined || o >= top.validFrom) {
      if (top !== undefined && o === top.validFrom) supersedeFrom(key, entity, o, r);
      const state = evolve(top?.state, event);
      entity.pending.push({ key, validFrom: o, knownFrom: r, knownTo: null, state });
      entity.latest = { validFrom: o, state };
      continue;
    }
    const known = (history.get(key) ?? []).filter((e) => e.position <= event.position);
    if (!known.some((e) => e.position === event.position)) {
      throw new Error(`the refold of ${key} did not find its own event at position ${event.position}`);
    }
    supersedeFrom(key, entity, o, r);
    const versions = foldVersions(known, evolve, o);
    for (const v of versions) entity.pending.push({ key, validFrom: v.validFrom, knownFrom: r, knownTo: null, state: v.state });
    entity.latest = versions[versions.length - 1] ?? top;
  }

  return { inserts: [...entities.values()].flatMap((e) => e.pending), supersede };
};
