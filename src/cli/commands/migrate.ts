import type { Command } from 'commander';
import { userInfo } from 'node:os';
import type { Db, EventStore, Keyring } from '../../store/index.js';
import { CliError, exitCodes, usageError } from '../errors.js';
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
    .option(
      '--seal-personal-data <reason>',
      'once per store, before its first signed checkpoint: seal the personal fields of the events stored before migration 006 and re-seal their hash chains, recorded with this reason',
    )
    .action(async (options: { appRole?: string; sealPersonalData?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { migrateEngine } = await import('../../projections/engine/engineTables.js');
      await withStore(globals, 'migrate', async ({ db, schema, location, keyring, store }) => {
        await migrateEngine(db, schema);
        if (options.appRole !== undefined) {
          if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.appRole)) throw usageError(`--app-role ${options.appRole}: a role name of lowercase letters, digits and _`);
          if (db.kind !== 'postgres') throw usageError('--app-role: roles exist on PostgreSQL only (DATABASE_URL)');
          const { grantAppRole } = await import('../../store/index.js');
          await grantAppRole(db, schema, options.appRole);
        }
        if (options.sealPersonalData !== undefined) await seal(db, schema, keyring, options.sealPersonalData);
        console.log(`schema ${schema} at ${location}:`);
        for (const [table, label] of [['schema_migrations', 'event store'], ['projection_migrations', 'projection engine']] as const) {
          const { rows } = await db.query<MigrationRow>(`select version, name, applied_at from ${schema}.${table} order by version`);
          for (const r of rows) console.log(`  ${label} ${String(r.version).padStart(3, '0')} ${r.name} (applied ${new Date(r.applied_at).toISOString()})`);
        }
        if (options.appRole !== undefined) console.log(`  role ${options.appRole}: events SELECT and INSERT only; views, engine and stream heads read and written`);
        await backfillLookalikes(store);
      });
    });

const seal = async (db: Db, schema: string, keyring: Keyring, reason: string) => {
  const { sealStoredEvents, SealRefused } = await import('../../store/pii/sealStored.js');
  if (reason.trim() === '') throw new CliError('--seal-personal-data: the reason is empty', exitCodes.usage);
  const actor = { id: `cli:${userInfo().username}`, name: userInfo().username, roles: ['salesAdminManager' as const] };
  const summary = await sealStoredEvents(db, schema, keyring, { actor, reason }).catch((e: unknown) => {
    throw e instanceof SealRefused ? new CliError(`--seal-personal-data: ${e.message}`, exitCodes.refused) : e;
  });
  if (summary.alreadyDone) {
    console.log('personal data: sealed already (PersonalDataSealed is in the log)');
    return;
  }
  // The plaintext's old row versions leave the table's files (the WAL recycles on its own).
  await db.query(`vacuum full ${schema}.events`);
  console.log(`personal data: ${summary.events} events sealed, ${summary.streams} hash chains re-sealed; now rebuild the views that copied them: projections rebuild customers, projections rebuild credit_requests`);
};

/**
 * Live customer names registered before look-alike reservations get theirs now, not at
 * the first name the API reserves (which would otherwise do it): see lookalikeBackfill.ts.
 */
const backfillLookalikes = async (store: EventStore) => {
  const { backfillLookalikeReservations } = await import('../../app/customer/index.js');
  const result = await backfillLookalikeReservations(store)();
  if (result._tag === 'Left') throw new CliError(`look-alike name reservations: ${result.left.message}`, result.left.code === 'StoreUnavailable' ? exitCodes.unavailable : exitCodes.refused);
  console.log(`customer names: ${result.right.names} live, ${result.right.adopted.length} look-alike reservations back-filled`);
};
