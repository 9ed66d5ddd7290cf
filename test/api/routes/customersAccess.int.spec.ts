import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { managerRoles, Role, staffRoles } from '../../../src/domain/shared/index.js';
import { storeCases } from '../../support/stores.js';
import { client, type CustomersApp, expectProblem, openCustomersApp, uniqueName } from './customersApp.js';
import { archiveBody } from './customersFixtures.js';

type Client = ReturnType<ReturnType<typeof client>>;
type Ids = { customer: string; contact: string; request: string };
type RouteCase = { route: string; allowed: readonly Role[]; send: (as: Client, ids: Ids) => request.Test };

const reason = '书面原因';
const all = Role.options;

/** Every customer route with the roles API.md gives it, and a request that would pass its validation. */
const routes: RouteCase[] = [
  { route: 'POST /customers', allowed: ['archiveClerk'], send: (as) => as.post('/customers').send(archiveBody(uniqueName('权限'))) },
  { route: 'GET /customers', allowed: all, send: (as) => as.get('/customers') },
  { route: 'GET /customers/{id}', allowed: all, send: (as, ids) => as.get(`/customers/${ids.customer}`) },
  { route: 'PATCH /customers/{id}', allowed: ['archiveClerk'], send: (as, ids) => as.patch(`/customers/${ids.customer}`).send({ remarks: uniqueName('备注'), reason }) },
  { route: 'PUT /customers/{id}/status', allowed: ['archiveClerk'], send: (as, ids) => as.put(`/customers/${ids.customer}/status`).send({ status: 'active', reason }) },
  { route: 'PUT /customers/{id}/salesperson', allowed: ['archiveClerk'], send: (as, ids) => as.put(`/customers/${ids.customer}/salesperson`).send({ salespersonId: 'sp-1', reason }) },
  { route: 'PUT /customers/{id}/validity', allowed: ['archiveClerk'], send: (as, ids) => as.put(`/customers/${ids.customer}/validity`).send({ validUntil: '2027-12-31', reason }) },
  { route: 'POST /customers/{id}/reviews', allowed: ['reviewBoard'], send: (as, ids) => as.post(`/customers/${ids.customer}/reviews`).send({ reason }) },
  { route: 'POST /customers/{id}/approvals', allowed: ['groupGM'], send: (as, ids) => as.post(`/customers/${ids.customer}/approvals`).send({ reason }) },
  { route: 'POST /customers/{id}/contacts', allowed: ['archiveClerk'], send: (as, ids) => as.post(`/customers/${ids.customer}/contacts`).send({ category: 'secondary', name: '赵', reason }) },
  { route: 'PATCH /customers/{id}/contacts/{contactId}', allowed: ['archiveClerk'], send: (as, ids) => as.patch(`/customers/${ids.customer}/contacts/${ids.contact}`).send({ departmentAndTitle: uniqueName('部门'), reason }) },
  { route: 'DELETE /customers/{id}/contacts/{contactId}', allowed: ['archiveClerk'], send: (as, ids) => as.delete(`/customers/${ids.customer}/contacts/${randomUUID()}?reason=${encodeURIComponent(reason)}`) },
  { route: 'POST /customers/{id}/violations', allowed: ['archiveClerk', 'serviceClerk'], send: (as, ids) => as.post(`/customers/${ids.customer}/violations`).send({ occurredAt: '2026-01-05T10:00:00+08:00', type: '逾期付款', description: '货款逾期 30 天', reason }) },
  { route: 'POST /customers/{id}/evaluations', allowed: staffRoles, send: (as, ids) => as.post(`/customers/${ids.customer}/evaluations`).send({ text: '合作顺畅' }) },
  { route: 'POST /customers/{id}/change-requests', allowed: ['salesperson', 'serviceClerk', ...managerRoles], send: (as, ids) => as.post(`/customers/${ids.customer}/change-requests`).send({ changes: { remarks: uniqueName('申请') }, reason }) },
  { route: 'GET /change-requests/{id}', allowed: all, send: (as, ids) => as.get(`/change-requests/${ids.request}`) },
  { route: 'POST /change-requests/{id}/decision', allowed: ['archiveClerk'], send: (as, ids) => as.post(`/change-requests/${ids.request}/decision`).send({ decision: 'reject', reason }) },
  { route: 'GET /customers/{id}/history', allowed: ['auditor', 'archiveClerk', 'salesAdminManager', 'groupGM'], send: (as, ids) => as.get(`/customers/${ids.customer}/history`) },
  { route: 'GET /reports/violations', allowed: [...managerRoles, 'auditor'], send: (as) => as.get('/reports/violations') },
];

