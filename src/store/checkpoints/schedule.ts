import type { CheckpointFile } from './checkpointDir.js';
import type { Checkpointer } from './checkpointer.js';

export type CheckpointEvery = { events: number } | { minutes: number };

export type CheckpointSchedule = { stop(): Promise<void> };

/**
 * The worker's checkpoints: every `events` appended (the log is polled every `pollMs`)
 * or every `minutes` when anything was appended. One checkpoint at a time; a failure is
 * reported and retried at the next turn (a log that no longer extends the last
 * checkpoint keeps failing, loudly, and is never signed over).
 */
export const scheduleCheckpoints = (
  checkpointer: Checkpointer,
  every: CheckpointEvery,
  handlers: { onCheckpoint(file: CheckpointFile, ms: number): void; onError(error: unknown): void; now?: () => Date; pollMs?: number },
): CheckpointSchedule => {
  const now = handlers.now ?? (() => new Date());
  const waitMs = 'events' in every ? (handlers.pollMs ?? 1000) : every.minutes * 60_000;
  let signedSize = -1;
  let stopped = false;
  let wake: (() => void) | undefined;
  const turn = async () => {
    const size = await checkpointer.refresh();
    const due = 'events' in every ? size - Math.max(signedSize, 0) >= every.events : size > signedSize;
    if (!due) return;
    const started = performance.now();
    const file = await checkpointer.take(now().toISOString());
    signedSize = file.checkpoint.size + 1; // its own event is appended after it
    handlers.onCheckpoint(file, performance.now() - started);
  };
  const loop = (async () => {
    while (!stopped) {
      await turn().catch(handlers.onError);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
    },
  };
};
