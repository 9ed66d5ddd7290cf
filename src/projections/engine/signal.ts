/**
 * A wake-up counter: `notify` bumps it, `wait(seen, ms)` resolves at once if it moved
 * past `seen` (an event arrived while the caller was busy), else at the next bump or
 * after `ms`. This is how a runner never sleeps while events are waiting.
 */
export type Signal = { readonly count: number; notify(): void; wait(seen: number, ms: number): Promise<void> };

export const createSignal = (): Signal => {
  let count = 0;
  let waiters: (() => void)[] = [];
  return {
    get count() {
      return count;
    },
    notify() {
      count += 1;
      const woken = waiters;
      waiters = [];
      for (const w of woken) w();
    },
    wait(seen, ms) {
      if (count !== seen) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== done);
          resolve();
        }, ms);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        waiters.push(done);
      });
    },
  };
};
