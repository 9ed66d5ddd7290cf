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
 */
export const groupCommit = (send: (batch: Pending['append'][]) => Promise<BatchRow[]>, maxBatch = 200) => {
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
    }
    sending = false;
  };

  return (append: Pending['append']): Promise<BatchRow[]> =>
    new Promise((resolve, reject) => {
      queue.push({ append, resolve, reject });
      if (!sending) void drain();
    });
};
