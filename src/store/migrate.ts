import type { Db } from './db.js';
import type { Migration } from './migrations/index.js';

/**
 * Applies each migration once, in version order, on either adapter. A session-wide
 * advisory lock keeps two starting processes from applying the same one twice.
 */
export const migrate = async (db: Db, schema: string, migrations: readonly Migration[], table = 'schema_migrations'): Promise<number[]> => {
  // Nothing pending: no DDL at all, so that the API and worker, running as a role that
  // may not create schemas (see grantAppRole), open a store the owner has migrated.
  if (await upToDate(db, schema, migrations, table)) return [];
  return db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(hashtext($1))`, [`${schema}.${table}`]);
    await tx.query(`create schema if not exists ${schema}`);
    await tx.query(
      `create table if not exists ${schema}.${table} (version integer primary key, name text not null, applied_at timestamptz not null default now())`,
    );
    const { rows } = await tx.query<{ version: number }>(`select version from ${schema}.${table}`);
    const applied = new Set(rows.map((r) => Number(r.version)));
    const pending = [...migrations].sort((a, b) => a.version - b.version).filter((m) => !applied.has(m.version));
    for (const m of pending) {
      await tx.exec(m.up(schema));
      await tx.query(`insert into ${schema}.${table} (version, name) values ($1, $2)`, [m.version, m.name]);
    }
    return pending.map((m) => m.version);
  });
};

const upToDate = async (db: Db, schema: string, migrations: readonly Migration[], table: string): Promise<boolean> => {
  const { rows: exists } = await db.query<{ t: string | null }>(`select to_regclass($1)::text as t`, [`${schema}.${table}`]);
  if (!exists[0]?.t) return false;
  const { rows } = await db.query<{ version: number }>(`select version from ${schema}.${table}`);
  const applied = new Set(rows.map((r) => Number(r.version)));
  return migrations.every((m) => applied.has(m.version));
};

/** Schema names are spliced into SQL, so only plain identifiers are accepted. */
export const assertSchemaName = (schema: string): string => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  return schema;
};
