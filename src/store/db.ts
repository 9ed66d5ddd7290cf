/**
 * The little the store and the projections need of a database connection, so that
 * one set of SQL statements runs on PostgreSQL (`pg`) and on PGlite alike.
 */
export type Row = Record<string, unknown>;

export interface Sql {
  query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export type ListenOptions = {
  /** The connection was lost and is listening again: notifications sent meanwhile were missed. */
  onReconnect?: () => void;
};

export interface Db extends Sql {
  readonly kind: 'postgres' | 'pglite';
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * `settings` hold for this transaction only (`set local`), sent with its `begin`.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>, settings?: TransactionSettings): Promise<T>;
  /**
   * Runs `fn` on one connection held for its whole duration, so that session state
   * (a session-level advisory lock, e.g. the projection runners' lease) lives exactly
   * as long as `fn`. PGlite has one connection: `fn` gets it, shared with everyone.
   * `lost` aborts when the connection (and so the session state) is gone.
   */
  withSession<T>(fn: (session: Sql, lost: AbortSignal) => Promise<T>): Promise<T>;
  /**
   * LISTEN on a channel; resolves to an unsubscribe function. A lost connection is
   * replaced (with backoff) and listens again.
   */
  listen(channel: string, onNotify: (payload: string) => void, options?: ListenOptions): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** The connection pool's use (PostgreSQL; PGlite has one in-process connection and none). */
  poolStats?(): PoolStats;
}

/** Server settings for one transaction: names and values are the code's own constants, never input. */
export type TransactionSettings = Readonly<Record<string, string>>;

/** `set local` for each setting, as one script; refuses anything but plain names and words. */
export const setLocal = (settings: TransactionSettings): string =>
  Object.entries(settings)
    .map(([name, value]) => {
      if (!/^[a-z_.]+$/.test(name) || !/^[a-z0-9_]+$/.test(value)) throw new Error(`not a transaction setting: ${name} = ${value}`);
      return `set local ${name} = ${value}`;
    })
    .join('; ');

export type PoolStats = { total: number; idle: number; waiting: number; max: number };
