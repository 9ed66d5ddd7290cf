import type { Sql } from './db.js';

/**
 * The production shape: migrations run as the schema's owner; the API and worker as a
 * role that may read and append events but never change or remove one, whatever the
 * trigger (005) says. It keeps what the views need: their tables (it creates new
 * builds' tables itself, hence CREATE on the schema), the engine's and the stream heads.
 * Run after each migration (`customer-ledger migrate --app-role NAME`), as the owner.
 */
export const grantAppRole = async (sql: Sql, s: string, role: string): Promise<void> => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`invalid role name: ${role}`);
  await sql.query(`grant usage, create on schema ${s} to ${role}`);
  await sql.query(`grant select, insert, update, delete on all tables in schema ${s} to ${role}`);
  await sql.query(`grant usage, select on all sequences in schema ${s} to ${role}`);
  await sql.query(`revoke update, delete, truncate, references, trigger on ${s}.events from ${role}`);
  await sql.query(`revoke insert, update, delete, truncate on ${s}.schema_migrations from ${role}`);
};
