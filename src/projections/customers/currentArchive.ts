import { LRUCache } from 'lru-cache';
import { freshBatch } from '../shared/freshBatch.js';
import type { ReadDeps } from '../shared/query.js';
import { type CustomerArchiveView, archivesAt } from './archive.js';
import { archiveStamps } from './archiveStamps.js';

/** The archive now, as `GET /customers/{id}` without time travel asks: asOf the request's clock, everything recorded. */
export type CurrentArchive = (customerId: string, now: Date) => Promise<CustomerArchiveView | null>;

/** Archives kept per process: 10,000 of 1.2 kB of JSON each took 15 MB of heap (measured with node --expose-gc). */
export const defaultKeptArchives = 10_000;

type Kept = { stamp: string; from: number; until: number; view: CustomerArchiveView };
type Ask = { customerId: string; at: number };

/**
 * The current archive, kept in memory between reads and never stale. The requests
 * waiting at a moment are answered together (`freshBatch`), by a read that started
 * after each of them, so it sees every write committed before the request, by this
 * process or any other: one statement takes the stamps of their customers
 * (`archiveStamps`), and one more reads the archives that are not kept (`archivesAt`).
 *
 * A kept archive answers when it was read under the same stamp and the request's time
 * lies in the span it holds for — from the time it was read at to its next effective
 * change — which makes the kept answer equal to reading the views again; otherwise it
 * is read, and kept. A customer's own events make its kept archive miss once; grade
 * summaries and credit approvals (the `standing` view) make every kept archive miss once.
 *
 * A kept archive is shared between requests: callers must not change it.
 */
export const currentArchiveReader = (deps: ReadDeps, options: { max?: number } = {}): CurrentArchive => {
  const kept = new LRUCache<string, Kept>({ max: options.max ?? defaultKeptArchives });
  const keptFor = (ask: Ask, stamp: string | undefined): CustomerArchiveView | undefined => {
    const hit = kept.get(ask.customerId);
    return hit !== undefined && hit.stamp === stamp && hit.from <= ask.at && ask.at < hit.until ? hit.view : undefined;
  };
  const answer = freshBatch(async (asks: readonly Ask[]) => {
    const { stamps, tables } = await archiveStamps(deps, [...new Set(asks.map((a) => a.customerId))]);
    const answers = new Map<Ask, CustomerArchiveView | null>();
    const misses = asks.filter((ask) => {
      const view = keptFor(ask, stamps.get(ask.customerId));
      if (view !== undefined) answers.set(ask, view);
      return view === undefined;
    });
    const reads = await archivesAt(deps, tables, misses.map((m) => ({ customerId: m.customerId, asOf: new Date(m.at).toISOString() })), null, true);
    misses.forEach((ask, i) => {
      const { view, until } = reads[i]!;
      answers.set(ask, view);
      // Kept under the stamp taken before the read: if the views moved meanwhile, the next read misses (never the reverse).
      const stamp = stamps.get(ask.customerId);
      if (view !== null && stamp !== undefined) kept.set(ask.customerId, { stamp, from: ask.at, until, view });
    });
    return answers;
  });
  return async (customerId, now) => (await answer({ customerId, at: now.getTime() })) ?? null;
};
