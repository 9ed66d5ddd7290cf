import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeCases } from '../../support/stores.js';
import { binary, type CreditApp, openCreditApp } from './creditApp.js';
import { client, type CustomersApp, expectProblem, openCustomersApp, uniqueName } from './customersApp.js';
import { archiveBody } from './customersFixtures.js';

/** The manual's forms over HTTP (`?format=xlsx`): 客户档案表 and 客户信用额度变更申请表. */
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

describe.each(storeCases)('客户档案表 as xlsx on $name', ({ open }) => {
  let c: CustomersApp;
  let as: ReturnType<typeof client>;
  let id = '';
  const name = uniqueName('表单精密');
  const t = { clerk: '', seller: '', other: '' };

  beforeAll(async () => {
    c = await openCustomersApp(open);
    as = client(c.app);
    t.clerk = await c.token(['archiveClerk'], 'clerk-1');
    t.seller = await c.token(['salesperson'], 'sp-1');
    t.other = await c.token(['salesperson'], 'sp-2');
    const res = await as(t.clerk).post('/customers').send(archiveBody(name));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.id;
  });
  afterAll(() => c.close());

  const form = (token: string, query = '') => as(token).get(`/customers/${id}?format=xlsx${query}`).buffer(true).parse(binary);

  test('the archive clerk gets the form with the archive’s values and the invoicing block', async () => {
    const res = await form(t.clerk);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const cells = await labelled(res.body as Buffer);
    expect(cells.get('客户名称')).toBe(name);
    expect(cells.get('地区')).toBe('华东');
    expect(cells.get('开户行')).toBe('中国工商银行上海分行');
  });

  test('the salesperson gets it without the invoicing fields; another salesperson finds nothing', async () => {
    const cells = await labelled((await form(t.seller)).body as Buffer);
    expect(cells.get('客户名称')).toBe(name);
    expect(cells.has('财务开票信息')).toBe(false);
    expect(cells.has('开户行')).toBe(false);
    expectProblem(await as(t.other).get(`/customers/${id}?format=xlsx`), 404, 'CustomerNotFound');
  });

  test('as of before the customer existed: 404; an unknown format: 400', async () => {
    expect((await as(t.clerk).get(`/customers/${id}?format=xlsx&asOf=2000-01-01T00:00:00Z`)).status).toBe(404);
    expect((await as(t.clerk).get(`/customers/${id}?format=pdf`)).status).toBe(400);
  });
});

describe.each(storeCases)('客户信用额度变更申请表 as xlsx on $name', ({ open }) => {
  let c: CreditApp;
  let as: ReturnType<typeof client>;
  let id = '';
  const t = { seller: '', sam: '' };

  beforeAll(async () => {
    c = await openCreditApp(open);
    as = client(c.app);
    t.seller = await c.token(['salesperson'], 'sp-1');
    t.sam = await c.token(['salesAdminManager'], 'sam-1');
    const customerId = await c.register(uniqueName('申请表客户'));
    const res = await as(t.seller).post('/credit-requests').send({ customerId, proposedLimit: '300000.00', reason: '客户旺季备货，需提高额度' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.id;
    expect((await as(t.sam).post(`/credit-requests/${id}/decisions`).send({ decision: 'approve', opinion: '同意上调' })).status).toBe(201);
  });
  afterAll(() => c.close());

  test('the form holds the change, the reason and each step’s 审核意见', async () => {
    const res = await as(t.seller).get(`/credit-requests/${id}?format=xlsx`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const cells = await labelled(res.body as Buffer);
    expect(cells.get('拟变更信用额度')).toBe('300000.00 元');
    expect(cells.get('变更理由')).toBe('客户旺季备货，需提高额度');
    expect(String(cells.get('销售管理部经理'))).toMatch(/^同意: 同意上调/);
    expect(cells.get('集团总经理')).toBeNull();
  });
});
