import ExcelJS from 'exceljs';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeCases } from '../../support/stores.js';
import { client, expectProblem, type GradingApp, openGradingApp } from './gradingApp.js';

/**
 * 升/降级 (GET /reports/grade-changes, API.md v1.1): two months graded, the review board's
 * overrides setting the letters, one customer going up, one down, one the same, one graded
 * for the first time.
 */
const previous = '2026-09';
const period = '2026-10';

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe.each(storeCases)('grade changes on $name', ({ open }) => {
  let g: GradingApp;
  let as: ReturnType<typeof client>;
  const t = { clerk: '', board: '', auditor: '', salesperson: '' };
  const ids = { up: '', down: '', same: '', fresh: '' };
  let betweenRuns = '';

  const figures = async (id: string) => {
    for (const month of ['2026-06', '2026-07', '2026-08', '2026-09']) {
      const body = { period: month, sales: '60000.00', creditDue: '10000.00', creditPaidOnTime: '9000.00', reason: '月结' };
      expect((await as(t.clerk).post(`/customers/${id}/monthly-figures`).send(body)).status).toBe(201);
    }
  };
  const run = async (p: string) => expect((await as(t.clerk).post(`/grading/periods/${p}/run`).send({ reason: '月度评估' })).status).toBe(200);
  const override = async (id: string, p: string, score: number) =>
    expect((await as(t.board).post(`/customers/${id}/score-overrides`).send({ period: p, score, reason: '评审小组' })).status).toBe(201);
  const changes = (query = '') => as(t.auditor).get(`/reports/grade-changes?period=${period}${query}`);

  beforeAll(async () => {
    g = await openGradingApp(open);
    as = client(g.app);
    t.clerk = await g.token(['archiveClerk'], 'clerk-1');
    t.board = await g.token(['reviewBoard'], 'board-1');
    t.auditor = await g.token(['auditor'], 'auditor-1');
    t.salesperson = await g.token(['salesperson'], 'sp-1');
    ids.up = await g.register('升级机械有限公司');
    ids.down = await g.register('降级贸易公司');
    ids.same = await g.register('平稳五金厂');
    for (const id of [ids.up, ids.down, ids.same]) await figures(id);
    await run(previous);
    await override(ids.up, previous, 73); // C
    await override(ids.down, previous, 92); // A
    await override(ids.same, previous, 73); // C
    await g.engine.catchUp(10_000);
    betweenRuns = new Date().toISOString();
    ids.fresh = await g.register('新评电子公司');
    await figures(ids.fresh);
    await run(period);
    await override(ids.up, period, 92); // A
    await override(ids.down, period, 73); // C
    await override(ids.same, period, 73); // C
    await override(ids.fresh, period, 73); // C
    await g.engine.catchUp(10_000);
  });
  afterAll(() => g.close());

  test('each row has this period’s grade beside the previous one’s, with the direction, in the summary’s order', async () => {
    const res = await changes();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ period, previousPeriod: previous });
    const byId = (id: string) => res.body.rows.find((r: { customerId: string }) => r.customerId === id);
    expect(byId(ids.up)).toMatchObject({ customerName: '升级机械有限公司', salespersonId: 'sp-1', previousGrade: 'C', grade: 'A', direction: 'up' });
    expect(byId(ids.down)).toMatchObject({ previousGrade: 'A', grade: 'C', direction: 'down' });
    expect(byId(ids.same)).toMatchObject({ previousGrade: 'C', grade: 'C', direction: 'same' });
    expect(byId(ids.fresh)).toMatchObject({ customerName: '新评电子公司', previousGrade: null, grade: 'C', direction: 'new' });
    const summary = await as(t.auditor).get(`/reports/grade-summary?period=${period}`);
    expect(res.body.rows.map((r: { customerId: string; no: number }) => [r.no, r.customerId])).toEqual(
      summary.body.rows.map((r: { customerId: string; no: number }) => [r.no, r.customerId]),
    );
  });

  test('asOf reads both periods as they were then: before the second run nobody is in this period', async () => {
    const res = await changes(`&asOf=${encodeURIComponent(betweenRuns)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ period, previousPeriod: previous, asOf: betweenRuns, rows: [] });
  });

  test('the CSV starts with a BOM and has the Chinese headers and the directions', async () => {
    const res = await changes('&format=csv').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent(`客户等级升降级-${period}.csv`));
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').split(/\r?\n/);
    expect(lines.some((l) => l.startsWith('序号,客户名称,业务员,上期等级,本期等级,升/降级'))).toBe(true);
    expect(lines.some((l) => /升级机械有限公司,sp-1,C,A,升级$/.test(l))).toBe(true);
    expect(lines.some((l) => /降级贸易公司,sp-1,A,C,降级$/.test(l))).toBe(true);
    expect(lines.some((l) => /平稳五金厂,sp-1,C,C,不变$/.test(l))).toBe(true);
    expect(lines.some((l) => /新评电子公司,sp-1,,C,新评$/.test(l))).toBe(true);
  });

  test('the XLSX opens with exceljs: the headers and one row per customer', async () => {
    const res = await changes('&format=xlsx').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    const rows: string[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => (v === null || v === undefined ? '' : String(v)))));
    const header = rows.findIndex((r) => r[0] === '序号');
    expect(rows[header]).toEqual(['序号', '客户名称', '业务员', '上期等级', '本期等级', '升/降级']);
    const body = rows.slice(header + 1, header + 5).map((r) => r.slice(1));
    expect(body).toEqual(
      expect.arrayContaining([
        ['升级机械有限公司', 'sp-1', 'C', 'A', '升级'],
        ['降级贸易公司', 'sp-1', 'A', 'C', '降级'],
        ['平稳五金厂', 'sp-1', 'C', 'C', '不变'],
        ['新评电子公司', 'sp-1', '', 'C', '新评'],
      ]),
    );
    expect(rows.some((r) => r[0]?.includes(period))).toBe(true);
  });

  test('a bad period or format is a 400 naming the field', async () => {
    for (const [query, path] of [
      ['period=2026-13', 'query.period'],
      ['period=2026-5', 'query.period'],
      ['', 'query.period'],
      [`period=${period}&format=pdf`, 'query.format'],
    ] as const) {
      const res = await as(t.auditor).get(`/reports/grade-changes?${query}`);
      expectProblem(res, 400, 'RequestInvalid');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
  });

  test('like the grade summary’s grades, a salesperson may not read it (403), nobody anonymous (401)', async () => {
    expectProblem(await as(t.salesperson).get(`/reports/grade-changes?period=${period}`), 403);
    expectProblem(await as().get(`/reports/grade-changes?period=${period}`), 401);
  });
});
