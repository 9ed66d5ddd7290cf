import type { Sql } from '../../../src/store/db.js';

/** The database, counting the statements sent through it: how a test sees that a read was answered from memory. */
export const countingSql = (sql: Sql) => {
  const sent: string[] = [];
  return { sent, sql: { query: (text, params) => (sent.push(text), sql.query(text, params)), exec: (script) => sql.exec(script) } satisfies Sql };
};
