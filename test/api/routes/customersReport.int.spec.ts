import ExcelJS from 'exceljs';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readCsv } from '../../exports/csvReader.js';
import { storeCases } from '../../support/stores.js';
import { client, type CustomersApp, expectProblem, openCustomersApp, sleep, uniqueName } from './customersApp.js';
import { archiveBody } from './customersFixtures.js';

/** 违规记录 across customers: filters, pages, time travel, and the CSV and XLSX forms. */
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

type Row = { customerId: string; customerName: string; occurredAt: string; type: string; description: string };

describe.each(storeCases)('the violation report on $name', ({ open }) => {
  let c: CustomersApp;
  let as: ReturnType<typeof client>;
  const t: Record<string, string> = {};
  const customers: { id: string; name: string }[] = [];
  let beforeLast = '';

  const violations = [
    { who: 0, occurredAt: '2026-01-05T10:00:00+08:00', type: '逾期付款', description: '货款逾期 30 天' },
    { who: 1, occurredAt: '2026-02-10T09:00:00+08:00', type: '窜货', description: '跨区域销售' },
    { who: 0, occurredAt: '2026-03-01T08:00:00+08:00', type: '逾期付款', description: '货款逾期 15 天, "再次"' },
    { who: 1, occurredAt: '2026-03-20T14:30:00+08:00', type: '逾期付款', description: '=SUM(A1)' },
  ];

  beforeAll(async () => {
    c = await openCustomersApp(open);
    as = client(c.app);
    t.clerk = await c.token(['archiveClerk'], 'clerk-1');
    t.auditor = await c.token(['auditor'], 'auditor-1');
    for (const base of ['东方贸易', '西部工厂']) {
      const name = uniqueName(base);
      customers.push({ id: (await as(t.clerk).post('/customers').send(archiveBody(name))).body.id, name });
    }
    for (const [i, v] of violations.entries()) {
      if (i === violations.length - 1) {
        beforeLast = new Date().toISOString();
        await sleep(5);
      }
      const { who, ...body } = v;
      const res = await as(t.clerk).post(`/customers/${customers[who]!.id}/violations`).send({ ...body, reason: '违规登记' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });
  afterAll(() => c.close());

  const report = (query = '') => as(t.auditor).get(`/reports/violations${query}`);
  const descriptions = (items: Row[]) => items.map((r) => r.description);

  test('lists every record oldest first, with the customer’s name', async () => {
    const res = await report();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items).toHaveLength(4);
    expect(res.body.items[0]).toEqual({
      customerId: customers[0]!.id,
      customerName: customers[0]!.name,
      occurredAt: '2026-01-05T02:00:00.000Z',
      type: '逾期付款',
      description: '货款逾期 30 天',
      recordedAt: expect.any(String),
    });
    expect(descriptions(res.body.items)).toEqual(violations.map((v) => v.description));
  });

  test('filters by customer, type and time (from inclusive, to exclusive)', async () => {
    expect(descriptions((await report(`?customerId=${customers[1]!.id}`)).body.items)).toEqual(['跨区域销售', '=SUM(A1)']);
    expect(descriptions((await report(`?type=${encodeURIComponent('窜货')}`)).body.items)).toEqual(['跨区域销售']);
    const window = `?from=${encodeURIComponent('2026-02-10T09:00:00+08:00')}&to=${encodeURIComponent('2026-03-20T14:30:00+08:00')}`;
    expect(descriptions((await report(window)).body.items)).toEqual(['跨区域销售', '货款逾期 15 天, "再次"']);
  });

  test('pages follow each other by cursor; knownAt leaves out what was recorded later', async () => {
    const first = await report('?limit=3');
    expect(first.body.items).toHaveLength(3);
    const second = await report(`?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ description: '=SUM(A1)' }], nextCursor: null });
    expect((await report(`?knownAt=${encodeURIComponent(beforeLast)}`)).body.items).toHaveLength(3);
    expectProblem(await report('?from=yesterday'), 400, 'RequestInvalid');
  });

  test('the CSV has a BOM, the Chinese headers and every record, formulas defused', async () => {
    const res = await report('?format=csv&limit=1').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('违规记录.csv')}`);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = readCsv(bytes.toString('utf8').slice(1));
    const header = lines.findIndex((l) => l[0] === '序号');
    expect(lines[header]).toEqual(['序号', '时间', '客户名称', '类型', '事件描述']);
    const rows = lines.slice(header + 1).filter((l) => l[0] !== '');
    expect(rows.map((r) => r[4])).toEqual(['货款逾期 30 天', '跨区域销售', '货款逾期 15 天, "再次"', "'=SUM(A1)"]);
    expect(rows[0]![2]).toBe(customers[0]!.name);
  });

  test('the XLSX opens with exceljs: the title, headers and rows', async () => {
    const res = await report(`?format=xlsx&customerId=${customers[0]!.id}`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    const rows: string[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    expect(rows[0]![0]).toBe('违规记录');
    expect(rows.some((r) => r[0] === `客户: ${customers[0]!.name}`)).toBe(true);
    const header = rows.findIndex((r) => r[0] === '序号');
    expect(rows[header]).toEqual(['序号', '时间', '客户名称', '类型', '事件描述']);
    expect(rows.slice(header + 1).map((r) => r[4])).toEqual(['货款逾期 30 天', '货款逾期 15 天, "再次"']);
  });

  describe('when a violation is recorded after it occurred', () => {
    test('it is in the report and the archive as of when it occurred, and absent as known before its recording', async () => {
      const name = uniqueName('北方精密');
      const id = (await as(t.clerk).post('/customers').send(archiveBody(name))).body.id as string;
      await sleep(5);
      const occurredAt = new Date().toISOString();
      await sleep(5);
      const beforeRecording = new Date().toISOString();
      await sleep(5);
      const body = { occurredAt, type: '逾期付款', description: '事后登记', reason: '补登违规' };
      expect((await as(t.clerk).post(`/customers/${id}/violations`).send(body)).status).toBe(201);
      const asOf = `asOf=${encodeURIComponent(beforeRecording)}`;
      expect(descriptions((await report(`?customerId=${id}&${asOf}`)).body.items)).toEqual(['事后登记']);
      const archive = await as(t.clerk).get(`/customers/${id}?${asOf}`);
      expect(archive.status, JSON.stringify(archive.body)).toBe(200);
      expect(archive.body.violations).toEqual([{ occurredAt, type: '逾期付款', description: '事后登记' }]);
      const known = `knownAt=${encodeURIComponent(beforeRecording)}`;
      expect((await report(`?customerId=${id}&${known}`)).body.items).toEqual([]);
      expect((await as(t.clerk).get(`/customers/${id}?${known}`)).body.violations).toEqual([]);
    });
  });
});
