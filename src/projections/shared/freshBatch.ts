/**
 * Reads by key that callers share and none sees stale: each call resolves with a read
 * that *started after the call* and covered its key, so it reflects every write that
 * committed before the call. Calls wait for the next read, which starts when the one
 * running settles (or, with none running, once the current turn of the event loop has
 * handed in its calls) and covers every key asked meanwhile: under load one read serves
 * many callers (the "read index" of consensus systems); alone, a caller waits for one.
 */
export const freshBatch = <K, V>(readMany: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>): ((key: K) => Promise<V | undefined>) => {
  let running: Promise<unknown> | null = null;
  let queued: { keys: Set<K>; result: Promise<ReadonlyMap<K, V>> } | null = null;
  const start = (keys: Set<K>): Promise<ReadonlyMap<K, V>> => {
    const current = readMany([...keys]).finally(() => {
      if (running === current) running = null;
    });
    running = current;
    return current;
  };
  const settled = () => undefined;
  return (key) => {
    if (queued === null) {
      const keys = new Set<K>();
      const turn = running === null ? new Promise<void>((resolve) => setImmediate(resolve)) : running.then(settled, settled);
      queued = {
        keys,
        result: turn.then(() => {
          queued = null;
          return start(keys);
        }),
      };
    }
    queued.keys.add(key);
    return queued.result.then((found) => found.get(key));
  };
};
