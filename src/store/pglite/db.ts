import { PGlite } from '@electric-sql/pglite';
import { type Db, type Row, setLocal } from '../db.js';

/**
 * The embedded adapter: PostgreSQL compiled to WebAssembly, in this process. One
 * connection, so statements run one at a time; `transaction` holds it exclusively.
 */
export const pgliteDb = (pglite: PGlite): Db => ({
  kind: 'pglite',
  query: async <T extends Row>(text: string, params?: readonly unknown[]) => {
    const r = await pglite.query<T>(text, params as unknown[] | undefined);
    return { rows: r.rows };
  },
  exec: async (script) => {
    await pglite.exec(script);
  },
  transaction: (fn, settings) =>
    pglite.transaction(async (tx) => {
      if (settings) await tx.exec(setLocal(settings));
      return fn({
        query: async <T extends Row>(text: string, params?: readonly unknown[]) => {
          const r = await tx.query<T>(text, params as unknown[] | undefined);
          return { rows: r.rows };
        },
        exec: async (script) => {
          await tx.exec(script);
        },
      });
    }),
  // One connection in this process: it is never lost while the store is open.
  withSession: async (fn) =>
    fn({
      query: async <T extends Row>(text: string, params?: readonly unknown[]) => {
        const r = await pglite.query<T>(text, params as unknown[] | undefined);
        return { rows: r.rows };
      },
      exec: async (script) => {
        await pglite.exec(script);
      },
    }, new AbortController().signal),
  listen: async (channel, onNotify) => pglite.listen(channel, onNotify),
  close: () => pglite.close(),
});

/** `dataDir` undefined: in memory (tests). */
export const openPgliteDb = async (dataDir?: string): Promise<Db> => {
  const pglite = dataDir ? new PGlite(dataDir) : new PGlite();
  await pglite.waitReady;
  return pgliteDb(pglite);
};
