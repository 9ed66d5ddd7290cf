import { LRUCache } from 'lru-cache';
import { freshBatch } from './freshBatch.js';

/** A read of "now" for one key: the key, and the request's clock (ms). */
export type Ask<K> = { key: K; at: number };

/**
 * A view of "now" kept in memory (see `keptReads`):
 * - `stamps`: one statement, the stamp of each key now (none for a key with nothing to
 *   keep), and what the reads need (the active builds' tables). Equal stamps must mean
 *   the same rows behind the key's answer.
 * - `read`: the answers of the asks not kept, each at its own time, with the first
 *   instant after it at which the same rows answer differently (Infinity if none).
 */
export type KeptReadsSpec<K, C, V> = {
  stamps(keys: readonly K[]): Promise<{ stamps: ReadonlyMap<K, string>; context: C }>;
  read(asks: readonly Ask<K>[], context: C): Promise<{ value: V; until: number }[]>;
  /** Whether an answer is worth keeping (one that found nothing is not). */
  keep(value: V): boolean;
  /** How many keys to keep (least recently used go first). */
  max: number;
};

type Kept<V> = { stamp: string; from: number; until: number; value: V };

/**
 * Reads of "now" kept in memory between requests and never stale, in any process.
 * The requests waiting at a moment are answered together (`freshBatch`), by statements
 * that start after each of them, so they see every write committed before the request,
 * by this process or any other: one takes the stamps of their keys, one more reads what
 * is not kept. A kept answer serves a request when it was read under the same stamp
 * and the request's time lies in the span it holds for — from the time it was read at
 * to its next effective change — which makes it equal to reading the views again.
 *
 * A kept answer is shared between requests: callers must not change it.
 */
export const keptReads = <K extends string, C, V>(spec: KeptReadsSpec<K, C, V>): ((key: K, now: Date) => Promise<V>) => {
  const kept = new LRUCache<K, Kept<V>>({ max: spec.max });
  const keptFor = (ask: Ask<K>, stamp: string | undefined): Kept<V> | undefined => {
    const hit = kept.get(ask.key);
    return hit !== undefined && stamp !== undefined && hit.stamp === stamp && hit.from <= ask.at && ask.at < hit.until ? hit : undefined;
  };
  const answer = freshBatch(async (asks: readonly Ask<K>[]) => {
    const { stamps, context } = await spec.stamps([...new Set(asks.map((a) => a.key))]);
    const answers = new Map<Ask<K>, V>();
    const misses = asks.filter((ask) => {
      const hit = keptFor(ask, stamps.get(ask.key));
      if (hit !== undefined) answers.set(ask, hit.value);
      return hit === undefined;
    });
    const reads = misses.length === 0 ? [] : await spec.read(misses, context);
    misses.forEach((ask, i) => {
      const { value, until } = reads[i]!;
      answers.set(ask, value);
      // Kept under the stamp taken before the read: if the views moved meanwhile, the next read misses (never the reverse).
      const stamp = stamps.get(ask.key);
      if (stamp !== undefined && spec.keep(value)) kept.set(ask.key, { stamp, from: ask.at, until, value });
    });
    return answers;
  });
  return async (key, now) => (await answer({ key, at: now.getTime() }))!;
};
