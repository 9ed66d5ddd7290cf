import type { Command } from 'commander';
import { type GlobalOptions, withStore } from '../storeAccess.js';

type MigrationRow = { version: number; name: string; applied_at: Date | string };

/**
 * Applies pending migrations — the store's (opening it does) and the projection engine's
 * tables — and lists what the schema holds. The views' own tables are built by the runners.
 */
export const registerMigrate = (program: Command) =>
  program
    .command('migrate')
    .description('create or upgrade the database schema (event store and projection engine), then list its migrations')
    .action(async (_options: object, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { migrateEngine } = await import('../../projections/engine/engineTables.js');
      await withStore(globals, 'migrate', async ({ db, schema, location }) => {
        await migrateEngine(db, schema);
        console.log(`schema ${schema} at ${location}:`);
        for (const [table, label] of [['schema_migrations', 'event store'], ['projection_migrations', 'projection engine']] as const) {
          const { rows } = await db.query<MigrationRow>(`select version, name, applied_at from ${schema}.${table} order by version`);
          for (const r of rows) console.log(`  ${label} ${String(r.version).padStart(3, '0')} ${r.name} (applied ${new Date(r.applied_at).toISOString()})`);
        }
      });
    });
