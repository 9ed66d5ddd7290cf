import * as E from 'fp-ts/Either';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nameCollisions, nameCollisionsTable } from '../../src/cli/report/nameCollisions.js';
import { liveCustomerNames } from '../../src/projections/index.js';
import { storeCases } from '../support/stores.js';
import { type CustomersApp, openCustomersApp } from '../api/routes/customersApp.js';

/**
 * Customers registered before names were compared by their look (issue 12 §3) may
 * already collide: the report lists them, without changing anything.
 */
describe.each(storeCases)('today’s look-alike names on $name', ({ open }) => {
  let c: CustomersApp;
  beforeAll(async () => {
    c = await openCustomersApp(open);
  });
  afterAll(() => c.close());

  // As registered before the rule: the customer's own stream only, as the old code wrote it.
  const legacy = async (name: string, status = 'active') => {
    const customerId = randomUUID();
    const data = { customerId, salespersonId: 'sp-1', status, validUntil: null, contacts: [], archive: { name }, enteredAt: '2026-01-01T00:00:00Z' };
    const actor = { id: 'clerk', name: '王丽', roles: ['archiveClerk' as const] };
    const r = await c.store.store.append(`customer-${customerId}`, 'noStream', [{ type: 'CustomerRegistered', data }], { metadata: { actor, reason: '建档' } })();
    if (E.isLeft(r)) throw new Error(r.left.message);
    return customerId;
  };

  test('groups the live customers whose names look alike, and only those', async () => {
    const plain = await legacy('ACME Trading');
    const hidden = await legacy('ACME\u200b Trading');
    const cyrillic = await legacy('\u0410CME Trading');
    await legacy('ACME Tr\u00adading', 'lost'); // lost: holds no name
    await legacy('华东精密');
    await legacy('华东\ufeff精密机械');
    const ready = await c.engine.catchUp(20_000);
    expect(ready.reached).toBe(true);
    const groups = nameCollisions(await liveCustomerNames({ db: c.store.db, schema: c.store.schema, keyring: c.store.keyring }));
    expect(groups).toHaveLength(1);
    expect(groups[0]!.customers.map((x) => x.id).sort()).toEqual([plain, hidden, cyrillic].sort());
    expect(nameCollisionsTable(groups)).toContain('ACME\\u200b Trading');
  });

  test('says so when there are none', () => {
    expect(nameCollisionsTable(nameCollisions([{ id: '1', name: 'A' }, { id: '2', name: 'B' }]))).toBe('no two live customers have look-alike names\n');
  });
});
