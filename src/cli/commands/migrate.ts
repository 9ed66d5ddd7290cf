import type { Command } from 'commander';
import { usageError } from '../errors.js';
import { type GlobalOptions, withStore } from '../storeAccess.js';

type MigrationRow = { version: number; name: string; applied_at: Date | string };

/**
 * Applies pending migrations — the store's (opening it does) and the projection engine's
 * tables — and lists what the schema holds. The views' own tables are built by the runners.
 * With --app-role, as the schema's owner, it grants the API and worker's role its rights.
 */
export const registerMigrate = (program: Command) =>
  program
    .command('migrate')
    .description('create or upgrade the database schema (event store and projection engine), then list its migrations')
    .option('--app-role <role>', 'PostgreSQL: grant this role what the API and worker need: events SELECT and INSERT only (run as the owner)')
    .action(async (options: { appRole?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { migrateEngine } = await import('../../projections/engine/engineTables.js');
      await withStore(globals, 'migrate', async ({ db, schema, location }) => {
        await migrateEngine(db, schema);
        if (options.appRole !== undefined) {
          if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.appRole)) throw usageError(`--app-role ${options.appRole}: a role name of lowercase letters, digits and _`);
          if (db.kind !== 'postgres') throw usageError('--app-role: roles exist on PostgreSQL only (DATABASE_URL)');
          const { grantAppRole } = await import('../../store/index.js');
          await grantAppRole(db, schema, options.appRole);
        }
        console.log(`schema ${schema} at ${location}:`);
        for (const [table, label] of [['schema_migrations', 'event store'], ['projection_migrations', 'projection engine']] as const) {
          const { rows } = await db.query<MigrationRow>(`select version, name, applied_at from ${schema}.${table} order by version`);
          for (const r of rows) console.log(`  ${label} ${String(r.version).padStart(3, '0')} ${r.name} (applied ${new Date(r.applied_at).toISOString()})`);
        }
        if (options.appRole !== undefined) console.log(`  role ${options.appRole}: events SELECT and INSERT only; views, engine and stream heads read and written`);
      });
    });
