import ExcelJS from 'exceljs';
import * as E from 'fp-ts/Either';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recordStaffMember } from '../../../src/app/staff/index.js';
import { storeCases } from '../../support/stores.js';
import { readCsv } from '../../exports/csvReader.js';
import { client, type GradingApp, openGradingApp } from './gradingApp.js';

/**
 * Names, not ids (issue 14 item 1): the grade summary and the grade-changes report print
 * 业务员 and the signers by the staff directory's name as of the report's time point,
 * else the name the signer's token carried, in JSON, CSV and XLSX.
 */
const period = '2026-10';
const manager = { id: 'mgr-1', name: '管理部经理', roles: ['salesAdminManager' as const] };

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe.each(storeCases)('people named in the grade reports on $name', ({ open }) => {
  let g: GradingApp;
  let as: ReturnType<typeof client>;
  const t = { clerk: '', auditor: '' };
  const ids = { named: '', unlisted: '' };
  let beforeRename = '';
  let knownBeforeRename = '';

  const listStaff = async (staffId: string, name: string, at: string) => {
    const done = await recordStaffMember({ store: g.store.store })({
      staffId,
      name,
      department: '销售部',
      title: null,
      meta: { actor: manager, at, reason: '员工名录' },
    })();
    if (E.isLeft(done)) throw new Error(done.left.message);
    await g.engine.catchUp(10_000);
  };

  const summary = (query = '') => as(t.auditor).get(`/reports/grade-summary?period=${period}${query}`);

  beforeAll(async () => {
    g = await openGradingApp(open);
    as = client(g.app);
    t.clerk = await g.token(['archiveClerk'], 'clerk-1');
    t.auditor = await g.token(['auditor'], 'auditor-1');
    ids.named = await g.register('赵氏机械有限公司', 'sp-zhaomin');
    ids.unlisted = await g.register('无名贸易公司', 'sp-unlisted');
    for (const id of [ids.named, ids.unlisted]) {
      for (const month of ['2026-07', '2026-08', '2026-09']) {
        const body = { period: month, sales: '60000.00', creditDue: '10000.00', creditPaidOnTime: '9000.00', reason: '月结' };
        expect((await as(t.clerk).post(`/customers/${id}/monthly-figures`).send(body)).status).toBe(201);
      }
    }
    expect((await as(t.clerk).post(`/grading/periods/${period}/run`).send({ reason: '月度评估' })).status).toBe(200);
    expect((await as(t.clerk).post(`/reports/grade-summary/${period}/sign-offs`).send({ step: 'prepared', reason: '编制' })).status).toBe(201);
    await listStaff('sp-zhaomin', '赵敏', '2026-01-01T00:00:00+08:00');
    await listStaff('clerk-1', '王磊', '2026-01-01T00:00:00+08:00');
    // After the run (so the rows exist), before the rename, in both times.
    beforeRename = knownBeforeRename = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await listStaff('sp-zhaomin', '赵敏华', new Date().toISOString());
  });
  afterAll(() => g.close());

  const row = (res: request.Response, id: string) => res.body.rows.find((r: { customerId: string }) => r.customerId === id);

  test('a listed salesperson’s row carries the directory’s name now; an unlisted one null', async () => {
    const res = await summary();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(row(res, ids.named)).toMatchObject({ salespersonId: 'sp-zhaomin', salespersonName: '赵敏华' });
    expect(row(res, ids.unlisted)).toMatchObject({ salespersonId: 'sp-unlisted', salespersonName: null });
  });

  test('a listed signer is named by the directory, an unlisted one by their token', async () => {
    const res = await summary();
    expect(res.body.signOffs).toEqual([expect.objectContaining({ step: 'prepared', signerId: 'clerk-1', signerName: '王磊' })]);
  });

  test('as of a time before the rename, the name of that time; as known before it, the name then on record', async () => {
    expect(row(await summary(`&asOf=${encodeURIComponent(beforeRename)}`), ids.named).salespersonName).toBe('赵敏');
    expect(row(await summary(`&knownAt=${encodeURIComponent(knownBeforeRename)}`), ids.named).salespersonName).toBe('赵敏');
  });

  test('a page of rows names its people too', async () => {
    const res = await summary('&limit=1');
    expect(res.body.rows).toHaveLength(1);
    expect(res.body.rows[0]).toHaveProperty('salespersonName');
  });

  test('the CSV prints the names under 业务员 and in the sign-off block', async () => {
    const res = await summary('&format=csv').buffer(true).parse(binary);
    const records = readCsv((res.body as Buffer).toString('utf8').replace(/^\ufeff/, ''));
    const header = records.findIndex((r) => r[0] === '序号');
    const salespersonColumn = records[header]!.indexOf('业务员');
    const printed = records.slice(header + 1).filter((r) => r.length > salespersonColumn && /^\d+$/.test(r[0]!)).map((r) => [r[1], r[salespersonColumn]]);
    expect(printed).toEqual(expect.arrayContaining([['赵氏机械有限公司', '赵敏华'], ['无名贸易公司', 'sp-unlisted']]));
    expect(records.some((r) => r[0] === '编制:' && r[1] === '王磊')).toBe(true);
  });

  test('the XLSX prints the names as of its time point', async () => {
    const res = await summary(`&format=xlsx&asOf=${encodeURIComponent(beforeRename)}`).buffer(true).parse(binary);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    const cells: string[] = [];
    workbook.worksheets[0]!.eachRow((r) => (r.values as unknown[]).forEach((v) => cells.push(v === null || v === undefined ? '' : String(v))));
    expect(cells).toContain('赵敏');
    expect(cells).not.toContain('赵敏华');
    expect(cells).toContain('王磊');
  });

  describe('the grade-changes report (升/降级)', () => {
    const changes = (query = '') => as(t.auditor).get(`/reports/grade-changes?period=${period}${query}`);

    test('its rows carry the salesperson’s name as of its time point', async () => {
      expect(row(await changes(), ids.named)).toMatchObject({ salespersonId: 'sp-zhaomin', salespersonName: '赵敏华' });
      expect(row(await changes(), ids.unlisted)).toMatchObject({ salespersonName: null });
      expect(row(await changes(`&asOf=${encodeURIComponent(beforeRename)}`), ids.named).salespersonName).toBe('赵敏');
    });

    test('the CSV and XLSX print the name under 业务员, the id when not listed', async () => {
      const csv = await changes('&format=csv').buffer(true).parse(binary);
      const records = readCsv((csv.body as Buffer).toString('utf8').replace(/^\ufeff/, ''));
      expect(records).toEqual(expect.arrayContaining([expect.arrayContaining(['赵氏机械有限公司', '赵敏华']), expect.arrayContaining(['无名贸易公司', 'sp-unlisted'])]));
      const xlsx = await changes('&format=xlsx').buffer(true).parse(binary);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body as ArrayBuffer);
      const rows: string[][] = [];
      workbook.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
      expect(rows.find((r) => r[1] === '赵氏机械有限公司')?.[2]).toBe('赵敏华');
    });
  });
});
