import ExcelJS from 'exceljs';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recordStaffMember } from '../../../src/app/staff/index.js';
import type { ProjectionEngine } from '../../../src/projections/index.js';
import type { EventStore } from '../../../src/store/index.js';
import { storeCases } from '../../support/stores.js';
import { binary, type CreditApp, openCreditApp } from './creditApp.js';
import { client, type CustomersApp, openCustomersApp, uniqueName } from './customersApp.js';
import { archiveBody } from './customersFixtures.js';

/**
 * Names, not ids (issue 14 item 1) in the archive and the credit request, JSON and the
 * printed forms: 业务员/客户负责人 by the staff directory, and the people who acted
 * (evaluator, reviewer, requester, approvers) by it too, else by their token's name.
 */
const manager = { id: 'mgr-0', name: '管理部经理', roles: ['salesAdminManager' as const] };

const listStaff = async (store: EventStore, engine: ProjectionEngine, staffId: string, name: string) => {
  const done = await recordStaffMember({ store })({
    staffId,
    name,
    department: null,
    title: null,
    meta: { actor: manager, at: '2026-01-01T00:00:00+08:00', reason: '员工名录' },
  })();
  if (E.isLeft(done)) throw new Error(done.left.message);
  await engine.catchUp(10_000);
};

/** The form's label → the value beside it. */
const labelled = async (body: Buffer): Promise<Map<string, unknown>> => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const found = new Map<string, unknown>();
  workbook.worksheets[0]!.eachRow((row) =>
    row.eachCell((cell, col) => {
      if (typeof cell.value === 'string' && !found.has(cell.value)) found.set(cell.value, row.getCell(col + 1).value);
    }),
  );
  return found;
};

