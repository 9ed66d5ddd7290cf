import { AsyncLocalStorage } from 'node:async_hooks';
import type { StoredEvent } from './eventStore.js';

/** What was appended within a tracked run: the greatest global position and the event types. */
export type Appended = { position: number; types: ReadonlySet<string> };

type Tracker = { position: number; types: Set<string> };

const tracking = new AsyncLocalStorage<Tracker>();

/**
 * Runs `run` and says what it appended through any event store of this process, so
 * that a caller can wait for exactly its own writes to reach the read models
 * (read-your-writes) rather than for the whole log. Concurrent runs each see only their
 * own appends: the context follows the async calls `run` makes. `null`: nothing appended.
 */
export const trackAppends = async <A>(run: () => Promise<A>): Promise<{ result: A; appended: Appended | null }> => {
  const tracker: Tracker = { position: 0, types: new Set() };
  const result = await tracking.run(tracker, run);
  return { result, appended: tracker.types.size === 0 ? null : tracker };
};

/** Called by the store with the events an append stored (or, for a retried append, had stored). */
export const noteAppended = (events: readonly StoredEvent[]): void => {
  const tracker = tracking.getStore();
  if (!tracker) return;
  for (const e of events) {
    tracker.position = Math.max(tracker.position, e.position);
    tracker.types.add(e.type);
  }
};
