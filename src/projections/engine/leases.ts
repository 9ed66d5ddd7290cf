import type { Db, Sql } from '../../store/db.js';

/**
 * The right to run one projection: held by one runner across all processes. `lost`
 * turns true when it was taken away (its session's connection died): the runner must
 * stop working and take it again.
 */
export type Lease = { readonly key: string; readonly lost: boolean; release(): Promise<void> };

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
        lost: false,
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

type Held = { key: string; lost: boolean };
type Session = { sql: Sql; end(): void };

/**
 * While it holds a lease, the session asks the server this often whether it is still
 * there: a connection cut without a word (no reset reaches us) is noticed within this
 * and the statement timeout, not at the operating system's keepalive hours later.
 */
const heartbeatMs = 5000;

/**
 * PostgreSQL: session-level advisory locks on one connection the engine keeps for
 * itself (`Db.withSession`). A process that dies loses its connection and with it
 * its locks, so a waiting runner elsewhere takes over. When the connection is lost
 * under a live process, every lease it held is marked lost at once (the server has
 * already released the locks) and the next call opens a new session. Locks are
 * re-entrant within a session, so the keys held here are also tracked in memory.
 */
const advisoryLeases = (db: Db): Leases => {
  let session: Promise<Session> | null = null;
  const mine = new Map<string, Held>();
  let heartbeat: NodeJS.Timeout | null = null;
  // One connection answers one statement at a time: the runners' calls take turns.
  let turn: Promise<unknown> = Promise.resolve();

  /** The session is gone, and every lock with it. */
  const forget = (gone: Promise<Session>) => {
    if (session !== gone) return;
    session = null;
    for (const held of mine.values()) held.lost = true;
    mine.clear();
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
    void gone.then((s) => s.end(), () => undefined);
  };

  const open = (): Promise<Session> => {
    if (session) return session;
    const opening: Promise<Session> = new Promise<Session>((resolve, reject) => {
      db.withSession(async (sql, lost) => {
        let end = () => undefined as void;
        const done = new Promise<void>((r) => (end = r));
        lost.addEventListener('abort', () => forget(opening), { once: true });
        resolve({ sql, end });
        await done;
      }).catch(reject);
    });
    session = opening;
    opening.catch(() => forget(opening));
    return opening;
  };

  /** A statement on the session; `via` is the session it ran on (to tell whether that one is still current). */
  const run = (text: string, params: readonly unknown[]): Promise<{ ok: boolean; via: Promise<Session> }> => {
    const result = turn.then(() => query(text, params));
    turn = result.catch(() => undefined);
    return result;
  };

  const query = async (text: string, params: readonly unknown[]) => {
    const via = open();
    try {
      const { rows } = await (await via).sql.query<{ ok: boolean }>(text, params);
      return { ok: rows[0]?.ok === true, via };
    } catch (error) {
      forget(via);
      throw error;
    }
  };

  const beat = () => {
    heartbeat ??= setInterval(() => void run('select true as ok', []).catch(() => undefined), heartbeatMs);
    heartbeat.unref();
  };

  return {
    tryAcquire: async (key) => {
      if (mine.has(key)) return null;
      const { ok, via } = await run(`select pg_try_advisory_lock(hashtext($1)) as ok`, [key]);
      // Taken on a session that died since: the server already let it go.
      if (!ok || via !== session) return null;
      const held: Held = { key, lost: false };
      mine.set(key, held);
      beat();
      return {
        key,
        get lost() {
          return held.lost;
        },
        release: async () => {
          if (mine.get(key) !== held) return;
          mine.delete(key);
          await run(`select pg_advisory_unlock(hashtext($1)) as ok`, [key]).catch(() => undefined);
        },
      };
    },
    close: async () => {
      if (session) forget(session);
    },
  };
};

export const createLeases = (db: Db): Leases => (db.kind === 'postgres' ? advisoryLeases(db) : inProcessLeases(db));

export const leaseKey = (schema: string, projection: string): string => `${schema}.projection.${projection}`;
