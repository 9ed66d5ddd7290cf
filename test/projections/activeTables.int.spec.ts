import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrateEngine } from '../../src/projections/engine/engineTables.js';
import { activeTables } from '../../src/projections/shared/query.js';
import { storeCases, type TestStore } from '../support/stores.js';

describe.each(storeCases)('the builds that answer queries, on $name', ({ open }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await open();
    await migrateEngine(t.db, t.schema);
    await t.db.query(`insert into ${t.schema}.projection_active (name, build, version) values ('complaints', 'v1', 1)`);
  });
  afterAll(() => t.close());

  test('name the live build’s tables', async () => {
    const tables = await activeTables(t.db, t.schema, ['complaints']);
    expect(tables.complaints!('complaints')).toBe(`${t.schema}.complaints_v1_complaints`);
  });

  test('refuse, as not ready, a query that needs a version the live build has not reached', async () => {
    await expect(activeTables(t.db, t.schema, ['complaints'], { complaints: 2 })).rejects.toMatchObject({ code: 'ProjectionNotReady', message: expect.stringContaining('version 2') });
    await expect(activeTables(t.db, t.schema, ['complaints'], { complaints: 1 })).resolves.toHaveProperty('complaints');
  });

  test('refuse a view that has no live build yet', async () => {
    await expect(activeTables(t.db, t.schema, ['standing'])).rejects.toMatchObject({ code: 'ProjectionNotReady' });
  });
});
