import * as E from 'fp-ts/Either';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { allProjections, createProjectionEngine } from '../../src/projections/index.js';
import { migrateEngine } from '../../src/projections/engine/engineTables.js';
import { grantAppRole, type OpenStore, openStore } from '../../src/store/index.js';
import { openPostgresDb } from '../../src/store/postgres/db.js';
import { postgresCases } from '../support/stores.js';
import { appendAt, customer, registered } from '../projections/support/world.js';

/** The production shape on a real server: the owner migrates and grants, the API and worker run as a role that only reads and appends events. */
describe.each(postgresCases)('the API and worker role on $name', () => {
  const suffix = randomBytes(4).toString('hex');
  const role = `cl_app_${suffix}`;
  const schema = `t_role_${suffix}`;
  const url = inject('databaseUrl');
  const owner = openPostgresDb(url, { max: 2 });
  let app: OpenStore;

  beforeAll(async () => {
    await owner.exec(`create role ${role} login`);
    const migrated = await openStore({ databaseUrl: url, schema, masterKey: { kind: 'ephemeral' } });
    await migrateEngine(migrated.db, schema);
    await grantAppRole(migrated.db, schema, role);
    await migrated.close();
    const asRole = new URL(url);
    asRole.username = role;
    asRole.password = '';
    app = await openStore({ databaseUrl: asRole.toString(), schema, masterKey: { kind: 'ephemeral' } });
  });
  afterAll(async () => {
    await app.close();
    await owner.exec(`drop schema ${schema} cascade; drop owned by ${role}; drop role ${role}`);
    await owner.close();
  });

  test('opens the migrated store, appends, and keeps the views current', async () => {
    const id = customer(7);
    await appendAt({ store: app.store, db: app.db, schema, keyring: app.keyring, close: async () => undefined }, `customer-${id}`, '2026-01-05T02:00:00.000Z', registered(id, '华北重工有限公司'));
    const engine = createProjectionEngine({ db: app.db, schema, projections: allProjections });
    await engine.start();
    try {
      expect((await engine.catchUp(30_000)).reached).toBe(true);
    } finally {
      await engine.stop();
    }
    const read = await app.store.readStream(`customer-${id}`)();
    expect(E.isRight(read) && read.right).toHaveLength(1);
  });

  test.each([
    ['UPDATE', `update ${schema}.events set data = data`],
    ['DELETE', `delete from ${schema}.events`],
    ['TRUNCATE', `truncate ${schema}.events`],
    ['DISABLE TRIGGER', `alter table ${schema}.events disable trigger events_append_only`],
  ])('is refused %s on the events by the database (permission denied)', async (_op, statement) => {
    await expect(app.db.query(statement)).rejects.toMatchObject({ code: expect.stringMatching(/^42501$/) });
  });

  test('cannot record a migration as applied', async () => {
    await expect(app.db.query(`insert into ${schema}.schema_migrations (version, name) values (999, 'forged')`)).rejects.toMatchObject({ code: '42501' });
  });
});
