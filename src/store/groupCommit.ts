import type { EventMetadata } from './eventStore.js';
import type { PreparedWrite } from './sql/append.js';
import type { BatchRow } from './sql/appendBatch.js';
import { groupCommitBatchSize } from '../observability/metrics.js';

type Pending = {
  append: { writes: PreparedWrite[]; metadata: EventMetadata };
  resolve: (rows: BatchRow[]) => void;
  reject: (error: unknown) => void;
};

/**
 * Sends one append at a time; the appends that arrive meanwhile wait and go together
 * as the next batch (group commit: one transaction and one fsync for all of them).
 * A lone writer is never delayed: its append leaves at once.
 *
 * `linger`: after a batch of several, the next waits one turn of the event loop: the
 * writers just answered append again from their promise callbacks, and without the wait
 * the first of them left alone (batches alternated 1, 7, 1, 7 with 8 writers) and paid a
 * commit. Only over a socket (PostgreSQL): PGlite answers within promise callbacks, so a
 * caller looping on it never lets the event loop turn, and the batch would wait forever.
 */
export const groupCommit = (send: (batch: Pending['append'][]) => Promise<BatchRow[]>, options: { linger: boolean }, maxBatch = 200) => {
  const queue: Pending[] = [];
  let sending = false;

  const drain = async () => {
    sending = true;
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      groupCommitBatchSize.observe(batch.length);
      try {
        const rows = await send(batch.map((p) => p.append));
        batch.forEach((p, i) => p.resolve(rows.filter((r) => Number(r.batch_index) === i)));
      } catch (error) {
        batch.forEach((p) => p.reject(error));
      }
      if (options.linger && batch.length > 1 && queue.length < batch.length) await new Promise((resolve) => setImmediate(resolve));
    }
    sending = false;
  };

  return (append: Pending['append']): Promise<BatchRow[]> =>
    new Promise((resolve, reject) => {
      queue.push({ append, resolve, reject });
      if (!sending) void drain();
    });
};