describe.each(storeCases)('the archive names its people on $name', ({ open }) => {
  let c: CustomersApp;
  let as: ReturnType<typeof client>;
  let id = '';
  let unlisted = '';
  let beforeListing = '';
  const t = { clerk: '', evaluator: '', board: '' };

  beforeAll(async () => {
    c = await openCustomersApp(open);
    as = client(c.app);
    t.clerk = await c.token(['archiveClerk'], 'clerk-1');
    t.evaluator = await c.token(['serviceClerk'], 'svc-1');
    t.board = await c.token(['reviewBoard'], 'board-1');
    id = (await as(t.clerk).post('/customers').send(archiveBody(uniqueName('署名精密'), 'sp-zhaomin'))).body.id;
    unlisted = (await as(t.clerk).post('/customers').send(archiveBody(uniqueName('无名精密'), 'sp-nobody'))).body.id;
    expect((await as(t.evaluator).post(`/customers/${id}/evaluations`).send({ text: '回款及时' })).status).toBe(201);
    expect((await as(t.board).post(`/customers/${id}/reviews`).send({ reason: '年度评审' })).status).toBe(201);
    await c.engine.catchUp(10_000);
    beforeListing = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await listStaff(c.store.store, c.engine, 'sp-zhaomin', '赵敏');
    await listStaff(c.store.store, c.engine, 'svc-1', '王磊');
  });
  afterAll(() => c.close());

  test('the JSON archive: salespersonName, each evaluation’s evaluatorName, the reviewer’s name (by the token when not listed)', async () => {
    const res = await as(t.clerk).get(`/customers/${id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ salespersonId: 'sp-zhaomin', salespersonName: '赵敏' });
    expect(res.body.evaluations).toEqual([expect.objectContaining({ evaluator: { id: 'svc-1', name: '测试 svc-1' }, evaluatorName: '王磊' })]);
    expect(res.body.review).toMatchObject({ stage: 'reviewed', reviewer: { id: 'board-1' }, reviewerName: '测试 board-1' });
    expect((await as(t.clerk).get(`/customers/${unlisted}`)).body.salespersonName).toBeNull();
  });

  test('as known before the directory listed them: no 业务员 name, the evaluator by their token’s', async () => {
    const res = await as(t.clerk).get(`/customers/${id}?knownAt=${encodeURIComponent(beforeListing)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.salespersonName).toBeNull();
    expect(res.body.evaluations[0].evaluatorName).toBe('测试 svc-1');
  });

  test('the list names each customer’s salesperson', async () => {
    const res = await as(t.clerk).get('/customers?limit=500');
    const byId = new Map(res.body.items.map((i: { id: string; salespersonName: string | null }) => [i.id, i.salespersonName]));
    expect(byId.get(id)).toBe('赵敏');
    expect(byId.get(unlisted)).toBeNull();
  });

  test('a change request names who asked and who decided (the directory, else the token)', async () => {
    const asked = await as(t.evaluator).post(`/customers/${id}/change-requests`).send({ changes: { remarks: '请更新备注' }, reason: '客户来电' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const pending = await as(t.clerk).get(`/change-requests/${asked.body.id}`);
    expect(pending.body).toMatchObject({ requestedBy: { id: 'svc-1' }, requestedByName: '王磊', decidedBy: null, decidedByName: null });
    expect((await as(t.clerk).post(`/change-requests/${asked.body.id}/decision`).send({ decision: 'reject', reason: '不需要' })).status).toBe(200);
    const decided = await as(t.clerk).get(`/change-requests/${asked.body.id}`);
    expect(decided.body).toMatchObject({ requestedByName: '王磊', decidedBy: { id: 'clerk-1' }, decidedByName: '测试 clerk-1' });
  });

  test('客户档案表 prints 业务员 by name, by id when not listed', async () => {
    const named = await labelled((await as(t.clerk).get(`/customers/${id}?format=xlsx`).buffer(true).parse(binary)).body as Buffer);
    expect(named.get('业务员')).toBe('赵敏');
    const plain = await labelled((await as(t.clerk).get(`/customers/${unlisted}?format=xlsx`).buffer(true).parse(binary)).body as Buffer);
    expect(plain.get('业务员')).toBe('sp-nobody');
  });
});

describe.each(storeCases)('the credit request names its people on $name', ({ open }) => {
  let c: CreditApp;
  let as: ReturnType<typeof client>;
  let requestId = '';
  const t = { seller: '', sam: '', vp: '' };

  beforeAll(async () => {
    c = await openCreditApp(open);
    as = client(c.app);
    t.seller = await c.token(['salesperson'], 'sp-zhaomin');
    t.sam = await c.token(['salesAdminManager'], 'sam-1');
    t.vp = await c.token(['salesVP'], 'vp-1');
    const customerId = await c.register(uniqueName('信用署名'), 'sp-zhaomin');
    const requested = await as(t.seller).post('/credit-requests').send({ customerId, proposedLimit: '300000.00', reason: '订单增加' });
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    requestId = requested.body.id;
    expect((await as(t.sam).post(`/credit-requests/${requestId}/decisions`).send({ decision: 'approve', opinion: '同意' })).status).toBe(201);
    expect((await as(t.vp).post(`/credit-requests/${requestId}/decisions`).send({ decision: 'approve', opinion: '同意' })).status).toBe(201);
    await listStaff(c.store.store, c.engine, 'sp-zhaomin', '赵敏');
    await listStaff(c.store.store, c.engine, 'sam-1', '李娜');
  });
  afterAll(() => c.close());

  test('JSON: 客户负责人, the requester and each approver by name (the unlisted approver by the token’s)', async () => {
    const res = await as(t.sam).get(`/credit-requests/${requestId}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.customer).toMatchObject({ salespersonId: 'sp-zhaomin', salespersonName: '赵敏' });
    expect(res.body.requesterName).toBe('赵敏');
    expect(res.body.decisions.map((d: { approverName: string }) => d.approverName)).toEqual(['李娜', '测试 vp-1']);
    const listed = await as(t.sam).get('/credit-requests');
    expect(listed.body.items.find((i: { id: string }) => i.id === requestId)).toMatchObject({ requesterName: '赵敏' });
  });

  test('客户信用额度变更申请表 prints the names', async () => {
    const cells = await labelled((await as(t.sam).get(`/credit-requests/${requestId}?format=xlsx`).buffer(true).parse(binary)).body as Buffer);
    expect(cells.get('客户负责人')).toBe('赵敏');
    expect(cells.get('申请人')).toBe('赵敏');
    expect(String(cells.get('销售管理部经理'))).toContain('李娜');
    expect(String(cells.get('销售副总'))).toContain('测试 vp-1');
  });
});