describe.each(storeCases)('who may call the customer routes on $name', ({ open }) => {
  let c: CustomersApp;
  let as: ReturnType<typeof client>;
  const ids: Ids = { customer: '', contact: '', request: '' };
  const tokenOf: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    c = await openCustomersApp(open);
    as = client(c.app);
    // Each role its own person; the salesperson owns the customer.
    for (const role of all) tokenOf[role] = await c.token([role], role === 'salesperson' ? 'sp-1' : `${role}-1`);
    const registered = await as(tokenOf.archiveClerk).post('/customers').send(archiveBody(uniqueName('权限客户'), 'sp-1'));
    ids.customer = registered.body.id;
    ids.contact = (await as(tokenOf.archiveClerk).get(`/customers/${ids.customer}`)).body.contacts[0].id;
    ids.request = (await as(tokenOf.serviceClerk).post(`/customers/${ids.customer}/change-requests`).send({ changes: { remarks: '初始申请' }, reason })).body.id;
  });
  afterAll(() => c.close());

  describe.each(routes)('$route', ({ allowed, send }) => {
    test('without a token answers 401 and writes nothing', async () => {
      const before = await c.eventCount();
      expectProblem(await send(as(), ids), 401, 'Unauthenticated');
      expect(await c.eventCount()).toBe(before);
    });

    const refused = all.filter((r) => !allowed.includes(r));
    if (refused.length > 0) test('every other role is refused with 403 and writes nothing', async () => {
      const before = await c.eventCount();
      for (const role of refused) {
        const res = await send(as(tokenOf[role]), ids);
        expect(res.status, `${role}: ${JSON.stringify(res.body)}`).toBe(403);
        expect(res.body.code).toBe('RoleNotAllowed');
      }
      expect(await c.eventCount()).toBe(before);
    });

    test('every role it names gets past the guard', async () => {
      for (const role of allowed) {
        const res = await send(as(tokenOf[role]), ids);
        expect([401, 403], `${role}: ${res.status} ${JSON.stringify(res.body)}`).not.toContain(res.status);
        expect(res.status).toBeLessThan(500);
      }
    });
  });
});

