import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { rewritingEvents } from '../../src/store/appendOnly.js';
import { storeCases, type TestStore } from '../support/stores.js';
import { meta, noted, notedV2Types } from '../support/testEvents.js';

const count = async (t: TestStore) => Number((await t.db.query<{ n: number }>(`select count(*)::int as n from ${t.schema}.events`)).rows[0]!.n);

describe.each(storeCases)('the event log on $name', ({ open }) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await open({ eventTypes: notedV2Types });
    await t.store.append(`note-${randomUUID()}`, 'noStream', [noted('one'), noted('two')], meta)();
  });
  afterEach(() => t.close());

  test.each([
    ['UPDATE', (s: string) => `update ${s}.events set data = '{"text":"forged"}'`],
    ['UPDATE', (s: string) => `update ${s}.events set hash = hash where false`],
    ['DELETE', (s: string) => `delete from ${s}.events where version = 2`],
    ['TRUNCATE', (s: string) => `truncate ${s}.events cascade`],
  ])('refuses %s in the database, whoever asks (%#)', async (op, statement) => {
    await expect(t.db.query(statement(t.schema))).rejects.toMatchObject({ code: 'CL003', message: expect.stringContaining(`${op} on ${t.schema}.events refused`) });
    expect(await count(t)).toBe(2);
  });

  test('still takes appends', async () => {
    await t.store.append(`note-${randomUUID()}`, 'noStream', [noted('three')], meta)();
    expect(await count(t)).toBe(3);
  });

  test('lets the owner rewrite explicitly, in one transaction, and refuses again after it', async () => {
    await rewritingEvents(t.db, t.schema, (tx) => tx.query(`delete from ${t.schema}.events where version = 2`));
    expect(await count(t)).toBe(1);
    await expect(t.db.query(`delete from ${t.schema}.events`)).rejects.toMatchObject({ code: 'CL003' });
  });

  test('a rewrite that fails leaves the trigger on', async () => {
    await expect(rewritingEvents(t.db, t.schema, (tx) => tx.query(`update ${t.schema}.events set version = 0`))).rejects.toThrow();
    await expect(t.db.query(`delete from ${t.schema}.events`)).rejects.toMatchObject({ code: 'CL003' });
  });
});
