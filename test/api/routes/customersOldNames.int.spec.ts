import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeCases } from '../../support/stores.js';
import { registerOldStyle } from '../../app/customer/oldStyleNames.js';
import { client, type CustomersApp, expectProblem, openCustomersApp } from './customersApp.js';
import { archiveBody } from './customersFixtures.js';

/**
 * Over HTTP: customers registered before look-alike reservations existed (their events
 * written as the code then wrote them) hold their names against look-alikes, at
 * registration and by a rename: 409 CustomerNameTaken, and nothing is written.
 */
describe.each(storeCases)('names held from before look-alike reservations, over HTTP on $name', ({ open }) => {
  let c: CustomersApp;
  let as: ReturnType<typeof client>;
  let clerk: string;
  const tail = Math.random().toString(36).slice(2, 8).replace(/[0-9]/g, 'x');
  const chinese = `华东精密有限公司${tail}`;
  const latin = `ACME Coop ${tail}`;

  beforeAll(async () => {
    c = await openCustomersApp(open);
    // Before the API reserves any name: the old events are all the store holds.
    await registerOldStyle(c.store.store, chinese);
    await registerOldStyle(c.store.store, latin);
    as = client(c.app);
    clerk = await c.token(['archiveClerk'], 'clerk-1');
  });
  afterAll(() => c.close());

  test('registering a look-alike (U+200B inside, Cyrillic letters) answers 409 CustomerNameTaken and writes nothing', async () => {
    const before = await c.eventCount();
    for (const lookalike of [`华东精密\u200b有限公司${tail}`, `\u0410\u0421\u041c\u0415 \u0421\u043e\u043ep ${tail}`]) {
      expectProblem(await as(clerk).post('/customers').send(archiveBody(lookalike)), 409, 'CustomerNameTaken');
    }
    // The back-fill the first attempt ran appended the two old names' look-alike reservations, nothing else.
    expect(await c.eventCount()).toBe(before + 2);
  });

  test('renaming a customer into a look-alike answers 409 CustomerNameTaken; its name stays', async () => {
    const created = await as(clerk).post('/customers').send(archiveBody(`南方轻工${tail}`));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expectProblem(await as(clerk).patch(`/customers/${id}`).send({ name: `华东精密\u2060有限公司${tail}`, reason: '更名' }), 409, 'CustomerNameTaken');
    expect((await as(clerk).get(`/customers/${id}`)).body.name).toBe(`南方轻工${tail}`);
  });
});