describe.each(storeCases)('a salesperson’s scope on $name', ({ open }) => {
  let c: CustomersApp;
  let as: ReturnType<typeof client>;
  const t: Record<string, string> = {};
  let own = '';
  let others = '';
  let othersRequest = '';

  beforeAll(async () => {
    c = await openCustomersApp(open);
    as = client(c.app);
    t.clerk = await c.token(['archiveClerk'], 'clerk-1');
    t.sp1 = await c.token(['salesperson'], 'sp-1');
    t.sp2 = await c.token(['salesperson'], 'sp-2');
    t.spAndService = await c.token(['salesperson', 'serviceClerk'], 'sp-3');
    own = (await as(t.clerk).post('/customers').send(archiveBody(uniqueName('自己的客户'), 'sp-1'))).body.id;
    others = (await as(t.clerk).post('/customers').send(archiveBody(uniqueName('别人的客户'), 'sp-2'))).body.id;
    othersRequest = (await as(t.sp2).post(`/customers/${others}/change-requests`).send({ changes: { region: '华北' }, reason })).body.id;
  });
  afterAll(() => c.close());

  /** The problem without the parts that name the request. */
  const problemOf = (res: request.Response) => {
    const { requestId: _r, instance: _i, detail: _d, ...rest } = res.body as Record<string, unknown>;
    return rest;
  };

  test('another salesperson’s customer answers exactly as one that does not exist (404)', async () => {
    const hidden = await as(t.sp1).get(`/customers/${others}`);
    expectProblem(hidden, 404, 'CustomerNotFound');
    expect(problemOf(hidden)).toEqual(problemOf(await as(t.sp1).get(`/customers/${randomUUID()}`)));
    expect(hidden.body.detail).not.toContain('sp-2');
    expect((await as(t.sp1).get(`/customers/${own}`)).status).toBe(200);
  });

  test('the list holds only their own customers, whatever salespersonId they ask for', async () => {
    const mine = await as(t.sp1).get('/customers');
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([own]);
    expect((await as(t.sp1).get('/customers?salespersonId=sp-2')).body.items).toEqual([]);
    expect((await as(t.spAndService).get('/customers')).body.items).toHaveLength(2);
  });

  test('evaluations and change requests on another’s customer answer 404 and write nothing', async () => {
    const before = await c.eventCount();
    expectProblem(await as(t.sp1).post(`/customers/${others}/evaluations`).send({ text: '不是我的客户' }), 404, 'CustomerNotFound');
    expectProblem(await as(t.sp1).post(`/customers/${others}/change-requests`).send({ changes: { region: '华南' }, reason }), 404, 'CustomerNotFound');
    expect(await c.eventCount()).toBe(before);
    expect((await as(t.sp1).post(`/customers/${own}/evaluations`).send({ text: '合作顺畅' })).status).toBe(201);
    expect((await as(t.sp1).post(`/customers/${own}/change-requests`).send({ changes: { region: '华南' }, reason })).status).toBe(201);
  });

  test('a change request on another’s customer answers 404; the audit trail is not theirs to read (403)', async () => {
    expectProblem(await as(t.sp1).get(`/change-requests/${othersRequest}`), 404, 'NotFound');
    expect((await as(t.sp2).get(`/change-requests/${othersRequest}`)).status).toBe(200);
    expectProblem(await as(t.sp1).get(`/customers/${others}/history`), 403, 'RoleNotAllowed');
  });

  test('a salesperson who holds another post sees every customer', async () => {
    expect((await as(t.spAndService).get(`/customers/${others}`)).status).toBe(200);
  });
});

describe.each(storeCases)('invoicing (财务开票信息) on $name', ({ open }) => {
  let c: CustomersApp;
  let as: ReturnType<typeof client>;
  let id = '';
  let requestId = '';

  beforeAll(async () => {
    c = await openCustomersApp(open);
    as = client(c.app);
    const clerk = await c.token(['archiveClerk'], 'clerk-1');
    id = (await as(clerk).post('/customers').send(archiveBody(uniqueName('开票客户'), 'sp-1'))).body.id;
    const service = await c.token(['serviceClerk'], 'service-1');
    const proposed = await as(service)
      .post(`/customers/${id}/change-requests`)
      .send({ changes: { invoicing: { bank: '中国银行' }, remarks: '开户行变更' }, reason: '客户来函' });
    requestId = proposed.body.id;
  });
  afterAll(() => c.close());

  const readers: Role[] = ['archiveClerk', 'salesAdminManager', 'groupGM', 'auditor'];

  test.each(readers)('%s reads it', async (role) => {
    const token = await c.token([role]);
    expect((await as(token).get(`/customers/${id}`)).body.invoicing).toMatchObject({ bank: '中国工商银行上海分行' });
    const proposed = await as(token).get(`/change-requests/${requestId}`);
    expect(proposed.body.changes.map((ch: { field: string }) => ch.field)).toEqual(['remarks', 'invoicing']);
  });

  test.each(Role.options.filter((r) => !readers.includes(r)))('%s does not see it, in the archive or in a change request', async (role) => {
    const token = await c.token([role], role === 'salesperson' ? 'sp-1' : undefined);
    const archive = await as(token).get(`/customers/${id}`);
    expect(archive.status).toBe(200);
    expect(archive.body).not.toHaveProperty('invoicing');
    expect(JSON.stringify(archive.body)).not.toContain('工商银行');
    const proposed = await as(token).get(`/change-requests/${requestId}`);
    expect(proposed.body.changes.map((ch: { field: string }) => ch.field)).toEqual(['remarks']);
  });
});
