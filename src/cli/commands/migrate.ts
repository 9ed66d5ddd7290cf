import type { Command } from 'commander';
import { type GlobalOptions, withStore } from '../storeAccess.js';

/** Applies pending migrations (opening the store does) and lists what the schema holds. */
export const registerMigrate = (program: Command) =>
  program
    .command('migrate')
    .description('create or upgrade the database schema, then list the migrations it holds')
    .action(async (_options: object, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      await withStore(globals, 'migrate', async ({ db, schema, location }) => {
        const { rows } = await db.query<{ version: number; name: string; applied_at: Date | string }>(
          `select version, name, applied_at from ${schema}.schema_migrations order by version`,
        );
        console.log(`schema ${schema} at ${location}:`);
        for (const r of rows) {
          console.log(`  ${String(r.version).padStart(3, '0')} ${r.name} (applied ${new Date(r.applied_at).toISOString()})`);
        }
      });
    });
