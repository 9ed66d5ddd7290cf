import type { Db, Sql } from './db.js';

/**
 * The one explicit way to rewrite stored events (a migration that must, a test that
 * forges a database administrator's edit): as the table's owner, with the append-only
 * trigger disabled inside this transaction only.
 */
export const rewritingEvents = <A>(db: Db, schema: string, fn: (tx: Sql) => Promise<A>): Promise<A> =>
  db.transaction(async (tx) => {
    await tx.query(`alter table ${schema}.events disable trigger events_append_only`);
    const result = await fn(tx);
    await tx.query(`alter table ${schema}.events enable trigger events_append_only`);
    return result;
  });
