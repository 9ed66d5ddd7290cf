import type { Db, Sql } from '../../store/db.js';

/** The right to run one projection: held by one runner across all processes. */
export type Lease = { readonly key: string; release(): Promise<void> };

export type Leases = {
  tryAcquire(key: string): Promise<Lease | null>;
  close(): Promise<void>;
};

/** PGlite lives in one process: a set of held keys per database is the whole lock. */
const heldInProcess = new WeakMap<Db, Set<string>>();

const inProcessLeases = (db: Db): Leases => {
  const held = heldInProcess.get(db) ?? new Set<string>();
  heldInProcess.set(db, held);
  const mine = new Set<string>();
  return {
    tryAcquire: async (key) => {
      if (held.has(key)) return null;
      held.add(key);
      mine.add(key);
      return {
        key,
        release: async () => {
          if (mine.delete(key)) held.delete(key);
        },
      };
    },
    close: async () => {
      for (const key of mine) held.delete(key);
      mine.clear();
    },
  };
};

/**
 * PostgreSQL: session-level advisory locks on one connection the engine keeps for
 * itself (`Db.withSession`). A process that dies loses its connection and with it
 * its locks, so a waiting runner elsewhere takes over. Locks are re-entrant within a
 * session, so the keys held here are also tracked in memory.
 */
const advisoryLeases = (db: Db): Leases => {
  let session: Promise<Sql> | null = null;
  let end: (() => void) | null = null;
  const mine = new Set<string>();
  // One connection answers one statement at a time: the runners' calls take turns.
  let turn: Promise<unknown> = Promise.resolve();

  const open = (): Promise<Sql> =>
    (session ??= new Promise<Sql>((resolve, reject) => {
      const done = new Promise<void>((r) => (end = r));
      db.withSession(async (s) => {
        resolve(s);
        await done;
      }).catch(reject);
    }));

  const run = (text: string, key: string): Promise<boolean> => {
    const result = turn.then(() => query(text, key));
    turn = result.catch(() => undefined);
    return result;
  };

  const query = async (text: string, key: string): Promise<boolean> => {
    const s = await open();
    try {
      const { rows } = await s.query<{ ok: boolean }>(text, [key]);
      return rows[0]?.ok === true;
    } catch (error) {
      // The session is gone, and every lock with it: start afresh on the next call.
      mine.clear();
      session = null;
      end?.();
      throw error;
    }
  };

  return {
    tryAcquire: async (key) => {
      if (mine.has(key)) return null;
      if (!(await run(`select pg_try_advisory_lock(hashtext($1)) as ok`, key))) return null;
      mine.add(key);
      return {
        key,
        release: async () => {
          if (!mine.delete(key)) return;
          await run(`select pg_advisory_unlock(hashtext($1)) as ok`, key).catch(() => undefined);
        },
      };
    },
    close: async () => {
      mine.clear();
      end?.();
      session = null;
    },
  };
};

export const createLeases = (db: Db): Leases => (db.kind === 'postgres' ? advisoryLeases(db) : inProcessLeases(db));

export const leaseKey = (schema: string, projection: string): string => `${schema}.projection.${projection}`;
