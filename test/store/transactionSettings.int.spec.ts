import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Sql, setLocal } from '../../src/store/db.js';
import { storeCases, type TestStore } from '../support/stores.js';

describe.each(storeCases)('a transaction’s own settings on $name', ({ open }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await open();
  });
  afterAll(() => t.close());

  const setting = async (name: string, sql: Sql = t.db) => (await sql.query<{ v: string }>(`select current_setting($1) as v`, [name])).rows[0]!.v;

  test('hold inside the transaction only, and not after it, whether it commits or rolls back', async () => {
    const inside = await t.db.transaction((tx) => setting('enable_bitmapscan', tx), { enable_bitmapscan: 'off' });
    expect(inside).toBe('off');
    expect(await setting('enable_bitmapscan')).toBe('on');
    await expect(
      t.db.transaction(async (tx) => {
        expect(await setting('synchronous_commit', tx)).toBe('off');
        throw new Error('rolled back');
      }, { synchronous_commit: 'off' }),
    ).rejects.toThrow('rolled back');
    expect(await setting('synchronous_commit')).toBe('on');
  });

  test('are plain names and words: anything else is refused before a statement is sent', async () => {
    expect(() => setLocal({ 'work_mem; drop table x': '1' })).toThrow('not a transaction setting');
    expect(() => setLocal({ work_mem: "64MB'; select 1; '" })).toThrow('not a transaction setting');
    await expect(t.db.transaction(async () => 'ran', { statement_timeout: '1 s' })).rejects.toThrow('not a transaction setting');
    expect(setLocal({ enable_bitmapscan: 'off', synchronous_commit: 'off' })).toBe('set local enable_bitmapscan = off; set local synchronous_commit = off');
  });
});
