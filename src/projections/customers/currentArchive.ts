import { LRUCache } from 'lru-cache';
import { freshBatch } from '../shared/freshBatch.js';
import type { ReadDeps } from '../shared/query.js';
import { type CustomerArchiveView, archiveAt } from './archive.js';
import { archiveStamps } from './archiveStamps.js';

/** The archive now, as `GET /customers/{id}` without time travel asks: asOf the request's clock, everything recorded. */
export type CurrentArchive = (customerId: string, now: Date) => Promise<CustomerArchiveView | null>;

/** Archives kept per process: some tens of MB at most (an archive is a few kB). */
export const defaultKeptArchives = 10_000;

type Kept = { stamp: string; from: number; until: number; view: CustomerArchiveView };

/**
 * The current archive, kept in memory between reads and never stale. Each read first
 * takes its customer's stamp (`archiveStamps`) with a statement that started after the
 * request (`freshBatch`: one statement serves every request waiting at that moment), so
 * it sees every write committed before the request, by this process or any other. A
 * kept archive answers when it was read under the same stamp and the request's time
 * lies in the span it holds for — from the time it was read at to its next effective
 * change — which makes the kept answer equal to reading the views again; otherwise the
 * views are read, and the answer kept. A customer's own events make its kept archive
 * miss once; grade summaries and credit approvals (the `standing` view) make every
 * kept archive miss once.
 *
 * A kept archive is shared between requests: callers must not change it.
 */
export const currentArchiveReader = (deps: ReadDeps, options: { max?: number } = {}): CurrentArchive => {
  const kept = new LRUCache<string, Kept>({ max: options.max ?? defaultKeptArchives });
  const stampOf = freshBatch(async (customerIds: readonly string[]) => {
    const { stamps, tables } = await archiveStamps(deps, customerIds);
    return new Map(customerIds.map((id) => [id, { stamp: stamps.get(id), tables }]));
  });
  return async (customerId, now) => {
    const { stamp, tables } = (await stampOf(customerId))!;
    const at = now.getTime();
    const hit = kept.get(customerId);
    if (hit !== undefined && hit.stamp === stamp && hit.from <= at && at < hit.until) return hit.view;
    const { view, until } = await archiveAt(deps, tables, customerId, { asOf: now.toISOString(), knownAt: null }, true);
    // Kept under the stamp taken before the read: if the views moved meanwhile, the next read misses (never the reverse).
    if (view !== null && stamp !== undefined) kept.set(customerId, { stamp, from: at, until, view });
    return view;
  };
};
